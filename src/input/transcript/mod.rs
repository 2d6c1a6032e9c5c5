//! The transcript formats, one reader per format: WebVTT and SRT (sharing `cue`), WhisperX, Amazon
//! Transcribe and its Call Analytics output, callqa's own JSON, and plain `Operador:`/`Usuario:` text;
//! `speaker` reads the speaker labels they all may carry. `input` decodes, sniffs and dispatches.

pub(super) mod call_analytics;
pub(super) mod cue;
pub(super) mod native;
pub(super) mod plain;
pub(super) mod speaker;
pub(super) mod srt;
pub(super) mod transcribe;
pub(super) mod vtt;
pub(super) mod whisperx;
