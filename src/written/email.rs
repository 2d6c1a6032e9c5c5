//! E-mail: `.eml` files and mbox mailboxes (Thunderbird, Gmail Takeout) under `DATA/email/`, told apart
//! by content (a mailbox starts with a `From ` line, a message with header fields), whatever their
//! names. MIME (multipart, quoted-printable, base64, declared charsets, encoded words) is mail-parser's
//! job; this file adds what it leaves to the caller:
//!
//! - a text part without a declared charset whose bytes are not UTF-8 is read as Windows-1252 (what
//!   Outlook and old webmail send), where mail-parser would put replacement characters;
//! - an HTML-only message loses its quoted history (`<blockquote>`, Gmail's `gmail_quote`, Outlook's
//!   reply header) before it becomes text;
//! - the quoted history of a text body is cut (`El … escribió:`, `On … wrote:`, `-----Mensaje
//!   original-----`, Outlook's `De: … Enviado: …` block, lines starting with `>`), so neither the
//!   user's earlier words nor the text a reply quotes are scored as the writer's own;
//! - threads: messages joined by Message-ID / In-Reply-To / References, and a message that names no
//!   known message joins the latest earlier one with the same subject (without `Re:`, `RV:`, …) and the
//!   same user.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::LazyLock;

use mail_parser::{MessageParser, MimeHeaders, PartType};
use regex::Regex;

use super::{Channel, HelpDesk, Message, ReadProblem, Side, Thread, WrittenFormat};
use crate::model::Problem;

/// How an e-mail file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailLayout {
    Message,
    Mailbox,
}

/// Header names that start a message file (any of them in the first lines makes it one).
const HEADER_NAMES: &[&str] = &[
    "from",
    "to",
    "date",
    "subject",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "delivered-to",
    "reply-to",
    "in-reply-to",
    "references",
    "x-mozilla-status",
    "x-gm-thrid",
    "content-type",
    "x-gmail-labels",
    "cc",
];

/// Decides by content whether `bytes` are one message, a mailbox, or neither.
pub fn sniff_email(bytes: &[u8]) -> Option<EmailLayout> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    if bytes.starts_with(b"From ") {
        return Some(EmailLayout::Mailbox);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let mut known = 0;
    for line in head.lines().take(40) {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return None;
        };
        if name.is_empty() || name.contains(' ') {
            return None;
        }
        if HEADER_NAMES.contains(&name.to_ascii_lowercase().as_str()) {
            known += 1;
        }
    }
    (known >= 2).then_some(EmailLayout::Message)
}

/// Reads one file of `DATA/email/`: its messages, and the messages of it that could not be read.
pub fn read_email_file(
    path: &Path,
    desk: &HelpDesk,
) -> Result<(Vec<Message>, Vec<ReadProblem>), ReadProblem> {
    let whole = |code: Problem, reason: String| ReadProblem {
        path: path.to_path_buf(),
        line: None,
        code,
        reason,
        whole_file: true,
    };
    let bytes = std::fs::read(path)
        .map_err(|e| whole(Problem::Unreadable, format!("no se pudo leer: {e}")))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(whole(Problem::Empty, "archivo vacío".into()));
    }
    let layout = sniff_email(&bytes).ok_or_else(|| {
        whole(
            Problem::NotMessage,
            "no es un mensaje de correo (.eml) ni un buzón mbox: no empieza con campos de \
             cabecera ni con una línea «From »"
                .into(),
        )
    })?;
    let mut messages = Vec::new();
    let mut problems = Vec::new();
    let parts = match layout {
        EmailLayout::Message => vec![(1, bytes)],
        EmailLayout::Mailbox => split_mbox(&bytes),
    };
    let format = match layout {
        EmailLayout::Message => WrittenFormat::Eml,
        EmailLayout::Mailbox => WrittenFormat::Mbox,
    };
    for (line, raw) in parts {
        match parse_message(&raw, desk) {
            Ok(mut message) => {
                if message.id.is_empty() {
                    message.id = format!("{}#{line}", path.display());
                }
                message.source_file = path.to_path_buf();
                message.line = (layout == EmailLayout::Mailbox).then_some(line);
                message.format = format;
                messages.push(message);
            }
            Err((code, reason)) => problems.push(ReadProblem {
                path: path.to_path_buf(),
                line: Some(line),
                code,
                reason,
                whole_file: layout == EmailLayout::Message,
            }),
        }
    }
    if messages.is_empty() && problems.is_empty() {
        return Err(whole(Problem::Empty, "buzón mbox sin mensajes".into()));
    }
    Ok((messages, problems))
}

