//! Unit tests of the generic averaged perceptron.

use attributor_tagger::hash::hash_str;
use attributor_tagger::perceptron::{MAX_CLASSES, Perceptron, QuantOptions, Scores, Trainer};

fn f(s: &str) -> u64 {
    hash_str(s)
}

/// A toy separable 3-class problem: the class is given by one of three
/// "colour" features, with shared noise features present everywhere.
fn toy() -> Vec<(Vec<u64>, usize)> {
    let colours = ["red", "green", "blue"];
    let mut data = Vec::new();
    for i in 0..60 {
        let c = i % 3;
        let noise = format!("noise{}", i % 7);
        data.push((vec![f("bias"), f(colours[c]), f(&noise)], c));
    }
    data
}

#[test]
fn learns_separable_multiclass_problem() {
    let data = toy();
    let mut t = Trainer::new(3, 16);
    let mut scores: Scores = [0; MAX_CLASSES];
    for _ in 0..5 {
        for (feats, y) in &data {
            t.train_one(feats, *y, &mut scores);
        }
    }
    let m = t.average(&QuantOptions::default());
    for (feats, y) in &data {
        assert_eq!(m.predict(feats, &mut scores), *y);
    }
}

#[test]
fn binary_n1_model_learns_and_round_trips() {
    let mut t = Trainer::new(1, 10);
    for _ in 0..5 {
        for i in 0..20 {
            let pos = i % 2 == 0;
            let feats = [
                f("bias"),
                f(if pos { "good" } else { "bad" }),
                f(&format!("w{i}")),
            ];
            t.train_binary(&feats, pos);
        }
    }
    let m = Perceptron::decode(&t.average(&QuantOptions::default()).encode()).unwrap();
    assert!(m.score_binary(&[f("bias"), f("good"), f("unseen")]) > 0);
    assert!(m.score_binary(&[f("bias"), f("bad"), f("unseen")]) < 0);
}

#[test]
fn averaging_is_the_mean_of_weights_over_time() {
    // One feature, two classes. Instance 1 (class 1) is mispredicted (ties go
    // to class 0): w = [-1, +1] after it. Instances 2-4 are predicted right.
    // Averaged over 4 instances the weights are still [-1, +1] (updated at
    // the first instance, so present for all four).
    let mut t = Trainer::new(2, 8);
    let mut scores: Scores = [0; MAX_CLASSES];
    for _ in 0..4 {
        t.train_one(&[7], 1, &mut scores);
    }
    let m = t.average(&QuantOptions::default());
    m.predict(&[7], &mut scores);
    assert!(scores[1] > 0 && scores[0] == -scores[1]);

    // Now a weight that exists for only the last of four instances: its
    // average is a quarter of its final value, so it loses against a weight
    // of half the size that existed throughout.
    let mut t = Trainer::new(2, 8);
    t.update(&[1], 1, 0); // class 1 +1 on feature 1 at t=0 (kept 4/4)
    t.update(&[2], 0, 0); // no change
    t.update(&[2], 0, 0); // no change
    t.update(&[2], 0, 1); // feature 2: class 0 +1, class 1 -1 at t=3 (kept 1/4)
    let m = t.average(&QuantOptions::default());
    m.predict(&[1], &mut scores);
    let full = scores[1];
    m.predict(&[2], &mut scores);
    let quarter = scores[0];
    assert!(full > 0 && quarter > 0);
    assert!(
        (full - 4 * quarter).abs() <= 4,
        "full {full}, quarter {quarter}"
    );
}

#[test]
fn encode_decode_round_trip_is_exact() {
    let data = toy();
    let mut t = Trainer::new(3, 12);
    let mut scores: Scores = [0; MAX_CLASSES];
    for _ in 0..3 {
        for (feats, y) in &data {
            t.train_one(feats, *y, &mut scores);
        }
    }
    let m = t.average(&QuantOptions::default());
    let bytes = m.encode();
    let back = Perceptron::decode(&bytes).unwrap();
    assert_eq!(m, back);
    assert_eq!(back.encode(), bytes);
    // Truncation and garbage are errors, not panics.
    assert!(Perceptron::decode(&bytes[..bytes.len() - 1]).is_err());
    assert!(Perceptron::decode(b"nope").is_err());
}

#[test]
fn training_is_deterministic() {
    let run = || {
        let mut t = Trainer::new(3, 12);
        let mut scores: Scores = [0; MAX_CLASSES];
        for (feats, y) in toy().iter().cycle().take(300) {
            t.train_one(feats, *y, &mut scores);
        }
        t.average(&QuantOptions::default()).encode()
    };
    assert_eq!(run(), run());
}

#[test]
fn pruning_drops_small_weights() {
    let data = toy();
    let mut t = Trainer::new(3, 12);
    let mut scores: Scores = [0; MAX_CLASSES];
    for (feats, y) in &data {
        t.train_one(feats, *y, &mut scores);
    }
    let all = t.average(&QuantOptions::default()).n_weights();
    let pruned = t.average(&QuantOptions { prune_below: 0.9 }).n_weights();
    assert!(pruned < all);
}
