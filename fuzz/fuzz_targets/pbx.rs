//! Any bytes as a PBX log (queue_log, CDR, CEL or AMI, told apart by content): parse without panic.
#![no_main]

use callqa::input::{PbxReadOptions, decode, parse_pbx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_pbx(&decode(data), &PbxReadOptions::default());
});
