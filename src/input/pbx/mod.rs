//! Reading one PBX log file into `model::PbxLog`: the kind is decided by content (`sniff_pbx`), never by
//! name, and one reader per log does the rest (`queue_log.rs`, `cdr.rs`, `cel.rs`, `ami.rs`). This file
//! owns detection, dispatch and what the readers share: times (epoch seconds, or local
//! `YYYY-MM-DD HH:MM:SS[.ffffff]` converted with the PBX's zone unless the text carries its own offset),
//! CSV rows with their line numbers, and the count of events not understood. A bad line is recorded in
//! `PbxLog::bad_lines` and the file goes on; only a file that is empty or no PBX log at all is an error.
//! NUL and other control characters (a crash or a log rotation leaves NUL runs before a line) are
//! dropped before detection, counted in `PbxLog::control_chars_removed`, and never reach a field or a
//! message; tabs inside fields become spaces. CDR and CEL files then have their clock checked against
//! their uniqueids (`clock.rs`).
//!
//! Detection, first match wins:
//! 1. AMI: the `Asterisk Call Manager/` banner first, or, among the first 40 non-blank lines, more
//!    `Key: Value` lines than others with an `Event:` line and another AMI key (Privilege, Channel,
//!    Uniqueid, Timestamp, Linkedid, Response, ActionID).
//! 2. queue_log (native): at least half of the first 20 non-blank lines are `epoch|callid|queue|agent|EVENT|...`.
//! 3. A CSV header (comma, `|`, `;` or tab) naming the columns of a table export: `event` + `callid` +
//!    `queuename`/`queue_name`/`queue` is queue_log; `eventtype` + `eventtime` is CEL; `disposition` +
//!    `calldate`/`start` is CDR.
//! 4. Headerless CSV, judged on its first five rows: an event word first and a time second (or third)
//!    is cel_custom; 16 to 21 fields with a time at the start position and a disposition word is CDR.

pub(super) mod ami;
pub(super) mod cdr;
pub(super) mod cel;
pub(super) mod clock;
pub(super) mod queue_log;
pub(super) mod records;

use std::borrow::Cow;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};

#[cfg(test)]
use super::decode;
use super::{InputError, ParseError, csv_error, decode_borrowed, normalise_newlines};
use crate::input::PbxLog;
use crate::model::PbxLogKind;
use crate::model::Problem;

const NOT_PBX: &str = "no es un registro de central conocido (se esperaba queue_log, CDR CSV, CEL CSV o \
     registro de eventos AMI de Asterisk)";

/// How PBX times are read.
#[derive(Debug, Clone)]
pub struct PbxReadOptions {
    /// The PBX's zone, for times written as local `YYYY-MM-DD HH:MM:SS`.
    pub tz: TimeZone,
    /// The CDR's local-looking times are UTC (cdr.conf `usegmtime=yes`). CEL, queue_log and AMI are
    /// not affected. A time that carries its own offset (`Z`, `+0000`, `-05:00`) is read with it always.
    pub cdr_times_utc: bool,
    /// The line limit of streamed logs (`Limits::max_line_bytes`).
    pub limits: super::Limits,
}

impl Default for PbxReadOptions {
    /// America/Lima (UTC-5 all year; the fixed offset if the zone database had no entry), CDR local.
    fn default() -> Self {
        let tz =
            TimeZone::get("America/Lima").unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(-5)));
        PbxReadOptions {
            tz,
            cdr_times_utc: false,
            limits: super::Limits::default(),
        }
    }
}

/// Read, decode (UTF-8 with or without BOM, else Windows-1252; CRLF), detect and parse one PBX log.
/// Errors name the file; bad lines are in the result, never an error. Never panics.
pub fn read_pbx(path: &Path, options: &PbxReadOptions) -> Result<PbxLog, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::unreadable(path, &e))?;
    parse_pbx(&decode_borrowed(&bytes), options).map_err(|e| InputError::parse(path, e))
}

/// Bytes read ahead to decide the kind of a log before streaming it.
const HEAD_BYTES: u64 = 256 * 1024;

