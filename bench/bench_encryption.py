"""What encryption at rest costs: open time, list paging and search, plain vs SQLCipher.

One data set (bench_search's generator: letters and responses of ~2.2 KB in
four languages, with the search index built) is measured three ways in the
same run, each query alternating between them:

* ``plain``: the file as the app opens a plain database (Python's sqlite3);
* ``plain-sqlcipher``: the same plain file through the SQLCipher library with
  no key (isolates the library's SQLite version from the cost of encryption);
* ``encrypted``: an encrypted copy (``cipher.encrypt_copy``), opened with its
  passphrase once, then every connection with the raw key.

Prints medians (ms) and the ratio encrypted ÷ plain for each figure.

    .venv/bin/python bench/bench_encryption.py                    # 20,000 letters
    .venv/bin/python bench/bench_encryption.py --letters 2000 --responses 1000 --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import bench_search  # noqa: E402  (the generator and the query set)
from casetracker.db import cipher  # noqa: E402
from casetracker.db.engine import Database, make_engine, resolve_url  # noqa: E402
from casetracker.services import Services  # noqa: E402

PASSPHRASE = "correct horse battery staple"

#: list figures: (label, function of services)
LISTS: tuple[tuple[str, Callable[[Services], object]], ...] = (
    ("letters by date: ids", lambda s: s.browse.ids("letters", sort="sent_on", descending=True)),
    (
        "letters: first page rows",
        lambda s: s.browse.rows(
            "letters", s.browse.ids("letters", sort="sent_on", descending=True).ids[:100]
        ),
    ),
    ("letters: page of 100", lambda s: s.listing.page("letters", limit=100)),
    ("letters: quick filter", lambda s: s.browse.ids("letters", text="Vardanyan")),
    ("people: page of 100", lambda s: s.listing.page("people", limit=100)),
    ("responses: page of 100", lambda s: s.listing.page("responses", limit=100)),
)


def open_plain(path: Path, *, library: bool) -> Database:
    url = resolve_url(path)
    kwargs = {}
    if library:
        from sqlcipher3 import dbapi2

        kwargs["module"] = dbapi2
    return Database(url, make_engine(url, **kwargs))


def open_encrypted(path: Path) -> Database:
    key = cipher.unlock(path, passphrase=PASSPHRASE)
    url = resolve_url(path)
    return Database(url, make_engine(url, key=key), key=key)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def time_open(path: Path, encrypted: bool, runs: int) -> tuple[float, float]:
    """(median ms of unlock + open + first query, median ms of key derivation alone)."""
    total, derive = [], []
    for _ in range(runs):
        started = time.perf_counter()
        if encrypted:
            key = cipher.unlock(path, passphrase=PASSPHRASE)
            derive.append(time.perf_counter() - started)
            url = resolve_url(path)
            db = Database(url, make_engine(url, key=key), key=key)
        else:
            db = open_plain(path, library=False)
        Services(db).listing.page("letters", limit=100)
        total.append(time.perf_counter() - started)
        db.close()
    return median_ms(total), (median_ms(derive) if derive else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=20_000)
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=3_000)
    parser.add_argument("--runs", type=int, default=15, help="timed runs per figure")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-encryption-"))
    plain = folder / "plain.db"
    encrypted = folder / "encrypted.db"
    started = time.perf_counter()
    bench_search.build_database(plain, args)
    build = time.perf_counter() - started
    started = time.perf_counter()
    cipher.encrypt_copy(plain, encrypted, PASSPHRASE)
    encrypt = time.perf_counter() - started
    print(
        f"data: {args.letters:,} letters, {args.responses:,} responses, {args.people:,} people; "
        f"plain file {plain.stat().st_size / 2**20:.0f} MB built in {build:.1f} s; "
        f"encrypted copy {encrypted.stat().st_size / 2**20:.0f} MB in {encrypt:.1f} s"
    )
    print(f"SQLCipher {cipher.sqlcipher_version()}; runs per figure: {args.runs} (median)")

    open_plain_ms, _ = time_open(plain, False, 5)
    open_enc_ms, derive_ms = time_open(encrypted, True, 5)
    print(
        f"\nopen + first page: plain {open_plain_ms:.1f} ms; encrypted {open_enc_ms:.1f} ms "
        f"(of which key derivation {derive_ms:.1f} ms)"
    )

    faces = {
        "plain": Services(open_plain(plain, library=False)),
        "plain-sqlcipher": Services(open_plain(plain, library=True)),
        "encrypted": Services(open_encrypted(encrypted)),
    }
    figures: list[tuple[str, str, dict[str, float]]] = []
    work: list[tuple[str, str, Callable[[Services], object]]] = [
        ("list", label, fn) for label, fn in LISTS
    ] + [
        ("search", f"{label}: {query}", (lambda q: lambda s: s.search.search(q, limit=50))(query))
        for label, query in bench_search.QUERIES
    ]
    for group, label, fn in work:
        samples: dict[str, list[float]] = {name: [] for name in faces}
        for services in faces.values():  # warm-up
            fn(services)
        for _ in range(args.runs):
            for name, services in faces.items():
                t = time.perf_counter()
                fn(services)
                samples[name].append(time.perf_counter() - t)
        figures.append((group, label, {n: median_ms(s) for n, s in samples.items()}))

    print(f"\n{'figure':52} {'plain':>9} {'lib':>9} {'encr.':>9} {'÷plain':>7} {'÷lib':>6}")
    for group in ("list", "search"):
        ratios, lib_ratios = [], []
        for g, label, ms in figures:
            if g != group:
                continue
            ratio = ms["encrypted"] / ms["plain"]
            lib_ratio = ms["encrypted"] / ms["plain-sqlcipher"]
            ratios.append(ratio)
            lib_ratios.append(lib_ratio)
            print(
                f"{group + ' ' + label:52.52} {ms['plain']:9.2f} {ms['plain-sqlcipher']:9.2f} "
                f"{ms['encrypted']:9.2f} {ratio:7.2f} {lib_ratio:6.2f}"
            )
        medians = [f[2] for f in figures if f[0] == group]
        print(
            f"{group.upper()}: median of medians plain "
            f"{statistics.median(m['plain'] for m in medians):.2f} ms, encrypted "
            f"{statistics.median(m['encrypted'] for m in medians):.2f} ms; ratio encrypted ÷ "
            f"plain median {statistics.median(ratios):.2f} (max {max(ratios):.2f}); "
            f"÷ same library {statistics.median(lib_ratios):.2f}\n"
        )
    for services in faces.values():
        services.db.close()
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