/// An mbox mailbox -> (1-based line of each `From ` separator, the message's bytes). `>From ` lines
/// (mboxrd and mboxo quoting) lose one `>`.
pub fn split_mbox(bytes: &[u8]) -> Vec<(usize, Vec<u8>)> {
    let mut messages: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut previous_blank = true;
    for (index, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.starts_with(b"From ") && (previous_blank || messages.is_empty()) {
            messages.push((index + 1, Vec::new()));
            previous_blank = false;
            continue;
        }
        previous_blank = content.is_empty();
        let Some((_, body)) = messages.last_mut() else {
            continue;
        };
        let quoted = content.iter().take_while(|b| **b == b'>').count();
        if quoted > 0 && content[quoted..].starts_with(b"From ") {
            body.extend_from_slice(&line[1..]);
        } else {
            body.extend_from_slice(line);
        }
    }
    messages
}

/// One message's bytes -> a `Message` (without its file and line, which the caller sets).
pub fn parse_message(raw: &[u8], desk: &HelpDesk) -> Result<Message, (Problem, String)> {
    let parsed = MessageParser::default().parse(raw).ok_or((
        Problem::Malformed,
        "no es un mensaje de correo legible".to_string(),
    ))?;
    let sent_at = parsed
        .date()
        .and_then(|d| jiff::Timestamp::from_second(d.to_timestamp()).ok())
        .ok_or((Problem::BadTime, "sin fecha (Date) válida".to_string()))?;
    let from = parsed.from().and_then(|a| a.first());
    let from_address = from
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_lowercase();
    if from_address.is_empty() {
        return Err((
            Problem::Malformed,
            "sin dirección de remitente (From)".into(),
        ));
    }
    let from_name = from.and_then(|a| a.name()).unwrap_or_default().to_string();
    let to_address = parsed
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_lowercase();
    let ids = |value: &mail_parser::HeaderValue| -> Vec<String> {
        match value {
            mail_parser::HeaderValue::Text(t) => vec![clean_id(t)],
            mail_parser::HeaderValue::TextList(list) => list.iter().map(|t| clean_id(t)).collect(),
            _ => Vec::new(),
        }
    };
    let side = if desk.is_help_desk_address(&from_address) {
        Side::HelpDesk
    } else {
        Side::User
    };
    Ok(Message {
        id: parsed.message_id().map(clean_id).unwrap_or_default(),
        sent_at,
        side,
        from_name,
        from_address,
        to_address,
        subject: parsed.subject().unwrap_or_default().trim().to_string(),
        text: strip_quoted(&body_text(&parsed)),
        source_file: Default::default(),
        line: None,
        format: WrittenFormat::Eml,
        in_reply_to: ids(parsed.in_reply_to()),
        references: ids(parsed.references()),
    })
}

fn clean_id(id: &str) -> String {
    id.trim().trim_matches(['<', '>']).to_string()
}

