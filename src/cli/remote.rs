//! `attributor extract --server HOST:PORT[,HOST:PORT…]`: the same run as
//! a local `extract`, with the engine on servers.
//!
//! The input is read exactly as the local mode reads it
//! ([`read_inputs`]) and answers are printed with the same
//! [`write_json_line`], so the output is byte for byte the local one. In
//! between, documents go through [`Client::extract_bulk`], which resumes on
//! another replica (or the same one, restarted) when a connection is lost,
//! a server crashes or a rolling update stops it: every document is answered
//! once, in input order. A reader thread feeds it through a bounded channel,
//! so a large archive is never read far ahead of the servers.

use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use attributor_client::{
    BulkAnswer, BulkAnswers, BulkOptions, Client, Discovery, InvalidMetadataValue, TransportError,
};
use thiserror::Error;
use tokio::sync::mpsc;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::ReceiverStream;

use super::connect::{client_tls, endpoint_uri};
use super::extract::{
    ExtractArgs, Input, Origin, document_failed, finish, input_paths, read_inputs, report,
};
use super::progress::Display;
use super::resume::DoneIds;
use crate::convert::write_json_line;
use crate::proto::ExtractRequest;

/// Documents read ahead of the bulk client's window.
const READ_AHEAD: usize = 64;

/// Why the servers cannot be called at all.
#[derive(Debug, Error)]
pub enum ConnectError {
    #[error("--server names no server")]
    NoServer,
    #[error("--discover takes one --server HOST:PORT (a DNS name of every replica)")]
    DiscoverOne,
    #[error("{0}")]
    Tls(String),
    #[error("cannot read the token file {path}: {source}")]
    TokenFile { path: PathBuf, source: io::Error },
    #[error("the token file {0} is empty")]
    EmptyToken(PathBuf),
    #[error("the token in {path} cannot be sent in a header: {source}")]
    BadToken {
        path: PathBuf,
        source: InvalidMetadataValue,
    },
    #[error("bad server address: {0}")]
    Address(#[from] TransportError),
}

/// Runs `extract --server`; see the module docs.
pub fn run(args: &ExtractArgs, done: DoneIds, out: Box<dyn Write + Send>) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("attributor extract: cannot start the async runtime: {err}");
            return ExitCode::from(2);
        }
    };
    // Needs the runtime: the balancer starts its tasks.
    let client = match runtime.block_on(async { connect(args) }) {
        Ok(client) => client,
        Err(err) => {
            eprintln!("attributor extract: {err}");
            return ExitCode::from(2);
        }
    };
    let (requests_tx, requests_rx) = mpsc::channel(READ_AHEAD);
    let (origins_tx, origins_rx) = mpsc::unbounded_channel();
    let bad = Arc::new(AtomicUsize::new(0));
    let answered_before = done.answered() as u64;
    std::thread::scope(|scope| {
        let reader = {
            let bad = bad.clone();
            scope.spawn(move || feed(args, done, requests_tx, origins_tx, &bad))
        };
        let options = BulkOptions {
            window: args.remote.window.max(1),
            give_up_after: args.remote.give_up_after,
            ..BulkOptions::default()
        };
        let run = Run {
            origins: origins_rx,
            out,
            failed: 0,
        };
        let outcome = runtime.block_on(async {
            let answers = client.extract_bulk(ReceiverStream::new(requests_rx), options);
            let total = || expected_documents(args).map(|n| n.saturating_sub(answered_before));
            run.print(answers, total).await
        });
        // Ends the client's tasks, and with them the channel the reader
        // may be blocked on.
        drop(runtime);
        let skipped = reader.join().unwrap_or_default();
        outcome.finish(skipped, bad.load(Ordering::Relaxed))
    })
}

/// The client for `--server` and its TLS and token settings.
fn connect(args: &ExtractArgs) -> Result<Client, ConnectError> {
    let remote = &args.remote;
    let tls = remote.tls_ca.is_some();
    let servers: Vec<String> = args
        .server
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| endpoint_uri(s, tls))
        .collect();
    if servers.is_empty() {
        return Err(ConnectError::NoServer);
    }
    let client = match &remote.tls_ca {
        _ if remote.discover => match &servers[..] {
            [one] => Client::discover(
                one.trim_start_matches("http://").to_string(),
                Discovery::default(),
            ),
            _ => return Err(ConnectError::DiscoverOne),
        },
        Some(ca) => {
            let config = client_tls(ca, remote.tls_domain.as_deref()).map_err(ConnectError::Tls)?;
            Client::balanced_tls(servers, config)?
        }
        None => Client::balanced(servers)?,
    };
    match &remote.token_file {
        Some(path) => {
            let token = read_token(path)?;
            client
                .with_bearer_token(&token)
                .map_err(|source| ConnectError::BadToken {
                    path: path.clone(),
                    source,
                })
        }
        None => Ok(client),
    }
}

