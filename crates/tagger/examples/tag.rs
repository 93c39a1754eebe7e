//! Tags whitespace-tokenised sentences read from standard input, one per
//! line, printing `word/PENN/UPOS`.
//!
//! ```text
//! echo "The minister said so ." | cargo run --release -p attributor-tagger --example tag -- crates/tagger/model/tagger.bin
//! ```

use std::io::BufRead;

use attributor_tagger::Tagger;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: tag MODEL.bin < sentences");
    let bytes = std::fs::read(&path).expect("model");
    let tagger = Tagger::from_bytes(&bytes).expect("valid model");
    let mut out = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let words: Vec<&str> = line.split_whitespace().collect();
        tagger.tag(&words, &mut out);
        let tagged: Vec<String> = words
            .iter()
            .zip(&out)
            .map(|(w, t)| format!("{w}/{}/{}", t.penn, t.upos))
            .collect();
        println!("{}", tagged.join(" "));
    }
}
