//! The reasons people read are in Spanish: representative bad input of every transcript format, every
//! PBX log kind and the roster, each reason checked for common English words. Values quoted in
//! backticks (field names, the file's own text) are data and are not checked.

use std::path::Path;

use super::{
    Limits, PbxReadOptions, parse_pbx, parse_transcript, read_roster, read_transcript_into,
};
use crate::model::{Format, Problem};

/// Words that give an English reason away (matched in lower case, outside backticks).
pub(crate) const ENGLISH: &[&str] = &[
    " the ",
    "expected",
    "field(s)",
    "fields",
    "line ",
    "must be",
    "not a",
    "missing",
    "invalid",
    "duplicate",
    "unknown",
    "truncated",
    " has no ",
    " is not ",
    "cannot",
    "empty file",
    "while ",
    "header",
    "column ",
    "record",
    " or ",
    " of ",
    "unsupported",
    "error:",
];

/// The English words `reason` holds outside backticks.
pub(crate) fn english_words(reason: &str) -> Vec<&'static str> {
    let prose: String = reason
        .split('`')
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let prose = format!(" {prose} ");
    ENGLISH
        .iter()
        .copied()
        .filter(|word| prose.contains(word))
        .collect()
}

fn assert_spanish(what: &str, reason: &str) {
    println!("{what}: {reason}");
    let words = english_words(reason);
    assert!(words.is_empty(), "{what}: English {words:?} in {reason:?}");
    assert!(!reason.is_empty(), "{what}: empty reason");
}

#[test]
fn the_check_finds_english_outside_backticks_only() {
    assert_eq!(
        english_words("1 field(s); expected 5"),
        ["expected", "field(s)"]
    );
    assert!(english_words("campo desconocido `unknown field`").is_empty());
    assert_eq!(
        english_words("The file is not a log"),
        [" the ", "not a", " is not "]
    );
}

