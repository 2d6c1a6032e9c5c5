//! Reading transcript files into `model::Transcript`: bytes are decoded (UTF-8 with or without BOM,
//! UTF-16 with BOM, otherwise Windows-1252), the format is decided by content (`sniff`), and one parser
//! per format does the rest (`transcript/`: vtt, srt, whisperx, transcribe, call_analytics, native,
//! plain, with `cue` and `speaker` shared). This file owns decoding, sniffing, dispatch, limits and the
//! checks every format shares (times finite, non-negative and in order, empty turns dropped, turns
//! sorted by start). The PBX logs have their readers in `pbx/` (queue_log, cdr, cel, ami, clock).
//! Shared: `json.rs` (JSON with lines), `walk.rs` (listing a folder, every entry accounted for).
//! File-name conventions (FreePBX recording names) live in `file_name.rs`, the roster in `roster.rs`,
//! the supervisors' evaluation sheets in `evaluations.rs`.

pub mod evaluations;
mod file_name;
mod json;
mod json_error;
mod pbx;
#[cfg(test)]
pub(crate) mod reasons_in_spanish;
pub mod roster;
mod transcript;
mod walk;

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::model::{Format, Problem, Transcript};
use transcript::{call_analytics, cue, native, plain, speaker, srt, transcribe, vtt, whisperx};

pub use file_name::{call_id_from_file_name, mask_file_name};
pub use pbx::records::{AmiEvent, CdrLeg, CelEvent, ClockCheck, Disposition, PbxLog, QueueEvent};
pub use pbx::{PbxReadOptions, parse_pbx, read_pbx, read_pbx_stream, sniff_pbx};
pub use roster::read_roster;
pub use walk::{Listing, Skipped, list_files};

/// An input file that could not be read: names the file and, where known, the 1-based line; `code`
/// says why for scripts, `reason` for people (in Spanish).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}{}: {reason}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub code: Problem,
    pub reason: String,
}

impl InputError {
    fn new(path: &Path, code: Problem, line: Option<usize>, reason: impl Into<String>) -> Self {
        InputError {
            path: path.to_path_buf(),
            line,
            code,
            reason: reason.into(),
        }
    }

    fn parse(path: &Path, e: ParseError) -> Self {
        InputError::new(path, e.code, e.line, e.reason)
    }

    fn unreadable(path: &Path, e: &std::io::Error) -> Self {
        InputError::new(
            path,
            Problem::Unreadable,
            None,
            format!("no se puede leer: {}", io_error(e)),
        )
    }
}

/// Why text could not be parsed in a given format, with the 1-based line where known.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: Option<usize>,
    pub code: Problem,
    pub reason: String,
}

impl ParseError {
    /// A broken structure at `line` (`Problem::Malformed`).
    pub(crate) fn at(line: Option<usize>, reason: impl Into<String>) -> Self {
        ParseError {
            line,
            code: Problem::Malformed,
            reason: reason.into(),
        }
    }

    /// A broken structure of the whole text (`Problem::Malformed`).
    pub(crate) fn whole(reason: impl Into<String>) -> Self {
        ParseError::at(None, reason)
    }

    /// A time that is not one (`Problem::BadTime`).
    pub(crate) fn time(line: Option<usize>, reason: impl Into<String>) -> Self {
        ParseError {
            code: Problem::BadTime,
            ..ParseError::at(line, reason)
        }
    }

    pub(crate) fn with_code(self, code: Problem) -> Self {
        ParseError { code, ..self }
    }

