"""The eval arithmetic on tiny hand-made cases: key phrases, facts, tallies."""

from __future__ import annotations

from retrieval.evaluate import _Tally, facts_ok, holds


def test_key_phrase_found_as_written_or_with_column_names_between() -> None:
    assert holds("Norr Bemanning av socialpsykiatriskt team. 650 000", "bemanning av socialpsykiatriskt")
    row = "Kommunbidrag Period Utfall: 9,4 Budget: 9,4 Avvikelse: 0"
    assert holds(row, "Kommunbidrag 9,4 9,4 0")
    assert not holds(
        "Kommunbidrag ökade. Helt andra ord står här emellan och sedan 9,4 9,4 0", "Kommunbidrag 9,4 9,4 0"
    )
    assert not holds(row, "Kommunbidrag 9,5")


def test_facts_need_one_alternative_of_every_group_digits_glued() -> None:
    assert facts_ok([["110000"], ["invånare", "personer"]], "Målet är 110 000 invånare år 2035.")
    assert not facts_ok([["110000"], ["företag"]], "Målet är 110 000 invånare år 2035.")
    assert facts_ok([], "vad som helst")


def test_tally_counts_positives_and_negatives_apart() -> None:
    t = _Tally()
    for row in (
        {"negative": False, "rank": 1, "correct": True, "gold_cited": True, "answered": True},
        {"negative": False, "rank": 4, "correct": False, "gold_cited": False, "answered": True},
        {"negative": False, "rank": None, "correct": False, "gold_cited": False, "answered": False},
        {"negative": True, "rank": None, "correct": False, "gold_cited": False, "answered": False},
        {"negative": True, "rank": None, "correct": False, "gold_cited": False, "answered": True},
    ):
        t.add(row)
    f = t.figures()
    assert f["questions"] == 5 and f["negatives"] == 2
    assert f["recall_at_k"] == 2 / 3
    assert abs(f["mrr"] - (1 + 1 / 4) / 3) < 1e-9
    assert f["answer_accuracy"] == 1 / 3 and f["gold_cited"] == 1 / 3
    assert f["negatives_rejected"] == 1 / 2
    assert f["overall"] == 2 / 5
