//! Progress of a run (SPEC §9): a bar over files and documents on a
//! terminal; plain timestamped lines when the output is not a terminal (a
//! scheduled job), or into the file given with `--log`.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

pub struct Progress {
    bar: Mutex<Option<ProgressBar>>,
    /// Lines go here instead of a bar (a log file, or stderr).
    log: Option<Mutex<Box<dyn Write + Send>>>,
    quiet: bool,
    started: Instant,
    stage_total: Mutex<(String, u64, u64)>,
}

/// "2026-11-23 02:05:03+07:00": wall-clock time in Vietnam (UTC+7 all year,
/// no daylight saving), with its offset, so that a log read in the office
/// shows the office's hours whatever the server's time zone.
pub fn vietnam_now() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as i64;
    vietnam_time(secs)
}

fn vietnam_time(unix_secs: i64) -> String {
    let secs = unix_secs + 7 * 3600;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}+07:00", rem / 3600, (rem / 60) % 60, rem % 60)
}

impl Progress {
    /// A bar when both stdout and stderr are terminals; timestamped lines
    /// on stderr otherwise; nothing when quiet.
    pub fn new(quiet: bool) -> Progress {
        let terminal = std::io::stderr().is_terminal() && std::io::stdout().is_terminal();
        let log: Option<Mutex<Box<dyn Write + Send>>> = if terminal { None } else { Some(Mutex::new(Box::new(std::io::stderr()))) };
        Progress { bar: Mutex::new(None), log, quiet, started: Instant::now(), stage_total: Mutex::new((String::new(), 0, 0)) }
    }
    /// Timestamped lines appended to a log file (for cron and systemd).
    pub fn to_file(path: &std::path::Path) -> std::io::Result<Progress> {
        let f = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
        Ok(Progress {
            bar: Mutex::new(None),
            log: Some(Mutex::new(Box::new(f))),
            quiet: false,
            started: Instant::now(),
            stage_total: Mutex::new((String::new(), 0, 0)),
        })
    }
    pub fn silent() -> Progress {
        Progress::new(true)
    }
    fn line(&self, text: &str) {
        if let Some(l) = &self.log {
            let mut w = l.lock().unwrap();
            let _ = writeln!(w, "[{}] [{:>7.3}s] {text}", vietnam_now(), self.started.elapsed().as_secs_f64());
            let _ = w.flush();
        }
    }
    /// Start a stage of `total` items ("Đọc tệp", "Ghi văn bản").
    pub fn stage(&self, what: &str, total: u64) {
        if self.quiet {
            return;
        }
        self.finish_stage();
        *self.stage_total.lock().unwrap() = (what.to_string(), total, 0);
        if self.log.is_some() {
            self.line(&format!("{what}: bắt đầu, {total} mục"));
            return;
        }
        let b = ProgressBar::new(total);
        b.set_style(ProgressStyle::with_template("{prefix:>14} [{bar:30}] {pos}/{len} {wide_msg}").unwrap().progress_chars("=> "));
        b.set_prefix(what.to_string());
        *self.bar.lock().unwrap() = Some(b);
    }
    /// One item of the current stage done.
    pub fn item(&self, name: &str) {
        if self.quiet {
            return;
        }
        self.stage_total.lock().unwrap().2 += 1;
        if let Some(b) = self.bar.lock().unwrap().as_ref() {
            // A file name may hold a line break or an escape sequence.
            b.set_message(crate::model::problem::one_line(name).into_owned());
            b.inc(1);
        }
    }
    /// A line of its own, above the bar.
    pub fn say(&self, text: &str) {
        if self.quiet {
            return;
        }
        match self.bar.lock().unwrap().as_ref() {
            Some(b) => b.println(text),
            None if self.log.is_some() => self.line(text),
            None => eprintln!("{text}"),
        }
    }
    fn finish_stage(&self) {
        if let Some(b) = self.bar.lock().unwrap().take() {
            b.finish_and_clear();
        }
        let (what, total, done) = self.stage_total.lock().unwrap().clone();
        if self.log.is_some() && !what.is_empty() {
            self.line(&format!("{what}: xong {done}/{total}"));
        }
        *self.stage_total.lock().unwrap() = (String::new(), 0, 0);
    }
    pub fn finish(&self) {
        if !self.quiet {
            self.finish_stage();
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn log_times_are_vietnam_time_with_the_offset() {
        // 2022-10-14 17:30:00 UTC is 00:30 on the 15th in Hà Nội.
        assert_eq!(super::vietnam_time(1_665_768_600), "2022-10-15 00:30:00+07:00");
        let s = super::vietnam_now();
        assert_eq!(s.len(), 25, "{s}");
        assert!(s.starts_with("20") && s.ends_with("+07:00"));
    }
}
