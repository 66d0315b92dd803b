"""Encryption at rest: SQLCipher files, passphrase key slots, recovery codes,
encrypted/plain copies, and the CLI around them. Real SQLCipher files throughout."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from casetracker.cli.main import main
from casetracker.db import cipher
from casetracker.db.engine import make_engine, resolve_url
from casetracker.db.maintenance import check
from casetracker.db.schema import create_encrypted_database, open_database
from casetracker.errors import DatabaseError, ValidationError
from casetracker.services import Services

PASSPHRASE = "correct horse battery staple"
UNIQUE_NAME = "Zorvathian Quillbeck"
CLI = (sys.executable, "-m", "casetracker")


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer PBKDF2 rounds for tests that are not about the key derivation
    (each real derivation costs ~0.3 s by design)."""
    monkeypatch.setattr(cipher, "ITERATIONS", 2_000)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, content: str) -> str:
    path.write_text(content, encoding="utf-8")
    return str(path)


def new_encrypted(path: Path) -> tuple[Services, cipher.RecoveryCode]:
    db, code = create_encrypted_database(resolve_url(str(path)), PASSPHRASE)
    return Services(db), code


def add_person(services: Services, name: str = UNIQUE_NAME) -> None:
    services.people.create(display_name=name)


def file_hashes(path: Path) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for suffix in ("", "-wal", "-shm", ".keys"):
        part = Path(f"{path}{suffix}")
        out[suffix] = hashlib.sha256(part.read_bytes()).hexdigest() if part.exists() else None
    return out


def people_names(path: Path, key: bytes) -> list[str]:
    db = open_database(resolve_url(str(path)), key=key)
    try:
        with db.engine.connect() as conn:
            return [r[0] for r in conn.execute(text("SELECT display_name FROM people"))]
    finally:
        db.close()