/// The first line of `path`, trimmed.
fn read_token(path: &PathBuf) -> Result<String, ConnectError> {
    let io_error = |source| ConnectError::TokenFile {
        path: path.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut line = String::new();
    BufReader::new(file)
        .read_line(&mut line)
        .map_err(io_error)?;
    let token = line.trim();
    if token.is_empty() {
        return Err(ConnectError::EmptyToken(path.clone()));
    }
    Ok(token.to_string())
}

/// The reader thread: every document not answered before goes to the
/// client, its origin to the printer; bad input is reported at once.
/// Returns how many documents `--resume` skipped.
fn feed(
    args: &ExtractArgs,
    mut done: DoneIds,
    requests: mpsc::Sender<ExtractRequest>,
    origins: mpsc::UnboundedSender<Origin>,
    bad: &AtomicUsize,
) -> usize {
    let gone = || io::Error::other("the run ended");
    // Stops early only when the run has ended (the channels closed).
    let _ = read_inputs(args, |input| match input {
        Input::Document(_, request) if done.take(&request.document_id) => Ok(()),
        Input::Document(origin, request) => {
            origins.send(origin).map_err(|_| gone())?;
            requests.blocking_send(request).map_err(|_| gone())
        }
        Input::Bad(origin, message) => {
            bad.fetch_add(1, Ordering::Relaxed);
            report(&origin, &message);
            Ok(())
        }
    });
    done.skipped
}

/// Documents a run will send, for the bar's ETA: non-blank lines of
/// `--jsonl` files, one per file otherwise; unknown on stdin.
fn expected_documents(args: &ExtractArgs) -> Option<u64> {
    let mut total = 0;
    for path in input_paths(args) {
        if path.as_os_str() == "-" {
            return None;
        }
        if !args.jsonl {
            total += 1;
            continue;
        }
        let file = BufReader::new(std::fs::File::open(&path).ok()?);
        total += file
            .split(b'\n')
            .filter(|line| {
                line.as_ref()
                    .is_ok_and(|l| !l.iter().all(u8::is_ascii_whitespace))
            })
            .count() as u64;
    }
    Some(total)
}

/// The printing side of a run.
struct Run {
    origins: mpsc::UnboundedReceiver<Origin>,
    out: Box<dyn Write + Send>,
    failed: usize,
}

/// How a run ended.
struct Outcome {
    written: io::Result<()>,
    failed: usize,
    unfinished: Option<String>,
    display: Display,
}

impl Run {
    /// Prints every answer in order until the run ends.
    async fn print(
        mut self,
        mut answers: BulkAnswers,
        total: impl FnOnce() -> Option<u64>,
    ) -> Outcome {
        let display = Display::start(answers.progress(), total);
        let mut unfinished = None;
        let mut written = Ok(());
        while let Some(answer) = answers.next().await {
            match answer {
                Ok(answer) => {
                    if let Err(err) = self.print_one(answer) {
                        written = Err(err);
                        break;
                    }
                }
                Err(err) => {
                    unfinished = Some(err.to_string());
                    break;
                }
            }
        }
        Outcome {
            written: written.and_then(|()| self.out.flush()),
            failed: self.failed,
            unfinished,
            display,
        }
    }

    fn print_one(&mut self, answer: BulkAnswer) -> io::Result<()> {
        // Sent before its document, so already here.
        let origin = self.origins.try_recv().unwrap_or_else(|_| Origin {
            source: "<input>".into(),
            line: None,
        });
        match answer.result {
            Ok(response) => write_json_line(&mut self.out, &response),
            Err(error) => {
                self.failed += 1;
                report(
                    &origin,
                    &document_failed(&answer.document_id, &error.message),
                );
                Ok(())
            }
        }
    }
}

impl Outcome {
    fn finish(self, skipped: usize, bad: usize) -> ExitCode {
        self.display.finish(skipped);
        if let Some(reason) = &self.unfinished {
            if let Err(err) = &self.written {
                eprintln!("attributor extract: cannot write output: {err}");
            }
            eprintln!(
                "attributor extract: the run stopped before every document was answered: \
                 {reason}; what was answered is written: run again with --resume to finish"
            );
            return ExitCode::from(2);
        }
        finish(self.written, self.failed + bad)
    }
}