    pub(crate) fn empty() -> Self {
        ParseError::whole("archivo vacío").with_code(Problem::Empty)
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "línea {line}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for ParseError {}

const UNKNOWN_FORMAT: &str = "no es una transcripción en un formato conocido (se esperaba WebVTT, SRT, \
     JSON de WhisperX, de Amazon Transcribe o de callqa, o texto con Operador:/Usuario:)";

/// Bytes -> text: strip a UTF-8 BOM; valid UTF-8 as is, otherwise decode as Windows-1252 (encoding_rs);
/// CRLF/CR -> LF. A UTF-16 file with a BOM (Notepad's "Unicode") is decoded as UTF-16.
pub fn decode(bytes: &[u8]) -> String {
    decode_borrowed(bytes).into_owned()
}

/// `decode` without a copy when the bytes are UTF-8 (BOM or not) with LF line ends: the common case,
/// so a file is read into a reused buffer and parsed in place.
pub fn decode_borrowed(bytes: &[u8]) -> Cow<'_, str> {
    let text: Cow<'_, str> = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest)
    } else if bytes.starts_with(b"\xFF\xFE") {
        encoding_rs::UTF_16LE.decode_with_bom_removal(bytes).0
    } else if bytes.starts_with(b"\xFE\xFF") {
        encoding_rs::UTF_16BE.decode_with_bom_removal(bytes).0
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => {
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
            }
        }
    };
    if text.contains('\r') {
        Cow::Owned(normalise_newlines(&text).into_owned())
    } else {
        text
    }
}

fn normalise_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Decide the format by content (not only by extension; the extension is a hint for ties).
/// None = not a transcript.
///
/// Order: a `WEBVTT` header; JSON (or a JS module holding JSON) classified by its keys, even when it
/// is truncated (JSON of no known shape falls through to the text checks); cue timing
/// lines (`-->`) without a header are SRT, or WebVTT when the extension says `.vtt`; text where at least
/// two lines carry a speaker label is plain text.
pub fn sniff(text: &str, extension: Option<&str>) -> Option<Format> {
    let text = text.trim_start_matches('\u{feff}');
    let body = text.trim_start();
    if body.is_empty() {
        return None;
    }
    if vtt::has_header(body) {
        return Some(Format::Vtt);
    }
    if json::looks_like_json(body)
        && let Some(format) = json::sniff(body)
    {
        return Some(format);
    }
    let extension = extension.map(|e| e.trim_start_matches('.').to_ascii_lowercase());
    if cue::has_timing_lines(text) {
        return Some(if extension.as_deref() == Some("vtt") {
            Format::Vtt
        } else {
            Format::Srt
        });
    }
    if plain::labelled_lines(text) >= 2 {
        return Some(Format::Plain);
    }
    None
}

/// Parse decoded text in the given format. Errors carry the 1-based line where known.
pub fn parse_transcript(text: &str, format: Format) -> Result<Transcript, ParseError> {
    let text = normalise_newlines(text.trim_start_matches('\u{feff}'));
    if text.trim().is_empty() {
        return Err(ParseError::empty());
    }
    let transcript = match format {
        Format::Vtt => vtt::parse(&text)?,
        Format::Srt => srt::parse(&text)?,
        Format::WhisperX => whisperx::parse(&text)?,
        Format::Transcribe => transcribe::parse(&text)?,
        Format::CallAnalytics => call_analytics::parse(&text)?,
        Format::Native => native::parse(&text)?,
        Format::Plain => plain::parse(&text)?,
    };
    finish(transcript)
}

/// How much of an input callqa reads before it calls the input a runaway: a transcript file over
/// `max_file_bytes` is rejected unread, and so is a transcript with a line over `max_line_bytes`
/// (JSON excepted: one line is its usual shape). A PBX log may be any size (a month of a large queue
/// is gigabytes), but a line of it over `max_line_bytes` is skipped, unread past the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_line_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 32 << 20,
            max_line_bytes: 256 << 10,
        }
    }
}

/// `bytes` as the largest readable unit: "32 MiB", "256 KiB".
pub fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

/// Read, decode, sniff, parse one transcript file with the default limits. Errors name the file and
/// line. Never panics.
pub fn read_transcript(path: &Path) -> Result<Transcript, InputError> {
    read_transcript_into(path, &mut Vec::new(), &Limits::default())
}

