//! `attributor extract`: the engine on files or stdin, here or on servers.
//!
//! Output is one `ExtractResponse` per line in the proto3 JSON mapping (the
//! generated pbjson impls), byte for byte what `grpcurl` prints in compact
//! form, so both can feed the same tools. A bad document is reported on
//! stderr with where it came from and the run goes on; the exit status tells
//! whether any document failed.
//!
//! Both modes read their input through [`read_inputs`] and print through
//! [`write_json_line`], so `--server` prints exactly what a local run
//! prints: only where the engine runs differs ([`super::remote`]).
//! `--resume` works in both ([`super::resume`]).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use serde::Deserialize;

use super::remote;
use super::resume::{self, DoneIds};
use crate::convert::write_json_line;
use crate::proto::{ExtractOptions, ExtractRequest};
use crate::service::{engine_extractor, extract_request};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Reference date (ISO 8601 date such as 2026-01-28, or an RFC 3339
    /// date-time); in --jsonl input a line's own "published" wins. Without
    /// one the engine looks for a dateline in the text.
    #[arg(long)]
    pub published: Option<String>,

    /// Read JSON lines {"id": …, "text": …, "published": …} instead of one
    /// document per file.
    #[arg(long)]
    pub jsonl: bool,

    /// Only statements in quotation marks (direct and mixed).
    #[arg(long)]
    pub direct_only: bool,

    /// Extract on these servers instead of here: HOST:PORT or a URL, or
    /// several comma-separated (balanced). Documents go over ExtractStream
    /// and a run survives crashed, restarted and stopping servers: every
    /// document is answered once, in input order.
    #[arg(long, env = "ATTRIBUTOR_SERVER", value_name = "HOST:PORT[,HOST:PORT…]")]
    pub server: Option<String>,

    /// Append to OUT.jsonl instead of printing, skipping the documents
    /// already answered there (by id) by an earlier, interrupted run; a
    /// truncated last line is dropped and written again.
    #[arg(long, value_name = "OUT.jsonl")]
    pub resume: Option<PathBuf>,

    #[command(flatten)]
    pub remote: RemoteArgs,

    /// Input files ("-" is stdin); stdin when none is given.
    pub files: Vec<PathBuf>,
}

/// How to reach the servers of `--server`.
#[derive(Debug, Args)]
pub struct RemoteArgs {
    /// PEM CA certificate to trust: servers started with --tls-cert (https).
    #[arg(long, env = "ATTRIBUTOR_TLS_CA", requires = "server")]
    pub tls_ca: Option<PathBuf>,

    /// Name the servers' certificate must carry, when not the host of
    /// --server (e.g. `localhost` for 127.0.0.1).
    #[arg(long, env = "ATTRIBUTOR_TLS_DOMAIN", requires = "tls_ca")]
    pub tls_domain: Option<String>,

    /// File holding the bearer token to send (its first line), for servers
    /// started with --auth-token-file. A file, so the token stays out of
    /// the process list.
    #[arg(long, env = "ATTRIBUTOR_TOKEN_FILE", requires = "server")]
    pub token_file: Option<PathBuf>,

    /// Treat the one --server HOST:PORT as a DNS name of every replica (a
    /// Kubernetes headless Service): balance over all of its addresses,
    /// re-resolved every 5 s as replicas come and go. Plaintext only.
    #[arg(long, requires = "server", conflicts_with = "tls_ca")]
    pub discover: bool,

    /// Documents in flight at once (sent and not yet answered).
    #[arg(long, default_value_t = 64, requires = "server")]
    pub window: usize,

    /// Fail the run after this long without any answer (no server reachable).
    #[arg(
        long,
        default_value = "2m",
        value_parser = humantime::parse_duration,
        requires = "server"
    )]
    pub give_up_after: Duration,
}

/// One `--jsonl` input line.
///
/// Other keys are ignored, so annotated corpora (with `quotes`, `meta`, ...)
/// can be fed as they are; a misspelt `text` still fails as a missing field.
#[derive(Debug, Deserialize)]
struct JsonlDocument {
    #[serde(default)]
    id: String,
    text: String,
    #[serde(default)]
    published: Option<String>,
}

/// Where a document came from, for messages about it.
#[derive(Clone, Debug)]
pub struct Origin {
    pub source: String,
    pub line: Option<usize>,
}

/// One item of the input: a document, or why a part of the input is not one.
pub enum Input {
    Document(Origin, ExtractRequest),
    Bad(Origin, String),
}

/// Prints a bad document's message as `SOURCE: line N: MESSAGE`.
pub fn report(origin: &Origin, message: &str) {
    match origin.line {
        Some(line) => eprintln!("{}: line {line}: {message}", origin.source),
        None => eprintln!("{}: {message}", origin.source),
    }
}

/// The message for a document the engine failed on.
pub fn document_failed(document_id: &str, error: &dyn std::fmt::Display) -> String {
    if document_id.is_empty() {
        error.to_string()
    } else {
        format!("document {document_id:?}: {error}")
    }
}