/// (what, format, text, code) for every transcript format.
const TRANSCRIPTS: &[(&str, Format, &str, Problem)] = &[
    (
        "vtt: text before the first cue",
        Format::Vtt,
        "WEBVTT\n\nsuelto\n\n00:01.000 --> 00:02.000\nhola\n",
        Problem::Malformed,
    ),
    (
        "vtt: bad timing",
        Format::Vtt,
        "WEBVTT\n\n00:01.000 --> 00:0x.000\nhola\n",
        Problem::BadTime,
    ),
    (
        "vtt: end before start",
        Format::Vtt,
        "WEBVTT\n\n00:05.000 --> 00:04.000\nhola\n",
        Problem::BadTime,
    ),
    (
        "vtt: no speech",
        Format::Vtt,
        "WEBVTT\n\n00:01.000 --> 00:02.000\n\n",
        Problem::NoSpeech,
    ),
    (
        "srt: bad timing",
        Format::Srt,
        "1\n00:00:01,000 --> 00:00:0x,000\nhola\n",
        Problem::BadTime,
    ),
    (
        "whisperx: truncated",
        Format::WhisperX,
        "{\"segments\": [{\"start\": 1, \"te",
        Problem::Malformed,
    ),
    (
        "whisperx: trailing comma",
        Format::WhisperX,
        "{\"segments\": [1,]}",
        Problem::Malformed,
    ),
    (
        "whisperx: expected value",
        Format::WhisperX,
        "{\"segments\": [}",
        Problem::Malformed,
    ),
    (
        "whisperx: not an object",
        Format::WhisperX,
        "5",
        Problem::Malformed,
    ),
    (
        "whisperx: segments not an array",
        Format::WhisperX,
        "{\"segments\": {}}",
        Problem::Malformed,
    ),
    (
        "whisperx: segment not an object",
        Format::WhisperX,
        "{\"segments\": [1]}",
        Problem::Malformed,
    ),
    (
        "whisperx: no text",
        Format::WhisperX,
        "{\"segments\": [{\"start\": 1, \"end\": 2}]}",
        Problem::Malformed,
    ),
    (
        "whisperx: text not a string",
        Format::WhisperX,
        "{\"segments\": [{\"start\": 1, \"end\": 2, \"text\": 5}]}",
        Problem::Malformed,
    ),
    (
        "whisperx: start not a number",
        Format::WhisperX,
        "{\"segments\": [{\"start\": \"x\", \"end\": 2, \"text\": \"a\"}]}",
        Problem::BadTime,
    ),
    (
        "whisperx: negative start",
        Format::WhisperX,
        "{\"segments\": [{\"start\": -1, \"end\": 2, \"text\": \"a\"}]}",
        Problem::BadTime,
    ),
    (
        "whisperx: NaN start",
        Format::WhisperX,
        "{\"segments\": [{\"start\": \"NaN\", \"end\": 2, \"text\": \"a\"}]}",
        Problem::BadTime,
    ),
    (
        "transcribe: no results",
        Format::Transcribe,
        "{\"results\": 3}",
        Problem::Malformed,
    ),
    (
        "transcribe: items not an array",
        Format::Transcribe,
        "{\"results\": {\"items\": 3}}",
        Problem::Malformed,
    ),
    (
        "transcribe: no content",
        Format::Transcribe,
        "{\"results\": {\"items\": [{\"start_time\": \"1\", \"end_time\": \"2\"}]}}",
        Problem::Malformed,
    ),
    (
        "transcribe: unknown type",
        Format::Transcribe,
        "{\"results\": {\"items\": [{\"type\": \"x\", \"alternatives\": [{\"content\": \"a\"}]}]}}",
        Problem::Malformed,
    ),
    (
        "transcribe: no times",
        Format::Transcribe,
        "{\"results\": {\"items\": [{\"type\": \"pronunciation\", \"alternatives\": [{\"content\": \"a\"}]}]}}",
        Problem::Malformed,
    ),
    (
        "transcribe: end before start",
        Format::Transcribe,
        "{\"results\": {\"items\": [{\"start_time\": \"2\", \"end_time\": \"1\", \"alternatives\": [{\"content\": \"a\"}]}]}}",
        Problem::BadTime,
    ),
    (
        "transcribe: segment without label",
        Format::Transcribe,
        "{\"results\": {\"items\": [], \"speaker_labels\": {\"segments\": [{\"start_time\": \"1\", \"end_time\": \"2\"}]}}}",
        Problem::Malformed,
    ),
    (
        "transcribe: segment without times",
        Format::Transcribe,
        "{\"results\": {\"items\": [], \"speaker_labels\": {\"segments\": [{\"speaker_label\": \"spk_0\"}]}}}",
        Problem::Malformed,
    ),
    (
        "call analytics: no Transcript",
        Format::CallAnalytics,
        "{\"Transcript\": {}}",
        Problem::Malformed,
    ),
    (
        "call analytics: no role",
        Format::CallAnalytics,
        "{\"Transcript\": [{\"Content\": \"a\"}]}",
        Problem::Malformed,
    ),
    (
        "call analytics: span without end",
        Format::CallAnalytics,
        "{\"Transcript\": [], \"ConversationCharacteristics\": {\"NonTalkTime\": {\"Instances\": [{\"BeginOffsetMillis\": 1}]}}}",
        Problem::Malformed,
    ),
    (
        "call analytics: span end before begin",
        Format::CallAnalytics,
        "{\"Transcript\": [], \"ConversationCharacteristics\": {\"NonTalkTime\": {\"Instances\": [{\"BeginOffsetMillis\": 5, \"EndOffsetMillis\": 1}]}}}",
        Problem::BadTime,
    ),
    (
        "native: other format",
        Format::Native,
        "{\"format\": \"x\", \"version\": 1, \"turns\": []}",
        Problem::Malformed,
    ),
    (
        "native: version",
        Format::Native,
        "{\"format\": \"callqa-transcript\", \"version\": 2, \"turns\": []}",
        Problem::UnsupportedVersion,
    ),
    (
        "native: started_at",
        Format::Native,
        "{\"format\": \"callqa-transcript\", \"version\": 1, \"started_at\": \"ayer\", \"turns\": []}",
        Problem::BadTime,
    ),
    (
        "native: unknown key",
        Format::Native,
        "{\"format\": \"callqa-transcript\", \"version\": 1, \"turns\": [], \"agent\": 1}",
        Problem::Malformed,
    ),
    (
        "native: unknown role",
        Format::Native,
        "{\"format\": \"callqa-transcript\", \"version\": 1, \"turns\": [{\"role\": \"boss\", \"text\": \"a\"}]}",
        Problem::Malformed,
    ),
    (
        "native: missing text",
        Format::Native,
        "{\"format\": \"callqa-transcript\", \"version\": 1, \"turns\": [{\"speaker\": \"a\"}]}",
        Problem::Malformed,
    ),
    (
        "native: duplicate key",
        Format::Native,
        "{\"format\": \"callqa-transcript\", \"format\": \"x\", \"version\": 1, \"turns\": []}",
        Problem::Malformed,
    ),
    (
        "native: wrong type",
        Format::Native,
        "{\"format\": \"callqa-transcript\", \"version\": 1, \"turns\": [{\"start\": \"x\", \"text\": \"a\"}]}",
        Problem::Malformed,
    ),
    (
        "native: negative version",
        Format::Native,
        "{\"format\": \"callqa-transcript\", \"version\": -1, \"turns\": []}",
        Problem::Malformed,
    ),
    (
        "native: turns not a list",
        Format::Native,
        "{\"format\": \"callqa-transcript\", \"version\": 1, \"turns\": {}}",
        Problem::Malformed,
    ),
    (
        "native: null format",
        Format::Native,
        "{\"format\": null, \"version\": 1, \"turns\": []}",
        Problem::Malformed,
    ),
    (
        "plain: nothing but labels",
        Format::Plain,
        "Operador:\nUsuario:\n",
        Problem::NoSpeech,
    ),
];

