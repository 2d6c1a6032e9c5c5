#!/usr/bin/env python3
"""Agreement between callqa's verdicts and a supervisor's labels.

    python3 tools/agreement.py RESULTS/criteria.csv LABELS.csv [--show-disagreements]

LABELS.csv has the columns call_id, criterion, expected (pass / fail / na) and optionally note.
Prints, per criterion and overall, the number of verdicts compared, the percent agreement and Cohen's
kappa over pass/fail/na. With --show-disagreements, lists every verdict that differs with callqa's
reason and the supervisor's note (use it on a tuning set only, never on a held-out set).
"""

import csv
import sys
from collections import Counter, defaultdict


def kappa(pairs):
    n = len(pairs)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    left = Counter(a for a, _ in pairs)
    right = Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in set(left) | set(right)) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else float("nan")
    return (observed - expected) / (1 - expected)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--show-disagreements" in sys.argv
    if len(args) != 2:
        sys.exit(__doc__)
    verdicts = {}
    with open(args[0], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            verdicts[(row["call_id"], row["criterion"])] = row
    by_criterion = defaultdict(list)
    missing = []
    order = []
    with open(args[1], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["call_id"], row["criterion"])
            if row["criterion"] not in order:
                order.append(row["criterion"])
            got = verdicts.get(key)
            if got is None:
                missing.append(key)
                continue
            by_criterion[row["criterion"]].append((got["outcome"], row["expected"], got, row))
    print(f"{'criterion':24} {'n':>4} {'agree':>7} {'kappa':>6}")
    everything = []
    for criterion in order:
        rows = by_criterion[criterion]
        pairs = [(a, b) for a, b, _, _ in rows]
        everything += pairs
        agree = sum(a == b for a, b in pairs) / len(pairs) if pairs else float("nan")
        print(f"{criterion:24} {len(pairs):4} {100 * agree:6.1f}% {kappa(pairs):6.2f}")
    agree = sum(a == b for a, b in everything) / len(everything)
    print(f"{'ALL':24} {len(everything):4} {100 * agree:6.1f}% {kappa(everything):6.2f}")
    if missing:
        print(f"{len(missing)} labelled verdicts have no callqa verdict (call not scored?): "
              + ", ".join(sorted({k[0] for k in missing})))
    if show:
        for criterion in order:
            for got, want, row, label in by_criterion[criterion]:
                if got != want:
                    print(f"\n{criterion} {row['call_id']} callqa={got} supervisor={want}"
                          f"\n  callqa: {row['at']} «{row['evidence']}» {row['reason']}"
                          f"\n  supervisor: {label.get('note', '')}")


if __name__ == "__main__":
    main()
