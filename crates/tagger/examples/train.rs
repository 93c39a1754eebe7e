//! Trains the tagger on UD English EWT and writes the model.
//!
//! ```text
//! cargo run --release -p attributor-tagger --example train -- ../shared/data/ud-english-ewt crates/tagger/model/tagger.bin
//! ```
//!
//! Optional flags after the two paths: `--epochs N`, `--bits N`,
//! `--prune X`, `--no-fuse`.

use std::path::Path;
use std::time::Instant;

use attributor_tagger::conllu;
use attributor_tagger::train::{TrainConfig, evaluate, train};

fn load(dir: &Path, split: &str) -> Vec<conllu::Sentence> {
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    conllu::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: train EWT_DIR OUT.bin [--epochs N] [--bits N] [--prune X] [--no-fuse]");
        std::process::exit(2);
    }
    let dir = Path::new(&args[0]);
    let out = Path::new(&args[1]);
    let mut cfg = TrainConfig {
        info: "UD_English-EWT (commit 15d613d, UD 2.16 era) train split; \
               CC BY-SA 4.0, UD English EWT contributors (Silveira et al. 2014)"
            .to_string(),
        ..TrainConfig::default()
    };
    let mut upos_only = false;
    let mut it = args[2..].iter();
    while let Some(flag) = it.next() {
        let mut val = || it.next().expect("flag needs a value").clone();
        match flag.as_str() {
            "--epochs" => cfg.epochs = val().parse().expect("number"),
            "--bits" => cfg.bits = val().parse().expect("number"),
            "--prune" => cfg.prune_below = val().parse().expect("number"),
            "--no-fuse" => cfg.fuse_mwt = false,
            "--amb-count" => cfg.amb_min_count = val().parse().expect("number"),
            "--amb-share" => cfg.amb_min_share = val().parse().expect("number"),
            "--upos-only" => upos_only = true,
            other => panic!("unknown flag {other}"),
        }
    }
    let mut train_set = load(dir, "train");
    if upos_only {
        // Experiment: one class per UPOS tag (Penn output becomes meaningless).
        for s in &mut train_set {
            for p in &mut s.penn {
                *p = attributor_tagger::Penn::Xx;
            }
        }
    }
    let dev = load(dir, "dev");
    let test = load(dir, "test");
    let n_tokens: usize = train_set.iter().map(|s| s.words.len()).sum();
    println!(
        "train: {} sentences, {} tokens; config {:?}",
        train_set.len(),
        n_tokens,
        TrainConfig {
            info: String::new(),
            ..cfg.clone()
        }
    );
    let t0 = Instant::now();
    let tagger = train(&train_set, &cfg, |epoch, acc| {
        println!(
            "epoch {epoch}: {:.2} % of scored tokens right ({:.1} s)",
            100.0 * acc,
            t0.elapsed().as_secs_f64()
        );
    });
    println!("training took {:.1} s", t0.elapsed().as_secs_f64());
    let bytes = tagger.to_bytes();
    // Evaluate the model as it will be loaded (quantised, decoded).
    let tagger = attributor_tagger::Tagger::from_bytes(&bytes).expect("round trip");
    println!(
        "classes {}, dict words {}, weights {}, model {} bytes",
        tagger.classes().len(),
        tagger.dict_len(),
        tagger.perceptron().n_weights(),
        bytes.len()
    );
    for (name, set) in [("dev", &dev), ("test", &test)] {
        let a = evaluate(&tagger, set);
        println!(
            "{name}: {} tokens, UPOS {:.2} %, Penn {:.2} %",
            a.tokens,
            a.upos_pct(),
            a.penn_pct()
        );
    }
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    println!("wrote {}", out.display());
}
