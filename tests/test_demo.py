"""The demo database agrees with the real letter in ../shared/seed."""

from __future__ import annotations

import re
import unicodedata

import pytest

from casetracker.demo import data, load_demo
from casetracker.errors import CaseTrackerError
from casetracker.models import Letter
from tests.conftest import SHARED

SEED = SHARED / "seed" / "letter-2025-04-11-magnitsky.txt"


def _seed_signatures() -> list[str]:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return [lines[i - 1] for i, line in enumerate(lines) if line == "Member of Congress"]


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not beside the checkout")
    return SEED.read_text(encoding="utf-8")


def test_signatories_match_the_letter(seed_text):
    printed = [unicodedata.normalize("NFC", s[0]) for s in data.SIGNATORIES]
    assert printed == [unicodedata.normalize("NFC", s) for s in _seed_signatures()]
    assert len(printed) == 36


def test_date_and_asks_match_the_letter(seed_text):
    assert "April 11, 2025" in seed_text and data.LETTER["sent_on"] == "2025-04-11"
    bullets = re.findall(r"^- ", seed_text, flags=re.MULTILINE)
    assert len(bullets) == len(data.ASKS) == 3


def test_demo_is_paraphrased_not_copied(seed_text):
    """No sentence of the letter appears verbatim in the shipped demo."""
    shipped = " ".join([str(data.LETTER["body"]), str(data.LETTER["summary"]), *data.ASKS])
    sentences = [s.strip() for s in re.split(r"(?<=[.;])\s+", seed_text) if len(s.strip()) > 60]
    for sentence in sentences:
        for start in range(0, len(sentence) - 60, 20):
            assert sentence[start : start + 60] not in shipped


def test_demo_loads_once_with_links(services, db):
    counts = load_demo(services)
    assert counts["signatories"] == 36
    with pytest.raises(CaseTrackerError, match="already"):
        load_demo(services)
    letter_id = services.listing.page("letters").rows[0]["id"]
    letter = services.letters.get_full(letter_id)
    assert letter.sent_on.isoformat() == "2025-04-11"
    assert len(letter.asks) == 3 and len(letter.signatories) == 36
    assert letter.signatories[8].signed_as == "Dan Goldman"
    goldman = services.people.find_by_identifier("bioguide", "G000599")
    assert goldman.display_name == "Daniel S. Goldman"
    detainees = services.listing.page("detainees", sort="name").rows
    assert len(detainees) == 6 and all(r["status"].value == "on_trial" for r in detainees)
    vardanyan = services.people.search_names("Վարդանյան")
    assert [p.display_name for p in vardanyan] == ["Ruben Vardanyan"]
    with db.reading() as session:
        assert session.get(Letter, letter_id).is_demo is True
    sanctions = services.listing.page("sanctions").rows
    assert sanctions[0]["programs"] == "US-GLOMAG"
    assert services.listing.count("people") == 43
