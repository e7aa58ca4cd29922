//! Command-line mistakes said in Vietnamese.
//!
//! clap writes its own errors in English ("error: unrecognized subcommand",
//! "tip: a similar argument exists", "For more information, try '--help'").
//! The officers who type `thidua` read Vietnamese only, so every error kind
//! clap can raise is rewritten here from the error's context (the argument,
//! the value, the suggestion), with what to type instead. The help and
//! version requests are not errors and are printed as clap renders them
//! (their templates are already Vietnamese, see `cli::command`).

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The Vietnamese text of a command-line error, ending with a newline.
pub fn vietnamese(e: &clap::Error) -> String {
    let get = |k: ContextKind| -> Option<String> {
        e.get(k).and_then(|v| match v {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::Strings(v) if !v.is_empty() => Some(v.join(", ")),
            ContextValue::StyledStrs(v) if !v.is_empty() => Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    let arg = get(ContextKind::InvalidArg).map(|a| plain_arg(&a));
    let value = get(ContextKind::InvalidValue);
    let mut out = String::from("Lỗi: ");
    match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let sub = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            out.push_str(&format!("không có lệnh \"{sub}\"."));
            match get(ContextKind::SuggestedSubcommand).or_else(|| closest_command(&sub)) {
                Some(s) => out.push_str(&format!(" Có phải ý bạn là \"thidua {s}\"?")),
                None => out.push_str(&format!(" Các lệnh: {}.", COMMANDS.join(", "))),
            }
        }
        ErrorKind::UnknownArgument => {
            let a = arg.unwrap_or_default();
            if a.starts_with('-') {
                out.push_str(&format!("không có tùy chọn \"{a}\"."));
            } else {
                out.push_str(&format!("không hiểu tham số \"{a}\" (lệnh này không nhận thêm tham số đó)."));
            }
            if let Some(s) = get(ContextKind::SuggestedArg) {
                out.push_str(&format!(" Có phải ý bạn là \"{}\"?", plain_arg(&s)));
            }
        }
        ErrorKind::InvalidValue => {
            let a = arg.unwrap_or_default();
            match value.as_deref() {
                Some("") | None => out.push_str(&format!("tùy chọn {a} cần một giá trị.")),
                Some(v) => out.push_str(&format!("giá trị \"{v}\" không hợp lệ cho {a}.")),
            }
            if let Some(valid) = get(ContextKind::ValidValue) {
                out.push_str(&format!(" Các giá trị nhận được: {valid}."));
            }
            if let Some(s) = get(ContextKind::SuggestedValue) {
                out.push_str(&format!(" Có phải ý bạn là \"{s}\"?"));
            }
        }
        ErrorKind::ValueValidation => {
            let a = arg.unwrap_or_default();
            let v = value.unwrap_or_default();
            // Our own value parsers already explain in Vietnamese; the
            // standard ones (numbers) say it in English, so say it again.
            let why = e.source_text();
            match why {
                Some(w) if is_vietnamese(&w) => out.push_str(&format!("{a}: {w}")),
                _ => out.push_str(&format!("giá trị \"{v}\" không hợp lệ cho {a}: cần một số nguyên không âm, ví dụ 50.")),
            }
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            let a = arg.unwrap_or_default();
            out.push_str(&format!("số giá trị cho {a} không đúng."));
        }
        ErrorKind::ArgumentConflict => {
            let a = arg.unwrap_or_default();
            let other = get(ContextKind::PriorArg).map(|p| plain_arg(&p)).unwrap_or_default();
            out.push_str(&format!("không dùng được {a} cùng với {other}."));
        }
        ErrorKind::MissingRequiredArgument => {
            let a = arg.unwrap_or_default();
            out.push_str(&format!("thiếu {a}."));
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            out.push_str("cần ghi một lệnh, ví dụ \"thidua run hop-thu/ --period 2022-Q3\".");
        }
        ErrorKind::NoEquals => {
            let a = arg.unwrap_or_default();
            out.push_str(&format!("tùy chọn {a} cần dấu \"=\" trước giá trị."));
        }
        ErrorKind::InvalidUtf8 => out.push_str("tham số có ký tự không đọc được (không phải UTF-8)."),
        ErrorKind::Io | ErrorKind::Format => out.push_str("không in được hướng dẫn ra màn hình."),
        _ => out.push_str("dòng lệnh không hợp lệ."),
    }
    out.push('\n');
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Cách dùng:").or_else(|| usage.strip_prefix("Usage:")).unwrap_or(usage).trim();
        out.push_str(&format!("\nCách dùng: {usage}\n"));
    }
    out.push_str("\nXem hướng dẫn: thidua help, hoặc thidua <LỆNH> --help.\n");
    out
}