/// `read_transcript` reading the file into `buffer` (cleared first), so a worker reuses one buffer for
/// all its files; the text is decoded only when it is not UTF-8 with LF line ends.
pub fn read_transcript_into(
    path: &Path,
    buffer: &mut Vec<u8>,
    limits: &Limits,
) -> Result<Transcript, InputError> {
    buffer.clear();
    let mut file = std::fs::File::open(path).map_err(|e| InputError::unreadable(path, &e))?;
    // Read one byte past the limit: a file that grows while it is read is caught too.
    file.by_ref()
        .take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(buffer)
        .map_err(|e| InputError::unreadable(path, &e))?;
    if buffer.len() as u64 > limits.max_file_bytes {
        let size = file
            .metadata()
            .map_or(buffer.len() as u64, |m| m.len().max(buffer.len() as u64));
        return Err(InputError::new(
            path,
            Problem::TooLarge,
            None,
            format!(
                "archivo de {}, más que el límite de {} por transcripción (--max-file-mb); no se leyó",
                size_text(size),
                size_text(limits.max_file_bytes)
            ),
        ));
    }
    let text = decode_borrowed(buffer);
    if text.trim().is_empty() {
        return Err(InputError::new(path, Problem::Empty, None, "archivo vacío"));
    }
    let extension = path.extension().and_then(|e| e.to_str());
    let Some(format) = sniff(&text, extension) else {
        if let Some(error) = long_line(&text, limits) {
            return Err(InputError::parse(path, error));
        }
        return Err(InputError::new(
            path,
            Problem::NotTranscript,
            None,
            not_a_transcript(&text, extension),
        ));
    };
    if !format.is_json()
        && let Some(error) = long_line(&text, limits)
    {
        return Err(InputError::parse(path, error));
    }
    parse_transcript(&text, format).map_err(|e| InputError::parse(path, e))
}

/// The first line of `text` over the line limit, as an error.
fn long_line(text: &str, limits: &Limits) -> Option<ParseError> {
    let (index, line) = text
        .split('\n')
        .enumerate()
        .find(|(_, line)| line.len() > limits.max_line_bytes)?;
    Some(
        ParseError::at(
            Some(index + 1),
            format!(
                "línea de {}, más que el límite de {} (--max-line-kb)",
                size_text(line.len() as u64),
                size_text(limits.max_line_bytes as u64)
            ),
        )
        .with_code(Problem::LineTooLong),
    )
}

/// The reason given when `sniff` finds nothing: text that looks like a plain transcript with too few
/// speaker labels gets the specific message, anything else the list of formats.
fn not_a_transcript(text: &str, extension: Option<&str>) -> String {
    let is_text_file = matches!(
        extension.map(str::to_ascii_lowercase).as_deref(),
        Some("txt" | "text")
    );
    let labelled = plain::labelled_lines(text);
    if labelled == 1 || (is_text_file && !json::looks_like_json(text.trim_start())) {
        format!(
            "no es una transcripción: {labelled} línea(s) con hablante; una transcripción en texto necesita \
             al menos dos líneas como `Operador: ...` y `Usuario: ...`"
        )
    } else {
        UNKNOWN_FORMAT.to_string()
    }
}

/// The checks every format shares: times finite, non-negative and in order; turns with empty text
/// dropped; turns sorted by start (stable) when every turn has one; at least one turn left.
fn finish(mut transcript: Transcript) -> Result<Transcript, ParseError> {
    for turn in &transcript.turns {
        check_time(turn.start, turn.line, "start")?;
        check_time(turn.end, turn.line, "end")?;
        if let (Some(start), Some(end)) = (turn.start, turn.end)
            && end < start
        {
            return Err(ParseError::time(
                turn.line,
                format!("el fin ({end} s) es anterior al inicio ({start} s)"),
            ));
        }
    }
    transcript.turns.retain(|turn| !turn.text.trim().is_empty());
    if transcript.turns.is_empty() {
        return Err(ParseError::whole("ningún turno con texto").with_code(Problem::NoSpeech));
    }
    if transcript.turns.iter().all(|turn| turn.start.is_some()) {
        transcript
            .turns
            .sort_by(|a, b| a.start.unwrap_or(0.0).total_cmp(&b.start.unwrap_or(0.0)));
    }
    Ok(transcript)
}