/// `read_pbx` handing the log on in parts, for logs of any size: a native queue_log and a headerless
/// CDR (cdr_csv, cdr_custom) are streamed in batches of lines; an AMI event log is read block by block, keeping only the events named in
/// `ami_events` (None: all) as one part (its bad lines and counts are those of the whole log); other
/// logs come whole, as one part. The kind is decided on the file's first 256 KiB, as `read_pbx`
/// decides it on the whole text.
pub fn read_pbx_stream(
    path: &Path,
    options: &PbxReadOptions,
    ami_events: Option<&[&str]>,
    mut part: impl FnMut(PbxLog),
) -> Result<(), InputError> {
    use std::io::{BufReader, Read};
    let cannot = |e: std::io::Error| InputError::unreadable(path, &e);
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.by_ref()
        .take(HEAD_BYTES)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    let complete = (bytes.len() as u64) < HEAD_BYTES;
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !complete && !utf16 {
        // Whole lines only: the head may end inside one.
        let head_end = bytes
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let head = decode_borrowed(&bytes[..head_end]);
        let head = normalise_newlines(head.trim_start_matches('\u{feff}'));
        match detect(&without_control_chars(&head).0) {
            Some(Shape::QueueLog) => {
                let reader =
                    BufReader::with_capacity(1 << 20, std::io::Cursor::new(bytes).chain(file));
                return queue_log::stream_native(reader, options, part).map_err(cannot);
            }
            Some(Shape::Rows(PbxLogKind::Cdr)) => {
                let reader =
                    BufReader::with_capacity(1 << 20, std::io::Cursor::new(bytes).chain(file));
                let last = last_byte(path).map_err(cannot)?;
                let ends_with_newline = matches!(last, Some(b'\n' | b'\r'));
                return stream_cdr_rows(reader, ends_with_newline, options, part).map_err(cannot);
            }
            Some(Shape::Ami) => {
                let reader =
                    BufReader::with_capacity(1 << 20, std::io::Cursor::new(bytes).chain(file));
                let mut log = PbxLog {
                    kind: Some(PbxLogKind::Ami),
                    ..PbxLog::default()
                };
                ami::stream(reader, ami_events, options.limits.max_line_bytes, &mut log)
                    .map_err(cannot)?;
                part(log);
                return Ok(());
            }
            _ => {}
        }
    }
    file.read_to_end(&mut bytes).map_err(cannot)?;
    let log =
        parse_pbx(&decode_borrowed(&bytes), options).map_err(|e| InputError::parse(path, e))?;
    part(log);
    Ok(())
}

/// What `for_each_line` saw besides the lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LinesRead {
    /// Whether the last line ended with a newline.
    pub terminated: bool,
    /// Stray control characters dropped (NUL runs and the like), as `parse_pbx` drops them.
    pub control_chars_removed: usize,
    /// Lines over the length limit, skipped unread (1-based).
    pub long_lines: Vec<usize>,
}

/// Reads `reader` line by line into one reused buffer and calls `line(number, text)` for every line,
/// blank ones included, numbered as `parse_pbx` numbers them: each line decoded on its own (UTF-8 as
/// is, otherwise Windows-1252; after a UTF-8 BOM, UTF-8 with bad bytes replaced, as `decode` reads
/// such a file), CRLF and lone CR ending lines, stray control characters dropped. Unlike `decode`, a
/// line of Windows-1252 in an otherwise UTF-8 file does not make the whole file Windows-1252.
pub(super) fn for_each_line(
    mut reader: impl std::io::BufRead,
    max_line: usize,
    mut line: impl FnMut(usize, &str),
) -> std::io::Result<LinesRead> {
    let mut bytes = Vec::new();
    let mut number = 0;
    let mut read = LinesRead {
        terminated: true,
        control_chars_removed: 0,
        long_lines: Vec::new(),
    };
    let mut bom = false;
    loop {
        bytes.clear();
        let (length, whole) = read_line_capped(&mut reader, &mut bytes, max_line)?;
        if length == 0 {
            return Ok(read);
        }
        read.terminated = bytes.ends_with(b"\n") || bytes.ends_with(b"\r");
        if !whole {
            // Over the limit: the rest of the line was skipped unread; a lone CR inside it is not
            // looked for.
            number += 1;
            read.long_lines.push(number);
            continue;
        }
        let mut raw = bytes.as_slice();
        if number == 0
            && let Some(rest) = raw.strip_prefix(b"\xEF\xBB\xBF")
        {
            raw = rest;
            bom = true;
        }
        let text = if bom {
            decode_borrowed(String::from_utf8_lossy(raw).as_bytes())
                .into_owned()
                .into()
        } else {
            decode_borrowed(raw)
        };
        let (text, dropped) = without_control_chars(&text);
        read.control_chars_removed += dropped;
        for text in text.split_terminator('\n') {
            number += 1;
            line(number, text);
        }
    }
}

