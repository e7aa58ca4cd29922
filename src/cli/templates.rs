//! `thidua templates`: write the default Word templates for an officer to
//! edit, or check edited ones against data.

use crate::render::docx::{builtin_sample, compare_fields, Template, BUILTIN};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua templates --out THƯ_MỤC\n       thidua templates check TỆP.docx… [--data DỮ_LIỆU.json]",
    after_help = "Ví dụ:\n  thidua templates --out mau/                                   ghi các mẫu mặc định và dữ liệu mẫu vào mau/\n  thidua templates check mau/to-trinh.docx                      kiểm tra mẫu đã sửa (với dữ liệu mẫu của nó)\n  thidua templates check mau/to-trinh.docx --data du-lieu.json  kiểm tra với dữ liệu của mình\n  thidua run hop-thu/ --templates mau/                          dùng các mẫu đã sửa\n\nNgôn ngữ mẫu: {truong}, {don_vi.ten}, {x|so}, {x|so:2}, {x|phan_tram}, {x|ngay}, {x|dong_ngay:\"Hà Nội\"}, {x|hoa},\n{x|la_ma}, {x|bang_chu}, {x|doc_so}, {x|ten_co_quan} (tên cơ quan chia dòng), {x|mac_dinh:\"……\"}; vòng lặp {#each ds}…{/each} (đặt {#each} ở ô đầu và {/each} ở ô\ncuối của một dòng bảng để lặp theo dòng; {#each ds|danh_so_lai} đánh số lại danh sách), {@index}, {.};\nđiều kiện {#if x}…{#else}…{/if}, {#if !x}; {#if @cuoi} đúng ở phần tử cuối của vòng lặp (dấu \".\" cuối Nơi nhận)."
)]
pub struct TemplatesArgs {
    /// "check" để kiểm tra các tệp mẫu.
    #[arg(value_name = "check")]
    pub action: Option<String>,
    /// Các tệp mẫu .docx cần kiểm tra.
    #[arg(value_name = "TỆP")]
    pub files: Vec<PathBuf>,
    /// Dữ liệu (.json) để thử điền mẫu; mặc định dùng dữ liệu mẫu của mẫu cùng tên.
    #[arg(long, value_name = "DỮ_LIỆU.json")]
    pub data: Option<PathBuf>,
    /// Ghi các mẫu mặc định (và dữ liệu mẫu, trong du-lieu-mau/; quy tắc tích hợp sẵn, trong quy-tac/) vào thư mục này.
    #[arg(long, short, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,
}

pub fn run(a: &TemplatesArgs) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &a.out {
        std::fs::create_dir_all(dir.join("du-lieu-mau"))?;
        for (name, bytes, sample) in BUILTIN {
            std::fs::write(dir.join(name), bytes)?;
            std::fs::write(dir.join("du-lieu-mau").join(name.replace(".docx", ".json")), sample)?;
            println!("Đã ghi {}", dir.join(name).display());
        }
        println!("Dữ liệu mẫu để thử: {}", dir.join("du-lieu-mau").display());
        // The built-in rules, to edit into another year's (`--rules`).
        std::fs::create_dir_all(dir.join("quy-tac"))?;
        let rules = crate::rules::BUILTIN.iter().copied().chain(std::iter::once(("tong-ket-nam.toml", crate::rules::annual::BUILTIN_TEXT)));
        for (name, text) in rules {
            std::fs::write(dir.join("quy-tac").join(name), text)?;
        }
        println!("Quy tắc tích hợp sẵn (sửa rồi dùng với --rules): {}", dir.join("quy-tac").display());
        return Ok(ExitCode::SUCCESS);
    }
    if a.action.as_deref() != Some("check") || a.files.is_empty() {
        eprintln!("Cần --out THƯ_MỤC để ghi các mẫu mặc định, hoặc: thidua templates check TỆP.docx [--data DỮ_LIỆU.json]\nXem thêm: thidua templates --help");
        return Ok(ExitCode::from(2));
    }
    let data: Option<serde_json::Value> = match &a.data {
        Some(p) => {
            match std::fs::read_to_string(p).map_err(|e| e.to_string()).and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string())) {
                Ok(v) => Some(v),
                Err(e) => {
                    eprintln!("Không đọc được dữ liệu {}: {e}", p.display());
                    return Ok(ExitCode::from(2));
                }
            }
        }
        None => None,
    };
    let mut bad = false;
    for path in &a.files {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                println!("{}: không đọc được ({e})", path.display());
                bad = true;
                continue;
            }
        };
        let t = match Template::compile(&bytes, &name) {
            Ok(t) => t,
            Err(errors) => {
                bad = true;
                println!("{}: {} lỗi", path.display(), errors.len());
                for e in errors {
                    println!("  {e}");
                }
                continue;
            }
        };
        let data = data.clone().or_else(|| builtin_sample(&name).and_then(|s| serde_json::from_str(s).ok()));
        let Some(data) = data else {
            println!("{}: không có lỗi cú pháp ({} trường). Thêm --data để thử điền.", path.display(), t.fields().len());
            continue;
        };
        let (missing, unused) = compare_fields(&t.fields(), &data);
        let render = t.render(&data);
        match &render {
            Ok(_) => println!("{}: hợp lệ; điền thử thành công.", path.display()),
            Err(errors) => {
                bad = true;
                println!("{}: {} lỗi khi điền thử", path.display(), errors.len());
                for e in errors {
                    println!("  {e}");
                }
            }
        }
        if !missing.is_empty() {
            println!("  Trường trong mẫu mà dữ liệu không có: {}", missing.join(", "));
        }
        if !unused.is_empty() {
            println!("  Dữ liệu có nhưng mẫu không dùng: {}", unused.join(", "));
        }
    }
    Ok(if bad { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
