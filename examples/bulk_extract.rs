//! Bulk-process an archive through `ExtractStream`, spread over every
//! replica behind a DNS name (a Kubernetes headless Service).
//!
//! ```sh
//! cargo run --release --example bulk_extract -- \
//!     attributor-headless.default.svc.cluster.local:50051 archive.jsonl 8 > statements.jsonl
//! ```
//!
//! The input has one JSON object per line, `{"id": …, "text": …,
//! "published": …}` (as `attributor extract --jsonl` reads); each answer is
//! printed as one line of proto3 JSON. One stream is one call, so it runs on
//! one replica: the archive is dealt round-robin over several streams (the
//! third argument, default 4), which the client balances over the replicas.
//! A reader thread feeds bounded channels, so the file is never read further
//! ahead than the servers' flow control lets through.

/// Errors of this example, sendable across tasks and threads.
type BoxError = Box<dyn std::error::Error + Send + Sync>;
use std::io::BufRead;

use attributor_client::{Client, Discovery, ExtractRequest, extract_stream_response::Result};
use tokio::sync::mpsc;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::ReceiverStream;

/// Requests queued per stream ahead of the server.
const QUEUE: usize = 64;

#[tokio::main]
async fn main() -> std::result::Result<(), BoxError> {
    let mut args = std::env::args().skip(1);
    let (Some(target), Some(path)) = (args.next(), args.next()) else {
        return Err("usage: bulk_extract HOST:PORT ARCHIVE.jsonl [STREAMS]".into());
    };
    let streams: usize = args.next().map_or(Ok(4), |n| n.parse())?;
    let client = Client::discover(target, Discovery::default());

    let mut senders = Vec::new();
    let mut calls = Vec::new();
    for _ in 0..streams.max(1) {
        let (sender, receiver) = mpsc::channel(QUEUE);
        senders.push(sender);
        calls.push(tokio::spawn(run_stream(client.clone(), receiver)));
    }
    let file = std::fs::File::open(&path)?;
    let reader = std::thread::spawn(move || deal_lines(file, senders));

    let mut failed = 0;
    for call in calls {
        failed += call.await??;
    }
    reader.join().map_err(|_| "the reader thread panicked")??;
    eprintln!("done: {failed} document(s) failed");
    Ok(())
}

/// Reads the archive and deals its documents round-robin over `senders`.
fn deal_lines(
    file: std::fs::File,
    senders: Vec<mpsc::Sender<ExtractRequest>>,
) -> std::result::Result<(), BoxError> {
    let lines = std::io::BufReader::new(file).lines();
    for (n, (line, sender)) in lines.zip(senders.iter().cycle()).enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("line {}: not JSON: {e}", n + 1))?;
        let field = |name: &str| value[name].as_str().unwrap_or_default().to_string();
        let request = ExtractRequest {
            document_id: field("id"),
            text: field("text"),
            published: field("published"),
            options: None,
        };
        // Blocks while this stream's server is busy: that is the backpressure.
        sender.blocking_send(request)?;
    }
    Ok(())
}

/// One `ExtractStream` call: prints every answer; returns how many
/// documents failed.
async fn run_stream(
    client: Client,
    requests: mpsc::Receiver<ExtractRequest>,
) -> std::result::Result<usize, BoxError> {
    let mut responses = client.extract_stream(ReceiverStream::new(requests)).await?;
    let mut failed = 0;
    while let Some(item) = responses.next().await {
        // An Err ends the call (its deadline, a broken connection): the
        // documents not answered yet need another run.
        let item = item?;
        match item.result {
            Some(Result::Response(response)) => println!("{}", serde_json::to_string(&response)?),
            Some(Result::Error(error)) => {
                failed += 1;
                eprintln!("{}: {} ({})", item.document_id, error.message, error.field);
            }
            None => failed += 1,
        }
    }
    Ok(failed)
}