pub(crate) fn check_time(
    time: Option<f64>,
    line: Option<usize>,
    what: &str,
) -> Result<(), ParseError> {
    match time {
        Some(t) if !t.is_finite() => Err(ParseError::time(
            line,
            format!("`{what}`: el tiempo no es un número finito"),
        )),
        Some(t) if t < 0.0 => Err(ParseError::time(
            line,
            format!("`{what}`: el tiempo {t} s es negativo"),
        )),
        _ => Ok(()),
    }
}

/// An I/O error in Spanish: the common kinds by name with the system's error number, any other as
/// the system wrote it, in backticks.
pub(crate) fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let what = match e.kind() {
        ErrorKind::NotFound => "no existe",
        ErrorKind::PermissionDenied => "permiso denegado",
        ErrorKind::IsADirectory => "es una carpeta",
        ErrorKind::InvalidData => "datos no válidos",
        ErrorKind::UnexpectedEof => "el archivo terminó antes de lo esperado",
        ErrorKind::Interrupted => "lectura interrumpida",
        ErrorKind::OutOfMemory => "memoria insuficiente",
        _ => return format!("`{e}`"),
    };
    match e.raw_os_error() {
        Some(code) => format!("{what} (error del sistema {code})"),
        None => what.to_string(),
    }
}

/// A csv reader's error in Spanish, for the reasons of the PBX logs and the roster (the field counts
/// and the I/O error; anything else as the csv crate wrote it, in backticks).
pub(crate) fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => format!("error de lectura: {}", io_error(io)),
        csv::ErrorKind::Utf8 { err, .. } => {
            format!("el campo {} no es texto UTF-8 válido", err.field() + 1)
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} campo(s); el registro anterior tiene {expected_len}"),
        _ => format!("`{e}`"),
    }
}

/// A file under `tests/fixtures/` (for tests).
#[cfg(test)]
pub(crate) fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// `../shared/realdata` (real samples without a licence to copy), or None when it is absent: the test
/// says it skips. Under CI (`CI` set, as `.ci/run` does) its absence is an error, not a skip.
#[cfg(test)]
pub(crate) fn realdata_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared/realdata is absent, but CI is set: the real-data tests must run in CI"
    );
    println!("skipped: ../shared/realdata absent");
    None
}

