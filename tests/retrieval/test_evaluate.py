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


def test_a_key_copied_with_a_line_end_hyphen_finds_the_word_whole() -> None:
    text = "Av dessa valde riskhanteringsgruppen ut tre risker för fortsatt analys."
    assert holds(text, "valde riskhante- ringsgruppen ut tre risker")
    # A suspended hyphen is no broken word: "arbetsmarknads- och socialförvaltningen" stays apart.
    assert holds("arbetsmarknads- och socialförvaltningen (ASF)", "arbetsmarknads- och socialförvaltningen")
    assert not holds("arbetsmarknadsoch socialförvaltningen", "arbetsmarknads- och socialförvaltningen")


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


def test_naive_baseline_cuts_documents_into_fixed_chunks_and_never_abstains() -> None:
    from types import SimpleNamespace

    from ingest.models import Passage
    from retrieval.evaluate import NAIVE_CHUNK_CHARS, NaiveBaseline, _score_naive

    class Embedder:  # a word-presence "embedding": enough to rank a chunk that holds the word
        vocab = ["badhuset", "konstgräsplan", "kulturbuss"]

        def _v(self, text: str) -> list[float]:
            return [float(w in text.lower()) for w in self.vocab]

        def embed_passages(self, texts: list[str]) -> list[list[float]]:
            return [self._v(t) for t in texts]

        def embed_queries(self, texts: list[str]) -> list[list[float]]:
            return [self._v(t) for t in texts]

    long = "ord " * 400  # 1 600 characters: two chunks
    passages = [
        Passage("a-0", "a", long + "Badhuset kostar 8 500 tkr.", None, "", [], "prose"),
        Passage("b-0", "b", "Kulturbussen köps in 2028 för 3 000 tkr.", None, "", [], "prose"),
    ]
    svc = SimpleNamespace(
        snapshot=lambda: SimpleNamespace(lex=SimpleNamespace(passages=passages)),
        index=SimpleNamespace(embedder=Embedder()),
    )
    base = NaiveBaseline(svc)  # type: ignore[arg-type]
    assert all(len(c) <= NAIVE_CHUNK_CHARS for c in base.chunks) and len(base.chunks) == 3
    row = _score_naive(base, {"q": "Hur mycket kostar kulturbuss?", "keys": ["Kulturbussen köps in"],
                              "facts": [["3000"]]}, 2)  # fmt: skip
    assert row["rank"] == 1 and row["correct"] and row["answered"]
    negative = _score_naive(base, {"q": "Vad kostar en konstgräsplan?", "kind": "negative"}, 2)
    assert negative["answered"] and not negative["ok"]  # the baseline answers even when it should not


# --- run_eval over a hand-made service: every figure computed by hand -------------------------


def _fake_service(results: dict[str, dict[str, object]]):  # -> a Planchat stand-in
    """search/ask answer from ``results[question]``: {"hits": [texts], "answer": text | None,
    "cited": [texts]} (answer None: withheld); the mode only picks another entry when given."""
    from types import SimpleNamespace

    def pick(q: str, mode: str) -> dict[str, object]:
        return results.get(f"{mode}:{q}") or results[q]

    def search(q: str, k: int, mode: str = "hybrid") -> list[object]:
        texts = list(pick(q, mode)["hits"])  # type: ignore[call-overload]
        return [SimpleNamespace(passage=SimpleNamespace(text=t)) for t in texts[:k]]

    def ask(q: str, k: int, mode: str = "hybrid") -> object:
        r = pick(q, mode)
        answer = r.get("answer")
        cited = [SimpleNamespace(passage=SimpleNamespace(text=t)) for t in r.get("cited", [])]  # type: ignore[attr-defined]
        return SimpleNamespace(answered=answer is not None, text=answer or "", citations=cited, confidence=0.5,
                               amounts=[], activities=[])  # fmt: skip

    return SimpleNamespace(search=search, ask=ask, settings=None)


