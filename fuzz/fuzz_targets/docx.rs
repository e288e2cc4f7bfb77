#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| reflint_fuzz::docx(data));