/// `read_until(b'\n')` keeping at most `max` bytes: the rest of a longer line is consumed unread.
/// Returns the bytes the line had (0 at the end) and whether it fitted.
fn read_line_capped(
    reader: &mut impl std::io::BufRead,
    bytes: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    let mut length = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((length, length <= max));
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (&available[..=at], true),
            None => (available, false),
        };
        let used = chunk.len();
        if length + used <= max + 1 {
            bytes.extend_from_slice(chunk);
        } else {
            // Keep the line's end, so `terminated` still says whether it had a newline.
            bytes.clear();
            bytes.extend_from_slice(&chunk[used.saturating_sub(1)..]);
        }
        length += used;
        reader.consume(used);
        if done {
            // The newline does not count toward the limit.
            return Ok((length, length - 1 <= max));
        }
    }
}

/// Rows per batch when a headerless CDR is streamed.
const BATCH_ROWS: usize = 65_536;

/// The last byte of a file, None when it is empty.
fn last_byte(path: &Path) -> std::io::Result<Option<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    if file.metadata()?.len() == 0 {
        return Ok(None);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut byte = [0u8];
    file.read_exact(&mut byte)?;
    Ok(Some(byte[0]))
}

/// A headerless CDR read as `csv_rows` and `cdr::parse_rows` read it, in batches of `BATCH_ROWS` rows,
/// each handed on as a `PbxLog` of its own. Fields are decoded one by one (UTF-8 as is, otherwise
/// Windows-1252). The last row is the file's unterminated one when the file does not end with a
/// newline, and it is judged against the usual field count of every row of the file.
fn stream_cdr_rows(
    reader: impl std::io::Read,
    ends_with_newline: bool,
    options: &PbxReadOptions,
    mut part: impl FnMut(PbxLog),
) -> std::io::Result<()> {
    let new_log = || PbxLog {
        kind: Some(PbxLogKind::Cdr),
        ..PbxLog::default()
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut log = new_log();
    let mut rows: Vec<Row> = Vec::new();
    let mut counts: Vec<(usize, usize)> = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let fields: Vec<String> = record
                    .iter()
                    .map(|f| {
                        let decoded = decode_borrowed(f);
                        let (text, dropped) = without_control_chars(&decoded);
                        log.control_chars_removed += dropped;
                        field_text(&text)
                    })
                    .collect();
                if fields.iter().any(|f| !f.is_empty()) {
                    // A full batch goes on once the next row shows it does not hold the last one.
                    if rows.len() >= BATCH_ROWS {
                        cdr::parse_rows_counted(
                            &rows,
                            cdr::most_common(&counts),
                            options,
                            &mut log,
                        );
                        rows.clear();
                        log.bad_lines.sort();
                        part(std::mem::replace(&mut log, new_log()));
                    }
                    cdr::count_fields(&mut counts, fields.len());
                    rows.push(Row {
                        line,
                        fields,
                        unterminated: false,
                    });
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                log.bad_lines
                    .push((line, format!("registro CSV ilegible: {}", csv_error(&e))));
            }
        }
    }
    if !ends_with_newline && let Some(last) = rows.last_mut() {
        last.unterminated = true;
    }
    cdr::parse_rows_counted(&rows, cdr::most_common(&counts), options, &mut log);
    log.bad_lines.sort();
    part(log);
    Ok(())
}

/// Detect and parse decoded text. Err only for an empty text or one that is no PBX log.
pub fn parse_pbx(text: &str, options: &PbxReadOptions) -> Result<PbxLog, ParseError> {
    let text = normalise_newlines(text.trim_start_matches('\u{feff}'));
    let (text, removed) = without_control_chars(&text);
    if text.trim().is_empty() {
        return Err(ParseError::empty());
    }
    let shape =
        detect(&text).ok_or_else(|| ParseError::whole(NOT_PBX).with_code(Problem::NotPbx))?;
    let mut log = PbxLog {
        kind: Some(shape.kind()),
        control_chars_removed: removed,
        ..PbxLog::default()
    };
    match shape {
        Shape::Ami => ami::parse(&text, &mut log),
        Shape::QueueLog => queue_log::parse_native(&text, options, &mut log),
        Shape::Table { kind, delimiter } => {
            let rows = csv_rows(&text, delimiter, &mut log);
            if let Some((header, rows)) = rows.split_first() {
                match kind {
                    PbxLogKind::QueueLog => queue_log::parse_table(header, rows, options, &mut log),
                    PbxLogKind::Cdr => cdr::parse_table(header, rows, options, &mut log),
                    PbxLogKind::Cel => cel::parse_table(header, rows, options, &mut log),
                    PbxLogKind::Ami => {}
                }
            }
        }
        Shape::Rows(kind) => {
            let rows = csv_rows(&text, b',', &mut log);
            match kind {
                PbxLogKind::Cdr => cdr::parse_rows(&rows, options, &mut log),
                PbxLogKind::Cel => cel::parse_rows(&rows, options, &mut log),
                PbxLogKind::QueueLog | PbxLogKind::Ami => {}
            }
        }
    }
    log.bad_lines.sort();
    Ok(log)
}