def test_run_eval_figures_on_a_hand_made_case() -> None:
    from retrieval.evaluate import QuestionSet, run_eval

    questions = [
        # found at rank 1, answered right, the cited passage holds the key
        {
            "id": "a",
            "lang": "sv",
            "kind": "lookup",
            "q": "qa",
            "keys": ["alfa 12"],
            "facts": [["12"]],
            "file": "x.jsonl",
        },
        # found at rank 3, answered wrong (the fact is missing), cited a passage without the key
        {
            "id": "b",
            "lang": "en",
            "kind": "amount",
            "q": "qb",
            "keys": ["beta"],
            "facts": [["7"]],
            "file": "x.jsonl",
        },
        # not found, not answered
        {
            "id": "c",
            "lang": "sv",
            "kind": "amount",
            "q": "qc",
            "keys": ["gamma"],
            "facts": [["3"]],
            "file": "y.jsonl",
        },
        # a negative withheld, and a negative answered
        {"id": "d", "lang": "sv", "kind": "negative", "q": "qd", "file": "y.jsonl"},
        {"id": "e", "lang": "en", "kind": "negative", "q": "qe", "file": "y.jsonl"},
    ]
    svc = _fake_service({
        "qa": {"hits": ["Alfa 12 kr", "x", "y"], "answer": "Det är 12 kr.", "cited": ["Alfa 12 kr"]},
        "qb": {"hits": ["x", "y", "beta här", "z"], "answer": "Det är 8.", "cited": ["x"]},
        "qc": {"hits": ["x"], "answer": None},
        "qd": {"hits": ["x"], "answer": None},
        "qe": {"hits": ["x"], "answer": "Något."},
        # lexical finds b at rank 1 and c at rank 2
        "lexical:qb": {"hits": ["beta här"], "answer": "Det är 7.", "cited": ["beta här"]},
        "lexical:qc": {"hits": ["x", "gamma"], "answer": None},
    })  # fmt: skip
    report = run_eval(svc, [QuestionSet("set1", questions)], k=5, systems=["hybrid", "lexical"])  # type: ignore[arg-type]
    h = report["systems"]["hybrid"]
    assert h["questions"] == 5 and h["negatives"] == 2
    assert h["recall_at_k"] == 2 / 3
    assert abs(h["mrr"] - (1 + 1 / 3) / 3) < 1e-12
    assert h["answer_accuracy"] == 1 / 3 and h["gold_cited"] == 1 / 3
    assert h["negatives_rejected"] == 1 / 2
    assert h["by_language"]["en"]["recall_at_k"] == 1.0 and h["by_language"]["sv"]["recall_at_k"] == 1 / 2
    assert h["by_kind"]["amount"]["recall_at_k"] == 1 / 2 and h["by_kind"]["lookup"]["answer_accuracy"] == 1.0
    assert h["by_kind"]["negative"]["negatives_rejected"] == 1 / 2
    assert h["by_set"]["set1"]["recall_at_k"] == 2 / 3
    assert h["by_file"]["x.jsonl"]["recall_at_k"] == 1.0 and h["by_file"]["y.jsonl"]["recall_at_k"] == 0.0
    assert [m["id"] for m in h["misses"]] == ["b", "c", "e"]
    lex = report["systems"]["lexical"]
    assert lex["recall_at_k"] == 1.0 and abs(lex["mrr"] - (1 + 1 + 1 / 2) / 3) < 1e-12
    assert lex["answer_accuracy"] == 2 / 3 and lex["gold_cited"] == 2 / 3
    assert [m["id"] for m in lex["misses"]] == ["c", "e"]


