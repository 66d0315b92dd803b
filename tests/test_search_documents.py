"""Search documents built from the database, and the reference meaning of queries
(the oracle the engines will be held to), on SQLite and PostgreSQL."""

from __future__ import annotations

from casetracker.demo import load_demo
from casetracker.search import parse
from casetracker.search.documents import DocumentBuilder, SearchDocument
from casetracker.search.reference import matches, words

TYPES = ("letter", "response", "detainee", "sanction", "person", "attachment")


def all_documents(services) -> list[SearchDocument]:
    with services.db.reading() as session:
        builder = DocumentBuilder(session)
        return [doc for kind in TYPES for doc in builder.build(kind)]


def find(documents: list[SearchDocument], text: str) -> list[str]:
    query = parse(text)
    return sorted(f"{d.type}:{d.title}" for d in documents if matches(query, d))


def test_documents_cover_every_type_with_their_texts(services):
    load_demo(services)
    letter_id = services.listing.page("letters").rows[0]["id"]
    services.attachments.attach_bytes(
        b"%PDF",
        "trial-report.pdf",
        extracted_text="Military court of Baku, closed hearing",
        letter_id=letter_id,
    )
    documents = all_documents(services)
    by_type = {t: [d for d in documents if d.type == t] for t in TYPES}
    assert len(by_type["detainee"]) == 6
    assert len(by_type["person"]) == 43
    assert len(by_type["letter"]) == 1
    letter = by_type["letter"][0]
    assert len([s for s in letter.signers if s]) >= 36
    assert "Marco Rubio" in letter.recipients
    report = next(d for d in by_type["attachment"] if d.title == "trial-report.pdf")
    assert report.opens == "letters" and report.opens_id == letter_id
    vardanyan = next(d for d in by_type["detainee"] if d.title == "Ruben Vardanyan")
    assert "Ռուբեն Վարդանյան" in vardanyan.text and "Рубен Варданян" in vardanyan.text
    # building a few records gives the same documents as building all of them
    with services.db.reading() as session:
        again = list(DocumentBuilder(session).build("detainee", [vardanyan.record_id]))
    assert again == [vardanyan]


def test_reference_meaning_of_queries(services):
    load_demo(services)
    services.people.create(display_name="İlham Əliyev", citizenship="AZ")
    services.people.create(display_name="Linda Sanchez-Test")
    documents = all_documents(services)
    assert find(documents, "Վարդանյան type:detainee") == ["detainee:Ruben Vardanyan"]
    assert find(documents, "варданян type:person") == ["person:Ruben Vardanyan"]
    assert find(documents, "Aliyev") == ["person:İlham Əliyev"]
    assert "person:Linda T. Sánchez" in find(documents, "Sanchez type:person")
    assert find(documents, "vardan* type:detainee") == ["detainee:Ruben Vardanyan"]
    assert find(documents, "Magnitsky type:letter") == find(documents, "magnitsky type:letter")
    assert find(documents, '"global magnitsky" type:letter')
    assert find(documents, '"magnitsky global" type:letter') == []
    letters = find(documents, "type:letter signed-by:Goldman")
    assert len(letters) == 1
    assert find(documents, "type:letter signed-by:Nobodyhere") == []
    assert find(documents, "type:letter to:Rubio after:2025-04 before:2025-04-30") == letters
    assert find(documents, "type:letter after:2025-05") == []
    assert find(documents, "type:detainee status:on_trial -Vardanyan") == sorted(
        f"detainee:{n}"
        for n in (
            "Arayik Harutyunyan",
            "Arkadi Ghukasyan",
            "Bako Sahakyan",
            "Davit Babayan",
            "Davit Ishkhanyan",
        )
    )
    assert find(documents, "Vardanyan OR Babayan type:detainee") == [
        "detainee:Davit Babayan",
        "detainee:Ruben Vardanyan",
    ]


def test_words_fold_every_script():
    assert words("Əliyev, Sánchez; ՎԱՐԴԱՆՅԱՆ — Варданян 10:30") == [
        "aliyev",
        "sanchez",
        "վարդանյան",
        "варданян",
        "10",
        "30",
    ]
