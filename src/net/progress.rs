//! The progress of the online phase on stderr: a bar on a terminal (indicatif), plain lines
//! anywhere else (a CI log, a file), so that `--progress always` always shows something.
//!
//! Every line fits 80 columns, counts are written with their plurals, and when no link has
//! finished for a few seconds the line names the hosts that hold the run.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// No link finished for this long: the line names the hosts still being waited for.
pub const STALLED_AFTER: Duration = Duration::from_secs(3);
/// Plain lines: at most one per this interval (and one at the end).
const LINE_EVERY: Duration = Duration::from_secs(2);
/// The widest line written.
pub const WIDTH: usize = 80;

/// What the run is doing, for one progress line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    pub done: u64,
    pub total: u64,
    pub hosts_busy: usize,
    pub retries_waiting: usize,
    /// Hosts with requests in flight and how many, the most first.
    pub busy: Vec<(String, usize)>,
    /// Nothing has finished for [`STALLED_AFTER`] or longer.
    pub stalled: bool,
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The message beside the count: what is busy, or, when the run stalls, whom it waits for.
/// At most `room` characters.
pub fn message(s: &State, room: usize) -> String {
    let text = if s.stalled && !s.busy.is_empty() {
        let names: Vec<&str> = s.busy.iter().take(2).map(|(h, _)| h.as_str()).collect();
        let rest = s.busy.len().saturating_sub(names.len());
        let more = if rest > 0 {
            format!(" and {}", plural(rest, "other", "others"))
        } else {
            String::new()
        };
        format!("waiting for {}{more}", names.join(", "))
    } else {
        let mut m = plural(s.hosts_busy, "host busy", "hosts busy");
        if s.retries_waiting > 0 {
            m.push_str(", ");
            m.push_str(&plural(
                s.retries_waiting,
                "retry waiting",
                "retries waiting",
            ));
        }
        m
    };
    cut(&text, room)
}

/// A whole plain line: `reflint: 120/1000 links checked, 3 hosts busy`, at most [`WIDTH`].
pub fn line(s: &State) -> String {
    let head = format!("reflint: {}/{} links checked, ", s.done, s.total);
    let room = WIDTH.saturating_sub(head.chars().count());
    format!("{head}{}", message(s, room))
}

/// `s` cut to `room` characters, an ellipsis marking the cut.
fn cut(s: &str, room: usize) -> String {
    if s.chars().count() <= room {
        return s.to_string();
    }
    let mut out: String = s.chars().take(room.saturating_sub(1)).collect();
    out.push('…');
    out
}

enum Mode {
    Hidden,
    Bar(ProgressBar),
    /// Plain lines, and when the last one was written.
    Lines(Mutex<Option<Instant>>),
}

/// The progress display of one run.
pub struct Progress {
    mode: Mode,
    total: u64,
    done: AtomicU64,
    /// When the last link finished (or the run started).
    last_done: Mutex<Instant>,
}

/// Room for the message on the bar's line: the bar's template takes the rest of 80 columns
/// (spinner, a 20-column bar, "12345/12345 links", the elapsed time).
const BAR_MESSAGE_ROOM: usize = 30;

impl Progress {
    /// Shown when `show` (a bar on a terminal, else lines); hidden otherwise or with nothing
    /// to do.
    pub fn start(show: bool, total: usize) -> Progress {
        let total = total as u64;
        let mode = if !show || total == 0 {
            Mode::Hidden
        } else if std::io::stderr().is_terminal() {
            let b = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} {bar:20} {pos}/{len} links  {msg}  {elapsed}",
            ) {
                b.set_style(style);
            }
            Mode::Bar(b)
        } else {
            Mode::Lines(Mutex::new(None))
        };
        Progress {
            mode,
            total,
            done: AtomicU64::new(0),
            last_done: Mutex::new(Instant::now()),
        }
    }

    /// One more link finished.
    pub fn inc(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        *self.last_done.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
        if let Mode::Bar(b) = &self.mode {
            b.inc(1);
        }
    }

    /// Shows the current state (called a few times a second); `busy` is asked for only when
    /// the run stalls.
    pub fn tick(
        &self,
        hosts_busy: usize,
        retries_waiting: usize,
        busy: impl FnOnce() -> Vec<(String, usize)>,
    ) {
        if matches!(self.mode, Mode::Hidden) {
            return;
        }
        let stalled = self
            .last_done
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .elapsed()
            >= STALLED_AFTER;
        let state = State {
            done: self.done.load(Ordering::Relaxed),
            total: self.total,
            hosts_busy,
            retries_waiting,
            busy: if stalled { busy() } else { Vec::new() },
            stalled,
        };
        match &self.mode {
            Mode::Hidden => {}
            Mode::Bar(b) => {
                b.set_message(message(&state, BAR_MESSAGE_ROOM));
                b.tick();
            }
            Mode::Lines(last) => {
                let mut last = last.lock().unwrap_or_else(|p| p.into_inner());
                if last.is_some_and(|t| t.elapsed() < LINE_EVERY) {
                    return;
                }
                *last = Some(Instant::now());
                write_line(&line(&state));
            }
        }
    }

    /// The run is over: the bar goes; plain lines end with the final count.
    pub fn finish(&self) {
        match &self.mode {
            Mode::Hidden => {}
            Mode::Bar(b) => b.finish_and_clear(),
            Mode::Lines(_) => {
                let done = self.done.load(Ordering::Relaxed);
                write_line(&format!("reflint: {done}/{} links checked", self.total));
            }
        }
    }
}

fn write_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        State {
            done: 12,
            total: 12,
            ..State::default()
        }
    }

    #[test]
    fn counts_have_their_plurals() {
        let mut s = state();
        assert_eq!(line(&s), "reflint: 12/12 links checked, 0 hosts busy");
        s.hosts_busy = 1;
        assert_eq!(message(&s, 80), "1 host busy");
        s.retries_waiting = 1;
        assert_eq!(message(&s, 80), "1 host busy, 1 retry waiting");
        s.hosts_busy = 3;
        s.retries_waiting = 2;
        assert_eq!(message(&s, 80), "3 hosts busy, 2 retries waiting");
    }

    #[test]
    fn a_stalled_run_names_the_hosts_it_waits_for() {
        let mut s = state();
        s.done = 11;
        s.hosts_busy = 1;
        s.busy = vec![("slow.example".to_string(), 2)];
        assert_eq!(message(&s, 80), "1 host busy");
        s.stalled = true;
        assert_eq!(message(&s, 80), "waiting for slow.example");
        s.busy.push(("b.example".to_string(), 1));
        s.busy.push(("c.example".to_string(), 1));
        s.busy.push(("d.example".to_string(), 1));
        assert_eq!(
            message(&s, 80),
            "waiting for slow.example, b.example and 2 others"
        );
    }

    #[test]
    fn lines_fit_80_columns() {
        let mut s = state();
        s.done = 123_456;
        s.total = 1_234_567;
        s.stalled = true;
        s.busy = vec![
            (format!("{}.example", "a-very-long-host-name".repeat(4)), 2),
            ("b.example".to_string(), 1),
        ];
        let l = line(&s);
        assert!(l.chars().count() <= WIDTH, "{l}");
        assert!(l.ends_with('…'), "{l}");
        assert!(message(&s, BAR_MESSAGE_ROOM).chars().count() <= BAR_MESSAGE_ROOM);
    }
}
