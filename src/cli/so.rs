//! `thidua so …`: the office's register of awards and offices (issue 18).
//! Thin: each subcommand opens the register and calls `register`.

use crate::register::{self, decisions::Kind, Register};
use crate::registry::Registry;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua so <LỆNH> [TÙY CHỌN]",
    after_help = "Sổ khen thưởng là một tệp (mặc định so-khen-thuong.sqlite trong thư mục đang đứng; chỉ tệp khác bằng --so TỆP hoặc biến môi trường THIDUA_SO). Hãy sao lưu tệp này cùng hồ sơ.\n\nVí dụ:\n  thidua so ghi out/2022/                       ghi kết quả bình xét năm 2022 vào sổ\n  thidua so quyet-dinh quyet-dinh-2022.xlsx     ghi các quyết định khen thưởng nhận được\n  thidua so nhap khen-thuong-cac-nam-truoc.xlsx ghi khen thưởng các năm trước\n  thidua so xem --don-vi \"Hải Dương\"\n  thidua so xem --cum cum-1 --nam 2018..2022 --xlsx lich-su-cum-1.xlsx"
)]
pub struct SoArgs {
    #[command(subcommand)]
    pub command: SoCommand,
}

#[derive(Subcommand)]
pub enum SoCommand {
    /// Ghi kết quả một lần chạy (thư mục có ket-qua.json, manifest.json) vào sổ; ghi lại lần nữa không thay đổi gì.
    #[command(override_usage = "thidua so ghi THƯ_MỤC_KẾT_QUẢ [--so TỆP]")]
    Ghi {
        /// Thư mục kết quả của thidua run (ví dụ out/2022).
        #[arg(value_name = "THƯ_MỤC_KẾT_QUẢ")]
        dir: PathBuf,
        #[command(flatten)]
        so: SoFile,
    },
    /// Ghi danh sách quyết định khen thưởng nhận được (mẫu quyet-dinh-khen-thuong của thidua forms).
    #[command(name = "quyet-dinh", override_usage = "thidua so quyet-dinh TỆP.xlsx [--so TỆP]")]
    QuyetDinh {
        /// Tệp Excel danh sách quyết định.
        #[arg(value_name = "TỆP.xlsx")]
        file: PathBuf,
        #[command(flatten)]
        so: SoFile,
    },
    /// Ghi khen thưởng các năm trước (mẫu khen-thuong-cac-nam-truoc của thidua forms).
    #[command(override_usage = "thidua so nhap TỆP.xlsx [--so TỆP]")]
    Nhap {
        /// Tệp Excel khen thưởng các năm trước.
        #[arg(value_name = "TỆP.xlsx")]
        file: PathBuf,
        #[command(flatten)]
        so: SoFile,
    },
    /// Xem lịch sử khen thưởng của một đơn vị hoặc một Khối, Cụm; xuất ra Excel có biểu đồ.
    #[command(override_usage = "thidua so xem [--don-vi TÊN | --cum MÃ] [--nam 2018..2022] [--xlsx TỆP] [--so TỆP]")]
    Xem {
        /// Tên đơn vị như thường ghi (ví dụ "Hải Dương", "BHXH tỉnh Hải Dương").
        #[arg(long, value_name = "TÊN")]
        don_vi: Option<String>,
        /// Mã hoặc tên Khối, Cụm thi đua (ví dụ cum-1; xem thidua units).
        #[arg(long, value_name = "MÃ")]
        cum: Option<String>,
        /// Năm hoặc khoảng năm: 2022, 2018..2022 hoặc 2018-2022.
        #[arg(long, value_name = "NĂM", value_parser = parse_years)]
        nam: Option<(i32, i32)>,
        /// Xuất lịch sử ra tệp Excel (kèm biểu đồ khen thưởng theo năm).
        #[arg(long, value_name = "TỆP")]
        xlsx: Option<PathBuf>,
        #[command(flatten)]
        so: SoFile,
    },
}