/// Which PBX log the text is, by content; None when it is none of them (or blank).
pub fn sniff_pbx(text: &str) -> Option<PbxLogKind> {
    let text = normalise_newlines(text.trim_start_matches('\u{feff}'));
    detect(&without_control_chars(&text).0).map(Shape::kind)
}

/// A control character that is no line end or tab: NUL runs left where a crash or a log rotation
/// cut a write short, and other garbage. They are dropped before anything else reads the text, so a
/// line preceded by NULs loses only the NULs and no control character reaches any output.
fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// The text without stray control characters, and how many there were.
fn without_control_chars(text: &str) -> (Cow<'_, str>, usize) {
    let removed = text.chars().filter(|c| is_stray_control(*c)).count();
    if removed == 0 {
        return (Cow::Borrowed(text), 0);
    }
    (
        Cow::Owned(text.chars().filter(|c| !is_stray_control(*c)).collect()),
        removed,
    )
}

/// A field as outputs may carry it: trimmed, tabs inside made spaces.
pub(super) fn field_text(raw: &str) -> String {
    let trimmed = raw.trim();
    if trimmed.contains('\t') {
        trimmed.replace('\t', " ")
    } else {
        trimmed.to_string()
    }
}

/// What detection found: the log and how its lines are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Ami,
    /// Native `epoch|callid|queue|agent|EVENT|data...` lines.
    QueueLog,
    /// A table export whose first row names the columns.
    Table {
        kind: PbxLogKind,
        delimiter: u8,
    },
    /// Headerless CSV as Asterisk writes it (cdr_csv, cdr_custom, cel_custom).
    Rows(PbxLogKind),
}

impl Shape {
    fn kind(self) -> PbxLogKind {
        match self {
            Shape::Ami => PbxLogKind::Ami,
            Shape::QueueLog => PbxLogKind::QueueLog,
            Shape::Table { kind, .. } | Shape::Rows(kind) => kind,
        }
    }
}

fn detect(text: &str) -> Option<Shape> {
    if text.trim().is_empty() {
        return None;
    }
    if ami::looks_like(text) {
        return Some(Shape::Ami);
    }
    if queue_log::looks_like_native(text) {
        return Some(Shape::QueueLog);
    }
    if let Some((kind, delimiter)) = header_kind(text) {
        return Some(Shape::Table { kind, delimiter });
    }
    let rows = csv_rows(head(text, 20), b',', &mut PbxLog::default());
    rows.iter().take(5).find_map(|row| {
        if cel::looks_like_row(&row.fields) {
            Some(Shape::Rows(PbxLogKind::Cel))
        } else if cdr::looks_like_row(&row.fields) {
            Some(Shape::Rows(PbxLogKind::Cdr))
        } else {
            None
        }
    })
}

/// The kind named by a header line, and its delimiter.
fn header_kind(text: &str) -> Option<(PbxLogKind, u8)> {
    let first = text.lines().find(|line| !line.trim().is_empty())?;
    [b',', b'|', b';', b'\t'].into_iter().find_map(|delimiter| {
        let rows = csv_rows(first, delimiter, &mut PbxLog::default());
        let names = column_names(rows.first()?);
        let has = |name: &str| names.iter().any(|n| n == name);
        let kind = if has("event")
            && (has("callid") || has("call_id"))
            && ["queuename", "queue_name", "queue"].iter().any(|n| has(n))
        {
            PbxLogKind::QueueLog
        } else if has("eventtype") && has("eventtime") {
            PbxLogKind::Cel
        } else if has("disposition") && (has("calldate") || has("start")) {
            PbxLogKind::Cdr
        } else {
            return None;
        };
        Some((kind, delimiter))
    })
}

/// The text up to and including its `lines`-th newline (all of it when shorter).
fn head(text: &str, lines: usize) -> &str {
    match text.match_indices('\n').nth(lines.saturating_sub(1)) {
        Some((at, _)) => &text[..=at],
        None => text,
    }
}

/// One CSV record with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    pub line: usize,
    /// Fields trimmed of surrounding white space.
    pub fields: Vec<String>,
    /// The file's last record with no newline after it: it may have been cut short.
    pub unterminated: bool,
}

impl Row {
    /// The field at `index`, "" when the row is shorter.
    pub fn get(&self, index: usize) -> &str {
        self.fields.get(index).map_or("", String::as_str)
    }
}

