//! What the JSON formats share: turning a JS module (`export const data = {...};`, trailing commas)
//! into JSON without moving any line, parsing with serde_json so that syntax errors carry their line,
//! a pointer -> line index so that errors found after parsing (a negative time in segment 12) and each
//! turn can name their line too, times given as numbers or numeric strings, and sniffing by keys.

use std::borrow::Cow;
use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use serde_json::value::RawValue;

use super::ParseError;
use crate::model::Format;

/// A parsed JSON document with the line on which each value starts.
pub(super) struct Doc {
    pub value: Value,
    lines: FxHashMap<String, usize>,
}

impl Doc {
    pub fn parse(text: &str) -> Result<Doc, ParseError> {
        let text = to_json_text(text);
        let value = serde_json::from_str(&text).map_err(syntax_error)?;
        Ok(Doc {
            value,
            lines: line_index(&text),
        })
    }

    /// The 1-based line where the value at `pointer` (`/segments/3/start`) starts.
    pub fn line(&self, pointer: &str) -> Option<usize> {
        self.lines.get(pointer).copied()
    }

    /// The line of `pointer`, falling back to its parent's line when the key itself is absent.
    pub fn line_or_parent(&self, pointer: &str, parent: &str) -> Option<usize> {
        self.line(pointer).or_else(|| self.line(parent))
    }
}

/// A serde_json error as a ParseError with its line (serde_json counts lines from 1), its message in
/// Spanish (`json_error.rs`) and its column.
pub(super) fn syntax_error(e: serde_json::Error) -> ParseError {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message.as_str(),
    };
    let line = (e.line() > 0).then_some(e.line());
    let column = if e.line() > 0 {
        format!(" (columna {})", e.column())
    } else {
        String::new()
    };
    let what = if e.is_syntax() || e.is_eof() {
        "JSON inválido"
    } else {
        "contenido JSON inesperado"
    };
    ParseError::at(
        line,
        format!("{what}: {}{column}", super::json_error::spanish(message)),
    )
}

/// A time in seconds given as a JSON number or a numeric string (`"12.8"`); absent or null -> None.
pub(super) fn seconds(
    value: Option<&Value>,
    line: Option<usize>,
    what: &str,
) -> Result<Option<f64>, ParseError> {
    let seconds = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    match seconds {
        Some(t) => {
            super::check_time(Some(t), line, what)?;
            Ok(Some(t))
        }
        None => Err(ParseError::time(
            line,
            format!("`{what}` debe ser un número (o un número entre comillas)"),
        )),
    }
}

/// A string field; absent or null -> None, any other type is an error.
pub(super) fn string<'a>(
    value: Option<&'a Value>,
    line: Option<usize>,
    what: &str,
) -> Result<Option<&'a str>, ParseError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ParseError::at(
            line,
            format!("`{what}` debe ser un texto entre comillas"),
        )),
    }
}

/// An array field; absent or null -> empty, any other type is an error.
pub(super) fn array<'a>(
    value: Option<&'a Value>,
    line: Option<usize>,
    what: &str,
) -> Result<&'a [Value], ParseError> {
    match value {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(ParseError::at(
            line,
            format!("`{what}` debe ser una lista (`[...]`)"),
        )),
    }
}

/// True when the text is JSON or a JS module holding it.
pub(super) fn looks_like_json(body: &str) -> bool {
    body.starts_with('{') || body.starts_with('[') || JS_PREFIX.is_match(body)
}

/// Which JSON transcript format the text is, by its keys. Invalid (e.g. truncated) JSON is classified
/// by the keys it mentions, so that the parser can report the line of the syntax error.
pub(super) fn sniff(body: &str) -> Option<Format> {
    let text = to_json_text(body);
    // Only the top two levels' keys matter: values stay unparsed (`RawValue`), so a long call's words
    // are scanned once here and parsed once by the format's reader.
    if let Ok(map) = serde_json::from_str::<HashMap<&str, &RawValue>>(&text) {
        return classify_object(&map);
    }
    if let Ok(items) = serde_json::from_str::<Vec<HashMap<&str, &RawValue>>>(&text) {
        let is_segment = |v: &HashMap<&str, &RawValue>| {
            v.contains_key("text") && (v.contains_key("start") || v.contains_key("end"))
        };
        return (!items.is_empty() && items.iter().all(is_segment)).then_some(Format::WhisperX);
    }
    if serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok() {
        return None; // valid JSON of another shape
    }
    classify_by_keys(&text)
}

