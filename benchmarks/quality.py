"""One line of figures per gold set: the summary `eventdb evaluate` prints, never the misses.

    python benchmarks/quality.py                 # every set found under tests/ (and the seeds) but the check set
    python benchmarks/quality.py --sets check2   # the check set, only at the start and the end of a round

Sets: seeds, heldout, dev-* (tuned on), check (the rules-7 round's check set, spent: dev material now),
blind and check2 (never tuned on: only these summary lines may be read; check2 is the next round's
check set). Figures are precision/recall/F1 for incidents, claims (type, claimant and
incident), claims on type and claimant alone, statistics; then the share right of each field on matched
incidents.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from eventdb.evaluate import Report, evaluate

ROOT = Path(__file__).resolve().parent.parent
CHECK_SET = "check2"  # scored on purpose only, at the start and the end of a round of rule work


def gold_sets() -> dict[str, tuple[Path, Path]]:
    sets = {"seeds": (ROOT / "tests" / "gold" / "seeds.jsonl", ROOT / "seeds" / "articles")}
    for name in ("heldout", "blind", "check", CHECK_SET):
        gold = ROOT / "tests" / name / "gold.jsonl"
        if gold.exists():
            sets[name] = (gold, gold.parent / "articles")
    dev = ROOT / "tests" / "dev" / "gold.jsonl"
    lines = dev.read_text(encoding="utf-8").splitlines() if dev.exists() else []
    for writer in sorted({json.loads(line)["article"][0] for line in lines if line.strip()}):
        sets[f"dev-{writer}"] = (dev, dev.parent / "articles", writer)  # type: ignore[assignment]
    return sets


def _subset(gold: Path, writer: str, folder: Path) -> Path:
    keep = [line for line in gold.read_text(encoding="utf-8").splitlines() if line.strip() and json.loads(line)["article"].startswith(writer)]
    path = folder / f"{writer}.jsonl"
    path.write_text("\n".join(keep) + "\n", encoding="utf-8")
    return path


def summary(report: Report) -> str:
    def prf(s) -> str:
        return f"{s.precision:.2f}/{s.recall:.2f}/{s.f1:.2f}"
    fields = " ".join(f"{k} {a.value:.2f}" for k, a in report.accuracy.items() if k != "casualties")
    return (f"incidents {prf(report.incidents)}  claims {prf(report.claims)}  type+claimant {prf(report.claims_unlinked)}  "
            f"statistics {prf(report.statistics)}  | {fields}" + (f"  ERRORS {len(report.errors)}" if report.errors else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", help="names of sets (default: all)")
    args = parser.parse_args()
    sets = gold_sets()
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in sets.items():
            if (args.sets and name not in args.sets) or (not args.sets and name == CHECK_SET):
                continue
            gold, articles = spec[0], spec[1]
            if len(spec) == 3:
                gold = _subset(gold, spec[2], Path(tmp))
            print(f"{name:<8} {summary(evaluate(gold, articles))}")


if __name__ == "__main__":
    main()
