"""Amount questions: only amounts that can match are scored, and the answers stay those of a full scan."""

from __future__ import annotations

import pytest

from ingest.models import Amount, Document, Passage
from retrieval.answer import TermMatcher, _text_terms
from retrieval.context import Filters, LexicalIndex, Snapshot, parse_query
from retrieval.facts import _amount_text, _select, fact_terms
from retrieval.settings import Settings
from retrieval.text import load_glossary


def _doc(doc_id: str) -> Document:
    return Document(doc_id=doc_id, title=f"Plan {doc_id}", source=f"{doc_id}.md", kind="handlingsplan",
                    organisation=None, diarienummer=None, date=None, years=[2019], pages=1,
                    sha256=doc_id * 4, passages=1)  # fmt: skip


def _snapshot(rows: list[tuple[str, str, str, int]]) -> Snapshot:
    """One document per row (label, passage text, kind, value), each with one amount of 2019."""
    passages, amounts, docs = [], [], {}
    for i, (label, text, kind, value) in enumerate(rows):
        doc_id = f"d{i:03d}"
        pid = f"{doc_id}-0000"
        passages.append(Passage(pid, doc_id, text, 1, "Budget 2019", [2019], kind, 0))
        amounts.append(Amount(value, label, None, 2019, pid, doc_id, f"{value} kr", False, text,
                              f"{pid}-t" if kind == "table" else None))  # fmt: skip
        docs[doc_id] = _doc(doc_id)
    return Snapshot(1, LexicalIndex(passages), docs, tuple(amounts), ())


# Rows found only through the matcher's looser rules; the rest say nothing about what is asked.
_ROWS = [
    # a compound asked for whose parts the text names apart
    ("Kulturbuss projektet", "Kulturbuss projektet\t120 000", "table", 120_000),
    # the question's stem inside a longer word of the text
    ("Bemanningsinsatser i Oxie", "Bemanningsinsatser i Oxie kostade 80 000 kronor.", "prose", 80_000),
    # character n-grams: "socialpsykiatriteamet" ~ "socialpsykiatriska teamet"
    ("Socialpsykiatriska teamet", "Socialpsykiatriska teamet fick 650 000 kronor.", "prose", 650_000),
    # a number word and its figure
    ("Fyra fritidsgårdar", "4 fritidsgårdar fick 90 000 kronor.", "prose", 90_000),
    *[(f"Lokalhyra {n}", f"Lokalhyra för föreningen nummer {n}: {n} 000 kronor.", "prose", n * 1000)
      for n in range(10, 40)],
]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Hur mycket kostade kulturbussprojektet 2019?", 120_000),
        ("Vad kostade bemanning 2019?", 80_000),
        ("Hur mycket fick socialpsykiatriteamet 2019?", 650_000),
        ("Hur mycket fick fyra fritidsgårdar 2019?", 90_000),
    ],
)
def test_amount_matched_only_by_parts_substrings_or_ngrams_is_still_answered(
    question: str, value: int
) -> None:
    snap = _snapshot(_ROWS)
    q = parse_query(question, "sv", snap, load_glossary(Settings().glossary))
    full = _select(snap, question, q, Filters(), prefilter=False)
    fast = _select(snap, question, q, Filters(), prefilter=True)
    assert full is not None and [a.value for a in full[0]] == [value]
    assert fast == full
    # and far fewer amounts are scored than the snapshot holds
    matcher = TermMatcher([g for g in q.groups], snap.lex)
    assert len(fact_terms(snap).candidates(matcher, 0.5)) < len(snap.amounts) / 4


def test_no_amount_that_can_match_a_stem_is_left_out(corpus_index) -> None:  # type: ignore[no-untyped-def]
    # The prefilter's candidates for a stem hold every amount where TermMatcher._stem_in holds:
    # checked for every stem of every amount's text against every amount (the bundled corpus).
    from retrieval.service import Planchat

    snap = Planchat(corpus_index).snapshot()
    terms = fact_terms(snap)
    texts = [
        _text_terms(_amount_text(a, snap.lex.passages[snap.lex.by_id[a.passage_id]])) for a in snap.amounts
    ]
    asked = {s for t_stems, _ in texts for s in t_stems}
    asked |= {
        "kulturbussprojekt",
        "socialpsykiatriteam",
        "fyr",
        "4",
        "bemanning",
        "kommunledningsförvaltning",
    }
    missed = []
    for s in sorted(asked):
        rows = set(terms.rows(s).tolist())
        for i, (t_stems, t_words) in enumerate(texts):
            if TermMatcher._stem_in(s, t_stems, t_words) and i not in rows:
                missed.append((s, i))
    assert not missed


def test_amount_answers_with_and_without_the_prefilter_agree(corpus_index) -> None:  # type: ignore[no-untyped-def]
    from retrieval.service import Planchat

    svc = Planchat(corpus_index)
    snap = svc.snapshot()
    questions = [
        "Hur mycket fick avdelning Norr för bemanning av socialpsykiatriskt team 2019?",
        "Vad kostade utbildningarna i Första hjälpen psykisk hälsa 2019?",
        "How much did the outreach team cost in 2019?",
        "Hur mycket stimulansmedel fick Malmö stad 2019?",
    ]
    questions += [f"Hur mycket gick till {a.label} {a.year or ''}?" for a in snap.amounts[::3]]
    answered = 0  # without a filter: the comparison is over real answers, not two empty results
    for question in questions:
        q = svc.searcher.parse(question, "en" if question.startswith("How") else "sv", snap)
        for filters in (Filters(), Filters(year=2020)):
            full = _select(snap, question, q, filters, prefilter=False)
            assert _select(snap, question, q, filters, prefilter=True) == full, question
            answered += full is not None and filters == Filters()
    assert answered > len(questions) / 2


def test_next_snapshot_reads_only_new_documents_amounts() -> None:
    snap = _snapshot(_ROWS)
    first = fact_terms(snap)
    more = _snapshot([*_ROWS, ("Skolskjuts", "Skolskjuts 2019: 55 000 kronor.", "prose", 55_000)])
    # the same Amount objects for the documents already read: their analysis is kept
    reused = Snapshot(2, more.lex, more.documents, (*snap.amounts, more.amounts[-1]), ())
    second = fact_terms(reused)
    assert all(second.docs[d] is first.docs[d] for d in first.docs)
    q = parse_query("Vad kostade skolskjutsen 2019?", "sv", reused, load_glossary(Settings().glossary))
    picked = _select(reused, "Vad kostade skolskjutsen 2019?", q, Filters())
    assert picked is not None and [a.value for a in picked[0]] == [55_000]
