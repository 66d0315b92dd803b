"""Snippets show the original text around the first match, matched words marked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casetracker.search import parse
from casetracker.search.snippets import make_snippet

LONG = (
    "The members recall the blockade and the September 2023 offensive. " * 5
    + "Former State Minister Ruben Vardanyan (Ռուբեն Վարդանյան) was mistreated in custody; "
    + "İlham Əliyev's government ordered the ICRC to leave. "
    + "Filler sentence here. " * 10
)


def test_marks_words_as_written_whatever_was_typed():
    snippet = make_snippet(LONG, parse("vardanyan aliyev icrc"))
    # the Armenian spelling is found through recorded name variants, not marked here
    assert snippet.highlighted == ["Vardanyan", "Əliyev", "ICRC"]
    assert "[Vardanyan]" in snippet.marked() and "[Əliyev]" in snippet.marked()
    text = snippet.plain()
    assert text.startswith("… ") and text.endswith(" …")
    assert len(text) <= 190


def test_phrases_and_prefixes():
    snippet = make_snippet(
        "Trial monitoring was asked; the trial began.", parse('"trial monitoring"')
    )
    assert snippet.highlighted == ["Trial", "monitoring"]
    snippet = make_snippet("Sanctioned, sanctions and a sanction.", parse("sanction*"))
    assert snippet.highlighted == ["Sanctioned", "sanctions", "sanction"]


def test_no_match_shows_the_start_and_empty_text_is_empty():
    assert make_snippet("Short text.", parse("absent")).plain() == "Short text."
    assert make_snippet("", parse("x1")).segments == ()
    assert make_snippet("a\n\n  b   c", parse("b")).marked() == "a [b] c"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["vardanyan", "Əliyev", "ab*", '"b c"', "Վար*"]))
def test_any_text_gives_a_bounded_snippet(text, query):
    snippet = make_snippet(text, parse(query), width=120)
    assert len(snippet.plain()) <= 130
    for word in snippet.highlighted:
        assert word and word in text


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["trial", "Vardanyan", "Վարդանյան", "Şuşa", "the", "court,", "ß", "և"]),
        min_size=150,
        max_size=600,
    ),
    st.sampled_from(["vardanyan", "susa", "court", "tri*", '"the court"', "ss"]),
)
def test_a_long_text_gives_the_snippet_of_the_whole_text(pieces, query):
    """Looking at the head of a long text first changes nothing."""
    from casetracker.search.snippets import _snippet

    text = " ".join(pieces)
    parsed = parse(query)
    assert make_snippet(text, parsed) == _snippet(text, parsed, 180, len(text))
