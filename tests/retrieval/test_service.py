"""The answer pipeline as a user meets it: one snapshot per question, k that means k, follow-ups
read with the question before them, and concurrent askers while documents come and go."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest

from ingest.errors import InputError
from retrieval.service import MAX_HISTORY_TURN_CHARS, MAX_QUESTION_CHARS, Planchat, contextualise
from retrieval.settings import Settings

pytestmark = pytest.mark.slow

NORR = "Hur mycket fick avdelning Norr för socialpsykiatriska teamet 2019?"


@pytest.fixture(scope="module")
def svc(corpus_index, embedder) -> Planchat:
    from retrieval.store import Index

    return Planchat(corpus_index, index=Index(corpus_index, embedder=embedder))


def test_follow_up_with_another_name_answers_for_that_name(svc: Planchat) -> None:
    answer = svc.ask("och Söder?", history=[{"role": "user", "content": NORR}])
    assert answer.answered and answer.total == 650_000
    assert [a.who for a in answer.amounts] == ["Söder"]
    assert answer.understood_as and "Söder" in answer.understood_as and "Norr" not in answer.understood_as
    cited = answer.citations[0].passage.text
    assert "Söder" in cited and "650 000" in cited
    assert answer.to_json()["understood_as"] == answer.understood_as


def test_the_same_words_without_history_are_not_that_answer(svc: Planchat) -> None:
    answer = svc.ask("och Söder?")
    assert answer.understood_as is None
    assert answer.total is None  # no amount question without the previous one


def test_follow_up_with_a_year_replaces_the_year() -> None:
    got = contextualise("och 2020?", [{"role": "user", "content": NORR}])
    assert "2020" in got and "2019" not in got and "Norr" in got


def test_follow_up_with_a_phrase_replaces_the_same_phrase() -> None:
    # "och på …" replaces the previous question's "på …", up to its next preposition or year.
    got = contextualise(
        "och på kulturförvaltningen?", [{"role": "user", "content": "Vem är chef på miljöförvaltningen?"}]
    )
    assert got == "Vem är chef på kulturförvaltningen?"
    got = contextualise("och för brukarrådet?", [{"role": "user", "content": NORR}])
    assert "brukarrådet" in got and "socialpsykiatriska" not in got and "Norr" in got and "2019" in got
    got = contextualise(
        "what about for the library?",
        [{"role": "user", "content": "How much was budgeted for the sports hall in 2027?"}],
    )
    assert got == "How much was budgeted for the library in 2027?"


def test_a_question_that_stands_on_its_own_is_not_rewritten() -> None:
    assert contextualise("Vad är Kraftbudet?", [{"role": "user", "content": NORR}]) == "Vad är Kraftbudet?"


def test_a_long_history_turn_is_bounded_and_its_question_kept() -> None:
    pasted = "Här är protokollet. " + "Nämnden beslutade enligt förslaget. " * 600  # ~22 000 characters
    for turn in (pasted + NORR, NORR + " " + pasted, pasted):
        got = contextualise("och 2020?", [{"role": "user", "content": turn}])
        assert len(got) <= MAX_HISTORY_TURN_CHARS + 20, len(got)
        if NORR in turn:  # the previous question, not the pasted text around it
            assert "Norr" in got and "2020" in got and "2019" not in got and "beslutade" not in got, got
    # The folded text never exceeds what a question may be, however long the question itself is.
    question = "och " + "ord " * 490 + "2020?"
    assert len(contextualise(question, [{"role": "user", "content": pasted}])) <= MAX_QUESTION_CHARS


def test_lone_surrogate_is_a_clear_input_error(svc: Planchat) -> None:
    with pytest.raises(InputError, match=r"^question: not valid text \(position 4: lone surrogate U\+D800\)"):
        svc.ask("Vad \ud800?")
    with pytest.raises(InputError, match=r"^history\[0\]\.content: not valid text"):
        svc.ask("och 2020?", history=[{"role": "user", "content": "x\udfff"}])
    with pytest.raises(InputError, match=r"^query: not valid text"):
        svc.search("\ud800")


def test_uploads_stored_by_content_and_delete_removes_only_uploaded_files(
    corpus_index, embedder, tmp_path: Path
) -> None:
    from retrieval.store import Index

    data = tmp_path / "index"
    shutil.copytree(corpus_index.data_dir, data, ignore=shutil.ignore_patterns("write.lock"))
    settings = Settings(data_dir=data)
    svc = Planchat(settings, index=Index(settings, embedder=embedder))
    first = svc.upload("lunda.md", EXTRA_MD.encode()).results[0]
    again = svc.upload("annat namn.md", EXTRA_MD.encode()).results[0]
    other = svc.upload("lunda.md", EXTRA_MD.replace("48 000", "49 000").encode()).results[0]
    assert (first.status, again.status, other.status) == ("added", "unchanged", "added")
    assert again.doc_id == first.doc_id and other.doc_id != first.doc_id
    stored = sorted(p.name for p in svc.upload_dir.iterdir())
    assert stored == sorted(Path(r.path).name for r in (first, other))
    assert all(re.fullmatch(r"[0-9a-f]{16}-lunda\.md", name) for name in stored)
    assert first.doc_id is not None and other.doc_id is not None
    svc.delete(first.doc_id)
    assert sorted(p.name for p in svc.upload_dir.iterdir()) == [Path(other.path).name]
    corpus_file = tmp_path / "corpus" / "lunda-corpus.md"
    corpus_file.parent.mkdir()
    corpus_file.write_text(EXTRA_MD.replace("48 000", "50 000"), encoding="utf-8")
    (corpus_result,) = svc.ingest([corpus_file]).results
    assert corpus_result.status == "added" and corpus_result.doc_id is not None
    svc.delete(corpus_result.doc_id)
    assert corpus_file.is_file()  # a file outside the uploads folder is never removed
    assert svc.uploaded_file(str(svc.upload_dir / ".." / "registry.sqlite")) is None


def test_follow_up_understood_as_is_said_in_the_text(svc: Planchat) -> None:
    answer = svc.ask("och Söder?", history=[{"role": "user", "content": NORR}])
    assert answer.to_text().startswith("Tolkat som: ")


@pytest.mark.parametrize("k", [1, 2, 3])
def test_k_bounds_passages_retrieved_and_cited(svc: Planchat, k: int) -> None:
    for question in (
        "Vad är Mina planer för något?",
        "Vilka evidensbaserade metoder vill Stockholm använda?",
    ):
        assert len(svc.search(question, k=k)) <= k
        answer = svc.ask(question, k=k)
        assert len(answer.citations) <= k
        assert (
            len(
                {c.passage.passage_id for c in answer.citations}
                | {h.passage.passage_id for h in answer.related}
            )
            <= k
        )


def test_k_changes_what_is_retrieved(svc: Planchat) -> None:
    assert len(svc.search("stimulansmedel psykisk hälsa", k=1)) == 1
    assert len(svc.search("stimulansmedel psykisk hälsa", k=12)) == 12


def test_answer_citations_carry_passage_and_document(svc: Planchat) -> None:
    answer = svc.ask(NORR)
    c = answer.citations[0]
    assert c.passage.doc_id == c.document.doc_id and c.quote in c.passage.text


# -- concurrency -----------------------------------------------------------------------------------
EXTRA_MD = """# Kaffeautomatens budget i Lunda