const COMMANDS: [&str; 7] = ["run", "check", "demo", "forms", "units", "templates", "help"];

/// The command a slip of the keyboard meant ("rnu" → "run", "chek" →
/// "check"): at most two edits away, a swap of two letters counting one.
fn closest_command(typed: &str) -> Option<String> {
    let t: Vec<char> = typed.to_lowercase().chars().collect();
    let distance = |w: &str| {
        let w: Vec<char> = w.chars().collect();
        let mut d = vec![vec![0usize; w.len() + 1]; t.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=t.len() {
            for j in 1..=w.len() {
                let cost = usize::from(t[i - 1] != w[j - 1]);
                d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && t[i - 1] == w[j - 2] && t[i - 2] == w[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[t.len()][w.len()]
    };
    COMMANDS.iter().map(|c| (distance(c), *c)).filter(|(d, c)| *d <= 2 && *d < c.len()).min().map(|(_, c)| c.to_string())
}

/// "--period <KỲ>" → "--period"; a positional "[THƯ_MỤC_HỒ_SƠ]" stays.
fn plain_arg(a: &str) -> String {
    let a = a.trim();
    if a.starts_with('-') {
        a.split([' ', '=']).next().unwrap_or(a).to_string()
    } else {
        a.to_string()
    }
}

/// Text with Vietnamese letters (our own messages), as opposed to an
/// English message from the standard library.
fn is_vietnamese(s: &str) -> bool {
    s.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
}

trait SourceText {
    fn source_text(&self) -> Option<String>;
}

impl SourceText for clap::Error {
    fn source_text(&self) -> Option<String> {
        std::error::Error::source(self).map(|s| s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::vietnamese;

    fn err(args: &[&str]) -> String {
        let e = super::super::command().try_get_matches_from(args).expect_err("an error");
        vietnamese(&e)
    }

    fn english(s: &str) -> bool {
        ["error:", "tip:", "Usage:", "For more information", "unrecognized", "unexpected", "invalid value", "[default"]
            .iter()
            .any(|w| s.contains(w))
    }

    #[test]
    fn unknown_subcommand_is_said_in_vietnamese_with_a_suggestion() {
        let s = err(&["thidua", "chek"]);
        assert!(s.starts_with("Lỗi: không có lệnh \"chek\"."), "{s}");
        assert!(s.contains("Có phải ý bạn là \"thidua check\"?"), "{s}");
        assert!(!english(&s), "{s}");
        assert!(err(&["thidua", "rnu"]).contains("Có phải ý bạn là \"thidua run\"?"));
        assert!(err(&["thidua", "xuatbaocao"]).contains("Các lệnh: run, check, demo, forms, units, templates, help."));
    }

    #[test]
    fn misspelt_option_is_said_in_vietnamese_with_a_suggestion() {
        let s = err(&["thidua", "run", "hop-thu", "--perod", "2022"]);
        assert!(s.contains("không có tùy chọn \"--perod\""), "{s}");
        assert!(s.contains("Có phải ý bạn là \"--period\"?"), "{s}");
        assert!(s.contains("Cách dùng: thidua run"), "{s}");
        assert!(!english(&s), "{s}");
    }

    #[test]
    fn bad_values_are_explained() {
        let s = err(&["thidua", "run", "x", "--period", "abc"]);
        assert!(s.contains("--period: kỳ \"abc\" không hợp lệ"), "{s}");
        let s = err(&["thidua", "run", "x", "--max-mb", "năm"]);
        assert!(s.contains("giá trị \"năm\" không hợp lệ cho --max-mb: cần một số nguyên"), "{s}");
        let s = err(&["thidua", "run", "x", "--period"]);
        assert!(s.contains("tùy chọn --period cần một giá trị"), "{s}");
        assert!(!english(&s), "{s}");
    }

    #[test]
    fn help_texts_show_no_english_defaults() {
        for sub in ["run", "check", "demo", "forms", "units", "templates", "help"] {
            let mut cmd = super::super::command();
            let help = cmd.find_subcommand_mut(sub).expect(sub).render_help().to_string();
            assert!(!english(&help), "{sub}: {help}");
        }
    }
}
