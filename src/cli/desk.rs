//! The officer's desk: `thidua.exe` started by a double click, or with a
//! folder dragged onto it, instead of from a command line.
//!
//! Windows starts such a program with the folder as its only argument (or
//! with none), in a console window of its own that closes as soon as the
//! program ends. So a lone folder argument means `thidua run FOLDER`, with
//! the results written beside the folder (the working directory of a
//! program started from Explorer is not the officer's choice); the output
//! folder is opened in Explorer; and the window waits for Enter so the
//! officer can read the summary. With no argument at all, a folder named
//! `hop-thu` beside the program is used, else the window explains what to
//! do. A scheduled job always names its subcommand, so it never reaches
//! this path and is never asked anything.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The folder a desk launch asks to process, if the arguments are a desk
/// launch: one argument that is an existing folder (not a subcommand), or
/// none at all on Windows.
pub fn launch(args: &[OsString]) -> Option<Desk> {
    match args {
        [_, folder] if Path::new(folder).is_dir() && !is_subcommand(folder) => Some(Desk::Folder(PathBuf::from(folder))),
        [exe] if cfg!(windows) => {
            let beside = Path::new(exe).parent().map(|d| d.join("hop-thu"));
            Some(match beside {
                Some(d) if d.is_dir() => Desk::Folder(d),
                _ => Desk::Nothing,
            })
        }
        _ => None,
    }
}

fn is_subcommand(a: &OsString) -> bool {
    ["run", "check", "demo", "forms", "units", "templates", "help"].iter().any(|s| a == s)
}

pub enum Desk {
    Folder(PathBuf),
    Nothing,
}

const GUIDE: &str = "thidua — lập hồ sơ thi đua, khen thưởng\n\n\
Cách dùng nhanh: kéo thư mục chứa các tệp Excel các đơn vị gửi về và thả vào\n\
biểu tượng thidua.exe (hoặc đặt các tệp vào thư mục \"hop-thu\" cạnh thidua.exe\n\
rồi nhấp đúp thidua.exe). Kết quả được ghi vào thư mục \"ket-qua\" cạnh thư mục\n\
hồ sơ và được mở ra khi xong.\n\n\
Dùng đầy đủ (kỳ xét, ngày ký, mẫu văn bản …): mở Command Prompt và gõ\n\
  thidua help";

/// Run the desk launch, then keep the window open when Explorer made it.
pub fn run(desk: Desk) -> ExitCode {
    let code = match desk {
        Desk::Nothing => {
            println!("{GUIDE}");
            ExitCode::SUCCESS
        }
        Desk::Folder(inbox) => {
            // Absolute, as typed: canonicalize would show the officer a verbatim
            // ("\\?\D:\...") path on Windows.
            let inbox = std::path::absolute(&inbox).unwrap_or(inbox);
            let out_root = inbox.parent().map(|p| p.join("ket-qua")).unwrap_or_else(|| PathBuf::from("ket-qua"));
            println!("Đang lập hồ sơ từ thư mục {} …", inbox.display());
            let args = super::run::RunArgs::for_folder(inbox, out_root);
            match super::run::run_reporting(&args) {
                Ok((code, out_dir)) => {
                    if let Some(dir) = out_dir {
                        open_folder(&dir);
                    }
                    code
                }
                Err(e) => {
                    eprintln!("Lỗi: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
    };
    if launched_from_explorer() {
        println!("\nNhấn Enter để đóng cửa sổ này.");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
    code
}

/// Show the results folder to the officer (Explorer on Windows only: on a
/// server or a Linux desk the path printed is enough).
fn open_folder(dir: &Path) {
    if cfg!(windows) {
        let _ = std::process::Command::new("explorer.exe").arg(dir).spawn();
    }
}

/// True when this process is alone in its console: Explorer made the
/// window for it, and it closes when the program ends.
#[cfg(windows)]
fn launched_from_explorer() -> bool {
    #[link(name = "kernel32")]
    extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }
    let mut ids = [0u32; 4];
    // SAFETY: the buffer is valid for `ids.len()` entries.
    let n = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    n == 1
}

#[cfg(not(windows))]
fn launched_from_explorer() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_folder_is_a_desk_launch_and_a_subcommand_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let exe = OsString::from("thidua");
        assert!(matches!(launch(&[exe.clone(), dir.path().into()]), Some(Desk::Folder(_))));
        assert!(launch(&[exe.clone(), "run".into()]).is_none());
        assert!(launch(&[exe.clone(), "/khong/co/thu-muc".into()]).is_none());
        assert!(launch(&[exe.clone(), dir.path().into(), "--period".into()]).is_none());
        if !cfg!(windows) {
            assert!(launch(&[exe]).is_none(), "no argument prints help outside Windows");
        }
    }
}
