"""What one question is answered from: a snapshot of the index and a read-only question context.

``Snapshot``: everything served at one index generation (passages with their lexical index,
documents, amounts, activity statements), taken once and never changed. A request that started
before an upload or a delete keeps reading the snapshot it took; the next request takes the new
one. ``AskContext``: the question as asked and as understood, its language, parsed query,
filters, k and the snapshot. Searchers and answerers read only these.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ingest.models import Amount, Document, Passage
from retrieval.lexical import BM25, EMPTY, DocFreq, PostingsBuilder, Segment, Vocab, plan_segments
from retrieval.store import embedding_text
from retrieval.text import (
    FRAMING_RE,
    QUESTION_WORD_RE,
    QUESTION_WORDS_EN,
    QUESTION_WORDS_SV,
    Glossary,
    content_words,
    english_word,
    learn_abbreviations,
    ngram_tokens,
    stem,
    stems,
    stopwords_sv,
    words,
)

# A document's opening: its first passages, where it says what and whose it is (a förbundsordning's
# "1 § Förbundets namn är …", a decision's "Länsstyrelsen upphäver …").
OPENING_PASSAGES = 3
# Passages searched for a word written in lower case (Snapshot.written_lower).
LOWER_LOOKUPS = 200
YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
# A statute's number in the Swedish code ("Plan- och bygglagen (2010:900)", "SFS 2018:218", "TSFS
# 2024:57") is neither a year, a date nor a figure of anything.
STATUTE_RE = re.compile(r"\b(?:SFS\s*)?(?:18|19|20)\d\d:\d{1,4}\b")


@dataclass(frozen=True)
class Query:
    """A question turned into what each retriever needs."""

    text: str
    language: str
    lexical_terms: list[str]  # Swedish-side words (translated / expanded)
    groups: list[list[str]]  # the question's concepts, each with its alternative wordings
    dense_text: str
    years: list[int]
    organisations: list[str]
    unknown: int = 0  # English words that neither the glossary nor any document knows
    # English words kept beside their translation because the documents use them too ("major
    # incidents"), and everyday English words the glossary does not know that some document writes
    # ("give"): they find a passage but weigh nothing beside the question's Swedish words.
    loanwords: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Filters:
    """Explicit restrictions from the user (not preferences read from the question)."""

    year: int | None = None
    doc_id: str | None = None
    organisation: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("year", self.year), ("doc_id", self.doc_id),
                                  ("organisation", self.organisation)) if v is not None}  # fmt: skip

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.as_dict().items())


_STEMS = Vocab()  # term ids of BM25 on stems, shared by every index of this process
_GRAMS = Vocab()  # … and of BM25 on character n-grams
# The segments of the lexical index built last: the next build reuses those that still hold.
_last_segments: list[Segment] = []
_segments_lock = threading.Lock()


def _analyse(batch: list[tuple[str, list[Passage]]]) -> Segment:
    """A lexical segment over these documents' passages (stems, n-grams, abbreviations)."""
    words, grams = PostingsBuilder(), PostingsBuilder()
    abbreviations = []
    n = 0
    for _, passages in batch:
        for p in passages:
            text = embedding_text(p)
            _STEMS.add(stems(text) or [EMPTY], n, words)
            _GRAMS.add(ngram_tokens(text) or [EMPTY], n, grams)
            n += 1
        # Only a text with "(" can hold "Long form (ABBR)".
        abbreviations.append(learn_abbreviations([p.text for p in passages if "(" in p.text]))
    return Segment(
        tuple(d for d, _ in batch),
        tuple(tuple(ps) for _, ps in batch),
        (words.build(), grams.build()),
        tuple(abbreviations),
    )