/// Every non-blank CSV record (flexible field counts, quotes and embedded newlines as RFC 4180).
/// Records the csv reader rejects go to `log.bad_lines`.
pub(super) fn csv_rows(text: &str, delimiter: u8, log: &mut PbxLog) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let fields: Vec<String> = record.iter().map(field_text).collect();
                if fields.iter().any(|f| !f.is_empty()) {
                    rows.push(Row {
                        line,
                        fields,
                        unterminated: false,
                    });
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                log.bad_lines
                    .push((line, format!("registro CSV ilegible: {}", csv_error(&e))));
            }
        }
    }
    if !text.ends_with('\n')
        && let Some(last) = rows.last_mut()
    {
        last.unterminated = true;
    }
    rows
}

/// Lower-cased, trimmed column names of a header row.
pub(super) fn column_names(header: &Row) -> Vec<String> {
    header
        .fields
        .iter()
        .map(|name| name.trim().trim_matches('"').to_ascii_lowercase())
        .collect()
}

/// The index of the first of `names` (lower case) present in `columns`.
pub(super) fn column(columns: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|name| columns.iter().position(|c| c == name))
}

/// Keep an event; count it when it is not in `known`.
pub(super) fn note_unknown(log: &mut PbxLog, event: &str, known: &[&str]) {
    if !known.contains(&event) {
        *log.unknown_events.entry(event.to_string()).or_default() += 1;
    }
}

/// An event name as PBXs write them: `[A-Z][A-Z0-9_]*`.
pub(super) fn is_event_word(word: &str) -> bool {
    let mut bytes = word.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_uppercase())
        && bytes.all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// At most 40 characters of a value, for messages (control characters shown as `�`).
pub(super) fn shown(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(40)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if value.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// True when `text` is a date-time written without a zone, read in the PBX's zone (epoch seconds and
/// texts with `Z` or an offset are not).
pub(super) fn written_in_zone(text: &str) -> bool {
    let one_hour_east = TimeZone::fixed(jiff::tz::offset(1));
    parse_epoch(text).is_none()
        && matches!(
            (parse_date_time(text, &TimeZone::UTC), parse_date_time(text, &one_hour_east)),
            (Some(a), Some(b)) if a != b
        )
}

/// Drop trailing empty data fields (`ADDMEMBER|` and `data1..data5` columns leave them).
pub(super) fn trim_trailing_empty(mut data: Vec<String>) -> Vec<String> {
    while data.last().is_some_and(String::is_empty) {
        data.pop();
    }
    data
}

/// Epoch seconds, optionally with a fraction (`1762182902`, `1335310195.513823`). None otherwise.
pub(super) fn parse_epoch(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let (seconds, fraction) = text.split_once('.').unwrap_or((text, ""));
    if seconds.is_empty() || seconds.len() > 12 || !seconds.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || (text.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let nanos = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
    Timestamp::new(seconds.parse().ok()?, nanos).ok()
}

/// True for an epoch of 9 to 11 digits (2001 to 5138) with an optional fraction, as queue_log writes.
pub(super) fn is_epoch_like(text: &str) -> bool {
    let seconds = text.split_once('.').map_or(text, |(s, _)| s);
    (9..=11).contains(&seconds.len()) && parse_epoch(text).is_some()
}

/// `YYYY-MM-DD HH:MM:SS[.fraction]` (or `T` between), read in `zone` unless followed by `Z`, `UTC`,
/// `GMT` or an offset (`+00`, `+0000`, `-05:00`). None when malformed or not a real date.
pub(super) fn parse_date_time(text: &str, zone: &TimeZone) -> Option<Timestamp> {
    let bytes = text.trim().as_bytes();
    let number = |from: usize, len: usize| -> Option<i32> {
        let digits = bytes.get(from..from + len)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + i32::from(d - b'0')))
    };
    let at = |index: usize, expected: &[u8]| bytes.get(index).is_some_and(|b| expected.contains(b));
    if !(at(4, b"-") && at(7, b"-") && at(10, b" T") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 2)?, number(8, 2)?);
    let (hour, minute, second) = (number(11, 2)?, number(14, 2)?, number(17, 2)?);
    let mut end = 19;
    let mut nanos = 0;
    if at(end, b".,") {
        let start = end + 1;
        end = start;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        let digits = bytes.get(start..end)?;
        if digits.is_empty() {
            return None;
        }
        nanos = digits
            .iter()
            .copied()
            .chain(std::iter::repeat(b'0'))
            .take(9)
            .fold(0, |n, d| n * 10 + i32::from(d - b'0'));
    }
    let civil = DateTime::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        nanos,
    )
    .ok()?;
    let zone = match bytes.get(end..)?.trim_ascii() {
        [] => zone.clone(),
        b"Z" | b"z" | b"UTC" | b"GMT" => TimeZone::UTC,
        offset => offset_zone(offset)?,
    };
    zone.to_timestamp(civil).ok()
}

