//! Facebook: the Page inbox under `DATA/facebook/`, in two layouts told apart by content.
//!
//! - Graph API pages of `/{page-id}/conversations?fields=messages{message,from,created_time}`: an
//!   object with `data` (conversations, each with `id` and `messages.data`) and `paging`. Pages saved
//!   one after another in one file (or a JSON array of pages, or one page per file) are read in turn,
//!   and a conversation whose messages run over several pages is one conversation. A single
//!   conversation (`/{conversation-id}?fields=messages{…}`) is read too.
//! - Meta's "Download your information" export: `messages/inbox/<thread>/message_N.json` with
//!   `participants`, `messages` (`sender_name`, `timestamp_ms`, `content`) and `thread_path`. Its
//!   strings are UTF-8 bytes written as Latin-1 code points ("Ã³" for "ó"); they are repaired. The
//!   files of one thread (message_1.json, message_2.json) are one conversation.
//!
//! Which sender is the Page: its id (Graph API) or its name (the export), from `helpdesk.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::{Channel, HelpDesk, Message, ReadProblem, Side, Thread, WrittenFormat};
use crate::model::Problem;

const NOT_FACEBOOK: &str = "no es una página de conversaciones de la Graph API ni un message_N.json \
                            de la exportación de Meta";

/// A Facebook file's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacebookLayout {
    GraphApi,
    MetaExport,
}

/// The conversations read from the Facebook files, gathered by conversation id.
#[derive(Debug, Default)]
pub struct Inbox {
    conversations: BTreeMap<String, Vec<Message>>,
}

/// Decides the layout of one parsed JSON document.
pub fn sniff_facebook(value: &Value) -> Option<FacebookLayout> {
    let object = value.as_object()?;
    let export_message =
        |m: &Value| m.get("sender_name").is_some() || m.get("timestamp_ms").is_some();
    if let Some(messages) = object.get("messages").and_then(Value::as_array)
        && object.contains_key("participants")
        && messages.iter().all(export_message)
    {
        return Some(FacebookLayout::MetaExport);
    }
    let conversation = |c: &Value| c.get("messages").and_then(|m| m.get("data")).is_some();
    if let Some(data) = object.get("data").and_then(Value::as_array)
        && data.iter().all(conversation)
    {
        return Some(FacebookLayout::GraphApi);
    }
    conversation(value).then_some(FacebookLayout::GraphApi)
}

