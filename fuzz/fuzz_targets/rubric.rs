//! Any text as a rubric: load (and compile every detector) without panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = callqa::rubric::load_str(text, "fuzz.toml");
    }
});
