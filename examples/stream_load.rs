//! ExtractStream throughput against a running server, through the client
//! crate: `bench/load.sh` runs it after the h2load levels.
//!
//! ```sh
//! cargo run --release --example stream_load -- http://127.0.0.1:50051 article.txt [DOCUMENTS]
//! ```
//!
//! Sends `DOCUMENTS` copies of the article (default 2,000, each with its own
//! id) on one stream, checks that every response came back in order without
//! an in-band error, and prints documents/s and MB/s of request text. The run
//! is bounded by the document count and by a deadline on the whole call.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use attributor_client::{Client, ExtractRequest, extract_stream_response};
use tokio_stream::StreamExt;

const DEFAULT_DOCUMENTS: usize = 2_000;
/// Deadline for the whole stream: generous, but a stuck server ends the run.
const STREAM_DEADLINE: Duration = Duration::from_secs(300);

struct Args {
    addr: String,
    article: String,
    documents: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: stream_load ADDR ARTICLE [DOCUMENTS]";
    let addr = args.next().ok_or(usage)?;
    let article = args.next().ok_or(usage)?;
    let documents = match args.next() {
        None => DEFAULT_DOCUMENTS,
        Some(n) => n
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("DOCUMENTS must be a positive number, not {n:?}"))?,
    };
    Ok(Args {
        addr,
        article,
        documents,
    })
}

/// What one stream run saw.
struct Outcome {
    documents: usize,
    statements: usize,
    elapsed: Duration,
}

async fn run(args: &Args, text: String) -> Result<Outcome, String> {
    let client = Client::connect(args.addr.clone())
        .await
        .map_err(|e| format!("cannot connect to {}: {e}", args.addr))?;
    let requests = tokio_stream::iter((0..args.documents).map(move |i| ExtractRequest {
        document_id: format!("doc-{i}"),
        text: text.clone(),
        ..ExtractRequest::default()
    }));
    let started = Instant::now();
    let mut responses = client
        .extract_stream(requests)
        .await
        .map_err(|s| format!("ExtractStream failed: {s}"))?;
    let mut documents = 0;
    let mut statements = 0;
    while let Some(item) = responses.next().await {
        let item = item.map_err(|s| format!("stream ended after {documents} documents: {s}"))?;
        let expected_id = format!("doc-{documents}");
        if item.document_id != expected_id {
            return Err(format!(
                "response {documents} is for {:?}, expected {expected_id:?}",
                item.document_id
            ));
        }
        match item.result {
            Some(extract_stream_response::Result::Response(response)) => {
                statements += response.statements.len();
            }
            Some(extract_stream_response::Result::Error(error)) => {
                return Err(format!("{expected_id} failed in-band: {error:?}"));
            }
            None => return Err(format!("{expected_id}: response without a result")),
        }
        documents += 1;
    }
    if documents != args.documents {
        return Err(format!(
            "sent {} documents, got {documents} responses",
            args.documents
        ));
    }
    Ok(Outcome {
        documents,
        statements,
        elapsed: started.elapsed(),
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&args.article) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {}: {e}", args.article);
            return ExitCode::from(2);
        }
    };
    let bytes = text.len();
    let outcome = match tokio::time::timeout(STREAM_DEADLINE, run(&args, text)).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(message)) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
        Err(_) => {
            eprintln!("the stream took longer than {STREAM_DEADLINE:?}");
            return ExitCode::FAILURE;
        }
    };
    let secs = outcome.elapsed.as_secs_f64();
    let mb = (outcome.documents * bytes) as f64 / 1e6;
    println!(
        "ExtractStream: {} documents of {bytes} bytes in {secs:.2}s: {:.0} documents/s, {:.2} MB/s ({} statements)",
        outcome.documents,
        outcome.documents as f64 / secs,
        mb / secs,
        outcome.statements
    );
    ExitCode::SUCCESS
}
