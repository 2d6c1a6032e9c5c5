//! Any bytes as a transcript file of each extension: read, sniff, parse, link and score without panic.
#![no_main]

use std::sync::LazyLock;

use callqa::input::read_transcript;
use callqa::link::{Roster, build_interaction};
use callqa::rubric::Rubric;
use callqa::score::score;
use libfuzzer_sys::fuzz_target;

static RUBRIC: LazyLock<Rubric> = LazyLock::new(Rubric::default_rubric);

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("callqa-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for extension in ["vtt", "srt", "json", "txt"] {
        let path = dir.join(format!("1793632502.1187.{extension}"));
        if std::fs::write(&path, data).is_err() {
            return;
        }
        if let Ok(transcript) = read_transcript(&path)
            && let Ok(interaction) =
                build_interaction(transcript, &path, &Roster::new(Vec::new()), &RUBRIC.facts)
        {
            let _ = score(interaction, &RUBRIC);
        }
    }
});
