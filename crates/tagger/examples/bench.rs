//! Measures tagging speed (tokens per second, one thread) on a CoNLL-U file.
//!
//! ```text
//! cargo run --release -p attributor-tagger --example bench -- crates/tagger/model/tagger.bin ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu
//! ```

use std::time::Instant;

use attributor_tagger::{Tagger, conllu};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bytes = std::fs::read(&args[0]).expect("model");
    let t0 = Instant::now();
    let tagger = Tagger::from_bytes(&bytes).expect("valid model");
    println!("load: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    let text = std::fs::read_to_string(&args[1]).expect("conllu");
    let sents = conllu::parse(&text).expect("parse");
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let mut out = Vec::new();
    let mut best = f64::MAX;
    let mut tokens = 0usize;
    for _ in 0..5 {
        let t = Instant::now();
        tokens = 0;
        for w in &words {
            tagger.tag(w, &mut out);
            tokens += out.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{tokens} tokens in {:.1} ms (best of 5): {:.2} M tokens/s",
        best * 1e3,
        tokens as f64 / best / 1e6
    );
}
