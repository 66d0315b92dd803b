"""What encryption at rest costs when opening a database, and afterwards.

    python bench/bench_encryption_open.py [--runs 5]

Builds a plain and an encrypted copy of the demo database in a temporary
folder, then prints medians of ``--runs`` runs:

* the key derivation alone (PBKDF2-HMAC-SHA512 at ``cipher.ITERATIONS``);
* opening with the passphrase: unlock (read the key file, derive, check) +
  ``open_database`` + a first query;
* opening with the recovery code (no derivation) and opening the plain file;
* one more connection to the open encrypted database (raw key: no KDF),
  against a connection keyed with a passphrase through SQLCipher's own KDF
  (what each connection would cost without the raw master key);
* a search and a list page on each, once open.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from casetracker.db import cipher
from casetracker.db.engine import resolve_url
from casetracker.db.schema import create_encrypted_database, open_database
from casetracker.demo import load_demo
from casetracker.services import Services

PASSPHRASE = "correct horse battery staple"


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def first_query(path: Path, key: bytes | None) -> None:
    db = open_database(resolve_url(str(path)), key=key)
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM people").scalar()
    finally:
        db.engine.dispose()  # not close(): PRAGMA optimize is not part of opening


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args(argv).runs
    with tempfile.TemporaryDirectory() as folder:
        plain, encrypted = Path(folder) / "plain.db", Path(folder) / "encrypted.db"
        db = open_database(resolve_url(str(plain)), create=True)
        load_demo(Services(db))
        db.close()
        db, code = create_encrypted_database(resolve_url(str(encrypted)), PASSPHRASE)
        load_demo(Services(db))
        db.close()
        slot = cipher.read_key_file(cipher.key_file_path(encrypted))

        rows = [
            (
                f"key derivation alone ({cipher.ITERATIONS:,} PBKDF2-SHA512 rounds)",
                median_ms(lambda: cipher.open_slot(slot, PASSPHRASE), runs),
            ),
            (
                "open with passphrase (unlock + open + first query)",
                median_ms(
                    lambda: first_query(encrypted, cipher.unlock(encrypted, passphrase=PASSPHRASE)),
                    runs,
                ),
            ),
            (
                "open with recovery code (+ open + first query)",
                median_ms(
                    lambda: first_query(
                        encrypted, cipher.unlock(encrypted, recovery_code=code.text)
                    ),
                    runs,
                ),
            ),
            (
                "open plain database (+ first query)",
                median_ms(lambda: first_query(plain, None), runs),
            ),
        ]

        def raw_connection() -> None:
            with cipher.connection(encrypted, code.key) as conn:
                conn.execute("SELECT count(*) FROM people").fetchone()

        kdf_file = Path(folder) / "kdf.db"
        kdf_key = "PRAGMA key = 'a passphrase through the SQLCipher KDF'"
        with cipher.connection(kdf_file, None) as conn:
            conn.execute(kdf_key)
            conn.execute("CREATE TABLE t (x)")

        def sqlcipher_kdf_connection() -> None:
            with cipher.connection(kdf_file, None) as conn:
                conn.execute(kdf_key)
                conn.execute("SELECT count(*) FROM t").fetchone()

        rows.append(("one more connection, raw key", median_ms(raw_connection, runs)))
        rows.append(
            (
                "one connection keyed by passphrase (SQLCipher KDF, 256,000 rounds)",
                median_ms(sqlcipher_kdf_connection, runs),
            )
        )
        for label, path, key in (("plain", plain, None), ("encrypted", encrypted, code.key)):
            db = open_database(resolve_url(str(path)), key=key)
            services = Services(db)
            services.search.search("Vardanyan")  # warm
            rows.append(
                (
                    f"search 'Vardanyan', {label}",
                    median_ms(lambda s=services: s.search.search("Vardanyan"), runs * 4),
                )
            )
            rows.append(
                (
                    f"list people, first page, {label}",
                    median_ms(lambda s=services: s.listing.page("people", limit=100), runs * 4),
                )
            )
            db.close()
    width = max(len(label) for label, _ in rows)
    print(
        f"median of {runs} runs (searches and lists: {runs * 4}); Python {sys.version.split()[0]}"
    )
    for label, ms in rows:
        print(f"{label.ljust(width)}  {ms:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
