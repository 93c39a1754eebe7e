//! Engine throughput, single thread: `cargo bench --bench engine`.
//!
//! Criterion reports MB/s (the `bytes` groups) and documents/s (the `docs`
//! groups) over a deterministic news-like corpus (see `common/corpus.rs`)
//! and, when the project sits beside its `shared/` folder, the seed article.

use std::hint::black_box;

use attributor_engine::{Document, extract};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "common/corpus.rs"]
mod corpus;

/// How many generated articles one iteration processes.
const CORPUS_DOCS: usize = 200;

fn extract_all(texts: &[String]) -> usize {
    texts
        .iter()
        .map(|text| {
            let doc = Document {
                text,
                ..Document::default()
            };
            extract(&doc).map_or(0, |x| x.statements.len())
        })
        .sum()
}

fn corpus(c: &mut Criterion) {
    let texts = corpus::articles(CORPUS_DOCS);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("bytes", |b| b.iter(|| extract_all(black_box(&texts))));
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("docs", |b| b.iter(|| extract_all(black_box(&texts))));
    group.finish();
}

fn seed(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/seed-article.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("seed article not found at {path}: skipping the seed benchmark");
        return;
    };
    let texts = vec![text];
    let mut group = c.benchmark_group("seed");
    group.throughput(Throughput::Bytes(texts[0].len() as u64));
    group.bench_function("bytes", |b| b.iter(|| extract_all(black_box(&texts))));
    group.throughput(Throughput::Elements(1));
    group.bench_function("docs", |b| b.iter(|| extract_all(black_box(&texts))));
    group.finish();
}

criterion_group!(benches, corpus, seed);
criterion_main!(benches);
