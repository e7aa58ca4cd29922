//! Fill one template with one JSON file, as the engine does in a run:
//!
//! ```sh
//! cargo run --example fill -- templates/bien-ban-cum.docx templates/du-lieu-mau/bien-ban-cum.json /tmp/bien-ban-cum.docx
//! ```

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [tpl, data, out] = args.as_slice() else {
        eprintln!("cách dùng: fill MẪU.docx DỮ_LIỆU.json KẾT_QUẢ.docx");
        std::process::exit(2);
    };
    let bytes = std::fs::read(tpl).expect("đọc mẫu");
    let t = thidua::render::docx::Template::compile(&bytes, tpl).unwrap_or_else(|e| {
        for x in e {
            eprintln!("{x}");
        }
        std::process::exit(1)
    });
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(data).expect("đọc dữ liệu")).expect("JSON");
    match t.render(&data) {
        Ok(b) => std::fs::write(out, b).expect("ghi kết quả"),
        Err(e) => {
            for x in e {
                eprintln!("{x}");
            }
            std::process::exit(1)
        }
    }
}