def test_mrr_counts_only_the_top_k() -> None:
    from retrieval.evaluate import QuestionSet, run_eval

    q = {"id": "a", "q": "qa", "keys": ["träff"], "facts": []}
    svc = _fake_service({"qa": {"hits": ["x", "y", "träff"], "answer": "svar"}})
    two = run_eval(svc, [QuestionSet("s", [q])], k=2, systems=["hybrid"])["systems"]["hybrid"]  # type: ignore[arg-type]
    three = run_eval(svc, [QuestionSet("s", [q])], k=3, systems=["hybrid"])["systems"]["hybrid"]  # type: ignore[arg-type]
    assert two["recall_at_k"] == 0.0 and two["mrr"] == 0.0
    assert three["recall_at_k"] == 1.0 and abs(three["mrr"] - 1 / 3) < 1e-12


def test_without_systems_named_the_four_of_the_comparison_are_scored(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from retrieval import evaluate
    from retrieval.evaluate import DEFAULT_SYSTEMS, QuestionSet, run_eval

    # The naive baseline over the stand-in service: its top chunk holds the key and the fact.
    monkeypatch.setattr(
        evaluate, "NaiveBaseline", lambda svc, cache: SimpleNamespace(top=lambda q, k: ["Alfa 12 kr"])
    )
    q = {"id": "a", "q": "qa", "keys": ["alfa 12"], "facts": [["12"]]}
    svc = _fake_service(
        {"qa": {"hits": ["x", "Alfa 12 kr"], "answer": "Det är 12 kr.", "cited": ["Alfa 12 kr"]}}
    )
    report = run_eval(svc, [QuestionSet("s", [q])])  # type: ignore[arg-type]
    assert DEFAULT_SYSTEMS == ("hybrid", "lexical", "dense", "naive")
    assert list(report["systems"]) == ["hybrid", "lexical", "dense", "naive"]  # what the report shows
    assert report["systems"]["naive"]["mrr"] == 1.0 and report["systems"]["hybrid"]["mrr"] == 1 / 2


def test_unknown_system_is_refused() -> None:
    import pytest

    from ingest.errors import InputError
    from retrieval.evaluate import QuestionSet, run_eval

    with pytest.raises(InputError, match="unknown bm42"):
        run_eval(_fake_service({}), [QuestionSet("s", [])], systems=["bm42"])  # type: ignore[arg-type]


def test_sets_from_files_and_folders_name_each_question_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from retrieval.evaluate import load_sets

    folder = tmp_path / "real"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"q": "ett"}\n\n{"q": "två"}\n', encoding="utf-8")
    (folder / "b.jsonl").write_text('{"q": "tre"}\n', encoding="utf-8")
    single = tmp_path / "dev.jsonl"
    single.write_text('{"q": "fyra"}\n', encoding="utf-8")
    sets = load_sets([folder, single])
    assert [(s.name, [q["file"] for q in s.questions]) for s in sets] == [
        ("real", ["a.jsonl", "a.jsonl", "b.jsonl"]),
        ("dev", ["dev.jsonl"]),
    ]


def test_naive_vectors_are_kept_between_runs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from ingest.models import Passage
    from retrieval.evaluate import NaiveBaseline

    calls: list[int] = []

    class Embedder:
        name = "fake"

        def embed_passages(self, texts: list[str]) -> list[list[float]]:
            calls.append(len(texts))
            return [[float(len(t)), 1.0] for t in texts]

    def svc(texts: list[str]) -> object:
        passages = [Passage(f"d-{i}", "d", t, None, "", [], "prose") for i, t in enumerate(texts)]
        return SimpleNamespace(
            snapshot=lambda: SimpleNamespace(lex=SimpleNamespace(passages=passages)),
            index=SimpleNamespace(embedder=Embedder()),
        )

    cache = tmp_path / "naive.npz"
    first = NaiveBaseline(svc(["ett", "två"]), cache)  # type: ignore[arg-type]
    again = NaiveBaseline(svc(["ett", "två"]), cache)  # type: ignore[arg-type]
    assert calls == [1]  # one chunk ("ett två"), embedded once
    assert (first.matrix == again.matrix).all()
    NaiveBaseline(svc(["ett", "två", "tre"]), cache)  # type: ignore[arg-type]
    assert calls == [1, 1]  # another text, another chunk: embedded
