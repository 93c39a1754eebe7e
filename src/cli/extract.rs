//! `attributor extract`: the engine on files or stdin, no server needed.
//!
//! Output is one `ExtractResponse` per line in the proto3 JSON mapping (the
//! generated pbjson impls), byte for byte what `grpcurl` prints in compact
//! form, so both can feed the same tools. A bad document is reported on
//! stderr with where it came from and the run goes on; the exit status tells
//! whether any document failed.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde::Deserialize;

use crate::convert::write_json_line;
use crate::proto::{ExtractOptions, ExtractRequest};
use crate::service::{Extractor, engine_extractor, extract_request};

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

    /// Input files ("-" is stdin); stdin when none is given.
    pub files: Vec<PathBuf>,
}

/// One line of `--jsonl` input.
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

/// Counts of one run.
#[derive(Debug, Default)]
struct Tally {
    failed: usize,
}

pub fn run(args: ExtractArgs) -> ExitCode {
    let extractor = engine_extractor();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    let inputs = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    for path in &inputs {
        let result = match open(path) {
            Ok(reader) if args.jsonl => {
                extract_jsonl(&args, &extractor, path, reader, &mut out, &mut tally)
            }
            Ok(reader) => extract_whole(&args, &extractor, path, reader, &mut out, &mut tally),
            Err(err) => {
                report(&source_name(path), None, &err.to_string(), &mut tally);
                Ok(())
            }
        };
        if let Err(err) = result.and_then(|()| out.flush()) {
            // stdout is gone (e.g. a closed pipe): nothing more can be printed.
            eprintln!("attributor extract: cannot write output: {err}");
            return ExitCode::from(2);
        }
    }
    if tally.failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("attributor extract: {} document(s) failed", tally.failed);
        ExitCode::FAILURE
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

fn report(source: &str, line: Option<usize>, message: &str, tally: &mut Tally) {
    tally.failed += 1;
    match line {
        Some(line) => eprintln!("{source}: line {line}: {message}"),
        None => eprintln!("{source}: {message}"),
    }
}

/// The whole input is one document, identified by its path.
fn extract_whole(
    args: &ExtractArgs,
    extractor: &Extractor,
    path: &Path,
    mut reader: Box<dyn BufRead>,
    out: &mut impl Write,
    tally: &mut Tally,
) -> io::Result<()> {
    let source = source_name(path);
    let mut text = String::new();
    if let Err(err) = reader.read_to_string(&mut text) {
        report(&source, None, &format!("cannot read: {err}"), tally);
        return Ok(());
    }
    let document_id = if path.as_os_str() == "-" {
        String::new()
    } else {
        source.clone()
    };
    let request = request(args, document_id, text, None);
    emit(extractor, &request, &source, None, out, tally)
}

/// Each non-blank line is one JSON document.
fn extract_jsonl(
    args: &ExtractArgs,
    extractor: &Extractor,
    path: &Path,
    mut reader: Box<dyn BufRead>,
    out: &mut impl Write,
    tally: &mut Tally,
) -> io::Result<()> {
    let source = source_name(path);
    let mut raw = Vec::new();
    for line_number in 1.. {
        raw.clear();
        match reader.read_until(b'\n', &mut raw) {
            Ok(0) => break,
            Ok(_) => {}
            Err(err) => {
                report(
                    &source,
                    Some(line_number),
                    &format!("cannot read: {err}"),
                    tally,
                );
                break;
            }
        }
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let document: JsonlDocument = match serde_json::from_slice(&raw) {
            Ok(document) => document,
            Err(err) => {
                let message = format!("not a JSON line {{\"id\", \"text\", \"published\"}}: {err}");
                report(&source, Some(line_number), &message, tally);
                continue;
            }
        };
        let request = request(args, document.id, document.text, document.published);
        emit(extractor, &request, &source, Some(line_number), out, tally)?;
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

/// Extracts one document and prints its response, or reports its error.
fn emit(
    extractor: &Extractor,
    request: &ExtractRequest,
    source: &str,
    line: Option<usize>,
    out: &mut impl Write,
    tally: &mut Tally,
) -> io::Result<()> {
    match extract_request(extractor, request) {
        Ok(response) => write_json_line(out, &response),
        Err(err) => {
            let message = if request.document_id.is_empty() {
                err.to_string()
            } else {
                format!("document {:?}: {err}", request.document_id)
            };
            report(source, line, &message, tally);
            Ok(())
        }
    }
}