def give_back_memory() -> None:
    """Analysing many passages leaves freed memory in the C heap that glibc keeps for the process
    (about 60 MB after 100 000 passages): return it to the system. Elsewhere nothing happens."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class LexicalIndex:
    """BM25 on stems and on character n-grams over the served passages (``retrieval.lexical``:
    built by segments, so a new snapshot after an upload analyses only the new passages)."""

    def __init__(self, passages: list[Passage]) -> None:
        global _last_segments
        self.passages = passages
        self.by_id = {p.passage_id: i for i, p in enumerate(passages)}
        by_doc: dict[str, list[Passage]] = {}
        numbers: dict[str, list[int]] = {}
        for i, p in enumerate(passages):
            by_doc.setdefault(p.doc_id, []).append(p)
            numbers.setdefault(p.doc_id, []).append(i)
        with _segments_lock:
            previous = list(_last_segments)
        analysed = 0

        def build(batch: list[tuple[str, list[Passage]]]) -> Segment:
            nonlocal analysed
            analysed += sum(len(ps) for _, ps in batch)
            return _analyse(batch)

        segments = plan_segments(previous, by_doc, build)
        with _segments_lock:
            _last_segments = segments
        if analysed >= 5000:
            give_back_memory()
        self.segments = segments
        n = len(passages)
        glob = [np.concatenate([np.asarray(numbers[d], dtype=np.int64) for d in s.docs]) for s in segments]
        self.words = BM25(_STEMS, [(s.postings[0], g) for s, g in zip(segments, glob, strict=True)], n)
        self.grams = BM25(_GRAMS, [(s.postings[1], g) for s, g in zip(segments, glob, strict=True)], n)
        # Abbreviations of all documents, in the order the passages first name them.
        per_doc = {d: a for s in segments for d, a in zip(s.docs, s.abbreviations, strict=True)}
        abbreviations: dict[str, set[str]] = {}
        for d in by_doc:
            for abbr, longs in per_doc[d].items():
                abbreviations.setdefault(abbr, set()).update(longs)
        self.abbreviations = abbreviations
        # The passages that open each document (OPENING_PASSAGES).
        self.opening_of = {d: tuple(idx[:OPENING_PASSAGES]) for d, idx in numbers.items()}
        self.openings = frozenset(i for idx in self.opening_of.values() for i in idx)
        # Document frequency of stems, for weighting query-term coverage.
        self.df: Mapping[str, int] = DocFreq(self.words)

    def idf(self, term: str) -> float:
        n = len(self.passages) or 1
        return float(np.log(1 + (n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5)))

    def passage(self, passage_id: str) -> Passage | None:
        i = self.by_id.get(passage_id)
        return None if i is None else self.passages[i]


def org_matches(doc: Document, organisation: str) -> bool:
    needle = organisation.lower().strip()
    return any(needle in (v or "").lower() for v in (doc.organisation, doc.nämnd, doc.förvaltning))


# A place named as what it is: "Alingsås kommun", "Simrishamns kommun", "Göteborgs Stad", "Region
# Skåne" (the genitive's "s" is kept: "göteborgs").
_PLACE_NAMED_RE = re.compile(
    r"\b([A-ZÅÄÖ][a-zåäö]{2,})\s+(?:kommuns?|[Ss]tads?)\b|\b[Rr]egion(?:en)?\s+([A-ZÅÄÖ][a-zåäö]{2,})\b"
)


# A company's name with its legal form: "Livetec AB", "Azets Revision & Rådgivning AB", "AB
# Alingsås Rådhus".
LEGAL_FORM_RE = re.compile(
    r"\b(?P<name>[A-ZÅÄÖ][\w.-]*(?:\s+(?:&\s+)?[A-ZÅÄÖ][\w.-]*){0,3})\s+(?:AB|Aktiebolag|HB|KB|Ltd|Inc|Oy|ASA|GmbH)\b|"
    r"\bAB\s+(?P<name2>[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+){0,2})"
)


@dataclass(frozen=True)
class Snapshot:
    """What the index serves at one generation. Built once; read by any number of threads."""

    generation: int
    lex: LexicalIndex
    documents: dict[str, Document]
    amounts: tuple[Amount, ...]
    statements: tuple[Any, ...]  # ingest.activities.Statement
    # Links statements into activities (retrieval.activities.link); run on first use, then kept.
    linker: Callable[[list[Any], LexicalIndex], list[Any]] | None = field(default=None, compare=False)
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @property
    def money(self) -> frozenset[str]:
        """Ids of passages with at least one money fact."""
        got = self._cache.get("money")
        if got is None:
            got = frozenset(a.passage_id for a in self.amounts)
            self._cache["money"] = got
        return got  # type: ignore[no-any-return]

    def written_lower(self, word: str) -> bool:
        """Do the documents write the word in lower case somewhere ("datum", "södra")? A word never
        written so ("Manninen", "Jeanette") may be a name. Looked up in the passages holding the
        word (at most LOWER_LOOKUPS of them) and kept for the snapshot's life."""
        low = word.lower()
        seen: dict[str, bool] = self._cache.setdefault("lower", {})
        got = seen.get(low)
        if got is None:
            tokens = stems(low)[:1]
            got = False
            if tokens:
                # Not a part of a mail or web address ("cecilia.knutsson@alingsas.se"): the name
                # is written there in lower case as every address is.
                pattern = re.compile(rf"(?<![\wåäöÅÄÖ.@/-]){re.escape(low)}(?![\wåäöÅÄÖ]|[.@][\wåäöÅÄÖ])")
                for i in np.nonzero(self.lex.words.scores(tokens))[0][:LOWER_LOOKUPS]:
                    if pattern.search(self.lex.passages[int(i)].text):
                        got = True
                        break
            seen[low] = got
        return got

    def places(self) -> tuple[frozenset[str], frozenset[str]]:
        """The documents that name a place anywhere ("Jämförelsen omfattar Lerum …"), and the
        places: what the documents name as a kommun, a city or a region ("Alingsås kommun",
        "Göteborgs Stad", "Region Skåne"), lower case; computed once. A capitalised word before
        "kommun" that is no place ("Befolkningens", "Varje") is kept: it only makes a document
        that writes it count as naming a place, so the rule that uses this applies less."""
        with self._lock:
            if "places" not in self._cache:
                every = frozenset(
                    (m.group(1) or m.group(2)).lower()
                    for p in self.lex.passages
                    for m in _PLACE_NAMED_RE.finditer(p.text)
                )
                naming: set[str] = set()
                for place in every:
                    for i in np.nonzero(self.lex.words.scores(stems(place)))[0]:
                        naming.add(self.lex.passages[int(i)].doc_id)
                self._cache["places"] = (frozenset(naming), every)
            return self._cache["places"]  # type: ignore[no-any-return]

    def companies(self) -> frozenset[str]:
        """The first words of the companies the documents name with their legal form somewhere
        ("azets" from "Azets Revision & Rådgivning AB"), lower case, not a place's name nor a word
        they also write in lower case; computed once. "Azets" named alone elsewhere is that company."""
        with self._lock:
            found = self._cache.get("companies")
        if found is None:
            firsts = {
                (m.group("name") or m.group("name2")).split()[0]
                for p in self.lex.passages
                if " AB" in p.text or "AB " in p.text or "Aktiebolag" in p.text
                for m in LEGAL_FORM_RE.finditer(p.text)
            }
            places = self.places()[1]
            found = frozenset(
                w.lower()
                for w in firsts
                if len(w) >= 3 and w.lower() not in places and not self.written_lower(w)
            )
            with self._lock:
                self._cache["companies"] = found
        return found  # type: ignore[no-any-return]

    def activities(self) -> list[Any]:
        """The statements linked into activities (retrieval.activities.Activity), computed once."""
        with self._lock:
            if "activities" not in self._cache:
                self._cache["activities"] = (
                    self.linker(list(self.statements), self.lex) if self.linker else []
                )
            return self._cache["activities"]  # type: ignore[no-any-return]

    def passage(self, passage_id: str) -> Passage | None:
        return self.lex.passage(passage_id)

    def allowed_docs(self, filters: Filters) -> set[str] | None:
        """Ids of the documents the filters keep (a doc-id prefix, an organisation); None: no filter."""
        if not filters.doc_id and not filters.organisation:
            return None
        return {
            d.doc_id
            for d in self.documents.values()
            if (not filters.doc_id or d.doc_id.startswith(filters.doc_id))
            and (not filters.organisation or org_matches(d, filters.organisation))
        }


