"""The library facade the CLI, the API and the Streamlit app call: one method per action."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ingest.activities import STATUSES
from ingest.errors import IndexMissingError, InputError
from ingest.models import Document
from retrieval.activities import answer_from_activities, linked, list_activities
from retrieval.answer import Answer, compose
from retrieval.facts import answer_from_facts, list_facts
from retrieval.search import Hit, Searcher, hit_json
from retrieval.settings import Settings
from retrieval.store import Index, IngestReport, Progress, document_dict
from retrieval.text import content_words, detect_language

MAX_QUESTION_CHARS = 2000
# Follow-ups ("och 2020?", "vem ansvarar för det?") borrow the topic of the previous question.
_FOLLOWUP_RE = re.compile(
    r"^\s*(och|men|samt|än|and|what about|how about|hur är det med|gäller det)\b|"
    r"\b(det|den|dessa|detta|dem|där|it|that|those|they|them|there)\b\s*\??\s*$",
    re.I,
)
_PRONOUN_RE = re.compile(r"\b(det|den|detta|dessa|dem|it|that|this|those|they|them)\b", re.I)


class Planchat:
    def __init__(self, settings: Settings | None = None, index: Index | None = None) -> None:
        self.settings = settings or Settings()
        self.index = index or Index(self.settings)
        self._searcher: Searcher | None = None
        # (index generation, activity statements, linked activities): see retrieval.activities.
        self.activity_cache: tuple[int, list[Any], list[Any]] | None = None

    # -- documents -----------------------------------------------------------------------------
    def ingest(
        self, paths: list[Path], *, prune: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        return self.index.ingest(paths, prune=prune, progress=progress)

    def documents(self) -> list[Document]:
        return self.index.documents() if self.index.exists() else []

    def documents_json(self) -> dict[str, Any]:
        return {"documents": [document_dict(d) for d in self.documents()]}

    def delete(self, doc_id: str) -> Document:
        return self.index.delete(doc_id)

    # -- search and answers --------------------------------------------------------------------
    @property
    def searcher(self) -> Searcher:
        if not self.index.exists():
            raise IndexMissingError(f"no index in {self.index.data_dir} yet; run: planchat ingest corpus/")
        self.index.check_model()
        if self._searcher is None:
            self._searcher = Searcher(self.index)
        return self._searcher

    def warm_up(self) -> None:
        """Load the model and build the lexical index now rather than on the first question."""
        s = self.searcher
        s.lexical()
        self.index.embedder.embed_queries(["uppvärmning"])
        linked(self)  # activities are linked across documents once per index generation

    @staticmethod
    def _check_question(text: str) -> str:
        text = (text or "").strip()
        if not text:
            raise InputError("question: empty; write a question or a few search words")
        if len(text) > MAX_QUESTION_CHARS:
            raise InputError(f"question: {len(text)} characters, at most {MAX_QUESTION_CHARS}")
        return text

    def search(
        self,
        query: str,
        k: int | None = None,
        *,
        year: int | None = None,
        doc_id: str | None = None,
        organisation: str | None = None,
        mode: str = "hybrid",
    ) -> list[Hit]:
        query = self._check_question(query)
        return self.searcher.search(
            query, k or self.settings.k, year=year, doc_id=doc_id, organisation=organisation, mode=mode
        )

    def search_json(self, query: str, hits: list[Hit]) -> dict[str, Any]:
        return {"query": query, "results": [hit_json(i, h) for i, h in enumerate(hits, 1)]}

    def contextualise(self, question: str, history: list[dict[str, str]] | None) -> str:
        """Fold the previous question into a follow-up that cannot stand on its own."""
        previous = [
            t["content"] for t in (history or []) if t.get("role", "user") == "user" and t.get("content")
        ]
        if not previous:
            return question
        last = previous[-1]
        n_content = len(content_words(question, {"och", "and", "what", "about", "how"}))
        if (
            _FOLLOWUP_RE.search(question)
            or n_content <= 2
            or (_PRONOUN_RE.search(question) and n_content <= 3)
        ):
            if re.search(r"\b(19|20)\d\d\b", question):
                last = re.sub(r"\b(år\s+)?(19|20)\d\d\b", " ", last)
            return f"{last.rstrip(' ?.')} {question}"
        return question

    def ask(
        self,
        question: str,
        history: list[dict[str, str]] | None = None,
        k: int | None = None,
        *,
        year: int | None = None,
        doc_id: str | None = None,
        organisation: str | None = None,
    ) -> Answer:
        question = self._check_question(question)
        searcher = self.searcher
        language = detect_language(question)
        effective = self.contextualise(question, history)
        q = searcher.parse_query(effective, language)
        filters = {"year": year, "doc_id": doc_id, "organisation": organisation}
        hits = searcher.search(
            effective,
            max(k or self.settings.k, 8),
            year=year,
            doc_id=doc_id,
            organisation=organisation,
            query=q,
        )
        # Amount questions are answered from the facts table, activity-status questions from the
        # linked activities; anything else (or nothing found there) from the passages.
        for route in (answer_from_facts, answer_from_activities):
            routed = route(self, question, q, hits, filters)
            if routed is not None:
                return routed
        return compose(question, q, hits, searcher.lexical(), filters)

    def facts(self, year: int | None = None, query: str | None = None) -> list[dict[str, Any]]:
        return list_facts(self, year=year, query=query)

    def activities(
        self, year: int | None = None, status: str | None = None, query: str | None = None
    ) -> list[dict[str, Any]]:
        if status is not None and status not in STATUSES:
            raise InputError(f"status: '{status}' is not one of {', '.join(STATUSES)}")
        return list_activities(self, year=year, status=status, query=query)
