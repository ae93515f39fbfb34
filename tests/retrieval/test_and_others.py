"""A property is often named with "m.fl." ("Erska 1:55 m.fl.": and other properties): its "m" is no
metre, so a question that names the property so gives no length the answer must give."""

from __future__ import annotations

from retrieval.answer import measures_missing


def test_and_others_is_no_measure() -> None:
    question = "Hur många parkeringsplatser blir det enligt detaljplanen för Skolgatan (Erska 1:55 m.fl.)?"
    assert not measures_missing(question, "Antalet parkeringsplatser minskar till 75 stycken.")


def test_a_length_asked_is_still_a_measure() -> None:
    assert measures_missing("Vad kostar ett plank på 55 m?", "Ett plank på 30 m kostar 40 000 kr.")
    assert not measures_missing("Vad kostar ett plank på 55 m?", "Ett plank på 55 m kostar 60 000 kr.")