# General Swedish abbreviations (Språkrådet's list of common ones, the words of reports only): a
# question's word finds its abbreviation in the text and the other way round.
_ABBREVIATION_PAIRS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("nummer", "numret", "numren"), ("nr",)), (("diarienummer", "diarienumret"), ("dnr",)),
    (("stycken",), ("st",)), (("klockan",), ("kl",)), (("kronor",), ("kr",)),
    (("inklusive",), ("inkl",)), (("exklusive",), ("exkl",)), (("respektive",), ("resp",)),
    (("kvadratmeter",), ("kvm",)), (("timmar",), ("tim",)), (("tusen kronor",), ("tkr",)),
    (("miljoner kronor",), ("mnkr", "mkr")), (("miljarder kronor",), ("mdkr",)),
]  # fmt: skip
STANDARD_ABBREVIATIONS: dict[str, tuple[str, ...]] = {}
for _longs, _shorts in _ABBREVIATION_PAIRS:
    # A question's concept is one word: "tusen kronor" is only read the other way ("tkr" -> it).
    STANDARD_ABBREVIATIONS.update(dict.fromkeys((w for w in _longs if " " not in w), _shorts))
    STANDARD_ABBREVIATIONS.update(dict.fromkeys(_shorts, _longs[:1]))


# Words every body's name may open with ("Nämnden för Intraservice", "Region Göteborg").
_GENERIC_ORG_WORDS = frozenset(
    {
        "nämnden",
        "nämnd",
        "styrelsen",
        "förvaltningen",
        "kommun",
        "kommunen",
        "stad",
        "staden",
        "region",
        "regionen",
    }
)


