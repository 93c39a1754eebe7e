//! Prints the most frequent UPOS confusions of a model on a CoNLL-U file.
//!
//! ```text
//! cargo run --release -p attributor-tagger --example errors -- crates/tagger/model/tagger.bin ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu
//! ```

use std::collections::BTreeMap;

use attributor_tagger::{Tagger, conllu};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bytes = std::fs::read(&args[0]).expect("model");
    let tagger = Tagger::from_bytes(&bytes).expect("valid model");
    let text = std::fs::read_to_string(&args[1]).expect("conllu");
    let sents = conllu::parse(&text).expect("parse");
    let mut conf: BTreeMap<(String, String), (usize, Vec<String>)> = BTreeMap::new();
    let mut out = Vec::new();
    for s in &sents {
        tagger.tag(&s.words, &mut out);
        for (i, t) in out.iter().enumerate() {
            if t.upos != s.upos[i] {
                let e = conf
                    .entry((s.upos[i].to_string(), t.upos.to_string()))
                    .or_default();
                e.0 += 1;
                if e.1.len() < 12 {
                    e.1.push(s.words[i].clone());
                }
            }
        }
    }
    let mut v: Vec<_> = conf.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1.0));
    for ((g, p), (n, ex)) in v.iter().take(25) {
        println!("{n:5} gold {g:6} pred {p:6} {}", ex.join(" "));
    }
}