# --------------------------------------------------------------------- creating
def test_cli_creates_an_encrypted_database_nobody_else_can_read(tmp_path, capsys):
    db = tmp_path / "secret.db"
    secret = write(tmp_path / "pass.txt", PASSPHRASE + "\n")
    done = subprocess.run(
        [*CLI, "--db", str(db), "--passphrase-file", secret, "init", "--encrypt"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "(encrypted)" in done.stdout and "not CaseTracker's authors" in done.stdout
    code = re.search(r"Recovery code: (\S+)", done.stdout).group(1)
    slot = json.loads(cipher.key_file_path(db).read_text())
    assert slot["iterations"] == cipher.ITERATIONS and slot["kdf"] == "pbkdf2-hmac-sha512"
    assert cipher.key_file_path(db).stat().st_mode & 0o777 == 0o600
    assert cipher.parse_recovery_code(code) == cipher.unlock(db, passphrase=PASSPHRASE)

    # write a record, keep a connection open so that the WAL holds it too
    holder = open_database(resolve_url(str(db)), key=cipher.parse_recovery_code(code))
    add_person(Services(holder))
    try:
        assert Path(f"{db}-wal").stat().st_size > 0
        for part in (db, Path(f"{db}-wal")):
            content = part.read_bytes()
            assert UNIQUE_NAME.encode() not in content
            assert b"Zorvathian" not in content and b"SQLite format 3" not in content
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            sqlite3.connect(db).execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        holder.close()
    code_file = write(tmp_path / "code.txt", code.lower())
    status, out, _ = run(
        capsys, "--db", str(db), "--recovery-code-file", code_file, "list", "people"
    )
    assert status == 0 and UNIQUE_NAME in out


def test_api_opens_with_passphrase_or_recovery_code_even_without_key_file(tmp_path, fast_kdf):
    path = tmp_path / "case.db"
    services, code = new_encrypted(path)
    add_person(services)
    services.db.close()
    assert people_names(path, cipher.unlock(path, passphrase=PASSPHRASE)) == [UNIQUE_NAME]
    sloppy = code.text.lower().replace("-", "  ").replace("o", "0").replace("i", "1")
    assert people_names(path, cipher.unlock(path, recovery_code=sloppy)) == [UNIQUE_NAME]
    cipher.key_file_path(path).unlink()
    assert people_names(path, cipher.unlock(path, recovery_code=code.text)) == [UNIQUE_NAME]
    with pytest.raises(cipher.KeyRequired, match=r"key file .* is missing.*recovery code"):
        cipher.unlock(path, passphrase=PASSPHRASE)
    with pytest.raises(DatabaseError, match=r"is not a SQLite database.*recovery code"):
        open_database(resolve_url(str(path)))


def test_opening_without_a_key_says_it_is_encrypted(tmp_path, fast_kdf, capsys):
    path = tmp_path / "case.db"
    services, _ = new_encrypted(path)
    services.db.close()
    with pytest.raises(cipher.KeyRequired, match="is encrypted: give its passphrase"):
        open_database(resolve_url(str(path)))
    status, _, err = run(capsys, "--db", str(path), "list", "people")
    assert status == 1
    assert err.strip() == (
        "casetracker: error: this database is encrypted: give --passphrase-file FILE "
        "or run in a terminal"
    )


def test_not_a_terminal_and_no_passphrase_file_is_one_clear_line(
    tmp_path, fast_kdf, monkeypatch, capsys
):
    path = tmp_path / "case.db"
    new_encrypted(path)[0].db.close()
    env = {k: v for k, v in os.environ.items() if k != "CASETRACKER_PASSPHRASE_FILE"}
    done = subprocess.run(
        [*CLI, "--db", str(path), "list", "people"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "casetracker: error: this database is encrypted: give --passphrase-file FILE "
        "or run in a terminal"
    ]
    # the environment variable names the passphrase file
    monkeypatch.setenv("CASETRACKER_PASSPHRASE_FILE", write(tmp_path / "p.txt", PASSPHRASE))
    status, out, err = run(capsys, "--db", str(path), "db", "check")
    assert status == 0, err
    assert "encrypted with SQLCipher 4." in out
    for command in (["db", "upgrade"], ["init"]):  # every command unlocks the same way
        status, out, err = run(capsys, "--db", str(path), *command)
        assert status == 0, err
    assert out.startswith("database ready:") and "(encrypted)" in out


def test_short_passphrase_is_refused_and_nothing_is_created(tmp_path, capsys):
    path = tmp_path / "case.db"
    short = write(tmp_path / "p.txt", "short\n")
    status, _, err = run(capsys, "--db", str(path), "--passphrase-file", short, "init", "--encrypt")
    assert status == 1 and "at least 10 characters" in err
    assert list(tmp_path.iterdir()) == [tmp_path / "p.txt"]


def test_init_encrypt_refuses_servers_and_existing_files(db_url, backend, tmp_path, capsys):
    secret = write(tmp_path / "p.txt", PASSPHRASE)
    status, _, err = run(capsys, "--db", db_url, "--passphrase-file", secret, "init", "--encrypt")
    assert status == 1 and len(err.strip().splitlines()) == 1
    if backend == "postgresql":
        assert "encrypted by its server" in err and "sslmode=require" in err
        with pytest.raises(DatabaseError, match="sslmode=require"):
            make_engine(resolve_url(db_url), key=b"k" * 32)
    else:
        assert "already exists; make an encrypted copy" in err
        assert not cipher.is_encrypted(Path(db_url))


# --------------------------------------------------------------------- wrong keys
def test_wrong_passphrase_never_touches_the_database(tmp_path, capsys):
    path = tmp_path / "case.db"
    services, _ = new_encrypted(path)
    add_person(services)  # the open database keeps this in its -wal
    try:
        assert Path(f"{path}-wal").stat().st_size > 0
        before = file_hashes(path)
        times = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
        wrong = write(tmp_path / "wrong.txt", "not the passphrase at all\n")
        status, out, err = run(
            capsys, "--db", str(path), "--passphrase-file", wrong, "list", "people"
        )
        assert (status, out) == (1, "")
        assert err.strip() == "casetracker: error: wrong passphrase"
        with pytest.raises(cipher.WrongPassphrase):
            cipher.unlock(path, passphrase="Correct horse battery staple")
        assert file_hashes(path) == before
        after = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.name in times}
        assert after == times
        assert {p.name for p in tmp_path.iterdir()} == {*times, "wrong.txt"}
    finally:
        services.db.close()


def test_recovery_code_typo_is_reported_as_such(tmp_path, fast_kdf, capsys):
    path = tmp_path / "case.db"
    services, code = new_encrypted(path)
    services.db.close()
    typo = code.text[:5] + ("A" if code.text[5] != "A" else "B") + code.text[6:]
    with pytest.raises(cipher.RecoveryCodeTypo, match=r"typo \(its checksum does not match\)"):
        cipher.unlock(path, recovery_code=typo)
    code_file = write(tmp_path / "c", typo)
    status, _, err = run(
        capsys, "--db", str(path), "--recovery-code-file", code_file, "db", "check"
    )
    assert status == 1
    assert err.strip() == (
        "casetracker: error: that recovery code has a typo (its checksum does not match)"
    )
    with pytest.raises(cipher.RecoveryCodeTypo, match="has 54 letters"):
        cipher.parse_recovery_code(code.text[:-1])
    # a well-formed code of another database does not open this one
    other = cipher.RecoveryCode(cipher.new_master_key())
    with pytest.raises(cipher.KeyRequired, match="that recovery code does not open"):
        cipher.unlock(path, recovery_code=other.text)


def test_every_single_letter_typo_is_caught():
    key = bytes(range(32))
    good = cipher.format_recovery_code(key)
    letters = good.replace("-", "")
    assert len(letters) == 55 and re.fullmatch(r"([A-Z2-7]{4}-){13}[A-Z2-7]{3}", good)
    for place, letter in enumerate(letters):
        wrong = "Q" if letter != "Q" else "R"
        mangled = letters[:place] + wrong + letters[place + 1 :]
        try:
            assert cipher.parse_recovery_code(mangled) == key  # only the unused last bits
        except cipher.RecoveryCodeTypo:
            continue
        assert place == len(letters) - 1


@settings(max_examples=60, deadline=None)
@given(
    key=st.binary(min_size=32, max_size=32),
    lower=st.booleans(),
    sep=st.sampled_from(["-", " ", "", " - ", "\n"]),
)
def test_recovery_codes_survive_sloppy_copying(key, lower, sep):
    code = cipher.format_recovery_code(key)
    typed = sep.join(code.split("-"))
    typed = typed.replace("O", "0").replace("I", "1").replace("L", "1")
    assert cipher.parse_recovery_code(typed.lower() if lower else typed) == key


# --------------------------------------------------------------------- passphrase, rekey
def test_change_passphrase_keeps_the_recovery_code(tmp_path, fast_kdf, capsys):
    path = tmp_path / "case.db"
    services, code = new_encrypted(path)
    add_person(services)
    services.db.close()
    old = write(tmp_path / "old.txt", PASSPHRASE)
    new = write(tmp_path / "new.txt", "a different passphrase\n")
    salt = json.loads(cipher.key_file_path(path).read_text())["salt"]
    status, out, err = run(
        capsys, "--db", str(path), "--passphrase-file", old, "db", "passphrase",
        "--new-passphrase-file", new,
    )  # fmt: skip
    assert status == 0, err
    assert "recovery code is unchanged" in out
    assert json.loads(cipher.key_file_path(path).read_text())["salt"] != salt
    with pytest.raises(cipher.WrongPassphrase):
        cipher.unlock(path, passphrase=PASSPHRASE)
    assert cipher.unlock(path, passphrase="a different passphrase") == code.key
    assert cipher.unlock(path, recovery_code=code.text) == code.key
    # the API: the recovery code stands in for a forgotten passphrase
    cipher.change_passphrase(path, "third passphrase here", recovery_code=code.text)
    assert cipher.unlock(path, passphrase="third passphrase here") == code.key
    with pytest.raises(ValidationError, match="at least 10"):
        cipher.change_passphrase(path, "tiny", old="third passphrase here")


def test_rekey_makes_the_old_recovery_code_useless(tmp_path, fast_kdf, capsys):
    path = tmp_path / "case.db"
    services, old_code = new_encrypted(path)
    add_person(services)
    services.db.close()
    secret = write(tmp_path / "p.txt", PASSPHRASE)
    status, out, err = run(capsys, "--db", str(path), "--passphrase-file", secret, "db", "rekey")
    assert status == 0, err
    assert "passphrase is unchanged" in out and "old recovery code no longer opens" in out
    new_code = re.search(r"Recovery code: (\S+)", out).group(1)
    assert cipher.parse_recovery_code(new_code) != old_code.key
    with pytest.raises(cipher.KeyRequired, match="does not open"):
        cipher.unlock(path, recovery_code=old_code.text)
    key = cipher.unlock(path, recovery_code=new_code)
    assert cipher.unlock(path, passphrase=PASSPHRASE) == key
    assert people_names(path, key) == [UNIQUE_NAME]
    assert not Path(f"{path}.keys.pending").exists()


def test_rekey_stopped_before_the_key_file_was_replaced_still_opens(tmp_path, fast_kdf):
    """The pending slot is written before PRAGMA rekey; if the process stops right
    after the rekey, unlocking finds the pending slot, promotes it and says so."""
    path = tmp_path / "case.db"
    services, code = new_encrypted(path)
    add_person(services)
    services.db.close()
    new = cipher.new_recovery_code()
    cipher.write_key_file(Path(f"{path}.keys.pending"), new.key, PASSPHRASE)
    with cipher.connection(path, code.key) as conn:
        conn.execute(cipher.key_pragma(new.key, "rekey"))
    with pytest.raises(cipher.KeyRequired, match="interrupted: try the other recovery code"):
        cipher.unlock(path, recovery_code=code.text)  # the old code: a hint, not a riddle
    notices: list[str] = []
    assert cipher.unlock(path, passphrase=PASSPHRASE, notify=notices.append) == new.key
    assert notices == [cipher.REKEY_COMPLETED]
    assert "NEW recovery code is the one that works" in notices[0]
    assert not Path(f"{path}.keys.pending").exists()
    assert cipher.unlock(path, passphrase=PASSPHRASE, notify=notices.append) == new.key
    assert len(notices) == 1  # from .keys now: nothing more to say


def test_rekey_applies_the_code_it_is_given(tmp_path, fast_kdf):
    path = tmp_path / "case.db"
    services, old = new_encrypted(path)
    add_person(services)
    services.db.close()
    new = cipher.new_recovery_code()
    assert cipher.key_opens(path, old.key) and not cipher.key_opens(path, new.key)
    assert cipher.rekey(path, old.key, PASSPHRASE, new) is new
    assert cipher.key_opens(path, new.key) and not cipher.key_opens(path, old.key)
    assert people_names(path, cipher.unlock(path, recovery_code=new.text)) == [UNIQUE_NAME]
    with pytest.raises(DatabaseError, match="is the current key"):
        cipher.rekey(path, new.key, PASSPHRASE, new)
    with pytest.raises(DatabaseError, match="nothing changed"):  # a wrong current key
        cipher.rekey(path, old.key, PASSPHRASE, cipher.new_recovery_code())
    assert not Path(f"{path}.keys.pending").exists()
    assert cipher.key_pragma(new.key, "rekey").startswith("PRAGMA rekey = \"x'")
    with pytest.raises(ValueError):
        cipher.key_pragma(new.key, "key; DROP TABLE people")


# a `casetracker db rekey` killed right after PRAGMA rekey, before the key file moved
_CRASH_AFTER_REKEY = """
import os, sys
from casetracker.cli.main import main
from casetracker.db import cipher
cipher.ITERATIONS = 2000
real_replace = os.replace
def replace(src, dst):
    if str(src).endswith(".keys.pending"):
        os._exit(9)  # the power goes: nothing is flushed from here on
    real_replace(src, dst)
os.replace = replace
sys.exit(main(sys.argv[1:]))
"""


def test_rekey_prints_the_new_code_before_a_crash_can_lose_it(tmp_path, fast_kdf, capsys):
    path = tmp_path / "case.db"
    services, old = new_encrypted(path)
    add_person(services)
    services.db.close()
    secret = write(tmp_path / "p.txt", PASSPHRASE)
    done = subprocess.run(
        [sys.executable, "-c", _CRASH_AFTER_REKEY, "--db", str(path), "--passphrase-file",
         secret, "db", "rekey"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 9, done.stderr
    assert "now encrypted" not in done.stdout  # it died before saying it was done
    printed = re.search(r"Recovery code: (\S+)", done.stdout).group(1)
    assert not cipher.key_opens(path, old.key)  # the database is under the new key …
    assert Path(f"{path}.keys.pending").exists()  # … and its key file is still pending
    assert people_names(path, cipher.unlock(path, recovery_code=printed)) == [UNIQUE_NAME]
    status, out, err = run(capsys, "--db", str(path), "--passphrase-file", secret, "list", "people")
    assert status == 0 and UNIQUE_NAME in out
    assert err.strip() == f"warning: {cipher.REKEY_COMPLETED}"
    assert not Path(f"{path}.keys.pending").exists()
    assert cipher.unlock(path, passphrase=PASSPHRASE) == cipher.parse_recovery_code(printed)


# `casetracker db rekey` at a terminal: answers "no", then "yes"
_AT_A_TERMINAL = """
import sys
from casetracker.cli.main import main
from casetracker.db import cipher
cipher.ITERATIONS = 2000
args = sys.argv[1:]
print("first:", main(args), flush=True)
print("second:", main(args), flush=True)
"""


def test_rekey_at_a_terminal_applies_only_once_the_code_is_written_down(tmp_path, fast_kdf):
    import pty

    path = tmp_path / "case.db"
    services, old = new_encrypted(path)
    add_person(services)
    services.db.close()
    secret = write(tmp_path / "p.txt", PASSPHRASE)
    master, terminal = pty.openpty()
    try:
        os.write(master, b"no\nyes\n")  # a terminal hands input() one line at a time
        done = subprocess.run(
            [sys.executable, "-c", _AT_A_TERMINAL, "--db", str(path), "--passphrase-file",
             secret, "db", "rekey"],
            stdin=terminal, capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
    finally:
        os.close(master)
        os.close(terminal)
    assert "first: 1" in done.stdout and "second: 0" in done.stdout, done.stderr
    first, second = done.stdout.split("first: 1")
    codes = re.findall(r"Recovery code: (\S+)", done.stdout)
    assert len(codes) == 2 and codes[0] != codes[1]
    # "no": the code shown was never used, the old one still works
    assert first.index("Recovery code:") < first.index("Type yes once you have written it down")
    assert "nothing was changed: the old recovery code still opens" in done.stderr
    assert not cipher.key_opens(path, cipher.parse_recovery_code(codes[0]))
    # "yes": the code shown first is the one applied
    assert second.index("Recovery code:") < second.index("Type yes") < second.index("now encrypted")
    assert not cipher.key_opens(path, old.key)
    assert people_names(path, cipher.unlock(path, recovery_code=codes[1])) == [UNIQUE_NAME]
    assert cipher.unlock(path, passphrase=PASSPHRASE) == cipher.parse_recovery_code(codes[1])


# --------------------------------------------------------------------- copies
def _plain_demo(tmp_path: Path) -> Path:
    from casetracker.demo import load_demo

    path = tmp_path / "plain.db"
    db = open_database(resolve_url(str(path)), create=True)
    load_demo(Services(db))
    add_person(Services(db))
    db.close()
    return path


def _plain_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return cipher.table_counts(conn)
    finally:
        conn.close()


def test_encrypt_a_populated_database_then_decrypt_it(tmp_path, fast_kdf, capsys):
    plain = _plain_demo(tmp_path)
    counts = _plain_counts(plain)
    assert counts["people"] > 40 and counts["search_documents"] > 40
    secret = write(tmp_path / "p.txt", PASSPHRASE)
    encrypted = tmp_path / "encrypted.db"
    status, out, err = run(
        capsys, "--db", str(plain), "db", "encrypt", "--out", str(encrypted),
        "--passphrase-file", secret,
    )  # fmt: skip
    assert status == 0, err
    assert "still there" in out and "SSD" in out and "Recovery code:" in out
    assert plain.exists() and cipher.is_encrypted(encrypted)
    assert UNIQUE_NAME.encode() not in encrypted.read_bytes()
    key = cipher.unlock(encrypted, passphrase=PASSPHRASE)
    with cipher.connection(encrypted, key) as conn:
        assert cipher.table_counts(conn) == counts
    db = open_database(resolve_url(str(encrypted)), key=key)
    try:
        hits = Services(db).search.search("Quillbeck").hits  # FTS5 inside SQLCipher
        assert [h.title for h in hits] == [UNIQUE_NAME]
        assert Services(db).search.search("Vardanyan").hits
    finally:
        db.close()
    back = tmp_path / "back.db"
    status, out, err = run(
        capsys, "--db", str(encrypted), "--passphrase-file", secret, "db", "decrypt",
        "--out", str(back),
    )  # fmt: skip
    assert status == 0, err
    assert "can read it" in out
    assert _plain_counts(back) == counts
    # never in place, never over an existing file
    status, _, err = run(
        capsys, "--db", str(plain), "db", "encrypt", "--out", str(back), "--passphrase-file", secret
    )
    assert status == 1 and "already exists" in err
    status, _, err = run(
        capsys, "--db", str(encrypted), "--passphrase-file", secret, "db", "encrypt",
        "--out", str(tmp_path / "again.db"),
    )  # fmt: skip
    assert status == 1 and "already encrypted" in err


def test_a_failed_copy_leaves_no_file(tmp_path, fast_kdf):
    plain = tmp_path / "plain.db"
    open_database(resolve_url(str(plain)), create=True).close()
    target = tmp_path / "missing" / "enc.db"
    with pytest.raises(DatabaseError, match="does not exist"):
        cipher.encrypt_copy(plain, target, PASSPHRASE)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    with pytest.raises(DatabaseError, match="copy failed, nothing was written"):
        cipher.encrypt_copy(junk, tmp_path / "enc.db", PASSPHRASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.db", "plain.db"]


# --------------------------------------------------------------------- check
def test_check_reports_encryption_in_plain_words(tmp_path, fast_kdf):
    path = tmp_path / "case.db"
    services, code = new_encrypted(path)
    report = check(services.db)
    services.db.close()
    assert report.ok, report.lines
    assert any(re.search(r"encrypted with SQLCipher 4\.\d+.*AES-256", x) for x in report.lines)
    assert any("key file case.db.keys present" in x for x in report.lines)
    cipher.key_file_path(path).unlink()
    db = open_database(resolve_url(str(path)), key=code.key)
    report = check(db)
    db.close()
    assert not report.ok
    assert any(x.startswith("PROBLEM key file case.db.keys is missing") for x in report.lines)
    plain = open_database(resolve_url(str(tmp_path / "plain.db")), create=True)
    report = check(plain)
    plain.close()
    assert report.ok and any(x.startswith("note    encryption: none") for x in report.lines)


# --------------------------------------------------------------------- temp files
def _temp_files_opened(action: Callable[[], None]) -> set[str]:
    """SQLite's temporary files (``etilqs_*``) this process opened meanwhile: they
    are unlinked at once, so they are seen through /proc/self/fd, not a listing."""
    seen: set[str] = set()
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            for fd in os.listdir("/proc/self/fd"):
                try:
                    target = os.readlink(f"/proc/self/fd/{fd}")
                except OSError:
                    continue
                if "etilqs_" in target:
                    seen.add(target)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        action()
    finally:
        stop.set()
        watcher.join()
    return seen


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_sorts_and_vacuum_write_no_plaintext_temp_files(tmp_path, fast_kdf):
    path = tmp_path / "case.db"
    services, code = new_encrypted(path)
    services.db.close()
    engine = make_engine(resolve_url(str(path)), key=code.key)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE bulk (a TEXT, b TEXT)")
        conn.exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
            "INSERT INTO bulk SELECT hex(randomblob(8)), printf('%.200c', 'x') FROM n"
        )
    before = {p.name for p in tmp_path.iterdir()}

    def heavy(temp_store: str | None) -> Callable[[], None]:
        def action() -> None:
            raw = engine.raw_connection()  # a pooled connection, set up by make_engine
            try:
                if temp_store:
                    raw.execute(f"PRAGMA temp_store={temp_store}")
                raw.execute("PRAGMA cache_size=-200")  # a small cache: the sort spills
                assert raw.execute("PRAGMA temp_store").fetchone()[0] == (1 if temp_store else 2)
                raw.execute("SELECT a, b FROM bulk ORDER BY b, a").fetchall()
                raw.execute("VACUUM")
            finally:
                raw.close()

        return action

    # the watch can fail: with temp_store=FILE the same work opens temp files
    assert _temp_files_opened(heavy("FILE"))
    engine.dispose()
    assert _temp_files_opened(heavy(None)) == set()
    engine.dispose()
    after = {p.name for p in tmp_path.iterdir()}
    assert after - before <= {"case.db-wal", "case.db-shm"}
    assert after <= {"case.db", "case.db-wal", "case.db-shm", "case.db.keys"}
