//! Prints the engine benchmark's corpus (`benches/common/corpus.rs`, 200
//! generated articles) as JSON lines for `attributor extract --jsonl`, so
//! that profilers can run the CLI on exactly what `cargo bench --bench
//! engine` measures:
//!
//! ```sh
//! cargo run --release -p attributor-engine --example bench_corpus > /tmp/bench.jsonl
//! valgrind --tool=callgrind --toggle-collect='attributor_engine::extract*' \
//!   target/release/attributor extract --jsonl /tmp/bench.jsonl > /dev/null
//! ```

#[path = "../benches/common/corpus.rs"]
mod corpus;

/// As many articles as the benchmark processes per iteration.
const CORPUS_DOCS: usize = 200;

fn main() {
    for (i, text) in corpus::articles(CORPUS_DOCS).iter().enumerate() {
        println!(
            "{}",
            serde_json::json!({ "id": i.to_string(), "text": text })
        );
    }
}
