"""Matching benchmark: 500 signatory names against the merged roster.

Loads and merges the two congress-legislators snapshots in ../shared/data
(~550 people), builds the :class:`~casetracker.letters.matching.Matcher`
(timed), then matches 500 names on 2025-04-11 — a seeded mix of full names as
the roster writes them, first + last, nicknames, initials, names with party,
state and district hints and titles, and names absent from the roster — and
prints the median of 5 runs against the target (< 1 s, PASS/MISS). Each
generated name knows whom it was made from, so the run also counts wrong
matches. Last, precision and recall on the labelled press-release letters of
tests/test_matching.py.

Run from the project root::

    .venv/bin/python bench/bench_matching.py
    .venv/bin/python bench/bench_matching.py --names 5000 --runs 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casetracker.letters.matching import NICKNAMES, Matcher, SignatoryName, evaluate  # noqa: E402
from casetracker.letters.roster_model import RosterPerson, merge, people_from_document  # noqa: E402

SNAPSHOTS = (
    ROOT.parent / "shared" / "data" / "legislators-current-2025-04.yaml",
    ROOT.parent / "shared" / "data" / "legislators-current-2026-06.yaml",
)
DAY = dt.date(2025, 4, 11)
TARGET_SECONDS = 1.0
FAKE_FIRST = ["Jane", "John", "Ann", "Mark", "Olga", "Priya", "Tariq", "Wen", "Lucia", "Piotr"]
FAKE_LAST = ["Roe", "Doe", "Poe", "Quill", "Abernathy-Vance", "Okafor", "Lindqvist", "Zubiri"]
PARTY = {"Democrat": "D", "Republican": "R", "Independent": "I"}


def load_roster() -> list[RosterPerson]:
    snapshots = []
    for path in SNAPSHOTS:
        with path.open(encoding="utf-8") as f:
            snapshots.append(people_from_document(yaml.load(f, Loader=yaml.CSafeLoader)))
    return merge(*snapshots)


def make_names(
    roster: list[RosterPerson], count: int, seed: int = 6
) -> list[tuple[SignatoryName, str | None]]:
    """``count`` names, each with the bioguide it was made from (None: absent)."""
    rng = random.Random(seed)
    serving = [p for p in roster if p.serving(DAY)]
    nick_of = {formal: nicks for formal, nicks in NICKNAMES.items()}
    names: list[tuple[SignatoryName, str | None]] = []
    while len(names) < count:
        kind = rng.random()
        if kind < 0.1:  # absent: an invented name, or a real surname with a stranger's name
            last = rng.choice(FAKE_LAST) if rng.random() < 0.5 else rng.choice(serving).last
            names.append((SignatoryName(f"{rng.choice(FAKE_FIRST)} {last}"), None))
            continue
        person = rng.choice(serving)
        term = person.serving(DAY)
        assert term is not None
        first = person.nickname or person.first
        if kind < 0.3:
            text = person.official_full or f"{person.first} {person.last}"
        elif kind < 0.5:
            text = f"{first} {person.last}"
        elif kind < 0.6 and person.first.lower() in nick_of:
            text = f"{rng.choice(nick_of[person.first.lower()]).title()} {person.last}"
        elif kind < 0.7:
            middle = f" {person.middle[0]}." if person.middle else ""
            text = f"{person.first[0]}.{middle} {person.last}"
        else:
            party = PARTY.get(term.party or "", "I")
            district = f"-{term.district}" if term.chamber == "house" and rng.random() < 0.5 else ""
            title = "Rep." if term.chamber == "house" else "Sen."
            text = f"{title} {first} {person.last} ({party}-{term.state}{district})"
        title_line = "Member of Congress" if term.chamber == "house" else "United States Senator"
        name = SignatoryName.parse(text, title_line if rng.random() < 0.5 else None)
        names.append((name, person.bioguide))
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not all(p.exists() for p in SNAPSHOTS):
        print(f"roster snapshots not found: {SNAPSHOTS[0].parent}")
        return 2

    started = time.perf_counter()
    roster = load_roster()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    matcher = Matcher(roster)
    built = time.perf_counter() - started
    names = make_names(roster, args.names)

    times = []
    results = []
    for _ in range(args.runs):
        started = time.perf_counter()
        results = [matcher.match(name, DAY) for name, _ in names]
        times.append(time.perf_counter() - started)
    median = statistics.median(times)

    made = sum(m.bioguide is not None for m in results)
    wrong = [
        (n.text, truth, m.bioguide)
        for (n, truth), m in zip(names, results, strict=True)
        if m.bioguide is not None and m.bioguide != truth
    ]
    matchable = sum(truth is not None for _, truth in names)
    right = made - len(wrong)

    print(f"### matching {len(names)} names on {DAY} (median of {args.runs})")
    print(
        f"roster: {len(roster)} people merged from 2 snapshots in {loaded:.2f} s "
        f"(YAML, CSafeLoader); Matcher built in {built * 1000:.1f} ms"
    )
    verdict = "PASS" if median < TARGET_SECONDS else "MISS"
    runs = ", ".join(f"{t * 1000:.1f}" for t in times)
    per_name = median / len(names) * 1e6
    print(
        f"match {len(names)} names: {median * 1000:.1f} ms ({per_name:.0f} µs/name; "
        f"runs {runs} ms) target < {TARGET_SECONDS:.0f} s: {verdict}"
    )
    print(
        f"generated names: {made} matched, {len(wrong)} wrong; "
        f"precision {right / made if made else 1:.3f}, recall {right / matchable:.3f} "
        f"({right}/{matchable})"
    )
    for item in wrong[:10]:
        print("  wrong:", item)

    try:
        from tests.test_matching import BOB_MENENDEZ, labelled_cases
    except ImportError as exc:  # pytest or hypothesis missing
        print(f"labelled letters: skipped ({exc})")
    else:
        labelled = Matcher(merge(roster, people_from_document([BOB_MENENDEZ])))
        scores = evaluate(labelled, labelled_cases())
        print(
            f"labelled letters (tests/test_matching.py): precision {scores.precision:.3f} "
            f"({scores.correct}/{scores.made}), recall {scores.recall:.3f} "
            f"({scores.correct}/{scores.matchable})"
        )
        for item in scores.wrong:
            print("  not matched as labelled:", item)
    return 0 if verdict == "PASS" and not wrong else 1


if __name__ == "__main__":
    sys.exit(main())