fn classify_object(map: &HashMap<&str, &RawValue>) -> Option<Format> {
    let starts = |key: &str, c: char| map.get(key).is_some_and(|v| v.get().starts_with(c));
    let format = map
        .get("format")
        .and_then(|v| serde_json::from_str::<&str>(v.get()).ok());
    if format == Some(super::native::FORMAT_NAME) {
        Some(Format::Native)
    } else if starts("Transcript", '[') || map.contains_key("ConversationCharacteristics") {
        Some(Format::CallAnalytics)
    } else if map
        .get("results")
        .and_then(|r| serde_json::from_str::<HashMap<&str, &RawValue>>(r.get()).ok())
        .is_some_and(|r| {
            ["items", "speaker_labels", "channel_labels", "transcripts"]
                .iter()
                .any(|k| r.contains_key(*k))
        })
    {
        Some(Format::Transcribe)
    } else if starts("segments", '[') {
        Some(Format::WhisperX)
    } else {
        None
    }
}

fn classify_by_keys(text: &str) -> Option<Format> {
    let has = |key: &str| text.contains(key);
    if has("\"callqa-transcript\"") {
        Some(Format::Native)
    } else if has("\"ParticipantRole\"") || has("\"ConversationCharacteristics\"") {
        Some(Format::CallAnalytics)
    } else if has("\"results\"")
        && (has("\"items\"") || has("\"speaker_labels\"") || has("\"transcripts\""))
    {
        Some(Format::Transcribe)
    } else if has("\"segments\"") {
        Some(Format::WhisperX)
    } else {
        None
    }
}

static JS_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:export\s+default\s+|export\s+(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*=\s*|module\.exports\s*=\s*|(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*=\s*)",
    )
    .expect("constant regex")
});