/// Repairs text whose UTF-8 bytes were written as Latin-1 code points ("InformaciÃ³n" ->
/// "Información"). Text that is not such (a real "é", or other code points) is kept as it is.
pub fn repair_mojibake(text: &str) -> String {
    if text.is_ascii() || text.chars().any(|c| c as u32 > 0xFF) {
        return text.to_string();
    }
    let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

impl Inbox {
    /// Reads one file of `DATA/facebook/`. Problems with single conversations or messages are returned
    /// beside the messages read; a file with nothing readable is an error.
    pub fn read_file(
        &mut self,
        path: &Path,
        desk: &HelpDesk,
    ) -> Result<Vec<ReadProblem>, ReadProblem> {
        let whole = |line: Option<usize>, code: Problem, reason: String| ReadProblem {
            path: path.to_path_buf(),
            line,
            code,
            reason,
            whole_file: true,
        };
        let bytes = std::fs::read(path)
            .map_err(|e| whole(None, Problem::Unreadable, format!("no se pudo leer: {e}")))?;
        let text = crate::input::decode(&bytes);
        if text.trim().is_empty() {
            return Err(whole(None, Problem::Empty, "archivo vacío".into()));
        }
        let mut problems = Vec::new();
        let mut documents = 0;
        let mut recognised = 0;
        let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<Value>();
        loop {
            let offset = stream.byte_offset();
            let value = match stream.next() {
                None => break,
                Some(Ok(value)) => value,
                Some(Err(e)) if documents == 0 => {
                    return Err(whole(
                        Some(e.line()),
                        Problem::Malformed,
                        format!("no es JSON: {e}"),
                    ));
                }
                Some(Err(e)) => {
                    problems.push(problem(
                        path,
                        e.line(),
                        Problem::Malformed,
                        &format!("el resto del archivo no es JSON: {e}"),
                    ));
                    break;
                }
            };
            documents += 1;
            let line = text[..offset.min(text.len())].matches('\n').count() + 1;
            let pages: Vec<Value> = match value {
                Value::Array(pages) => pages,
                other => vec![other],
            };
            for page in pages {
                match sniff_facebook(&page) {
                    Some(FacebookLayout::GraphApi) => {
                        recognised += 1;
                        self.read_graph_page(&page, path, line, desk, &mut problems)
                    }
                    Some(FacebookLayout::MetaExport) => {
                        recognised += 1;
                        self.read_export(&page, path, line, desk, &mut problems)
                    }
                    None => problems.push(problem(path, line, Problem::NotMessage, NOT_FACEBOOK)),
                }
            }
        }
        if recognised == 0 {
            return Err(whole(Some(1), Problem::NotMessage, NOT_FACEBOOK.into()));
        }
        Ok(problems)
    }

    fn read_graph_page(
        &mut self,
        page: &Value,
        path: &Path,
        line: usize,
        desk: &HelpDesk,
        problems: &mut Vec<ReadProblem>,
    ) {
        let conversations: Vec<&Value> = match page.get("data").and_then(Value::as_array) {
            Some(list) => list.iter().collect(),
            None => vec![page],
        };
        for conversation in conversations {
            let Some(id) = conversation.get("id").and_then(Value::as_str) else {
                problems.push(problem(
                    path,
                    line,
                    Problem::Malformed,
                    "una conversación sin «id»",
                ));
                continue;
            };
            let messages = conversation
                .get("messages")
                .and_then(|m| m.get("data"))
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for (n, m) in messages.iter().enumerate() {
                let text = m.get("message").and_then(Value::as_str).unwrap_or_default();
                let from = m.get("from");
                let from_id = from
                    .and_then(|f| f.get("id"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let from_name = from
                    .and_then(|f| f.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let Some(sent_at) = m
                    .get("created_time")
                    .and_then(Value::as_str)
                    .and_then(parse_graph_time)
                else {
                    problems.push(problem(
                        path,
                        line,
                        Problem::BadTime,
                        &format!(
                            "conversación {id}, mensaje {}: sin created_time válido",
                            n + 1
                        ),
                    ));
                    continue;
                };
                if text.trim().is_empty() {
                    continue;
                }
                let side = if desk.is_page(from_id, from_name) {
                    Side::HelpDesk
                } else {
                    Side::User
                };
                let message_id = m.get("id").and_then(Value::as_str).map_or_else(
                    || format!("{id}#{}", sent_at.as_millisecond()),
                    str::to_string,
                );
                self.conversations
                    .entry(id.to_string())
                    .or_default()
                    .push(Message {
                        id: message_id,
                        sent_at,
                        side,
                        from_name: from_name.to_string(),
                        from_address: from_id.to_string(),
                        to_address: String::new(),
                        subject: String::new(),
                        text: text.trim().to_string(),
                        source_file: path.to_path_buf(),
                        line: Some(line),
                        format: WrittenFormat::GraphApi,
                        in_reply_to: Vec::new(),
                        references: Vec::new(),
                    });
            }
        }
    }

    fn read_export(
        &mut self,
        export: &Value,
        path: &Path,
        line: usize,
        desk: &HelpDesk,
        problems: &mut Vec<ReadProblem>,
    ) {
        let key = export
            .get("thread_path")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| {
                path.parent()
                    .and_then(|p| p.file_name())
                    .map(|n| format!("inbox/{}", n.to_string_lossy()))
            })
            .unwrap_or_else(|| path.display().to_string());
        let messages = export
            .get("messages")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (n, m) in messages.iter().enumerate() {
            let Some(ms) = m.get("timestamp_ms").and_then(Value::as_i64) else {
                problems.push(problem(
                    path,
                    line,
                    Problem::BadTime,
                    &format!("mensaje {}: sin timestamp_ms", n + 1),
                ));
                continue;
            };
            let Ok(sent_at) = jiff::Timestamp::from_millisecond(ms) else {
                problems.push(problem(
                    path,
                    line,
                    Problem::BadTime,
                    &format!("mensaje {}: timestamp_ms fuera de rango", n + 1),
                ));
                continue;
            };
            let text =
                repair_mojibake(m.get("content").and_then(Value::as_str).unwrap_or_default());
            if text.trim().is_empty() {
                continue;
            }
            let sender = repair_mojibake(
                m.get("sender_name")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
            );
            let side = if desk.is_page("", &sender) {
                Side::HelpDesk
            } else {
                Side::User
            };
            self.conversations
                .entry(key.clone())
                .or_default()
                .push(Message {
                    id: format!("{key}#{ms}#{}", crate::text::fold(&sender)),
                    sent_at,
                    side,
                    from_address: sender.clone(),
                    from_name: sender,
                    to_address: String::new(),
                    subject: String::new(),
                    text: text.trim().to_string(),
                    source_file: path.to_path_buf(),
                    line: Some(line),
                    format: WrittenFormat::MetaExport,
                    in_reply_to: Vec::new(),
                    references: Vec::new(),
                });
        }
    }

    /// The conversations, each in time order (a message seen on two pages counts once), by id.
    pub fn into_threads(self) -> Vec<Thread> {
        self.conversations
            .into_iter()
            .map(|(key, mut messages)| {
                messages.sort_by(|a, b| (a.sent_at, &a.id).cmp(&(b.sent_at, &b.id)));
                messages.dedup_by(|a, b| a.id == b.id);
                Thread {
                    channel: Channel::Facebook,
                    key,
                    messages,
                }
            })
            .filter(|t| !t.messages.is_empty())
            .collect()
    }
}

fn problem(path: &Path, line: usize, code: Problem, reason: &str) -> ReadProblem {
    ReadProblem {
        path: path.to_path_buf(),
        line: Some(line),
        code,
        reason: reason.to_string(),
        whole_file: false,
    }
}

/// Graph API times: `2026-11-05T15:04:11+0000` (also with `Z` or `+00:00`).
fn parse_graph_time(text: &str) -> Option<jiff::Timestamp> {
    text.parse::<jiff::Timestamp>()
        .ok()
        .or_else(|| jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%z", text).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desk() -> HelpDesk {
        HelpDesk::parse("[facebook]\npage_ids = [\"900\"]\npage_names = [\"SIAGIE - MINEDU\"]\n")
            .unwrap()
    }

    #[test]
    fn mojibake_is_repaired_and_good_text_kept() {
        assert_eq!(
            repair_mojibake("InformaciÃ³n del Ã±iÃ±o"),
            "Información del ñiño"
        );
        assert_eq!(repair_mojibake("Â¿quÃ© hago?"), "¿qué hago?");
        assert_eq!(repair_mojibake("Información"), "Información");
        assert_eq!(repair_mojibake("ya está 👍"), "ya está 👍");
        assert_eq!(repair_mojibake("plain"), "plain");
    }

    #[test]
    fn graph_pages_one_after_another_make_one_conversation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conversations.json");
        std::fs::write(
            &path,
            r#"{"data":[{"id":"t_1","messages":{"data":[
                {"id":"m_2","created_time":"2026-11-05T16:00:00+0000","from":{"id":"900","name":"SIAGIE - MINEDU"},"message":"Buenas tardes"}]}}],
               "paging":{"next":"https://example.invalid/next"}}
            {"data":[{"id":"t_1","messages":{"data":[
                {"id":"m_1","created_time":"2026-11-05T15:00:00+0000","from":{"id":"77","name":"Ana"},"message":"Hola, mi clave"},
                {"id":"m_2","created_time":"2026-11-05T16:00:00+0000","from":{"id":"900","name":"SIAGIE - MINEDU"},"message":"Buenas tardes"}]}}]}"#,
        )
        .unwrap();
        let mut inbox = Inbox::default();
        let problems = inbox.read_file(&path, &desk()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let threads = inbox.into_threads();
        assert_eq!(threads.len(), 1);
        let t = &threads[0];
        assert_eq!(t.messages.len(), 2);
        assert_eq!(t.messages[0].side, Side::User);
        assert_eq!(t.messages[1].side, Side::HelpDesk);
        assert_eq!(t.messages[1].line, Some(1));
    }

    #[test]
    fn meta_export_is_read_and_repaired() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("messages/inbox/anaperez_123");
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("message_1.json");
        std::fs::write(
            &path,
            r#"{"participants":[{"name":"Ana P\u00c3\u00a9rez"},{"name":"SIAGIE - MINEDU"}],
               "messages":[{"sender_name":"SIAGIE - MINEDU","timestamp_ms":1793977200000,"content":"Estimado usuario: s\u00c3\u00ad"},
                           {"sender_name":"Ana P\u00c3\u00a9rez","timestamp_ms":1793973600000,"content":"\u00c2\u00bfC\u00c3\u00b3mo?"}],
               "title":"Ana P\u00c3\u00a9rez","thread_path":"inbox/anaperez_123"}"#,
        )
        .unwrap();
        let mut inbox = Inbox::default();
        assert!(inbox.read_file(&path, &desk()).unwrap().is_empty());
        let threads = inbox.into_threads();
        assert_eq!(threads[0].key, "inbox/anaperez_123");
        assert_eq!(threads[0].messages[0].text, "¿Cómo?");
        assert_eq!(threads[0].messages[0].from_name, "Ana Pérez");
        assert_eq!(threads[0].messages[1].side, Side::HelpDesk);
        assert_eq!(threads[0].messages[1].text, "Estimado usuario: sí");
    }

    #[test]
    fn other_json_is_rejected_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        std::fs::write(&path, r#"{"segments": []}"#).unwrap();
        let err = Inbox::default().read_file(&path, &desk()).unwrap_err();
        assert!(err.reason.contains("Graph API"), "{}", err.reason);
        assert_eq!(err.code, Problem::NotMessage);
        std::fs::write(&path, "{ broken").unwrap();
        let err = Inbox::default().read_file(&path, &desk()).unwrap_err();
        assert!(err.reason.starts_with("no es JSON"), "{}", err.reason);
    }
}
