//! `thidua templates`: write the default Word templates for an officer to
//! edit, or check edited ones.

use crate::pipeline::TEMPLATE_NAMES;
use crate::render::docx::{builtin, Template};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua templates --out THƯ_MỤC | --check THƯ_MỤC",
    after_help = "Ví dụ:\n  thidua templates --out mau/              ghi các mẫu mặc định vào thư mục mau/ để sửa trong Word\n  thidua templates --check mau/            kiểm tra các mẫu đã sửa\n  thidua run hop-thu/ --templates mau/     dùng các mẫu đã sửa\n\nNgôn ngữ mẫu: {truong}, {don_vi.ten}, {x|so}, {x|so:2}, {x|phan_tram}, {x|ngay}, {x|hoa}, {x|la_ma}, {x|mac_dinh:\"……\"};\nvòng lặp {#each ds}…{/each} (đặt {#each} ở ô đầu và {/each} ở ô cuối của một dòng bảng để lặp theo dòng), {@index}, {.};\nđiều kiện {#if x}…{#else}…{/if}, {#if !x}."
)]
pub struct TemplatesArgs {
    /// Ghi các mẫu mặc định (tờ trình, biên bản, báo cáo tóm tắt) vào thư mục này.
    #[arg(long, short, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,
    /// Kiểm tra các mẫu .docx trong thư mục này (lỗi thẻ, khối chưa đóng …).
    #[arg(long, value_name = "ĐƯỜNG_DẪN")]
    pub check: Option<PathBuf>,
}

pub fn run(a: &TemplatesArgs) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &a.out {
        std::fs::create_dir_all(dir)?;
        for name in TEMPLATE_NAMES {
            let path = dir.join(name);
            std::fs::write(&path, builtin(name).expect("built-in template"))?;
            println!("Đã ghi {}", path.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let Some(dir) = &a.check else {
        eprintln!(
            "Cần --out THƯ_MỤC để ghi các mẫu mặc định, hoặc --check THƯ_MỤC để kiểm tra mẫu đã sửa.\nXem thêm: thidua templates --help"
        );
        return Ok(ExitCode::from(2));
    };
    let mut bad = false;
    for name in TEMPLATE_NAMES {
        let path = dir.join(name);
        let Ok(bytes) = std::fs::read(&path) else {
            println!("{name}: không có trong thư mục; sẽ dùng mẫu mặc định.");
            continue;
        };
        match Template::compile(&bytes, name) {
            Ok(_) => println!("{name}: hợp lệ."),
            Err(errors) => {
                bad = true;
                for e in errors {
                    println!("{e}");
                }
            }
        }
    }
    Ok(if bad { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