def _org_key(name: str) -> str | None:
    """The word a question names a body by: its first word, without a genitive s, and for a
    nämnd, förvaltning or styrelse its own part ("Socialförvaltningen": "social"); the whole name
    where its first word is one every body's name may open with ("Nämnden för Intraservice",
    "Region Göteborg")."""
    first = name.split()[0].lower()
    if first in _GENERIC_ORG_WORDS:
        return name.lower()  # "Nämnden för Intraservice", "Region Göteborg": named as a whole
    if len(first) <= 3:
        return None
    # "Stadsfastighetsförvaltningen" is named by "stadsfastighetsnämnden" too: the body's own part.
    own = re.sub(r"(nämnd|förvaltning|styrelse)\w*$", "", first)
    return (own if len(own) >= 5 else first).rstrip("s")


def parse_query(text: str, language: str, snapshot: Snapshot, glossary: Glossary) -> Query:
    """The question's concepts (translated from English, abbreviations expanded both ways), the
    years and organisations it names, and the text for the dense retriever."""
    groups: list[list[str]] = []
    unknown = 0
    loanwords: set[str] = set()
    if language == "en":
        phrases, left = glossary.translate_phrases(text)
        for phrase, terms in phrases:
            # Swedish documents use many English words as they are ("major incidents", "budget",
            # "controller"): a long English word the documents use is kept beside its translation.
            group = list(terms)
            if (
                len(phrase) >= 6
                and phrase not in terms
                and all(stem(w) in snapshot.lex.df for w in words(phrase))
            ):
                group.append(phrase)
                loanwords.add(phrase)
            groups.append(group)
        # An English word the glossary does not know and no document uses says nothing about which
        # passage answers (it is the question's language, not its topic); a name or a number does.
        names = {m.lower() for m in re.findall(r"(?<!^)(?<![.?!] )\b[A-ZÅÄÖ][\wåäöÅÄÖ-]+", text)}
        # A word that is a Swedish function word too ("under" in "under the förbundsordning") is no
        # term: the documents write it everywhere, and the index leaves it out, as it does for a
        # Swedish question.
        content = [
            w
            for w in left
            if w not in QUESTION_WORDS_EN
            and w not in stopwords_sv()
            and not YEAR_RE.fullmatch(w)
            and not FRAMING_RE.fullmatch(w)
        ]
        known = [w for w in content if w.isdigit() or w in names or stem(w) in snapshot.lex.df]
        unknown = len(content) - len(known)
        groups.extend([w] for w in known)
        # An everyday English word the glossary does not know ("give", "private") is the question's
        # language even where some document happens to write it once (and then weighs most, being
        # rare): it may find a passage but weighs nothing in how much of the question a passage holds.
        loanwords.update(w for w in known if w not in names and not w.isdigit() and english_word(w))
    else:
        groups.extend([w] for w in content_words(text, QUESTION_WORDS_SV))
    # Abbreviations both ways: "ASF" adds its long form, the long form adds "ASF".
    low = text.lower()
    typed_lower = text[1:] == text[1:].lower()  # a question typed in lower case writes no acronym
    for abbr, longs in snapshot.lex.abbreviations.items():
        key = abbr.lower()
        # An abbreviation is read where the question writes it as the documents do ("ASF"): "must"
        # in "How large must …?" is no "MUST" (Militära underrättelse- och säkerhetstjänsten).
        written = typed_lower or re.search(rf"(?<![\wåäöÅÄÖ]){re.escape(abbr)}(?![\wåäöÅÄÖ])", text)
        for g in groups:
            if key in g and written:
                g.extend(sorted(longs))
        if any(lf in low for lf in longs):
            groups.append([key, *sorted(longs)])
    # Standard Swedish abbreviations, both ways: "vilket nummer" is "nr 11" in the text.
    for g in groups:
        g.extend(a for alt in list(g) for a in STANDARD_ABBREVIATIONS.get(alt.lower(), ()) if a not in g)
    # Years are preferences (boost), not terms a passage must contain.
    groups = [g for g in groups if not all(YEAR_RE.fullmatch(a) for a in g)]
    terms = [w for g in groups for alt in g for w in words(alt)]
    years = sorted({int(y) for y in YEAR_RE.findall(STATUTE_RE.sub(" ", text))})
    orgs: list[str] = []
    for d in snapshot.documents.values():
        for name in (d.organisation, d.nämnd, d.förvaltning):
            if not name or name in orgs:
                continue
            named_by = _org_key(name)
            if named_by and named_by in low:
                orgs.append(name)
    dense_text = text if language == "sv" else f"{text} {' '.join(terms)}"
    return Query(text, language, terms, groups, dense_text, years, orgs, unknown, frozenset(loanwords))


@dataclass(frozen=True)
class AskContext:
    """One question, read-only: everything downstream of ``Planchat.ask`` reads only this."""

    question: str  # as asked
    understood: str  # as understood: a follow-up folded with the previous question
    language: str
    query: Query  # parsed from ``understood``
    filters: Filters
    k: int
    snapshot: Snapshot
    glossary: Glossary

    @property
    def intent(self) -> str:
        """The text that says what kind of answer is wanted: the question as asked when it asks
        on its own ("Vem ansvarar för det?"), else the question as understood ("och Söder?")."""
        return self.question if QUESTION_WORD_RE.match(self.question.lstrip()) else self.understood

    @property
    def is_followup(self) -> bool:
        return self.understood != self.question

    def parse(self, text: str) -> Query:
        """Another text (a part of the question) parsed like the question itself."""
        return parse_query(text, self.language, self.snapshot, self.glossary)
