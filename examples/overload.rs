//! Overload test: drives a running server at about twice its saturation rate
//! and checks that it sheds the excess instead of absorbing it.
//!
//! ```sh
//! target/release/attributor serve --addr 127.0.0.1:50051 &
//! cargo run --example overload -- --addr 127.0.0.1:50051 --server-pid $! --seconds 60
//! ```
//!
//! Phases, all through `attributor-client` on one connection:
//! 1. baseline: sequential calls for a few seconds, median latency;
//! 2. saturation: closed-loop workers (more than the server runs at once)
//!    measure the rate the server sustains;
//! 3. overload: an open loop sends at `--factor` (2) times that rate for
//!    `--seconds`, every call with a deadline; meanwhile the server's RSS is
//!    sampled from /proc;
//! 4. recovery: once every call is answered, sequential calls again.
//!
//! It fails (exit 1) unless every call was answered or refused with a status
//! (sent = answered + refused), none lost its connection (the server sheds
//! load call by call; closing a connection fails every call on it), some
//! were refused (the load did exceed the server), the server's RSS stayed
//! under `--max-rss-mib`, and the median latency after the load is back
//! near the baseline.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use attributor_client::{Client, Code};

struct Args {
    addr: String,
    server_pid: Option<u32>,
    seconds: u64,
    factor: f64,
    max_rss_mib: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        addr: "127.0.0.1:50051".into(),
        server_pid: None,
        seconds: 60,
        factor: 2.0,
        max_rss_mib: 512,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = || format!("bad value for {flag}: {value}");
        match flag.as_str() {
            "--addr" => args.addr = value.clone(),
            "--server-pid" => args.server_pid = Some(value.parse().map_err(|_| bad())?),
            "--seconds" => args.seconds = value.parse().map_err(|_| bad())?,
            "--factor" => args.factor = value.parse().map_err(|_| bad())?,
            "--max-rss-mib" => args.max_rss_mib = value.parse().map_err(|_| bad())?,
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(args)
}

/// An article of our own, large enough (about 20 KB) that the server's
/// work, not the client's, sets the pace.
fn article() -> String {
    (0..120)
        .map(|i| {
            format!(
                "\u{201c}We will rebuild pier {i} before the storms,\u{201d} Mayor Ana Ortiz \
                 said on Tuesday. Harbour officials said the repairs would take months. "
            )
        })
        .collect()
}

/// The server's resident set size in MiB, from /proc (Linux).
fn rss_mib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// Median latency of sequential calls over `period`.
async fn median_latency(client: &Client, text: &str, period: Duration) -> Duration {
    let mut latencies = Vec::new();
    let end = Instant::now() + period;
    let give_up = end + Duration::from_secs(30);
    while (Instant::now() < end || latencies.len() < 5) && Instant::now() < give_up {
        let started = Instant::now();
        if client.extract(text).timeout(CALL_DEADLINE).await.is_ok() {
            latencies.push(started.elapsed());
        }
    }
    latencies.sort();
    // No answer at all: as slow as can be, so the check below fails.
    latencies
        .get(latencies.len() / 2)
        .copied()
        .unwrap_or(Duration::MAX)
}

/// Failures of each kind printed before the summary.
const SHOWN_FAILURES: u64 = 5;

/// Every call's deadline: a call is answered, refused or timed out by then.
const CALL_DEADLINE: Duration = Duration::from_secs(10);

/// Answers per second of `workers` closed loops over `period`.
async fn saturation_rate(
    client: &Client,
    text: &Arc<str>,
    workers: usize,
    period: Duration,
) -> f64 {
    let answered = Arc::new(AtomicU64::new(0));
    let end = Instant::now() + period;
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            let (client, text, answered) = (client.clone(), text.clone(), answered.clone());
            tokio::spawn(async move {
                while Instant::now() < end {
                    if client.extract(&*text).timeout(CALL_DEADLINE).await.is_ok() {
                        answered.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    answered.load(Ordering::Relaxed) as f64 / period.as_secs_f64()
}

#[derive(Default)]
struct Counts {
    sent: AtomicU64,
    answered: AtomicU64,
    refused: AtomicU64,
    deadline: AtomicU64,
    /// Calls failed because their connection broke or was closed (GOAWAY):
    /// the server must shed load per call, not by dropping connections.
    lost_connection: AtomicU64,
    other: AtomicU64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!("overload: {err}");
            return ExitCode::from(2);
        }
    };
    // RUST_LOG=h2=warn,hyper=debug shows why a connection closed.
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .init();
    }
    let client = match Client::connect(args.addr.clone()).await {
        Ok(client) => client,
        Err(err) => {
            eprintln!("overload: cannot connect to {}: {err}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    let text: Arc<str> = article().into();
    let rss = || args.server_pid.and_then(rss_mib);

    let baseline = median_latency(&client, &text, Duration::from_secs(3)).await;
    let rss_before = rss();
    let workers = 4 * std::thread::available_parallelism().map_or(2, |n| n.get());
    let saturation = saturation_rate(&client, &text, workers, Duration::from_secs(5)).await;
    let target = saturation * args.factor;
    println!(
        "baseline median {baseline:?}; saturation {saturation:.0}/s with {workers} workers; \
         overload at {target:.0}/s for {}s",
        args.seconds
    );

    let counts = Arc::new(Counts::default());
    let period = Duration::from_secs_f64(1.0 / target.max(1.0));
    let mut ticker = tokio::time::interval(period);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    let load_end = started + Duration::from_secs(args.seconds);
    let mut calls = tokio::task::JoinSet::new();
    let mut max_rss = rss_before.unwrap_or(0);
    let mut next_sample = Instant::now();
    let mut max_in_flight = 0;
    while Instant::now() < load_end {
        ticker.tick().await;
        counts.sent.fetch_add(1, Ordering::Relaxed);
        let (client, text, counts) = (client.clone(), text.clone(), counts.clone());
        calls.spawn(async move {
            // A failure worth printing: what it was, and the status.
            let (counter, failure) = match client.extract(&*text).timeout(CALL_DEADLINE).await {
                Ok(_) => (&counts.answered, None),
                Err(status) if attributor_client::is_lost_connection(&status) => {
                    (&counts.lost_connection, Some(("lost connection", status)))
                }
                Err(status) => match status.code() {
                    Code::ResourceExhausted | Code::Unavailable => (&counts.refused, None),
                    Code::DeadlineExceeded => (&counts.deadline, None),
                    _ => (&counts.other, Some(("unexpected status", status))),
                },
            };
            let before = counter.fetch_add(1, Ordering::Relaxed);
            // The first few failures say enough; thousands would bury the log.
            if let Some((what, status)) = failure
                && before < SHOWN_FAILURES
            {
                eprintln!("{what}: {status:?}");
            }
        });
        while calls.try_join_next().is_some() {}
        max_in_flight = max_in_flight.max(calls.len());
        if Instant::now() >= next_sample {
            next_sample += Duration::from_millis(250);
            max_rss = max_rss.max(rss().unwrap_or(0));
        }
    }
    let sent_for = started.elapsed();
    while calls.join_next().await.is_some() {
        max_rss = max_rss.max(rss().unwrap_or(0));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after = median_latency(&client, &text, Duration::from_secs(3)).await;

    let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let (sent, answered, refused, deadline, lost, other) = (
        load(&counts.sent),
        load(&counts.answered),
        load(&counts.refused),
        load(&counts.deadline),
        load(&counts.lost_connection),
        load(&counts.other),
    );
    println!(
        "sent {sent} in {sent_for:.1?} ({:.0}/s): answered {answered}, refused {refused} \
         (RESOURCE_EXHAUSTED/UNAVAILABLE), deadline exceeded {deadline}, lost connection {lost}, \
         other {other}; most calls in flight {max_in_flight}",
        sent as f64 / sent_for.as_secs_f64()
    );
    match rss_before {
        Some(before) => println!(
            "server RSS: {before} MiB before, at most {max_rss} MiB during (bound {} MiB)",
            args.max_rss_mib
        ),
        None => println!("server RSS: not measured (no --server-pid)"),
    }
    println!("median latency: {baseline:?} before, {after:?} after the load");

    let mut failures = Vec::new();
    if sent != answered + refused + deadline + lost + other {
        failures.push("some calls got no answer".to_string());
    }
    if lost > 0 {
        failures.push(format!(
            "{lost} calls failed because their connection was lost"
        ));
    }
    if other > 0 {
        failures.push(format!("{other} calls failed with an unexpected status"));
    }
    if refused == 0 {
        failures.push("nothing was refused: the load did not exceed the server".into());
    }
    if answered == 0 {
        failures.push("nothing was answered under load".into());
    }
    if max_rss > args.max_rss_mib {
        failures.push(format!("RSS {max_rss} MiB above {} MiB", args.max_rss_mib));
    }
    // Generous: a shared CI machine is noisy, but a server still digesting a
    // backlog would be far slower than this.
    let recovered = baseline
        .saturating_mul(3)
        .saturating_add(Duration::from_millis(20));
    if after > recovered {
        failures.push(format!(
            "latency after the load {after:?} above {recovered:?}"
        ));
    }
    if failures.is_empty() {
        println!("overload OK: sent = answered + refused + deadline exceeded");
        ExitCode::SUCCESS
    } else {
        for failure in &failures {
            eprintln!("overload FAILED: {failure}");
        }
        ExitCode::FAILURE
    }
}
