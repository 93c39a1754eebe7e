#!/usr/bin/env python3
"""Five-fold cross-validation by whole article over dev + train.

    python3 quality/crossval.py [--folds 5] [--keep DIR] [--train-only-split dev]
                                [--cue-only-split dev] [--boundary-only-split dev|all]
                                [--train-arg=--min-count --train-arg=5]

The only honest quality figure this project can compute: every article is
scored by an engine whose learned models never saw it. The 697 annotated
articles (../shared/data/polnear-dev.jsonl and polnear-train.jsonl) are
dealt into folds round-robin in id order (ids start with the outlet, so each
fold gets every outlet). For each fold the three learned models (cue, clause
boundary, content labeller) are trained on the other folds with the
engine's own trainer (the boundary model by a trainer built with the fold's
cue model, since its examples are the clauses the engine finds with it, and
the labeller by one built with both, since its features are the statements
the engine finds with them), the release binary is
built with those weights (ATTRIBUTOR_MODEL_DIR, read by the engine's
build.rs, in a target directory of its own), and the held-out fold is
extracted and scored with ../shared/tools/score_quotes.py.

Prints each fold's figures, their mean (the figure to judge a change by) and
the pooled score of all held-out predictions. Takes a few minutes: one
release build per fold.

By default each fold's models are trained as the shipped ones are: all on
all the fold's training articles (dev + train), with train_model's defaults
(each perceptron model the mean of five perceptrons; `--train-arg=--bags
--train-arg=1` trains one, as shipped until the twelfth stop).

`--train-only-split dev` trains each fold's models only on the training
folds' articles from that split (the folds and the scored articles stay the
same), which says whether training on more data helps; `--cue-only-split`
and `--boundary-only-split` restrict one model so (`--boundary-only-split
dev` trains the boundary models on dev articles only, as shipped until the
eleventh stop; the labeller trains on the boundary model's articles).
`--train-arg` passes an argument on to `train_model` for every model
(repeat it for several: `--train-arg=--min-count --train-arg=5`),
`--cue-arg`, `--boundary-arg` and `--labeller-arg` for one, to tune the
trainer by the same measure (`--labeller-arg=--threshold
--labeller-arg=0.8` sets the certainty a labelled span needs).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
TOOLS = ROOT.parent / "shared" / "tools"
SPLITS = ("dev", "train")
ALL = "all"  # --boundary-only-split: no restriction
MODELS = ("cue", "boundary", "labeller")  # in this order: see train_models
SHIPPED = {
    "boundary": "crates/engine/src/attribution/boundary_model.bin",
    "labeller": "crates/engine/src/labeller/labeller_model.bin",
}
FIGURES = (
    ("all F1", lambda s: s["spans"]["overlap"]["all"]["f1"]),
    ("quoted F1", lambda s: s["spans"]["overlap"]["quoted"]["f1"]),
    ("direct F1", lambda s: s["spans"]["overlap"]["direct"]["f1"]),
    ("indirect F1", lambda s: s["spans"]["overlap"]["indirect"]["f1"]),
    ("all P", lambda s: s["spans"]["overlap"]["all"]["precision"]),
    ("all R", lambda s: s["spans"]["overlap"]["all"]["recall"]),
    ("speaker acc (quoted)", lambda s: s["speaker"]["quoted"]["accuracy"]),
    ("joint F1 (all)", lambda s: s["speaker"]["all"]["joint_f1"]),
)


def run(args, **kw):
    return subprocess.run(args, check=True, **kw)


def read_articles():
    """Every article in id order, and the split each id comes from."""
    docs, split_of = [], {}
    for split in SPLITS:
        with (DATA / f"polnear-{split}.jsonl").open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    docs.append(json.loads(line))
                    split_of[docs[-1]["id"]] = split
    docs.sort(key=lambda d: d["id"])
    return docs, split_of


def write_jsonl(path: Path, docs) -> None:
    with path.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def cli_input(docs, path: Path) -> None:
    rows = []
    for d in docs:
        row = {"id": d["id"], "text": d["text"]}
        if d.get("published"):
            row["published"] = d["published"]
        rows.append(row)
    write_jsonl(path, rows)


def train_models(train: dict, model_dir: Path, args) -> None:
    """The fold's cue model, then its boundary model with a trainer built on
    that cue model: the boundary examples are the clauses the engine finds,
    which depend on the cue model compiled in (not on the boundary model,
    whose shipped weights only fill the slot until the fold's replace them);
    then its content labeller with a trainer built on both (the labeller's
    features are the statements the engine finds with them)."""
    model_dir.mkdir(parents=True, exist_ok=True)
    for model, shipped in SHIPPED.items():
        shutil.copyfile(ROOT / shipped, model_dir / f"{model}_model.bin")
    env = dict(os.environ, ATTRIBUTOR_MODEL_DIR=str(model_dir))
    for model in MODELS:
        run(["cargo", "run", "--release", "--quiet", "-p", "attributor-engine",
             "--target-dir", str(args.target_dir), "--example", "train_model", "--",
             model, *args.train_arg, *getattr(args, f"{model}_arg"), str(train[model]),
             str(model_dir / f"{model}_model.bin")],
            cwd=ROOT, stderr=subprocess.DEVNULL, env=env if model != "cue" else None)


def build_binary(model_dir: Path, target: Path) -> Path:
    env = dict(os.environ, ATTRIBUTOR_MODEL_DIR=str(model_dir))
    run(["cargo", "build", "--release", "--quiet", "--bin", "attributor", "--target-dir", str(target)],
        cwd=ROOT, env=env)
    return target / "release" / "attributor"


def score(gold: Path, cli_out: Path, work: Path) -> dict:
    pred = work / (cli_out.stem + ".pred")
    with pred.open("wb") as f:
        run([sys.executable, str(TOOLS / "response_to_pred.py"), str(cli_out)], stdout=f)
    out = run([sys.executable, str(TOOLS / "score_quotes.py"), "--gold", str(gold), "--pred", str(pred),
               "--json"], stdout=subprocess.PIPE).stdout
    return json.loads(out)


def fold_split(k: int, docs, split_of, args):
    """The articles of fold k (to score) and those its models train on."""
    test = [d for i, d in enumerate(docs) if i % args.folds == k]
    train = [d for i, d in enumerate(docs) if i % args.folds != k]
    if args.train_only_split:
        train = [d for d in train if split_of[d["id"]] == args.train_only_split]
    def only(split):
        split = args.train_only_split if split in (None, ALL) else split
        return [d for d in train if split_of[d["id"]] == split] if split else train

    return test, only(args.cue_only_split), only(args.boundary_only_split)


def one_fold(k: int, docs, split_of, work: Path, args) -> Path:
    test, cue_train, boundary_train = fold_split(k, docs, split_of, args)
    fold_dir = work / f"fold{k}"
    fold_dir.mkdir(parents=True, exist_ok=True)
    write_jsonl(fold_dir / "train-cue.jsonl", cue_train)
    write_jsonl(fold_dir / "train-boundary.jsonl", boundary_train)
    write_jsonl(fold_dir / "gold.jsonl", test)
    cli_input(test, fold_dir / "test.in")
    train_files = {"cue": fold_dir / "train-cue.jsonl", "boundary": fold_dir / "train-boundary.jsonl",
                   "labeller": fold_dir / "train-boundary.jsonl"}
    train_models(train_files, fold_dir / "models", args)
    binary = build_binary(fold_dir / "models", args.target_dir)
    with (fold_dir / "test.in").open("rb") as src, (fold_dir / "test.out").open("wb") as dst:
        run([str(binary), "extract", "--jsonl"], stdin=src, stdout=dst)
    print(f"fold {k}: cue model trained on {len(cue_train)} articles, boundary model and labeller on "
          f"{len(boundary_train)}, scored {len(test)}", file=sys.stderr)
    return fold_dir


def report(per_fold, pooled) -> None:
    print(f"{'figure':22} " + " ".join(f"fold{k:<3}" for k in range(len(per_fold))) + "    mean  pooled")
    for name, get in FIGURES:
        values = [get(s) for s in per_fold]
        cells = " ".join(f"{v:7.4f}" for v in values)
        print(f"{name:22} {cells}  {statistics.mean(values):.4f}  {get(pooled):.4f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the folds' files in this directory")
    parser.add_argument("--target-dir", type=Path, default=ROOT / "target" / "crossval",
                        help="cargo target directory for the fold builds")
    parser.add_argument("--train-only-split", choices=SPLITS,
                        help="train the folds' models only on their articles from this split")
    parser.add_argument("--cue-only-split", choices=SPLITS,
                        help="train the folds' cue models only on their articles from this split "
                             "(the boundary models on all their training articles)")
    parser.add_argument("--boundary-only-split", choices=(*SPLITS, ALL), default=ALL,
                        help="train the folds' boundary models only on their articles from this split "
                             "(default all: dev + train, as the shipped model)")
    parser.add_argument("--train-arg", action="append", default=[], metavar="ARG",
                        help="pass ARG on to train_model (repeat for several: --train-arg=--min-count --train-arg=5)")
    for model in MODELS:
        parser.add_argument(f"--{model}-arg", action="append", default=[], metavar="ARG",
                            help=f"pass ARG on to train_model for the {model} model only "
                                 f"(--{model}-arg=--threshold --{model}-arg=0.5)")
    args = parser.parse_args()
    docs, split_of = read_articles()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        fold_dirs = [one_fold(k, docs, split_of, work, args) for k in range(args.folds)]
        per_fold = [score(d / "gold.jsonl", d / "test.out", d) for d in fold_dirs]
        write_jsonl(work / "gold.jsonl", docs)
        with (work / "all.out").open("wb") as dst:
            for d in fold_dirs:
                dst.write((d / "test.out").read_bytes())
        pooled = score(work / "gold.jsonl", work / "all.out", work)
    trained_on = f"{args.train_only_split} articles only" if args.train_only_split else "dev + train"
    extra = f", train_model {' '.join(args.train_arg)}" if args.train_arg else ""
    for model in MODELS:
        if getattr(args, f"{model}_arg"):
            extra += f", {model} model {' '.join(getattr(args, f'{model}_arg'))}"
    if args.cue_only_split:
        extra += f", cue models on {args.cue_only_split} articles only"
    if args.boundary_only_split != ALL and not args.train_only_split:
        extra += f", boundary models on {args.boundary_only_split} articles only"
    print(f"{args.folds}-fold cross-validation by article over dev + train ({len(docs)} articles; "
          f"models trained on the training folds' {trained_on}{extra})")
    report(per_fold, pooled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