/// `+HH`, `+HHMM` or `+HH:MM` (or `-`) -> a fixed zone.
fn offset_zone(text: &[u8]) -> Option<TimeZone> {
    let (sign, rest) = match text.split_first()? {
        (b'+', rest) => (1, rest),
        (b'-', rest) => (-1, rest),
        _ => return None,
    };
    let rest: Vec<u8> = rest.iter().copied().filter(|b| *b != b':').collect();
    if !matches!(rest.len(), 2 | 4) || !rest.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = |i: usize| i32::from(rest[i] - b'0') * 10 + i32::from(rest[i + 1] - b'0');
    let minutes = if rest.len() == 4 { value(2) } else { 0 };
    Offset::from_seconds(sign * (value(0) * 3600 + minutes * 60))
        .ok()
        .map(Offset::to_time_zone)
}

/// Epoch seconds or a date-time (see `parse_date_time`).
pub(super) fn parse_time(text: &str, zone: &TimeZone) -> Option<Timestamp> {
    parse_epoch(text).or_else(|| parse_date_time(text, zone))
}

/// The reason given for a time that could not be read; `of` names it as the reason says it: "del
/// evento", "de `start`".
pub(super) fn bad_time(of: &str, value: &str) -> String {
    if value.is_empty() {
        format!("falta la hora {of}")
    } else {
        format!(
            "hora {of} no válida: `{}`; se esperaba una hora en segundos epoch o como `YYYY-MM-DD HH:MM:SS`",
            shown(value)
        )
    }
}

/// The reason given for a line that is cut short because the file ends in it.
pub(super) fn truncated(reason: &str) -> String {
    format!("última línea incompleta (el archivo termina sin salto de línea): {reason}")
}

/// The events of a log by name, for tests and summaries.
#[cfg(test)]
pub(super) fn event_counts<'a>(
    names: impl Iterator<Item = &'a str>,
) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for name in names {
        *counts.entry(name.to_string()).or_default() += 1;
    }
    counts
}

