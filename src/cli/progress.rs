//! What `attributor extract --server` says about a run while it goes on.
//!
//! A bulk run lasts minutes to hours, so a person at a terminal gets a
//! progress bar on stderr (documents, MB of text, documents/s, ETA, errors,
//! reconnects), redrawn a few times a second from the client's counters.
//! Logs and CI get one summary line at the end instead: a bar's redraws
//! would fill a log file with control characters.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use attributor_client::{BulkProgress, BulkStats};
use indicatif::{ProgressBar, ProgressStyle};
use tokio::task::JoinHandle;

/// How often the bar is redrawn.
const REDRAW: Duration = Duration::from_millis(250);

/// The bar (on a terminal) or the summary (elsewhere) of one run.
pub struct Display {
    progress: BulkProgress,
    started: Instant,
    bar: Option<(ProgressBar, JoinHandle<()>)>,
}

impl Display {
    /// Starts the bar if stderr is a terminal; `total` is the number of
    /// documents expected, when known (no ETA without it).
    pub fn start(progress: BulkProgress, total: impl FnOnce() -> Option<u64>) -> Display {
        let started = Instant::now();
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = new_bar(total());
            let ticker = tokio::spawn(redraw(bar.clone(), progress.clone(), started));
            (bar, ticker)
        });
        Display {
            progress,
            started,
            bar,
        }
    }

    /// Ends the bar where it is, or prints the summary line.
    pub fn finish(self, skipped: usize) {
        let stats = self.progress.snapshot();
        let summary = describe(&stats, self.started.elapsed());
        match self.bar {
            Some((bar, ticker)) => {
                ticker.abort();
                bar.set_position(stats.documents);
                bar.abandon_with_message(summary);
            }
            None => eprintln!(
                "attributor extract: {} document(s) answered ({summary}, {:.1} s), \
                 {} resent, {skipped} skipped (--resume)",
                stats.documents,
                self.started.elapsed().as_secs_f64(),
                stats.resent
            ),
        }
    }
}

fn new_bar(total: Option<u64>) -> ProgressBar {
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total),
            "{elapsed_precise} [{bar:25}] {pos}/{len} docs, {msg}, ETA {eta}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{elapsed_precise} {pos} docs, {msg}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

async fn redraw(bar: ProgressBar, progress: BulkProgress, started: Instant) {
    let mut tick = tokio::time::interval(REDRAW);
    loop {
        tick.tick().await;
        let stats = progress.snapshot();
        // The message first: setting the position may redraw at once.
        bar.set_message(describe(&stats, started.elapsed()));
        bar.set_position(stats.documents);
    }
}

/// `12.3 MB, 950 docs/s, 0 errors, 1 reconnects`.
fn describe(stats: &BulkStats, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64().max(1e-3);
    format!(
        "{:.1} MB, {:.0} docs/s, {} errors, {} reconnects",
        stats.bytes as f64 / 1e6,
        stats.documents as f64 / seconds,
        stats.errors,
        stats.reconnects
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_rates_and_counts() {
        let stats = BulkStats {
            documents: 1000,
            bytes: 4_500_000,
            errors: 2,
            reconnects: 3,
            resent: 10,
        };
        assert_eq!(
            describe(&stats, Duration::from_secs(2)),
            "4.5 MB, 500 docs/s, 2 errors, 3 reconnects"
        );
    }
}
