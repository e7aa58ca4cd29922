//! Progress of a run (SPEC §9): a bar over files and documents on a
//! terminal, plain timestamped lines in a log otherwise.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Instant;

pub struct Progress {
    bar: Mutex<Option<ProgressBar>>,
    terminal: bool,
    quiet: bool,
    started: Instant,
}

impl Progress {
    /// Bars when stderr is a terminal; lines otherwise; nothing when quiet.
    pub fn new(quiet: bool) -> Progress {
        Progress { bar: Mutex::new(None), terminal: std::io::stderr().is_terminal(), quiet, started: Instant::now() }
    }
    pub fn silent() -> Progress {
        Progress::new(true)
    }
    fn stamp(&self) -> String {
        format!("[{:>7.3}s]", self.started.elapsed().as_secs_f64())
    }
    /// Start a stage of `total` items ("Đọc tệp", "Ghi văn bản").
    pub fn stage(&self, what: &str, total: u64) {
        if self.quiet {
            return;
        }
        let mut slot = self.bar.lock().unwrap();
        if let Some(b) = slot.take() {
            b.finish_and_clear();
        }
        if self.terminal {
            let b = ProgressBar::new(total);
            b.set_style(ProgressStyle::with_template("{prefix:>14} [{bar:30}] {pos}/{len} {wide_msg}").unwrap().progress_chars("=> "));
            b.set_prefix(what.to_string());
            *slot = Some(b);
        } else {
            eprintln!("{} {what}: {total}", self.stamp());
        }
    }
    /// One item of the current stage done.
    pub fn item(&self, name: &str) {
        if self.quiet {
            return;
        }
        if let Some(b) = self.bar.lock().unwrap().as_ref() {
            b.set_message(name.to_string());
            b.inc(1);
        }
    }
    /// A line of its own, above the bar.
    pub fn say(&self, line: &str) {
        if self.quiet {
            return;
        }
        match self.bar.lock().unwrap().as_ref() {
            Some(b) => b.println(line),
            None if self.terminal => eprintln!("{line}"),
            None => eprintln!("{} {line}", self.stamp()),
        }
    }
    pub fn finish(&self) {
        if let Some(b) = self.bar.lock().unwrap().take() {
            b.finish_and_clear();
        }
    }
}