/// A file of `/work/shared/realdata` (`../shared/realdata` from the crate), or None (with a note) when
/// that folder is absent: those files have no licence and are not in the repository.
#[cfg(test)]
pub(super) fn realdata(name: &str) -> Option<std::path::PathBuf> {
    super::realdata_dir().map(|dir| dir.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lima() -> TimeZone {
        PbxReadOptions::default().tz
    }

    #[test]
    fn epochs() {
        assert_eq!(
            parse_epoch("1762182902").map(|t| t.as_second()),
            Some(1_762_182_902)
        );
        assert_eq!(
            parse_epoch("1335310195.513823").map(|t| t.as_microsecond()),
            Some(1_335_310_195_513_823)
        );
        for bad in [
            "",
            ".5",
            "12.",
            "1e9",
            "-5",
            "12a",
            "1.2.3",
            "9999999999999",
        ] {
            assert_eq!(parse_epoch(bad), None, "{bad}");
        }
        assert!(is_epoch_like("1543602660.197"));
        assert!(!is_epoch_like("42"));
    }

    #[test]
    fn date_times_local_utc_and_offsets() {
        let t = |s: &str| parse_date_time(s, &lima()).map(|t| t.to_string());
        assert_eq!(
            t("2016-09-06 16:38:55").as_deref(),
            Some("2016-09-06T21:38:55Z")
        );
        assert_eq!(
            t("2012-07-03T15:27:23.896208").as_deref(),
            Some("2012-07-03T20:27:23.896208Z")
        );
        assert_eq!(
            t("2016-09-06 16:38:55 +0000").as_deref(),
            Some("2016-09-06T16:38:55Z")
        );
        assert_eq!(
            t("2016-09-06 16:38:55Z").as_deref(),
            Some("2016-09-06T16:38:55Z")
        );
        assert_eq!(
            t("2016-09-06 16:38:55.5+02").as_deref(),
            Some("2016-09-06T14:38:55.5Z")
        );
        assert_eq!(
            t("2016-09-06 16:38:55-05:00").as_deref(),
            Some("2016-09-06T21:38:55Z")
        );
        for bad in [
            "",
            "2016-09-06",
            "2016-13-06 16:38:55",
            "0000-00-00 00:00:00",
            "2016-09-06 16:38:55 EST",
            "2016-09-06 16:38:5",
            "2016-09-06 16:38:55.",
            "2016-09-06 16:38:55 +5",
            "2016-09-06 16:38:55 +ñ0",
        ] {
            assert_eq!(t(bad), None, "{bad}");
        }
    }

    #[test]
    fn control_characters_are_dropped_before_reading() {
        let text = "\0\0\01762182900|1.1|600|NONE|ENTERQUEUE||98765\u{7}4321|1\n\u{1b}[2J\tjunk\n";
        assert_eq!(sniff_pbx(text), Some(PbxLogKind::QueueLog));
        let log = parse_pbx(text, &PbxReadOptions::default()).unwrap();
        assert_eq!(log.queue.len(), 1);
        assert_eq!(log.queue[0].time.as_second(), 1_762_182_900);
        assert_eq!(log.queue[0].data, ["", "987654321", "1"]);
        assert_eq!(log.control_chars_removed, 5);
        assert_eq!(log.bad_lines.len(), 1);
        assert!(
            !log.bad_lines[0].1.contains(char::is_control),
            "{:?}",
            log.bad_lines
        );
        assert_eq!(shown("a\u{7}b"), "a\u{fffd}b");
        assert_eq!(field_text(" a\tb "), "a b");
    }

    #[test]
    fn times_written_without_a_zone() {
        assert!(written_in_zone("2026-11-03 10:15:02"));
        assert!(written_in_zone("2026-11-03 10:15:02.250000"));
        for not_local in [
            "1762182902",
            "1762182902.5",
            "2026-11-03 10:15:02Z",
            "2026-11-03 10:15:02-05:00",
            "",
            "x",
        ] {
            assert!(!written_in_zone(not_local), "{not_local}");
        }
    }

    #[test]
    fn sniff_each_kind() {
        let cases = [
            (
                "1762182900|1762182890.12|600|NONE|ENTERQUEUE||987654321|1\n",
                Some(PbxLogKind::QueueLog),
            ),
            (
                "time,callid,queuename,agent,event,data1\n",
                Some(PbxLogKind::QueueLog),
            ),
            (
                "time|callid|queuename|agent|event|data\n",
                Some(PbxLogKind::QueueLog),
            ),
            ("eventtype;eventtime;cid_name\n", Some(PbxLogKind::Cel)),
            ("calldate,clid,src,dst,disposition\n", Some(PbxLogKind::Cdr)),
            ("\"ANSWER\",\"1335310195.526390\",\"\",\"\"\n", None),
            (
                "Asterisk Call Manager/5.0.1\n\nEvent: Hold\nChannel: PJSIP/201-1\n",
                Some(PbxLogKind::Ami),
            ),
            ("WEBVTT\n\n00:01.000 --> 00:02.000\nhola\n", None),
            ("Operador: Buenos días\nUsuario: Hola\n", None),
            ("operator_id,name,extension\n1,Rosa,201\n", None),
            ("{\"segments\": []}", None),
            ("", None),
        ];
        for (text, kind) in cases {
            assert_eq!(sniff_pbx(text), kind, "{text}");
        }
    }

    /// Every file of realdata is told apart by content: the CDR, CEL and queue_log files parse with no
    /// bad line; the transcripts, notes and the Wazo documentation page are no PBX log.
    #[test]
    fn every_realdata_file_is_told_apart_by_content() {
        let Some(dir) = realdata("") else { return };
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let expected = match name
                .split('_')
                .take(2)
                .collect::<Vec<_>>()
                .join("_")
                .as_str()
            {
                "asterisk_cdr" => Some(PbxLogKind::Cdr),
                "asterisk_cel" => Some(PbxLogKind::Cel),
                "pbxware_queue" => Some(PbxLogKind::QueueLog),
                _ => None,
            };
            let text = decode(&std::fs::read(&path).unwrap());
            assert_eq!(sniff_pbx(&text), expected, "{name}");
            if expected.is_some() {
                let log = read_pbx(&path, &PbxReadOptions::default()).unwrap();
                assert!(log.bad_lines.is_empty(), "{name}: {:?}", log.bad_lines);
                seen += 1;
            }
        }
        assert_eq!(seen, 7);
    }

    #[test]
    fn empty_and_foreign_files_are_errors_naming_the_file() {
        let dir = std::env::temp_dir().join(format!("callqa-pbx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let options = PbxReadOptions::default();
        for (name, bytes, reason) in [
            ("empty.csv", &b""[..], "archivo vacío"),
            ("blank.log", b" \r\n\r\n", "archivo vacío"),
            ("notes.txt", b"Operador: hola\nUsuario: buenas\n", NOT_PBX),
            (
                "roster.csv",
                b"operator_id,name,extension\n1,Rosa,201\n",
                NOT_PBX,
            ),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let err = read_pbx(&path, &options).unwrap_err();
            assert_eq!(err.reason, reason);
            assert!(err.to_string().contains(name), "{err}");
        }
        let err = read_pbx(&dir.join("missing.log"), &options).unwrap_err();
        assert_eq!(err.code, Problem::Unreadable);
        assert!(err.reason.starts_with("no se puede leer: "), "{err}");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd: &[&[u8]] = &[
            b"\xFF\xFE\x00",
            b"1762182900|",
            b"1762182900|a|b|c|ENTERQUEUE",
            b"1762182900|a|b|c|\xC3\xB1",
            b"99999999999|a|b|c|X|\n1|a",
            b"\"",
            b"\"ANSWER\",\"",
            b"\"CHAN_START\",\"1335310195.5\"",
            b"CHAN_START,1335310195.5,,,,,,,,,,,,,,,,,,\n\"\xE2\x82",
            br#""","1","2","d","c","ch","","Dial","","2016-09-06 16:38:55","x","y",z,-1,"ANSWERED","D""#,
            b"calldate,disposition\n2016-09-06 16:38:55,ANSWERED\n,\n\xC3",
            b"eventtype,eventtime\nX\n",
            b"time,callid,queuename,event\n1,2,3\n",
            b"uid,date_time,callid,queue_name,type,event,param1\n1,2\n",
            b"Event: Hold\nTimestamp: 1e99\n\nResponse\n: x\nEvent:\n",
            b"Asterisk Call Manager/1.0\nEvent: Hold\nPrivilege: call,all\nTimestamp:",
        ];
        let options = PbxReadOptions::default();
        for bytes in odd {
            let text = decode(bytes);
            let _ = sniff_pbx(&text);
            let _ = parse_pbx(&text, &options);
        }
    }

    /// A log read whole and the same log streamed, parts put back together.
    fn whole_and_streamed(bytes: &[u8]) -> (PbxLog, PbxLog) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        std::fs::write(&path, bytes).unwrap();
        let whole = read_pbx(&path, &PbxReadOptions::default()).unwrap();
        let mut streamed = PbxLog::default();
        read_pbx_stream(&path, &PbxReadOptions::default(), None, |part| {
            streamed.kind = part.kind;
            streamed.queue.extend(part.queue);
            streamed.cdr.extend(part.cdr);
            streamed.cel.extend(part.cel);
            streamed.ami.extend(part.ami);
            streamed.bad_lines.extend(part.bad_lines);
            for (event, n) in part.unknown_events {
                *streamed.unknown_events.entry(event).or_default() += n;
            }
        })
        .unwrap();
        (whole, streamed)
    }

    #[test]
    fn streamed_logs_read_as_whole_ones() {
        let sample = |name: &str| {
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("sample-data/pbx")
                    .join(name),
            )
            .unwrap()
        };
        let master = sample("Master.csv");
        // Large enough to be streamed (over the 256 KiB head) and to span batches of rows.
        let mut big_cdr = Vec::new();
        while big_cdr.len() < 300 * 1024 || big_cdr.iter().filter(|&&b| b == b'\n').count() < 70_000
        {
            big_cdr.extend_from_slice(&master);
        }
        let mut cut_cdr = big_cdr.clone();
        cut_cdr.truncate(cut_cdr.len() - 40);
        let mut big_queue = Vec::new();
        while big_queue.len() < 300 * 1024 {
            big_queue.extend_from_slice(&sample("queue_log"));
        }
        let mut big_ami = Vec::new();
        while big_ami.len() < 700 * 1024 {
            big_ami.extend_from_slice(&sample("ami.log"));
        }
        for (name, bytes) in [
            ("cdr", big_cdr),
            ("cut cdr", cut_cdr),
            ("queue_log", big_queue),
            ("ami", big_ami),
            ("small cdr", master),
        ] {
            let (whole, streamed) = whole_and_streamed(&bytes);
            assert_eq!(streamed.kind, whole.kind, "{name}");
            assert_eq!(streamed.cdr.len(), whole.cdr.len(), "{name}");
            assert!(streamed.cdr == whole.cdr, "{name}: CDR legs differ");
            assert!(streamed.queue == whole.queue, "{name}: queue events differ");
            assert!(streamed.ami == whole.ami, "{name}: AMI events differ");
            assert_eq!(streamed.bad_lines, whole.bad_lines, "{name}");
            assert_eq!(streamed.unknown_events, whole.unknown_events, "{name}");
        }
    }
}
