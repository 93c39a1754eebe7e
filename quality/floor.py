#!/usr/bin/env python3
"""The quality floor: fails when the engine scores worse than the record.

    python3 quality/floor.py target/release/attributor           # check
    python3 quality/floor.py target/release/attributor --update  # re-record

Runs `attributor extract --jsonl` on the annotated articles beside the
project (../shared/data/polnear-dev.jsonl and polnear-train.jsonl: seconds),
scores them with ../shared/tools/score_quotes.py (overlap matching) and
compares four figures per split with quality/floor.json: all, quoted and
indirect span F1, and speaker accuracy on matched quoted statements. A drop
of more than 0.3 points (0.003) in any of them fails; a rise is reported and
passes. Updating the record is a deliberate act: run with --update and say
why in the commit message.

These are scores on the articles the learned models train on, so they
flatter the engine; they guard against regressions, they are not the quality
to quote (docs/quality.md has the cross-validated figures).

A third record, "genres", scores quality/other-genres.jsonl: twenty-four
invented articles of other genres (wire, science, health, courts, business,
local news, sport, environment, crime, education, labour, transport,
culture, diplomacy, farming), hand-annotated for this project with speaker,
role and verb. It holds what PolNeAR barely has: statements outside quotation marks
next to verbs in senses that report nothing, and roles of every shape. Its
figures are the precision of the statements outside quotation marks, span
F1, and the canonical speaker and role of matched statements. The rules
were developed against these articles, so they are no held-out measure
either; with 348 statements one statement moves a figure by about a third
of a point, so the tolerance there is one point.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
TOOLS = ROOT.parent / "shared" / "tools"
RECORD = ROOT / "quality" / "floor.json"
GENRES = ROOT / "quality" / "other-genres.jsonl"
SPLITS = ("dev", "train")
TOLERANCE = 0.003
GENRE_TOLERANCE = 0.01


def cli_input(gold: Path, out: Path) -> None:
    """Gold lines to the CLI's input lines, as ../shared/tools/evaluate.sh makes them."""
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            doc = json.loads(line)
            row = {"id": doc["id"], "text": doc["text"]}
            if doc.get("published"):
                row["published"] = doc["published"]
            dst.write(json.dumps(row) + "\n")


def run(args: list, stdin=None, stdout=None) -> bytes:
    return subprocess.run(args, stdin=stdin, stdout=stdout or subprocess.PIPE, check=True).stdout


def figures(binary: Path, split: str, tmp: Path) -> dict:
    gold = DATA / f"polnear-{split}.jsonl"
    cli_in, cli_out = tmp / f"{split}.in", tmp / f"{split}.out"
    cli_input(gold, cli_in)
    with cli_in.open("rb") as src, cli_out.open("wb") as dst:
        run([str(binary), "extract", "--jsonl"], stdin=src, stdout=dst)
    pred = tmp / f"{split}.pred"
    with pred.open("wb") as dst:
        run([sys.executable, str(TOOLS / "response_to_pred.py"), str(cli_out)], stdout=dst)
    scores = json.loads(run([sys.executable, str(TOOLS / "score_quotes.py"),
                             "--gold", str(gold), "--pred", str(pred), "--json"]))
    spans = scores["spans"]["overlap"]
    return {
        "all_f1": round(spans["all"]["f1"], 4),
        "quoted_f1": round(spans["quoted"]["f1"], 4),
        "indirect_f1": round(spans["indirect"]["f1"], 4),
        "speaker_accuracy_quoted": round(scores["speaker"]["quoted"]["accuracy"], 4),
    }


def genre_figures(binary: Path, tmp: Path) -> dict:
    """The other-genre articles' figures (their date is given, as a caller would)."""
    cli_in, cli_out = tmp / "genres.in", tmp / "genres.out"
    cli_input(GENRES, cli_in)
    with cli_in.open("rb") as src, cli_out.open("wb") as dst:
        run([str(binary), "extract", "--jsonl"], stdin=src, stdout=dst)
    pred = tmp / "genres.pred"
    with pred.open("wb") as dst:
        run([sys.executable, str(TOOLS / "response_to_pred.py"), "--speaker", "name", str(cli_out)],
            stdout=dst)
    gold_pred = ["--gold", str(GENRES), "--pred", str(pred), "--json"]
    spans = json.loads(run([sys.executable, str(TOOLS / "score_quotes.py"), *gold_pred]))
    fields = json.loads(run([sys.executable, str(TOOLS / "score_fields.py"), *gold_pred]))["fields"]
    overlap = spans["spans"]["overlap"]
    return {
        "all_f1": round(overlap["all"]["f1"], 4),
        "quoted_f1": round(overlap["quoted"]["f1"], 4),
        "indirect_precision": round(overlap["indirect"]["precision"], 4),
        "speaker_name_accuracy": round(fields["speaker_name"]["accuracy"], 4),
        "role_accuracy": round(fields["role"]["accuracy"], 4),
    }


def compare(measured: dict, record: dict) -> list:
    """The lines to print, and whether each figure fell below the floor."""
    rows = []
    for split, values in measured.items():
        for name, value in values.items():
            floor = record.get(split, {}).get(name)
            if floor is None:
                rows.append((f"{split:6} {name:24} {value:.4f}  (no record)", True))
                continue
            delta = value - floor
            low = delta < -(GENRE_TOLERANCE if split == "genres" else TOLERANCE)
            mark = "BELOW THE FLOOR" if low else "ok"
            rows.append((f"{split:6} {name:24} {value:.4f}  record {floor:.4f}  {delta:+.4f}  {mark}", low))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", type=Path, help="the attributor binary to score")
    parser.add_argument("--update", action="store_true", help="write the measured figures as the new record")
    args = parser.parse_args()
    missing = [s for s in SPLITS if not (DATA / f"polnear-{s}.jsonl").is_file()]
    if missing:
        print(f"quality floor: no gold data for {', '.join(missing)} in {DATA}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        measured = {split: figures(args.binary, split, Path(tmp)) for split in SPLITS}
        measured["genres"] = genre_figures(args.binary, Path(tmp))
    if args.update:
        RECORD.write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")
        print(f"quality floor: recorded {RECORD.relative_to(ROOT)}")
        return 0
    rows = compare(measured, json.loads(RECORD.read_text(encoding="utf-8")))
    for line, _ in rows:
        print(line)
    failed = sum(low for _, low in rows)
    print(f"quality floor: {len(rows) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