#[test]
fn every_transcript_format_gives_its_reasons_in_spanish() {
    for (what, format, text, code) in TRANSCRIPTS {
        let err = parse_transcript(text, *format).expect_err(what);
        assert_eq!(err.code, *code, "{what}: {}", err.reason);
        assert_spanish(what, &err.reason);
    }
    let deep = format!("{{\"segments\": {}1{}}}", "[".repeat(200), "]".repeat(200));
    let err = parse_transcript(&deep, Format::WhisperX).unwrap_err();
    assert_eq!(err.code, Problem::Malformed);
    assert!(err.reason.contains("anidamiento"), "{}", err.reason);
    assert_spanish("too deep", &err.reason);
}

#[test]
fn files_that_are_no_transcript_give_their_reasons_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let small = Limits {
        max_file_bytes: 1 << 20,
        max_line_bytes: 64,
    };
    let cases: &[(&str, &[u8], Problem)] = &[
        ("empty.vtt", b"  \n", Problem::Empty),
        (
            "notes.md",
            b"# Notes\n\nSome text here.\n",
            Problem::NotTranscript,
        ),
        (
            "one.txt",
            b"Operador: hola\ny nada\n",
            Problem::NotTranscript,
        ),
        ("long.vtt", &[b'a'; 100], Problem::LineTooLong),
    ];
    for (name, bytes, code) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = read_transcript_into(&path, &mut Vec::new(), &small).unwrap_err();
        assert_eq!(err.code, *code, "{name}: {}", err.reason);
        assert_spanish(name, &err.reason);
    }
    let big = Limits {
        max_file_bytes: 4,
        ..small
    };
    let path = dir.path().join("big.vtt");
    std::fs::write(&path, b"WEBVTT\n").unwrap();
    let err = read_transcript_into(&path, &mut Vec::new(), &big).unwrap_err();
    assert_eq!(err.code, Problem::TooLarge);
    assert_spanish("big.vtt", &err.reason);
    let err =
        read_transcript_into(&dir.path().join("gone.vtt"), &mut Vec::new(), &small).unwrap_err();
    assert_eq!(err.code, Problem::Unreadable);
    assert_spanish("gone.vtt", &err.reason);
}