/// The message's first text body: text/plain when there is one, else the HTML body without its quoted
/// history, as text. A part without a declared charset that is not UTF-8 is read as Windows-1252.
fn body_text(message: &mail_parser::Message) -> String {
    let Some(part) = message.text_part(0).or_else(|| message.html_part(0)) else {
        return String::new();
    };
    let undeclared = part
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .is_none();
    let text: String = match &part.body {
        PartType::Text(text) | PartType::Html(text) if undeclared && text.contains('\u{FFFD}') => {
            windows_1252_body(message, part).unwrap_or_else(|| text.to_string())
        }
        PartType::Text(text) | PartType::Html(text) => text.to_string(),
        _ => String::new(),
    };
    if matches!(part.body, PartType::Html(_)) {
        html_to_text(&text)
    } else {
        text
    }
}

/// A part's body decoded again from its raw bytes (transfer encoding undone) as Windows-1252.
fn windows_1252_body(
    message: &mail_parser::Message,
    part: &mail_parser::MessagePart,
) -> Option<String> {
    let raw = message
        .raw_message()
        .get(part.raw_body_offset() as usize..part.raw_end_offset() as usize)?;
    let encoding = part
        .content_transfer_encoding()
        .unwrap_or("8bit")
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "quoted-printable" => {
            mail_parser::decoders::quoted_printable::quoted_printable_decode(raw)?
        }
        "base64" => mail_parser::decoders::base64::base64_decode(raw)?,
        _ => raw.to_vec(),
    };
    Some(
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(&bytes)
            .0
            .into_owned(),
    )
}

static HTML_QUOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<blockquote\b.*|<div[^>]*class="?[^">]*(gmail_quote|moz-cite-prefix|yahoo_quoted)[^>]*>.*|<div[^>]*id="?(divRplyFwdMsg|appendonsend)[^>]*>.*"#,
    )
    .expect("static pattern")
});

/// HTML -> text without the quoted history (everything from the first quote block on).
pub fn html_to_text(html: &str) -> String {
    let own = HTML_QUOTE.replace(html, "");
    // Paragraphs and divisions end lines, as a mail client shows them.
    static BLOCK_END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)</(p|div|li|tr|h[1-6])>").expect("static pattern"));
    let own = BLOCK_END.replace_all(&own, "$0<br>");
    mail_parser::decoders::html::html_to_text(&own)
}

static REPLY_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(escribi[óo]|wrote|a [ée]crit)\s*:\s*$").expect("static pattern")
});
static ORIGINAL_MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*-{2,}\s*(mensaje original|original message|mensaje reenviado|forwarded message)",
    )
    .expect("static pattern")
});
static HEADER_BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\*?(de|from)\s*:\*?\s").expect("static pattern"));
static HEADER_BLOCK_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*?(enviado|sent|fecha|date|para|to)\s*:").expect("static pattern")
});

/// The writer's own words: the text up to the quoted history, without `>` lines, trimmed.
pub fn strip_quoted(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let reply_header = REPLY_HEADER.is_match(trimmed)
            && (starts_reply_header(trimmed)
                || (i > 0 && starts_reply_header(lines[i - 1].trim())));
        if reply_header {
            end = if starts_reply_header(trimmed) {
                i
            } else {
                i - 1
            };
            break;
        }
        if ORIGINAL_MESSAGE.is_match(trimmed) {
            end = i;
            break;
        }
        if trimmed.chars().all(|c| c == '_') && trimmed.len() >= 10 {
            end = i;
            break;
        }
        if HEADER_BLOCK.is_match(trimmed)
            && lines[i + 1..]
                .iter()
                .take(4)
                .any(|l| HEADER_BLOCK_NEXT.is_match(l.trim()))
        {
            end = i;
            break;
        }
    }
    let own: Vec<&str> = lines[..end]
        .iter()
        .filter(|l| !l.trim_start().starts_with('>'))
        .map(|l| l.trim_end())
        .collect();
    own.join("\n").trim().to_string()
}

fn starts_reply_header(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.starts_with("el ") || lower.starts_with("on ") || lower.starts_with("le ")
}

