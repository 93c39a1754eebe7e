//! Prints everything the engine finds in each document of a JSON Lines file
//! (`{"id", "text", "published"?}` a line), as Rust's `Debug` of the
//! [`Extraction`](attributor_engine::Extraction), one document a line.
//!
//! A refactoring tool: the engine's whole output, spans, confidences and
//! all, from a build that compiles in seconds (no server), so two versions of
//! the engine can be compared with `cmp`:
//!
//! ```text
//! cargo run --release -p attributor-engine --example dump -- in.jsonl > after.txt
//! cmp before.txt after.txt
//! ```

use std::error::Error;
use std::io::{BufRead, BufWriter, Write};

use attributor_engine::{Document, Options, extract};

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args().nth(1).ok_or("usage: dump FILE.jsonl")?;
    let input = std::io::BufReader::new(std::fs::File::open(&path)?);
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in input.lines() {
        let value: serde_json::Value = serde_json::from_str(&line?)?;
        let field = |name: &str| value.get(name).and_then(|v| v.as_str());
        let doc = Document {
            text: field("text").ok_or("a line has no \"text\"")?,
            published: field("published"),
            options: Options::default(),
        };
        writeln!(out, "{} {:?}", field("id").unwrap_or(""), extract(&doc))?;
    }
    Ok(())
}