/// Collapse runs of whitespace into one space and trim; used for every turn's text.
pub(crate) fn clean_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn decode_utf8_as_is() {
        assert_eq!(decode("Señora: ¿aló?".as_bytes()), "Señora: ¿aló?");
    }

    #[test]
    fn decode_strips_utf8_bom_and_crlf() {
        assert_eq!(decode(b"\xEF\xBB\xBFWEBVTT\r\n\r\nx\ry"), "WEBVTT\n\nx\ny");
    }

    #[test]
    fn decode_windows_1252() {
        // "Señora" and "información" as Windows-1252 bytes; 0x93/0x94 are curly quotes there.
        assert_eq!(
            decode(b"Se\xF1ora: informaci\xF3n \x93ok\x94"),
            "Señora: información \u{201c}ok\u{201d}"
        );
    }

    #[test]
    fn decode_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Año\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes), "Año\n");
        let mut bytes = vec![0xFE, 0xFF];
        for unit in "Niño\r".encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&bytes), "Niño\n");
    }

    #[test]
    fn sniff_by_content() {
        assert_eq!(
            sniff("WEBVTT\n\n00:01.000 --> 00:02.000\nhola", Some("txt")),
            Some(Format::Vtt)
        );
        assert_eq!(
            sniff("1\n00:00:01,000 --> 00:00:02,000\nhola\n", None),
            Some(Format::Srt)
        );
        assert_eq!(
            sniff("00:00:01.000 --> 00:00:02.000\nhola\n", Some("vtt")),
            Some(Format::Vtt)
        );
        assert_eq!(
            sniff(
                r#"{"segments":[{"start":0,"end":1,"text":"x"}]}"#,
                Some("vtt")
            ),
            Some(Format::WhisperX)
        );
        assert_eq!(
            sniff(r#"{"results":{"items":[]}}"#, None),
            Some(Format::Transcribe)
        );
        assert_eq!(
            sniff(r#"{"Transcript":[],"JobStatus":"COMPLETED"}"#, None),
            Some(Format::CallAnalytics)
        );
        assert_eq!(
            sniff(
                r#"{"format":"callqa-transcript","version":1,"turns":[]}"#,
                None
            ),
            Some(Format::Native)
        );
        assert_eq!(
            sniff("Operador: Buenos días\nUsuario: Hola\n", Some("txt")),
            Some(Format::Plain)
        );
        assert_eq!(
            sniff("export const data = {\"segments\": [],};", Some("js")),
            Some(Format::WhisperX)
        );
        assert_eq!(
            sniff("[SPEAKER_00]: Buenos días\n[SPEAKER_01]: Hola\n", None),
            Some(Format::Plain)
        );
    }

    #[test]
    fn sniff_truncated_json_still_names_the_format() {
        assert_eq!(
            sniff("{\n \"segments\": [\n  {\"start\": 1,", None),
            Some(Format::WhisperX)
        );
    }

    #[test]
    fn sniff_rejects_non_transcripts() {
        assert_eq!(sniff("", None), None);
        assert_eq!(sniff("   \n\n", None), None);
        assert_eq!(
            sniff("Mire: esto es una nota.\nSin más.\n", Some("txt")),
            None
        );
        assert_eq!(sniff(r#"{"name": "x"}"#, Some("json")), None);
        assert_eq!(
            sniff("operator_id,name,extension\n1,Rosa,201\n", Some("csv")),
            None
        );
    }

    #[test]
    fn parse_empty_is_an_error() {
        assert_eq!(
            parse_transcript(" \n", Format::Vtt),
            Err(ParseError::empty())
        );
    }

    #[test]
    fn finish_drops_empty_turns_and_sorts() {
        let text = r#"{"segments":[{"start":5,"end":6,"text":"b"},{"start":1,"end":2,"text":"  "},
            {"start":0.5,"end":1,"text":"a"}]}"#;
        let t = parse_transcript(text, Format::WhisperX).unwrap();
        let texts: Vec<_> = t.turns.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["a", "b"]);
    }

    #[test]
    fn finish_rejects_end_before_start_with_line() {
        let text = "WEBVTT\n\n00:05.000 --> 00:04.000\nhola\n";
        let err = parse_transcript(text, Format::Vtt).unwrap_err();
        assert_eq!((err.line, err.code), (Some(3), Problem::BadTime));
        assert!(err.reason.contains("anterior al inicio"), "{}", err.reason);
    }

    fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("callqa-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn read_transcript_errors_name_file_and_line() {
        let path = write_temp("empty.vtt", b"");
        let err = read_transcript(&path).unwrap_err();
        assert_eq!(
            (err.code, err.reason.as_str()),
            (Problem::Empty, "archivo vacío")
        );
        assert!(
            err.to_string().ends_with("empty.vtt: archivo vacío"),
            "{err}"
        );

        let path = write_temp("cut.json", b"{\n  \"segments\": [\n    {\"start\": 1.0,\n");
        let err = read_transcript(&path).unwrap_err();
        assert_eq!((err.line, err.code), (Some(4), Problem::Malformed));
        assert!(
            err.to_string().contains("cut.json:4: JSON inválido: "),
            "{err}"
        );

        let path = write_temp("notes.md", b"# Notes\n\nSome text here.\n");
        let err = read_transcript(&path).unwrap_err();
        assert_eq!(err.reason, UNKNOWN_FORMAT);

        let path = write_temp("one.txt", b"Operador: buenos dias\nsigue\n");
        let err = read_transcript(&path).unwrap_err();
        assert!(
            err.reason.starts_with("no es una transcripción: "),
            "{}",
            err.reason
        );

        let err = read_transcript(Path::new("/nonexistent/callqa/x.vtt")).unwrap_err();
        assert_eq!(err.code, Problem::Unreadable);
        assert!(
            err.reason.starts_with("no se puede leer: "),
            "{}",
            err.reason
        );
    }

    #[test]
    fn read_transcript_windows_1252_crlf_plain_text() {
        let path = write_temp(
            "cp1252.txt",
            b"Operadora: Buenos d\xEDas, se\xF1ora.\r\nUsuaria: Hola.\r\n",
        );
        let t = read_transcript(&path).unwrap();
        assert_eq!(t.format, Format::Plain);
        assert_eq!(t.turns[0].text, "Buenos días, señora.");
        assert_eq!(t.turns[0].role, Role::Operator);
        assert_eq!(t.turns[1].role, Role::Caller);
    }

    #[test]
    fn truncated_json_of_every_json_format_names_format_and_line() {
        let cases = [
            (
                "{\n \"segments\": [\n  {\"start\": 1, \"end\": 2, \"text\": \"a\"},\n  {\"start\"",
                Format::WhisperX,
                4,
            ),
            (
                "{\"results\": {\n \"items\": [\n  {\"start_time\": \"0.1\",\n",
                Format::Transcribe,
                4,
            ),
            (
                "{\"JobName\": \"x\",\n \"Transcript\": [\n  {\"ParticipantRole\": \"AGENT\",",
                Format::CallAnalytics,
                3,
            ),
            (
                "{\"format\": \"callqa-transcript\",\n \"version\": 1,\n \"turns\": [\n",
                Format::Native,
                4,
            ),
        ];
        for (text, format, line) in cases {
            assert_eq!(sniff(text, Some("json")), Some(format), "{text}");
            let path = write_temp(&format!("cut-{}.json", format.as_str()), text.as_bytes());
            let err = read_transcript(&path).unwrap_err();
            assert_eq!(err.line, Some(line), "{format:?}: {err}");
            assert!(
                err.reason.starts_with("JSON inválido: el archivo termina "),
                "{format:?}: {err}"
            );
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd: &[&[u8]] = &[
            b"\xFF\xFE\x00",
            b"{",
            b"[",
            b"[{}]",
            b"{\"segments\": 5}",
            b"{\"results\": {\"items\": [{\"type\": \"punctuation\"}]}}",
            b"{\"Transcript\": [{}]}",
            b"WEBVTT\n\n-->\n",
            b"WEBVTT\n\n99:99.999 --> 1\n",
            b"1\n00:00:01,000 --> \n",
            b"export const x = ",
            b"\xE2\x82",
            b"[SPEAKER_00\n[SPEAKER_00]",
            b"<v \n<v",
            b"&#xFFFFFFFF; &#99999999999;",
        ];
        for (i, bytes) in odd.iter().enumerate() {
            let path = write_temp(&format!("odd{i}.vtt"), bytes);
            let _ = read_transcript(&path);
            let text = decode(bytes);
            for format in [
                Format::Vtt,
                Format::Srt,
                Format::WhisperX,
                Format::Transcribe,
                Format::CallAnalytics,
                Format::Native,
                Format::Plain,
            ] {
                let _ = parse_transcript(&text, format);
            }
        }
    }
}