/// A subject without reply and forward prefixes (`Re:`, `RE:`, `RV:`, `Fwd:`, `Rpta:`), folded.
pub fn base_subject(subject: &str) -> String {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*((re|rv|fw|fwd|rpta|res|resp|aw|tr)\s*(\[\d+\])?\s*:\s*)+")
            .expect("static pattern")
    });
    crate::text::fold(&PREFIX.replace(subject, ""))
}

/// Messages -> threads, each in time order, threads by their first message's time.
pub fn thread_emails(mut messages: Vec<Message>) -> Vec<Thread> {
    messages.sort_by(|a, b| {
        (a.sent_at, &a.source_file, a.line, &a.id).cmp(&(b.sent_at, &b.source_file, b.line, &b.id))
    });
    // The same message read twice (a loose copy of a mailbox message) counts once.
    let mut seen = std::collections::HashSet::new();
    messages.retain(|m| seen.insert(m.id.clone()));
    let index: HashMap<&str, usize> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut parent: Vec<usize> = (0..messages.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    // By subject and user: the latest message so far for each key.
    let mut by_subject: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (i, message) in messages.iter().enumerate() {
        let mut linked = false;
        for id in message.in_reply_to.iter().chain(&message.references) {
            if let Some(&j) = index.get(id.as_str())
                && j != i
            {
                union(&mut parent, i, j);
                linked = true;
            }
        }
        let user = match message.side {
            Side::User => message.from_address.clone(),
            Side::HelpDesk => message.to_address.clone(),
        };
        let key = (base_subject(&message.subject), user);
        // Only a reply falls back on the subject: a user's new message with an old subject
        // ("Consulta") starts a new thread.
        let is_reply =
            message.side == Side::HelpDesk || key.0 != crate::text::fold(message.subject.trim());
        if !linked
            && is_reply
            && let Some(&j) = by_subject.get(&key)
        {
            union(&mut parent, i, j);
        }
        by_subject.insert(key, i);
    }
    let mut groups: BTreeMap<usize, Vec<Message>> = BTreeMap::new();
    for i in 0..messages.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(messages[i].clone());
    }
    groups
        .into_values()
        .map(|messages| Thread {
            channel: Channel::Email,
            key: messages[0].id.clone(),
            messages,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desk() -> HelpDesk {
        HelpDesk::parse("[email]\naddresses = [\"mesadeayuda@minedu.gob.pe\"]\n").unwrap()
    }

    #[test]
    fn sniffs_messages_and_mailboxes_by_content() {
        assert_eq!(
            sniff_email(b"From: a@b.pe\nSubject: x\n\nHola"),
            Some(EmailLayout::Message)
        );
        assert_eq!(
            sniff_email(b"From 1784@xxx Thu Nov 05 10:00:00 2026\nFrom: a@b.pe\n"),
            Some(EmailLayout::Mailbox)
        );
        assert_eq!(
            sniff_email(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHola"),
            None
        );
        assert_eq!(sniff_email(b"{\"data\": []}"), None);
    }

    #[test]
    fn mbox_split_gives_lines_and_unquotes_from() {
        let mbox = b"From a@b Thu Nov  5 10:00:00 2026\nSubject: 1\n\n>From here\n\nFrom c@d Thu Nov  5 11:00:00 2026\nSubject: 2\n\nx\n";
        let parts = split_mbox(mbox);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].0, 1);
        assert_eq!(parts[1].0, 6);
        assert!(String::from_utf8_lossy(&parts[0].1).contains("\nFrom here\n"));
    }

    #[test]
    fn quoted_history_is_cut() {
        let text = "Buenos días:\nSu clave fue restablecida.\n\nEl jue, 5 nov 2026 a las 10:12, Juan Pérez <\njuan@gmail.com> escribió:\n> No puedo entrar\n";
        assert_eq!(
            strip_quoted(text),
            "Buenos días:\nSu clave fue restablecida."
        );
        let outlook = "Gracias.\n\n________________________________\nDe: Mesa de Ayuda\nEnviado: jueves\nAsunto: x\nBuenos días";
        assert_eq!(strip_quoted(outlook), "Gracias.");
        let header_block =
            "Listo.\nDe: Mesa de Ayuda <m@x.pe>\nFecha: 5 nov\nPara: yo\n\nTexto viejo";
        assert_eq!(strip_quoted(header_block), "Listo.");
        let inline = "> pregunta\nrespuesta\n> otra\notra respuesta";
        assert_eq!(strip_quoted(inline), "respuesta\notra respuesta");
        let original = "Ok\n-----Mensaje original-----\nDe: x";
        assert_eq!(strip_quoted(original), "Ok");
    }

    #[test]
    fn undeclared_windows_1252_is_read_as_such() {
        let raw = b"From: Ana <ana@gmail.com>\r\nTo: mesadeayuda@minedu.gob.pe\r\nDate: Thu, 5 Nov 2026 10:00:00 -0500\r\nSubject: clave\r\nMessage-ID: <a1@gmail.com>\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\nNo s\xe9 mi contrase\xf1a, \xbfqu\xe9 hago?\r\n";
        let message = parse_message(raw, &desk()).unwrap();
        assert_eq!(message.text, "No sé mi contraseña, ¿qué hago?");
        assert_eq!(message.side, Side::User);
        assert_eq!(message.id, "a1@gmail.com");
    }

    #[test]
    fn html_only_bodies_become_text_without_their_quotes() {
        let raw = "From: Mesa <mesadeayuda@minedu.gob.pe>\r\nTo: ana@gmail.com\r\nDate: Thu, 5 Nov 2026 11:00:00 -0500\r\nSubject: Re: clave\r\nMessage-ID: <r1@minedu.gob.pe>\r\nIn-Reply-To: <a1@gmail.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Buenos d&iacute;as</p><p>Su clave fue <b>restablecida</b>.</p><div class=\"gmail_quote\">El jue escribi&oacute;:<blockquote>No s&eacute;</blockquote></div></body></html>\r\n";
        let message = parse_message(raw.as_bytes(), &desk()).unwrap();
        assert_eq!(message.side, Side::HelpDesk);
        assert!(message.text.contains("Buenos días"), "{}", message.text);
        assert!(message.text.contains("restablecida"), "{}", message.text);
        assert!(!message.text.contains("No sé"), "{}", message.text);
        assert_eq!(message.in_reply_to, vec!["a1@gmail.com".to_string()]);
    }

    #[test]
    fn threads_by_headers_then_by_subject() {
        let make = |id: &str, at: &str, side: Side, subject: &str, reply_to: &[&str]| Message {
            id: id.into(),
            sent_at: at.parse().unwrap(),
            side,
            from_name: String::new(),
            from_address: if side == Side::User {
                "u@x.pe".into()
            } else {
                "m@x.pe".into()
            },
            to_address: if side == Side::User {
                "m@x.pe".into()
            } else {
                "u@x.pe".into()
            },
            subject: subject.into(),
            text: String::new(),
            source_file: Default::default(),
            line: None,
            format: WrittenFormat::Eml,
            in_reply_to: reply_to.iter().map(|s| s.to_string()).collect(),
            references: Vec::new(),
        };
        let threads = thread_emails(vec![
            make("a", "2026-11-05T15:00:00Z", Side::User, "Clave", &[]),
            make(
                "b",
                "2026-11-05T16:00:00Z",
                Side::HelpDesk,
                "RE: Clave",
                &["a"],
            ),
            // No headers: joins by subject and user.
            make("c", "2026-11-06T15:00:00Z", Side::User, "Re: clave", &[]),
            make("d", "2026-11-06T15:30:00Z", Side::User, "Notas", &[]),
        ]);
        assert_eq!(threads.len(), 2);
        let ids: Vec<&str> = threads[0].messages.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(threads[0].key, "a");
        assert_eq!(threads[1].key, "d");
    }
}
