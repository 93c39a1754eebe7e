#!/usr/bin/env python3
"""The seed article in other typesetting: every required statement still right.

    python3 quality/seed_styles.py target/release/attributor

The seed article (../shared/data/seed-gold.jsonl) is typeset with curly
double quotation marks (“ ”), single ones inside (‘ ’) and curly
apostrophes. Many sources are not: wire copy and plain-text feeds use
straight marks (" and ', the apostrophe the same character as the single
quotation mark), British outlets single marks outside and double inside.
The engine must find the same statements whatever the style, so this script
re-typesets the seed both ways, runs `attributor extract --jsonl` on each
(without a published date, as ../shared/tools/evaluate.sh does) and scores
it with ../shared/tools/score_fields.py against the gold re-typeset the
same way. It fails unless every required statement is fully right (span,
speaker, role and date) in every style.

Re-typesetting swaps one character for one, so the gold offsets (code
points) stay valid; the gold quotation texts are re-read from the new text,
and the gold speakers and roles are re-typeset the same way.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "data" / "seed-gold.jsonl"
TOOLS = ROOT.parent / "shared" / "tools"


def straight(text: str) -> str:
    """Every curly mark straight; apostrophes become the single mark too."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


def inner_closer(chars: list, opener: int) -> int | None:
    """The ’ closing the inner quotation opened at `opener`: the first one
    not followed by a letter (the others are apostrophes: "Ukraine’s")."""
    for j in range(opener + 1, len(chars)):
        if chars[j] == "’" and (j + 1 == len(chars) or not chars[j + 1].isalpha()):
            return j
    return None


def british(text: str) -> str:
    """Single marks outside, double inside; apostrophes stay ’."""
    chars = list(text)
    out = chars[:]
    for i, c in enumerate(chars):
        if c == "“":
            out[i] = "‘"
        elif c == "”":
            out[i] = "’"
        elif c == "‘":
            out[i] = "“"
            j = inner_closer(chars, i)
            if j is not None:
                out[j] = "”"
    return "".join(out)


STYLES = {"straight": straight, "british": british}


def restyle(doc: dict, style) -> dict:
    doc = json.loads(json.dumps(doc))
    old = doc["text"]
    doc["text"] = style(old)
    assert len(doc["text"]) == len(old), "re-typesetting must keep every offset"
    for q in doc.get("quotes") or []:
        q["quote"] = doc["text"][q["quote_start"]:q["quote_end"]]
        for field in ("speaker", "role"):
            if isinstance(q.get(field), str):
                q[field] = style(q[field])
    return doc


def score(binary: Path, gold: list, work: Path, name: str) -> dict:
    gold_path, pred_path = work / f"{name}.gold.jsonl", work / f"{name}.pred"
    gold_path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in gold), encoding="utf-8")
    cli_in = "".join(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n" for d in gold)
    out = subprocess.run([str(binary), "extract", "--jsonl"], input=cli_in.encode(), check=True,
                         stdout=subprocess.PIPE).stdout
    (work / f"{name}.out").write_bytes(out)
    with pred_path.open("wb") as f:
        subprocess.run([sys.executable, str(TOOLS / "response_to_pred.py"), "--speaker", "name",
                        str(work / f"{name}.out")], check=True, stdout=f)
    result = subprocess.run([sys.executable, str(TOOLS / "score_fields.py"), "--gold", str(gold_path),
                             "--pred", str(pred_path), "--json"], check=True, stdout=subprocess.PIPE)
    return json.loads(result.stdout)["required"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", type=Path, help="the attributor binary to run")
    args = parser.parse_args()
    gold = [json.loads(line) for line in SEED.open(encoding="utf-8") if line.strip()]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name, style in STYLES.items():
            r = score(args.binary, [restyle(d, style) for d in gold], Path(tmp), name)
            ok = r["total"] > 0 and r["full"] == r["total"]
            failed |= not ok
            print(f"seed typeset {name:8}: required found {r['found']}/{r['total']}, "
                  f"speaker right {r['speaker_right']}/{r['total']}, fully right {r['full']}/{r['total']}"
                  + ("" if ok else f"  FAILED: missed {r['missed']}, wrong {r['wrong']}"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