#[derive(Args)]
pub struct SoFile {
    /// Tệp sổ khen thưởng (mặc định: biến môi trường THIDUA_SO, không có thì so-khen-thuong.sqlite trong thư mục đang đứng).
    #[arg(long, value_name = "TỆP")]
    pub so: Option<PathBuf>,
}

/// "2022", "2018..2022", "2018-2022", "2018–2022".
pub fn parse_years(s: &str) -> Result<(i32, i32), String> {
    let bad = || format!("năm \"{s}\" không hợp lệ; ghi 2022 hoặc khoảng 2018..2022");
    let parts: Vec<&str> = s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    let num = |p: &str| p.parse::<i32>().ok().filter(|y| (1990..=2200).contains(y)).ok_or_else(bad);
    match parts.as_slice() {
        [y] => Ok((num(y)?, num(y)?)),
        [a, b] => {
            let (a, b) = (num(a)?, num(b)?);
            if a > b {
                return Err(bad());
            }
            Ok((a, b))
        }
        _ => Err(bad()),
    }
}

pub fn run(a: &SoArgs) -> anyhow::Result<ExitCode> {
    match &a.command {
        SoCommand::Ghi { dir, so } => {
            let path = register::resolve_path(so.so.as_deref());
            let mut reg = Register::open(&path)?;
            let r = register::record::record_run(&mut reg, dir)?;
            if r.new {
                println!(
                    "Đã ghi vào sổ \"{}\" kết quả kỳ {}: {} đơn vị, {} đề nghị khen thưởng tập thể, {} cá nhân, {} lượt Cụm trưởng, Cụm phó.",
                    path.display(),
                    r.period,
                    r.units,
                    r.proposals,
                    r.individuals,
                    r.terms
                );
            } else {
                println!("Kết quả trong \"{}\" đã được ghi vào sổ \"{}\" trước đây; không ghi lại.", dir.display(), path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        SoCommand::QuyetDinh { file, so } => import(file, so, Kind::Decisions),
        SoCommand::Nhap { file, so } => import(file, so, Kind::Past),
        SoCommand::Xem { don_vi, cum, nam, xlsx, so } => show(don_vi.as_deref(), cum.as_deref(), *nam, xlsx.as_deref(), so),
    }
}

fn import(file: &Path, so: &SoFile, kind: Kind) -> anyhow::Result<ExitCode> {
    let path = register::resolve_path(so.so.as_deref());
    let mut reg = Register::open(&path)?;
    let r = register::decisions::import(&mut reg, file, kind)?;
    for e in &r.errors {
        println!("Lỗi: {e}");
    }
    for u in &r.unmatched {
        println!("Cảnh báo: {u}");
    }
    if !r.new {
        println!("Tệp \"{}\" đã được ghi vào sổ \"{}\" trước đây; không ghi lại.", file.display(), path.display());
    } else {
        match kind {
            Kind::Decisions => println!(
                "Đã ghi vào sổ \"{}\": {} quyết định được khen thưởng, {} không được khen thưởng.",
                path.display(),
                r.granted,
                r.refused
            ),
            Kind::Past => println!("Đã ghi vào sổ \"{}\": {} danh hiệu, hình thức khen thưởng các năm trước.", path.display(), r.granted),
        }
    }
    Ok(ExitCode::from(if r.errors.is_empty() && r.unmatched.is_empty() { 0 } else { 1 }))
}

fn show(don_vi: Option<&str>, cum: Option<&str>, nam: Option<(i32, i32)>, xlsx: Option<&Path>, so: &SoFile) -> anyhow::Result<ExitCode> {
    let path = register::resolve_path(so.so.as_deref());
    let reg = Register::open_read(&path)?;
    let registry = Registry::builtin();
    let (first, last) = match nam {
        Some(y) => y,
        None => reg.year_span()?.unwrap_or((2000, 2000)),
    };
    let years = first..=last;
    let span = if first == last { format!("năm {first}") } else { format!("các năm {first}–{last}") };
    let name = |u: &str| registry.unit(u).map_or(u.to_string(), |x| x.name.clone());
    let (title, units, cluster) = match (don_vi, cum) {
        (Some(_), Some(_)) => {
            eprintln!("Lỗi: chọn --don-vi hoặc --cum, không dùng cả hai.");
            return Ok(ExitCode::from(2));
        }
        (Some(n), None) => match registry.resolve(n, None) {
            Ok(u) => (format!("LỊCH SỬ KHEN THƯỞNG CỦA {} ({span})", u.name.to_uppercase()), vec![u.id.clone()], None),
            Err(e) => {
                eprintln!("Lỗi: --don-vi: {}", e.message_vi());
                return Ok(ExitCode::from(2));
            }
        },
        (None, Some(c)) => match registry.cluster(c.trim()).map(Ok).unwrap_or_else(|| registry.resolve_cluster(c, None)) {
            Ok(k) => {
                let mut members = k.members.clone();
                for m in reg.recorded_members(&k.id)? {
                    if !members.contains(&m) {
                        members.push(m);
                    }
                }
                (format!("LỊCH SỬ KHEN THƯỞNG CỦA {} ({span})", k.name.to_uppercase()), members, Some(k.id.clone()))
            }
            Err(e) => {
                eprintln!("Lỗi: --cum: {e}");
                return Ok(ExitCode::from(2));
            }
        },
        (None, None) => (format!("LỊCH SỬ KHEN THƯỞNG ({span})"), Vec::new(), None),
    };
    let entries = reg.entries(&units, &years)?;
    let terms: Vec<_> = reg
        .terms(cluster.as_deref())?
        .into_iter()
        .filter(|t| years.contains(&t.year))
        .filter(|t| {
            cluster.is_some() || units.is_empty() || units.contains(&t.head) || t.deputy.as_ref().is_some_and(|d| units.contains(d))
        })
        .collect();
    println!("{title}");
    println!("Sổ: {}", path.display());
    if entries.is_empty() {
        println!("  Sổ chưa ghi khen thưởng nào trong {span}.");
    }
    let mut year = None;
    for e in &entries {
        if year != Some(e.year) {
            println!("Năm {}:", e.year);
            year = Some(e.year);
        }
        let d = e.decision_vi();
        println!(
            "  {}{} — {} — {}{}",
            if e.period.len() > 4 { format!("[{}] ", e.period) } else { String::new() },
            e.unit_name,
            e.award_name,
            e.status_vi(),
            if d.is_empty() { String::new() } else { format!(" ({d})") }
        );
    }
    if !terms.is_empty() {
        println!("Khối trưởng, Cụm trưởng và Khối phó, Cụm phó:");
        for t in &terms {
            let c = registry.cluster(&t.cluster).map_or(t.cluster.clone(), |c| c.name.clone());
            let (h, d) = match registry.cluster(&t.cluster).map(|c| c.kind) {
                Some(crate::model::ClusterKind::Khoi) => ("Khối trưởng", "Khối phó"),
                _ => ("Cụm trưởng", "Cụm phó"),
            };
            println!("  {} — {c}: {h} {}; {d} {}", t.year, name(&t.head), t.deputy.as_deref().map(name).unwrap_or_else(|| "……".into()));
        }
    }
    if let Some(out) = xlsx {
        let bytes = register::export::workbook(&title, &entries, &terms)?;
        let tmp = out.with_extension("xlsx.tmp");
        std::fs::write(&tmp, bytes)
            .map_err(|e| anyhow::anyhow!("không ghi được \"{}\": {}", out.display(), crate::ingest::os_error_vi(&e)))?;
        std::fs::rename(&tmp, out)
            .map_err(|e| anyhow::anyhow!("không ghi được \"{}\": {}", out.display(), crate::ingest::os_error_vi(&e)))?;
        println!("Đã xuất lịch sử ra \"{}\".", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn years_as_typed() {
        assert_eq!(super::parse_years("2018..2022"), Ok((2018, 2022)));
        assert_eq!(super::parse_years("2018-2022"), Ok((2018, 2022)));
        assert_eq!(super::parse_years("2022"), Ok((2022, 2022)));
        assert!(super::parse_years("2022..2018").is_err());
        assert!(super::parse_years("năm ngoái").is_err());
    }
}
