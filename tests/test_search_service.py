"""Search through the service on SQLite and PostgreSQL: the index follows every
change in the same transaction, names are found in any recorded spelling and
script, attached files are searched, and a rebuild gives the same index."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casetracker.demo import load_demo
from casetracker.errors import CaseTrackerError, ValidationError
from casetracker.models import SearchEntry
from casetracker.search import QuerySyntaxError


def titles(services, query: str, **options) -> list[str]:
    return sorted(h.title for h in services.search.search(query, **options).hits)


def types_found(services, query: str) -> set[str]:
    return {h.type for h in services.search.search(query, limit=100).hits}


def index_rows(services) -> list[tuple]:
    with services.db.reading() as session:
        rows = session.execute(
            select(
                SearchEntry.doc_type,
                SearchEntry.record_id,
                SearchEntry.part,
                SearchEntry.title,
                SearchEntry.words,
                SearchEntry.senders,
                SearchEntry.recipients,
                SearchEntry.signers,
                SearchEntry.status,
                SearchEntry.date,
            )
        ).all()
    return sorted(tuple(str(v) for v in row) for row in rows)


def test_every_change_reaches_the_index(services):
    letter = services.letters.create(
        title="Trial monitoring", body="We ask for observers in Baku.", sent_on="2025-04-11"
    )
    assert titles(services, "baku") == ["Trial monitoring"]
    services.letters.update(letter.id, body="Observers at the Stepanakert hearings.")
    assert titles(services, "baku") == []
    assert titles(services, "stepanakert") == ["Trial monitoring"]
    services.letters.update(letter.id, title="Hearings in Baku")
    assert titles(services, "trial") == []
    ask = services.letters.add_ask(letter.id, "Release Kamo Tigranyan")
    assert titles(services, "kamo") == ["Hearings in Baku"]
    services.letters.update_ask(ask.id, text="Release Levon Mnatsakanyan")
    assert titles(services, "kamo") == []
    assert titles(services, "levon") == ["Hearings in Baku"]
    services.letters.set_tags(letter.id, ["Karabakh prisoners"])
    assert titles(services, "karabakh") == ["Hearings in Baku"]
    services.events.create(
        title="Delivered by courier to Foggy Bottom", kind="other", letter_id=letter.id
    )
    assert titles(services, '"foggy bottom"') == ["Hearings in Baku"]
    services.attachments.attach_bytes(
        b"plain", "annex.txt", extracted_text="Annex: Ishkhanyan medical file", letter_id=letter.id
    )
    assert types_found(services, "ishkhanyan") == {"attachment"}
    services.letters.delete(letter.id)
    assert types_found(services, "ishkhanyan OR levon OR karabakh") == set()
    assert index_rows(services) == []


def test_a_failed_transaction_leaves_the_index_as_it_was(services):
    services.letters.create(title="Kept letter about Baku")
    before = index_rows(services)
    with pytest.raises(RuntimeError), services.db.transaction():
        services.letters.create(title="Rolled back letter about Baku")
        raise RuntimeError("boom")
    assert index_rows(services) == before
    assert titles(services, "baku") == ["Kept letter about Baku"]


def test_names_in_any_recorded_spelling_and_script(services):
    detention = services.detentions.create_detainee(
        {"display_name": "Ruben Vardanyan"},
        [{"name": "Ռուբեն Վարդանյան", "script": "Armn"}],
        {"category": "civilian", "captured_on": "2023-09-27"},
    )
    person_id = detention.person_id
    # a letter that names him only in Armenian, with a case ending
    services.letters.create(title="Armenian note", body="Ռուբեն Վարդանյանի դատը Բաքվում")
    assert titles(services, "Vardanyan") == ["Armenian note", "Ruben Vardanyan", "Ruben Vardanyan"]
    assert titles(services, "Վարդանյան") == ["Ruben Vardanyan", "Ruben Vardanyan"]
    assert titles(services, "Vardanyan", name_variants=False) == [
        "Ruben Vardanyan",
        "Ruben Vardanyan",
    ]
    # a spelling recorded later reaches the detainee's document and the expansion
    services.people.add_name(person_id, "Рубен Варданян", script="Cyrl")
    assert titles(services, "ВАРДАНЯН type:detainee") == ["Ruben Vardanyan"]
    services.letters.create(title="Russian note", body="Суд над Рубеном Варданяном")
    assert "Russian note" in titles(services, "Vardanyan")
    # -exclusion leaves out every spelling
    assert titles(services, "note -vardanyan") == []
    # renaming a person reaches every document that shows the name
    services.people.update(person_id, display_name="Ruben K. Vardanyan")
    assert titles(services, '"ruben k vardanyan"', types=["detainee"]) == ["Ruben K. Vardanyan"]


def test_azerbaijani_and_accents_fold(services):
    services.letters.create(title="Meeting", body="İlham Əliyev received the delegation in Şuşa")
    services.letters.create(title="Signed", body="Linda T. Sánchez signed the letter")
    services.letters.create(title="Cyrillic", body="Заседание военного суда в Баку")
    assert titles(services, "aliyev") == ["Meeting"]
    assert titles(services, "ilham susa") == ["Meeting"]
    assert titles(services, "Sanchez") == ["Signed"]
    assert titles(services, "ЗАСЕДАНИЕ") == ["Cyrillic"]
    assert titles(services, "суд*") == ["Cyrillic"]


def test_filters_through_the_service(services):
    load_demo(services)
    letter_titles = titles(services, "magnitsky type:letter")
    assert len(letter_titles) == 1
    hit = services.search.search("type:letter signed-by:Sherman").hits
    assert [h.title for h in hit] == letter_titles
    assert services.search.search("signed-by:Nobodyhere").hits == ()
    assert titles(services, "to:rubio type:letter") == letter_titles
    assert titles(services, "magnitsky type:letter after:2025-04 before:2025-04") == letter_titles
    assert titles(services, "magnitsky type:letter before:2025-03") == []
    on_trial = services.search.search("status:on-trial").hits
    assert len(on_trial) == 6 and {h.type for h in on_trial} == {"detainee"}
    assert services.search.search("status:released").hits == ()
    grouped = services.search.search("vardanyan", per_type=True, limit=5)
    assert set(grouped.counts) >= {"person", "detainee", "letter"}
    assert services.search.search("vardanyan", types=["person"]).hits[0].type == "person"


def test_attachment_text_is_searched_and_opens_its_record(services):
    letter = services.letters.create(title="Cover letter")
    services.attachments.attach_bytes(
        b"x",
        "verdict.txt",
        extracted_text="Приговор военного суда: Давит Бабаян, 20 лет",
        letter_id=letter.id,
    )
    (hit,) = services.search.search("приговор").hits
    assert (hit.type, hit.title, hit.opens, hit.opens_id) == (
        "attachment",
        "verdict.txt",
        "letters",
        letter.id,
    )
    assert hit.snippet.highlighted == ["Приговор"]


def test_rebuild_gives_the_same_index_as_following_changes(services):
    load_demo(services)
    services.letters.create(title="Extra", body="Զինվորական դատարան")
    incremental = index_rows(services)
    report = services.search.reindex()
    assert report.documents["person"] == 43 and report.documents["letter"] == 2
    assert index_rows(services) == incremental
    assert titles(services, "դատարան") == ["Extra"]


def test_reindex_reads_files_attached_before_text_extraction(services):
    from sqlalchemy import update

    from casetracker.models import Attachment

    letter = services.letters.create(title="Cover letter")
    services.attachments.attach_bytes(
        b"Hearing record: Arayik Harutyunyan", "record.txt", letter_id=letter.id
    )
    assert titles(services, "harutyunyan") == ["record.txt"]
    with services.db.transaction() as session:  # as an older version left it
        session.execute(update(Attachment).values(extracted_text=None))
    report = services.search.reindex()
    assert report.extracted == 1
    assert titles(services, "harutyunyan") == ["record.txt"]


def test_bad_queries_and_options_get_plain_messages(services):
    with pytest.raises(QuerySyntaxError, match="not closed"):
        services.search.search('"trial')
    with pytest.raises(QuerySyntaxError, match="not a record type"):
        services.search.search("type:memo")
    with pytest.raises(ValidationError, match="not a record type"):
        services.search.search("trial", types=["memo"])
    with pytest.raises(ValidationError, match="between 1 and"):
        services.search.search("trial", limit=0)
    assert issubclass(QuerySyntaxError, CaseTrackerError)


def test_an_import_is_indexed_in_its_own_transaction(services, tmp_path):
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database
    from casetracker.interchange.export import export_document
    from casetracker.interchange.importer import import_document
    from casetracker.services import Services

    load_demo(services)
    document = export_document(services.db)
    fresh = open_database(resolve_url(str(tmp_path / "fresh.db")), create=True)
    try:
        imported = Services(fresh)
        import_document(fresh, document)
        assert index_rows(imported) == index_rows(services)
        assert titles(imported, "Ղուկասյան type:detainee") == ["Arkadi Ghukasyan"]
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("needle", "names", "expected"),
    [
        # same number of words: the same place
        ("vardanyan", ["Ruben Vardanyan", "Ռուբեն Վարդանյան"], [("վարդանյան",)]),
        ("ruben", ["Ruben Vardanyan", "Рубен Варданян"], [("рубен",)]),
        # a patronymic in one spelling: first words for given names, last for family names
        ("vardanyan", ["Ruben Vardanyan", "Рубен Карленович Варданян"], [("варданян",)]),
        ("ruben", ["Ruben Vardanyan", "Рубен Карленович Варданян"], [("рубен",)]),
        ("karlenovich", ["Ruben Karlenovich Vardanyan", "Ruben Vardanyan"], []),
        ("ruben vardanyan", ["Ruben Vardanyan", "Ռուբեն Վարդանյան"], [("ռուբեն", "վարդանյան")]),
        ("aliyev", ["Ilham Aliyev", "İlham Əliyev"], []),  # the same words once folded
        ("smith", ["Ruben Vardanyan", "Ռուբեն Վարդանյան"], []),
    ],
)
def test_counterparts_of_a_name_word(needle, names, expected):
    from casetracker.search.expand import counterparts
    from casetracker.search.reference import words

    assert counterparts(words(needle), [words(n) for n in names]) == expected