/// JSON text from JSON or from a JS module: the `export const x =` / `module.exports =` prefix, a final
/// `;`, comments and trailing commas outside strings become spaces, so every line keeps its number.
pub(super) fn to_json_text(text: &str) -> Cow<'_, str> {
    let start = text.len() - text.trim_start().len();
    let Some(prefix) = JS_PREFIX.find(&text[start..]) else {
        return Cow::Borrowed(text);
    };
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes[start..start + prefix.end()] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
    blank_js_syntax(&mut bytes, start + prefix.end());
    if let Some(last) = bytes.iter().rposition(|b| !b.is_ascii_whitespace())
        && bytes[last] == b';'
    {
        bytes[last] = b' ';
    }
    // Only ASCII bytes were replaced by ASCII spaces, so the text is still UTF-8.
    Cow::Owned(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

/// Replace comments, then trailing commas (a `,` followed only by whitespace before `}` or `]`),
/// outside strings with spaces.
fn blank_js_syntax(bytes: &mut [u8], from: usize) {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    bytes[i] = b' ';
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = find_from(bytes, i + 2, b"*/").map_or(bytes.len(), |e| e + 2);
                // Every byte of the comment goes, so no character is cut in half.
                for b in &mut bytes[i..end] {
                    if *b != b'\n' {
                        *b = b' ';
                    }
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b',' => {
                let next = bytes[i + 1..]
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .map(|p| bytes[i + 1 + p]);
                if matches!(next, Some(b'}' | b']')) {
                    bytes[i] = b' ';
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
}

/// Index just past the string starting at `quote` (a `"`), honouring backslash escapes.
fn skip_string(bytes: &[u8], quote: usize) -> usize {
    let mut i = quote + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn find_from(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

enum Frame {
    Object { key: Option<String>, want_key: bool },
    Array { index: usize },
}

/// How deep the line index goes: a turn's fields (`/results/items/17/start_time`) are at depth 4; the
/// words under a segment (`/segments/3/words/0/...`) and the alternatives under an item are never
/// looked up, and indexing every word of a long call cost more than parsing it.
const INDEXED_DEPTH: usize = 4;

/// Map each value's pointer (`/segments/3/start`; keys are not escaped) to the line where it starts,
/// down to `INDEXED_DEPTH` and outside `words` arrays. A small scanner, not a parser: it runs on text
/// serde_json has already accepted.
fn line_index(text: &str) -> FxHashMap<String, usize> {
    let bytes = text.as_bytes();
    let mut lines = FxHashMap::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, want_key }) => {
                    *key = None;
                    *want_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let end = skip_string(bytes, i);
                if let Some(Frame::Object {
                    key,
                    want_key: want_key @ true,
                }) = stack.last_mut()
                {
                    let inner = text.get(i + 1..end.saturating_sub(1)).unwrap_or_default();
                    *key = Some(inner.to_string());
                    *want_key = false;
                } else {
                    record(&mut lines, &stack, line);
                }
                line += bytes[i..end].iter().filter(|b| **b == b'\n').count();
                i = end;
                continue;
            }
            b'{' => {
                record(&mut lines, &stack, line);
                stack.push(Frame::Object {
                    key: None,
                    want_key: true,
                });
            }
            b'[' => {
                record(&mut lines, &stack, line);
                stack.push(Frame::Array { index: 0 });
            }
            b'}' | b']' => {
                stack.pop();
            }
            b' ' | b'\t' | b'\r' | b':' => {}
            _ => {
                record(&mut lines, &stack, line);
                while i < bytes.len()
                    && !matches!(bytes[i], b',' | b'}' | b']' | b'\n' | b' ' | b'\t' | b'\r')
                {
                    i += 1;
                }
                continue;
            }
        }
        i += 1;
    }
    lines
}

fn record(lines: &mut FxHashMap<String, usize>, stack: &[Frame], line: usize) {
    if stack.len() > INDEXED_DEPTH
        || stack
            .iter()
            .any(|f| matches!(f, Frame::Object { key: Some(key), .. } if key == "words"))
    {
        return;
    }
    let mut pointer = String::new();
    for frame in stack {
        pointer.push('/');
        match frame {
            Frame::Object { key: Some(key), .. } => pointer.push_str(key),
            Frame::Object { key: None, .. } => return,
            Frame::Array { index } => pointer.push_str(&index.to_string()),
        }
    }
    lines.entry(pointer).or_insert(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_points_at_values() {
        let text = "{\n  \"segments\": [\n    {\"start\": 1,\n     \"text\": \"a,\\\"b\"},\n    {\"start\": 2}\n  ],\n  \"n\": [[1, 2]]\n}";
        let lines = line_index(text);
        assert_eq!(lines.get(""), Some(&1));
        assert_eq!(lines.get("/segments"), Some(&2));
        assert_eq!(lines.get("/segments/0"), Some(&3));
        assert_eq!(lines.get("/segments/0/text"), Some(&4));
        assert_eq!(lines.get("/segments/1/start"), Some(&5));
        assert_eq!(lines.get("/n/0/1"), Some(&7));
    }

    #[test]
    fn js_module_becomes_json_on_the_same_lines() {
        let js = "export const data = {\n  \"a\": [1, 2,], /* ñ */\n  // nota: año\n  \"b\": \"x,]\", /* c */\n};\n";
        let json = to_json_text(js);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["a"], serde_json::json!([1, 2]));
        assert_eq!(value["b"], "x,]");
        assert_eq!(json.lines().count(), js.lines().count());
        assert_eq!(to_json_text("module.exports = [1,];").trim(), "[1 ]");
    }

    #[test]
    fn plain_json_is_untouched() {
        assert!(matches!(to_json_text("{\"a\": 1}"), Cow::Borrowed(_)));
    }

    #[test]
    fn truncated_json_reports_its_line() {
        let err = Doc::parse("{\n  \"segments\": [\n    {\"start\": 1.0,\n")
            .err()
            .unwrap();
        assert_eq!(err.line, Some(4));
        assert!(
            err.reason
                .starts_with("JSON inválido: el archivo termina donde se esperaba un valor"),
            "{}",
            err.reason
        );
        assert!(err.reason.ends_with("(columna 0)"), "{}", err.reason);
        assert!(!err.reason.contains(" at line "), "{}", err.reason);
    }

    #[test]
    fn seconds_accepts_numbers_and_numeric_strings() {
        let v =
            serde_json::json!({"a": 1.5, "b": " 12.8", "c": "x", "d": -1, "e": "NaN", "f": null});
        assert_eq!(seconds(v.get("a"), None, "a"), Ok(Some(1.5)));
        assert_eq!(seconds(v.get("b"), None, "b"), Ok(Some(12.8)));
        assert!(
            seconds(v.get("c"), Some(3), "c")
                .unwrap_err()
                .reason
                .contains("número")
        );
        assert!(
            seconds(v.get("d"), None, "d")
                .unwrap_err()
                .reason
                .contains("negativo")
        );
        assert!(
            seconds(v.get("e"), None, "e")
                .unwrap_err()
                .reason
                .contains("finito")
        );
        assert_eq!(seconds(v.get("f"), None, "f"), Ok(None));
        assert_eq!(seconds(v.get("missing"), None, "m"), Ok(None));
    }
}
