//! Any bytes as operators.csv: read without panic.
#![no_main]

use callqa::input::read_roster;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("callqa-fuzz-operators-{}.csv", std::process::id()));
    if std::fs::write(&path, data).is_ok() {
        let _ = read_roster(&path);
    }
});
