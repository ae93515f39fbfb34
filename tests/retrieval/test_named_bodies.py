"""Which bodies a question names, as the search prefers their documents: a body is named by its
own part ("stadsfastighets…"), never by the word every body's name may open with ("Nämnden för
Intraservice" is not named by any question that says "nämnden")."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.service import Planchat

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("named-bodies-src")
    (src / "intraservice.md").write_text(
        "# Delårsrapport mars 2026\n\nNämnden för Intraservice\n\n"
        "Nämnden har beslutat om nya lokaler för verksamheten under 2026.\n",
        encoding="utf-8",
    )
    (src / "stadsfastighet.md").write_text(
        "# Revisionsredogörelse 2025\n\nStadsfastighetsförvaltningen\n\n"
        "Förvaltningen prognostiserade ett underskott om 45 miljoner kronor i delårsrapporten per mars.\n",
        encoding="utf-8",
    )
    (src / "kultur.md").write_text(
        "# Verksamhetsberättelse 2025\n\nKultur- och fritidsnämnden\n\n"
        "Nämnden beslutade att avslå initiativärendet om vindskydd vid kajen.\n",
        encoding="utf-8",
    )
    return service_over(src)


def _named(svc: Planchat, question: str) -> list[str]:
    return svc.context(question).query.organisations


def test_the_word_every_body_opens_with_names_no_body(svc: Planchat) -> None:
    assert _named(svc, "Hur beslutade nämnden om initiativärendet om vindskydd?") == []


def test_a_body_is_named_by_its_own_part(svc: Planchat) -> None:
    assert _named(svc, "Hur stort underskott prognostiserade stadsfastighetsnämnden per mars?") == [
        "Stadsfastighetsförvaltningen"
    ]
    assert "Nämnden för Intraservice" in _named(svc, "Vilka lokaler har nämnden för Intraservice?")


def test_the_named_bodys_document_is_preferred(svc: Planchat) -> None:
    hits = svc.search("Hur stort underskott prognostiserade stadsfastighetsnämnden per mars?", k=3)
    assert Path(hits[0].document.source).name == "stadsfastighet.md"
