"""Search finds the passage that says what is asked, not the passages that name the document the
question is about: the re-ranker weighs the words a document's passages share less. The PDF is made
by the test; the same index is searched with the re-ranker on and off."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from retrieval.settings import Settings
from retrieval.store import Index

pytestmark = pytest.mark.slow

# A case file whose every section names its property and building, and one section that answers.
PAGES = [
    [
        "# Ärendet",
        "Ärendet avser bygglov för nybyggnad av industribyggnad på fastigheten Gjutaren 23 i Alingsås.",
        "# Förutsättningar",
        "Fastigheten Gjutaren 23 i Alingsås omfattas av detaljplan för industriändamål.",
        "# Byggnaden",
        "Industribyggnaden på Gjutaren 23 utförs med sju våningsplan och fasad i plåt.",
    ],
    [
        "# Remisser",
        "Ansökan om nybyggnad av industribyggnad på Gjutaren 23 i Alingsås har remitterats till räddningstjänsten.",
        "# Grannar",
        "Grannar till Gjutaren 23 i Alingsås har underrättats om nybyggnaden av industribyggnaden.",
        "# Parkering",
        "Parkering för industribyggnaden på Gjutaren 23 anordnas på grannfastigheten.",
    ],
    [
        "# Bedömning",
        "Förvaltningen bedömer att nybyggnaden av industribyggnad på Gjutaren 23 i Alingsås är lämplig.",
        "# Avgift",
        "Avgiften för bygglovet är 73 500 kronor enligt taxa fastställd av kommunfullmäktige.",
    ],
]
OTHER = [
    ["# Taxa", "Taxan för bygglov räknas om varje år.", "Avgiften för strandskyddsdispens tas ut per timme."],
    ["# Personal", "Antalet anställda i förvaltningen är 1 240."],
]
QUESTION = "Hur stor är avgiften för bygglovet för nybyggnad av industribyggnad på Gjutaren 23 i Alingsås?"


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "rerank", {"utlatande.pdf": ("Förvaltningens utlåtande", PAGES), "taxa.pdf": ("Taxa 2026", OTHER)}
    )


def _fused_only(svc: Planchat) -> Planchat:
    settings = Settings(data_dir=svc.settings.data_dir, rerank=False)
    return Planchat(settings, index=Index(settings, embedder=svc.index.embedder))


def test_the_answering_passage_is_among_the_first(svc: Planchat) -> None:
    hits = svc.search(QUESTION, k=3)
    assert any("73 500" in h.passage.text for h in hits), [h.passage.text[:60] for h in hits]
    # In fused order the passages that name the case fill the first places; that is what the
    # re-ranker mends.
    fused = _fused_only(svc).search(QUESTION, k=3)
    assert not any("73 500" in h.passage.text for h in fused), [h.passage.text[:60] for h in fused]