/// (what, log text, how many bad lines it has) for every PBX log kind and layout.
const PBX: &[(&str, &str, usize)] = &[
    (
        "queue_log",
        "1762182900|1.1|600|NONE|ENTERQUEUE||987|1\n1762182903|1.1|600|PJSIP/201|CONNECT|3|1.2|1\nbasura\n\
         17621829x0|1.1|600|NONE|CONNECT|1\n1762182901|1.1|600|NONE||1\n\
         1762182950|1.1|600|PJSIP/201|COMPLETEAGENT|3|47|1\n1762182960|1.3|600|NONE|ENTERQUEUE||988|1\n\
         1762183000|1.1",
        4,
    ),
    (
        "queue_log table",
        "time,callid,queuename,agent,event,data1\n1762182900,1.1,600,NONE,ENTERQUEUE,x\n\
         x,1.1,600,NONE,CONNECT,1\n1762182900,1.1,600,NONE,,1\n,1.1,600,NONE,CONNECT,1\n1762182900,1.1",
        4,
    ),
    (
        "cdr",
        concat!(
            r#""","201","600","ctx","","PJSIP/201-1","","Hangup","","2025-11-03 10:15:00","","2025-11-03 10:15:05",5,0,"NO ANSWER","DOCUMENTATION""#,
            "\n",
            r#""","201","600","ctx","","PJSIP/201-1","","Hangup","","2025-11-03 10:1x:00","","2025-11-03 10:15:05",5,0,"NO ANSWER","DOCUMENTATION""#,
            "\n",
            r#""","201","600","ctx","","PJSIP/201-1","","Hangup","","2025-11-03 10:15:00","","2025-11-03 10:15:05",five,0,"NO ANSWER","DOCUMENTATION""#,
            "\n",
            r#""","201","600","ctx","","PJSIP/201-1","","Hangup","","","","2025-11-03 10:15:05",5,0,"NO ANSWER","DOCUMENTATION""#,
            "\na,b,c\n",
            r#""","201","600","ctx","","PJSIP/201-1","#,
        ),
        5,
    ),
    (
        "cdr table",
        "calldate,src,dst,duration,billsec,disposition\n2025-11-03 10:15:00,201,600,5,0,ANSWERED\n\
         ayer,201,600,5,0,ANSWERED\n2025-11-03 10:15:00,201",
        2,
    ),
    (
        "cel",
        "CHAN_START,1335310195.5,,,,,,,,,,,,,,,,,,\nCHAN_START,x,,,,,,,,,,,,,,,,,,\n,1335310195.5,,,,,,,,,,,,,,,,,,\nCHAN_START,1",
        3,
    ),
    (
        "cel table",
        "eventtype,eventtime,channame\nCHAN_START,2025-11-03 10:15:00,PJSIP/201\n\
         ,2025-11-03 10:15:00,PJSIP/201\nHANGUP,ayer,PJSIP/201\nHANGUP,2025",
        3,
    ),
    (
        "ami",
        "Event: Hold\nPrivilege: call,all\nChannel: PJSIP/201-1\nUniqueid: 1.2\nTimestamp: 17621829xx\nbroken line here\n\n\
         Privilege: call,all\nChannel: PJSIP/201-1\n",
        3,
    ),
];

#[test]
fn every_pbx_log_kind_gives_its_bad_lines_in_spanish() {
    let options = PbxReadOptions::default();
    for (what, text, bad) in PBX {
        let log = parse_pbx(text, &options).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(log.bad_lines.len(), *bad, "{what}: {:?}", log.bad_lines);
        for (_, reason) in &log.bad_lines {
            assert_spanish(what, reason);
        }
    }
    for text in ["", "WEBVTT\n\n00:01.000 --> 00:02.000\nhola\n"] {
        let err = parse_pbx(text, &options).unwrap_err();
        assert_spanish("no PBX log", &err.reason);
    }
}

#[test]
fn the_roster_gives_its_reasons_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let path = write(
        "operators.csv",
        "operator_id,name,extension,email\nOP1,Rosa,201,x\nOP1,Otra,202,x\n,Ana,203,x\nOP2,,204,x\n\
         OP3,Juan,20x,x\nthis line is broken\n",
    );
    let (operators, problems) = read_roster(&path).unwrap();
    assert_eq!(operators.len(), 1);
    assert_eq!(problems.len(), 6, "{problems:?}");
    for problem in &problems {
        assert_spanish("roster line", &problem.reason);
    }
    for (name, text) in [
        ("empty.csv", ""),
        ("semi.csv", "operator_id;name;extension\nOP1;Ana;201\n"),
        ("two.csv", "operator_id\nOP1\n"),
    ] {
        let err = read_roster(&write(name, text)).unwrap_err();
        assert_spanish(name, &err.reason);
    }
    let err = read_roster(Path::new("/nonexistent/operators.csv")).unwrap_err();
    assert_spanish("missing roster", &err.reason);
}