## Inköp

Kaffeautomaten i Lunda rådhus köptes in år 2019 för 48 000 kronor av servicenämnden.
"""


def test_concurrent_askers_while_documents_come_and_go(corpus_index, embedder, tmp_path: Path) -> None:
    from retrieval.store import Index

    data = tmp_path / "index"
    shutil.copytree(corpus_index.data_dir, data, ignore=shutil.ignore_patterns("write.lock"))
    settings = Settings(data_dir=data, write_wait_s=30)
    svc = Planchat(settings, index=Index(settings, embedder=embedder))
    svc.warm_up()
    questions = [NORR, "Vilka aktiviteter fortsätter 2020?", "Vad är Kraftbudet?",
                 "Vad kostade kaffeautomaten i Lunda?", "Which activities carried over to 2020?"]  # fmt: skip
    errors: list[BaseException] = []
    deleted: set[str] = set()
    seen_after_delete: list[str] = []
    stop = threading.Event()
    asked = [0]
    lock = threading.Lock()

    def asker() -> None:
        i = 0
        while not stop.is_set():
            with lock:
                gone = set(deleted)  # deletes that had returned before this question started
            try:
                answer = svc.ask(questions[i % len(questions)])
                for c in answer.citations:
                    if c.passage.doc_id in gone:
                        seen_after_delete.append(c.passage.doc_id)
            except BaseException as exc:  # noqa: BLE001 - collected and reported below
                errors.append(exc)
                return
            i += 1
            with lock:
                asked[0] += 1

    threads = [threading.Thread(target=asker) for _ in range(6)]
    for t in threads:
        t.start()
    try:
        for round_ in range(3):
            report = svc.upload(
                f"lunda-{round_}.md", EXTRA_MD.replace("48 000", f"{48 + round_} 000").encode()
            )
            assert not report.failed, report.summary()
            doc_id = report.results[0].doc_id
            assert doc_id is not None
            svc.delete(doc_id)
            with lock:
                deleted.add(doc_id)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=120)
    assert not errors, repr(errors[:3])
    assert asked[0] >= 6
    assert not seen_after_delete
    assert all(d not in {x.doc_id for x in svc.documents()} for d in deleted)


def test_an_index_whose_documents_were_all_deleted_answers_plainly(tmp_path: Path, embedder) -> None:
    from retrieval.store import Index

    settings = Settings(data_dir=tmp_path / "index")
    svc = Planchat(settings, index=Index(settings, embedder=embedder))
    report = svc.upload("lunda.md", EXTRA_MD.encode())
    assert not report.failed
    svc.delete(report.results[0].doc_id or "")
    assert svc.documents() == []
    assert svc.search("kaffeautomaten i Lunda") == []
    answer = svc.ask("Vad kostade kaffeautomaten i Lunda?")
    assert not answer.answered and answer.citations == []
