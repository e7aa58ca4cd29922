//! Any bytes as a .docx template: compile and, when it compiles, render
//! with the quarterly sample data; never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use thidua::render::docx::{builtin_sample, Template};

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = Template::compile(data, "fuzz.docx") {
        let sample: serde_json::Value = serde_json::from_str(builtin_sample("to-trinh.docx").unwrap()).unwrap();
        let _ = t.render(&sample);
        let _ = t.fields();
    }
});