pub fn run(args: ExtractArgs) -> ExitCode {
    let done = match &args.resume {
        Some(path) => match resume::read_done(path) {
            Ok(done) => done,
            Err(err) => {
                eprintln!("attributor extract: --resume: {err}");
                return ExitCode::from(2);
            }
        },
        None => DoneIds::default(),
    };
    let out = match open_output(args.resume.as_deref()) {
        Ok(out) => out,
        Err(err) => {
            eprintln!("attributor extract: cannot open the output: {err}");
            return ExitCode::from(2);
        }
    };
    if args.server.is_some() {
        remote::run(&args, done, out)
    } else {
        run_here(&args, done, out)
    }
}

/// Stdout, or the `--resume` file to append to.
fn open_output(resume: Option<&Path>) -> io::Result<Box<dyn Write + Send>> {
    Ok(match resume {
        Some(path) => Box::new(BufWriter::new(
            File::options().create(true).append(true).open(path)?,
        )),
        None => Box::new(BufWriter::new(io::stdout())),
    })
}

/// The local mode: the engine in this process.
fn run_here(args: &ExtractArgs, mut done: DoneIds, mut out: Box<dyn Write + Send>) -> ExitCode {
    let extractor = engine_extractor();
    let mut failed = 0;
    let result = read_inputs(args, |input| match input {
        Input::Document(_, request) if done.take(&request.document_id) => Ok(()),
        Input::Document(origin, request) => match extract_request(&extractor, &request) {
            Ok(response) => write_json_line(&mut out, &response),
            Err(err) => {
                failed += 1;
                report(&origin, &document_failed(&request.document_id, &err));
                Ok(())
            }
        },
        Input::Bad(origin, message) => {
            failed += 1;
            report(&origin, &message);
            Ok(())
        }
    });
    finish(result.and_then(|()| out.flush()), failed)
}

/// The exit status of a run: 2 when the output could not be written, 1
/// when a document failed, else 0.
pub fn finish(written: io::Result<()>, failed: usize) -> ExitCode {
    if let Err(err) = written {
        // The output is gone (e.g. a closed pipe): nothing more can be printed.
        eprintln!("attributor extract: cannot write output: {err}");
        return ExitCode::from(2);
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("attributor extract: {failed} document(s) failed");
        ExitCode::FAILURE
    }
}

/// Reads every input of `args` in order and hands each document (or bad
/// part) to `visit`; stops at `visit`'s first error.
pub fn read_inputs(
    args: &ExtractArgs,
    mut visit: impl FnMut(Input) -> io::Result<()>,
) -> io::Result<()> {
    for path in &input_paths(args) {
        let source = source_name(path);
        match open(path) {
            Ok(reader) if args.jsonl => read_jsonl(args, source, reader, &mut visit)?,
            Ok(reader) => read_whole(args, path, source, reader, &mut visit)?,
            Err(err) => visit(Input::Bad(Origin { source, line: None }, err.to_string()))?,
        }
    }
    Ok(())
}

/// The input files; stdin when none is given.
pub fn input_paths(args: &ExtractArgs) -> Vec<PathBuf> {
    if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    }
}

fn open(path: &Path) -> io::Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        Ok(Box::new(BufReader::new(io::stdin())))
    } else {
        Ok(Box::new(BufReader::new(File::open(path)?)))
    }
}

fn source_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The whole input is one document, identified by its path.
fn read_whole(
    args: &ExtractArgs,
    path: &Path,
    source: String,
    mut reader: Box<dyn BufRead>,
    visit: &mut impl FnMut(Input) -> io::Result<()>,
) -> io::Result<()> {
    let origin = Origin {
        source: source.clone(),
        line: None,
    };
    let mut text = String::new();
    if let Err(err) = reader.read_to_string(&mut text) {
        return visit(Input::Bad(origin, format!("cannot read: {err}")));
    }
    let document_id = if path.as_os_str() == "-" {
        String::new()
    } else {
        source
    };
    visit(Input::Document(
        origin,
        request(args, document_id, text, None),
    ))
}

/// Each non-blank line is one JSON document.
fn read_jsonl(
    args: &ExtractArgs,
    source: String,
    mut reader: Box<dyn BufRead>,
    visit: &mut impl FnMut(Input) -> io::Result<()>,
) -> io::Result<()> {
    let mut raw = Vec::new();
    for line_number in 1.. {
        let origin = Origin {
            source: source.clone(),
            line: Some(line_number),
        };
        raw.clear();
        match reader.read_until(b'\n', &mut raw) {
            Ok(0) => break,
            Ok(_) => {}
            Err(err) => return visit(Input::Bad(origin, format!("cannot read: {err}"))),
        }
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<JsonlDocument>(&raw) {
            Ok(document) => {
                let request = request(args, document.id, document.text, document.published);
                visit(Input::Document(origin, request))?;
            }
            Err(err) => {
                let message = format!("not a JSON line {{\"id\", \"text\", \"published\"}}: {err}");
                visit(Input::Bad(origin, message))?;
            }
        }
    }
    Ok(())
}

fn request(
    args: &ExtractArgs,
    document_id: String,
    text: String,
    published: Option<String>,
) -> ExtractRequest {
    ExtractRequest {
        document_id,
        text,
        published: published
            .filter(|p| !p.is_empty())
            .or_else(|| args.published.clone())
            .unwrap_or_default(),
        options: Some(ExtractOptions {
            direct_only: args.direct_only,
        }),
    }
}
