"""Extractive answers with citations, number verification and an honest "not found".

No LLM: the answer is built from the sentences of the retrieved passages that best cover the
question's terms, each followed by its citation marker. Every number in the answer is checked
against the cited passages before the answer is returned.
"""

from __future__ import annotations

import copy
import functools
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ingest.amounts import states_money, states_unit
from ingest.clean import FULL_DATE_RE, SWEDISH_MONTHS
from ingest.layout import FIELD_RE
from ingest.models import Amount, Document, Passage
from ingest.pipeline import CARD_FIELDS, CARD_SECTION
from ingest.split import FIGURES_END_RE, TOTAL_ROW_RE, split_sentences
from retrieval.context import LEGAL_FORM_RE, STATUTE_RE, AskContext, Filters, LexicalIndex, Snapshot
from retrieval.search import Hit
from retrieval.text import (
    QUESTION_WORD_RE,
    QUESTION_WORDS_EN,
    QUESTION_WORDS_SV,
    Glossary,
    content_words,
    english_phrase,
    english_word,
    ngrams,
    stem,
    stems,
    stopwords_sv,
    words,
)

# Share of the question's (idf-weighted) terms a passage must contain to count as an answer.
# Calibrated on the dev questions incl. the negatives (README, "Measured figures").
MIN_COVERAGE = 0.6
# The same for a passage the re-ranker brought up from below the passages the answer step would
# read in fused order (tune: 0.7 answers 4 more than 0.8 and one unanswerable question; 0.9 as 0.8).
PROMOTED_MIN_COVERAGE = 0.8
# Diagnostics: when a list, the answer step appends each candidate sentence (score, passage
# coverage, hit index, sentence) with the reason it was rejected, or None (scripts, not served).
TRACE: list[Any] | None = None
# The best sentence's score (0.6 × its coverage + 0.4 × its passage's + the bonuses for the kind of
# value asked for, a list, a decision …) must reach this: a passage that holds the question's words
# scattered over sentences none of which says much of it does not answer. Chosen on tune as the
# highest floor that withholds at least three wrong answers (or answered unanswerable questions)
# for each right answer it costs: 0.45 withholds 6 and costs none, 0.5 7 for 1, 0.55 10 for 3,
# 0.6 17 for 9.
MIN_SCORE = 0.55
# A second sentence is added when it covers at least this share as well.
SECOND_SENTENCE = 0.7
# With two things asked, when the sentences chosen leave room and miss what the second part asks,
# one more may come from a passage holding at least this share of the question (tune: 0.35 and
# 0.45 answer 3 more, 3 wrong fewer; 0.55 one more).
SECOND_ASK_COVERAGE = 0.45
# A sentence that refers back to the one before it ("I genomsnitt uppgår deras arvode till …",
# "Förslaget är att detta sker till den 30 september") is read with it: its coverage moves this
# share of the way towards the coverage of the two together (``_refers_back``; a table row, a list
# item and a form field are read on their own). See the README for what it measured.
PREVIOUS_SENTENCE = 0.5
# A word of the text matches a long query stem when it shares this share of the stem's n-grams
# (``TermMatcher``; the amounts prefilter in facts.py relies on the same value).
NGRAM_SHARE = 0.6
# At most this many list items are read with the sentence that introduces them.
LIST_ITEMS = 12
# A passage's document title counts among its terms when the title holds at least this many of
# the question's terms (the question refers to that document). Tune: 1 answers one more question
# than 2 and 3; on heldout 1 also answered one more unanswerable question (README).
TITLE_TERMS = 2
# A question names a document by its title when it holds more than this share of the title's
# words ("… programme 'Sätt Alingsås i rörelse'" names the programme "Sätt Alingsås i rörelse";
# "… barn- och ungdomsnämnden" does not name "Barn- och ungdomsnämndens protokoll 2026-06-16").
# Tune: more than half +2 answers, 3 wrong fewer, one more unanswerable question withheld, held
# sets unchanged; half or more also one more wrong withheld on tune, but heldout −1 answer and
# unseen one right answer wrong.
TITLE_NAMED_SHARE = 0.5
# Choosing among one document's sentences, a question term weighs less by the share of the
# passages read from that document that hold it, this much less when all do: such a term names
# the document ("Gjutaren 23 i Alingsås"), not what is asked. On tune 0.3 to 0.7 measure alike;
# 1.0 (a term every passage holds counts for nothing) loses answers.
SHARED_TERM_DISCOUNT = 0.5
# Passages shown beside an answer as further reading, at most.
RELATED = 3
# "Vilka yrkesgrupper …?", "Which areas …?": a sentence that lists things (items under it, or "a, b
# och c") gets this much added to its score. 0.2 and 0.3 measure the same on the tune set (+2
# answered, none lost), 0.1 changes nothing.
LIST_BONUS = 0.2
# A list asked and answered by a table's labelled rows: the rows read out with the first (at most
# LIST_ROWS - 1 more), each scoring at least LIST_ROW_RATIO of it.
LIST_ROWS = 8
LIST_ROW_RATIO = 0.8
# A labelled row: a short label, a colon, its text ("Risk för ras: Kommunens syn på …").
_ROW_LABEL_RE = re.compile(r"^[^\W\d_][^:\n]{1,40}: \S")
_ENUMERATION_RE = re.compile(r"\w+, [\wåäöÅÄÖ -]+,? (?:och|samt|and) \w+")
# "Vilka nämnder …?", "Which options …?": the answer may be a list.
_WHICH_RE = re.compile(r"\b(vilka|which|what are|list|lista)\b", re.I)

# A number, also with its unit glued on ("22tkr", "2,75procent").
_NUMBER_RE = re.compile(
    # Not a footnote's number glued to the sentence before it ("… i Göteborg-arbetet.3 Samverkan").
    r"(?<![\w\[])(?<![^\W\d_]\.)(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)"
    r"(?:(?![\w\]])|(?=(?:tkr|mnkr|mkr|mdkr|kr|sek|procent|st)\b))",
    re.I,
)

TEMPLATES = {
    "sv": {
        "not_found": "Det framgår inte av dokumenten. Jag hittade inget stycke som besvarar frågan{filters}.",
        "related": "Närliggande stycken",
        "according": "Enligt {title}{page}:",
        "page": ", s. {page}",
        "sources": "Källor",
        "filters": " (filter: {filters})",
        "understood": "Tolkat som: {text}",
    },
    "en": {
        "not_found": "The documents don't say. I found no passage that answers the question{filters}.",
        "related": "Related passages",
        "according": "According to {title}{page}:",
        "page": ", p. {page}",
        "sources": "Sources",
        "filters": " (filters: {filters})",
        "understood": "Understood as: {text}",
    },
}


@dataclass
class Citation:
    """A numbered source of an answer: the passage, its document and what is quoted from it."""

    n: int
    passage: Passage
    document: Document
    quote: str
    score: float | None = None  # the search score, when the passage came from a search

    def add_quote(self, text: str, sep: str = "\n") -> None:
        if text and text not in self.quote:
            self.quote = f"{self.quote}{sep}{text}" if self.quote else text

    def to_json(self) -> dict[str, Any]:
        p = self.passage
        return {
            "n": self.n,
            "doc_id": p.doc_id,
            "passage_id": p.passage_id,
            "title": self.document.title,
            "diarienummer": self.document.diarienummer,
            "source": self.document.source,
            "page": p.page,
            "section": p.section,
            "text": p.text,
            "quote": self.quote,
            "score": None if self.score is None else round(self.score, 6),
        }


class Citations:
    """Citations numbered in order of first use, one per passage."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.items: list[Citation] = []
        self._by_passage: dict[str, Citation] = {}

    def cite(self, passage_id: str, quote: str, score: float | None = None, sep: str = "\n") -> int:
        c = self._by_passage.get(passage_id)
        if c is None:
            p = self.snapshot.passage(passage_id)
            if p is None:  # not in this snapshot: never cite what is not served
                raise KeyError(passage_id)
            c = Citation(len(self.items) + 1, p, self.snapshot.documents[p.doc_id], quote, score)
            self.items.append(c)
            self._by_passage[passage_id] = c
        else:
            c.add_quote(quote, sep)
        return c.n

    def number(self, passage_id: str) -> int | None:
        c = self._by_passage.get(passage_id)
        return None if c is None else c.n

    def __len__(self) -> int:
        return len(self.items)


@dataclass
class Answer:
    question: str
    language: str
    answered: bool
    text: str
    citations: list[Citation] = field(default_factory=list)
    related: list[Hit] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    total: int | None = None
    filters: Filters = field(default_factory=Filters)
    activities: list[dict[str, Any]] = field(default_factory=list)
    understood_as: str | None = None  # set when a follow-up was read with the previous question
    # How well the cited text covers the question (0–1): the share of its idf-weighted terms the
    # best passage holds. Answers below MIN_COVERAGE are withheld.
    confidence: float = 0.0

    def to_json(self) -> dict[str, Any]:
        from retrieval.search import hit_json

        out: dict[str, Any] = {
            "question": self.question,
            "language": self.language,
            "answered": self.answered,
            "answer": self.text,
            "understood_as": self.understood_as,
            "confidence": round(self.confidence, 3),
            "citations": [c.to_json() for c in self.citations],
            "related": [hit_json(i, h) for i, h in enumerate(self.related, 1)],
            "filters": self.filters.as_dict(),
        }
        if self.amounts:
            cite_of = {c.passage.passage_id: c.n for c in self.citations}
            out["amounts"] = [
                {
                    "value": a.value,
                    "label": a.label,
                    "who": a.who,
                    "year": a.year,
                    "raw": a.raw,
                    "passage_id": a.passage_id,
                    "citation": cite_of.get(a.passage_id),
                }
                for a in self.amounts
            ]
            out["total"] = self.total
        if self.activities:
            out["activities"] = self.activities
        return out

    def to_text(self) -> str:
        t = TEMPLATES[self.language]
        lines = []
        if self.understood_as:
            lines.append(t["understood"].format(text=self.understood_as))
        lines += [self.text, ""]
        if self.citations:
            lines.append(t["sources"] + ":")
            for c in self.citations:
                page = t["page"].format(page=c.passage.page) if c.passage.page else ""
                lines.append(f"  [{c.n}] {c.document.title}{page} — {c.passage.section or '-'}")
        elif self.related:
            lines.append(t["related"] + ":")
            for h in self.related:
                page = t["page"].format(page=h.passage.page) if h.passage.page else ""
                lines.append(f"  - {h.document.title}{page} — {h.passage.text[:120]}…")
        return "\n".join(lines).rstrip()


class Answerer(Protocol):
    """One way of answering (amounts, activities, passages …): an answer, or None to let the
    next answerer try. Reads only the context and the hits."""

    def __call__(self, ctx: AskContext, hits: list[Hit]) -> Answer | None: ...


def not_found(ctx: AskContext, hits: list[Hit], text: str | None = None) -> Answer:
    """The plain "the documents don't say", with the nearest passages as related."""
    t = TEMPLATES[ctx.language]
    filt = ctx.filters.describe()
    text = text or t["not_found"].format(filters=t["filters"].format(filters=filt) if filt else "")
    return answer_for(ctx, False, text, hits)


def answer_for(ctx: AskContext, answered: bool, text: str, hits: Sequence[Hit] = (), **fields: Any) -> Answer:
    """An Answer carrying the context's question, language, filters and reading, with the hits
    it did not cite as related reading: only the k asked for (the answer step reads more), at most
    RELATED of them."""
    answer = Answer(
        ctx.question, ctx.language, answered, text, filters=ctx.filters,
        understood_as=ctx.understood if ctx.is_followup else None, **fields,
    )  # fmt: skip
    cited = {c.passage.passage_id for c in answer.citations}
    room = max(0, min(RELATED, ctx.k - len(cited)))
    answer.related = [h for h in hits[: ctx.k] if h.passage.passage_id not in cited][:room]
    return answer


def _sentences_by_line(text: str) -> list[tuple[str, bool]]:
    """The sentences of a text, each with whether it goes on the line of the one before."""
    out: list[tuple[str, bool]] = []
    for line in text.split("\n"):
        out += [(s, n > 0) for n, s in enumerate(split_sentences(line))]
    return out


# A list item's mark at the start of a line.
_BULLET_RE = re.compile(r"[-–•·▪o]\s")
# A short line that points back at what the text just named: "De tre områdena är:", "Dessa är:".
_POINTER_RE = re.compile(r"(De|Dessa|Dem|These|Those|They)\b", re.I)


# The words that open a sentence going on with the one before it ("Ökningen får dock inte …",
# "Detta innebär …"): ``_continued`` reads such a sentence out after the answer.
_CONNECTIVES = "dock|men|detta|denna|dessa|därför|däremot|dessutom|samtidigt|vilket|however|but|this|these"
# The words by which a sentence, anywhere in it, refers back to what the one before it said: those
# connectives and the closed-class pronouns and adverbs of Swedish and English ("dit", "deras",
# "också"; "there", "their", "also").
_REFERS_BACK_RE = re.compile(
    rf"\b({_CONNECTIVES}|det|den|de|dem|deras|dess|dit|där|då|också|även|sedan|samma|han|hon|hans|"
    r"hennes|vars|it|its|those|they|their|there|also|too|such|same)\b",
    re.I,
)


def _refers_back(previous: str, sentence: str) -> bool:
    """Is ``sentence`` running text that refers back to ``previous``? Not when either is a list
    item or a form field ("Antagen av: …"): each of those says its own thing."""
    return not any(_BULLET_RE.match(s) or FIELD_RE.match(s) for s in (previous, sentence)) and bool(
        _REFERS_BACK_RE.search(sentence)
    )


# A point of a numbered list run into one sentence, as a protokoll writes its decision: "Nämnden
# beslutar att 1. riktlinjerna fortsatt ska tillämpas …, 2. arvodesnivåerna …, 3. …".
_RUN_IN_POINT_RE = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=[\wåäöÅÄÖ”\"])")


def _run_in_points(sentence: str) -> list[str]:
    """A sentence that runs a numbered list (1., 2., 3. …, each point after the first following
    a comma, a semicolon or "och") split into its points, the first with the words that lead
    into the list; any other sentence as it is."""
    marks = list(_RUN_IN_POINT_RE.finditer(sentence))
    cuts: list[int] = []
    expected = 1
    for m in marks:
        if int(m.group(1)) != expected:
            continue
        before = sentence[: m.start()].rstrip()
        if expected > 1 and not (before.endswith((",", ";")) or before.endswith(" och")):
            continue
        cuts.append(m.start())
        expected += 1
    if len(cuts) < 2:
        return [sentence]
    bounds = [0, *cuts[1:], len(sentence)]
    parts = [
        sentence[a:b].strip().removesuffix(" och").rstrip(",;").strip() for a, b in itertools.pairwise(bounds)
    ]
    return [p for p in parts if p]


def sentences(text: str, kind: str = "prose", lists: bool = False) -> list[str]:
    """Answer candidates: table rows line by line (header skipped), prose by sentence; a
    sentence that introduces a list (ends with ":") carries the list items with it. With
    ``lists`` (the question asks which ones), any sentence right before list items is also a
    candidate with its items ("… 6 nedanstående nationella miljökvalitetsmål …" and the six). A
    sentence that runs numbered points ("Nämnden beslutar att 1. …, 2. …") is followed by each
    point (``_run_in_points``)."""
    if kind == "table":
        rows: list[str] = []
        for ln in (ln.strip() for ln in text.split("\n")[1:]):
            if (
                rows
                and _BULLET_RE.match(ln)
                and (rows[-1].endswith(":") or "\n" in rows[-1])
                and rows[-1].count("\n") < LIST_ITEMS
            ):
                rows[-1] = f"{rows[-1]}\n{ln}"  # "… utifrån skattade marginalkostnader nedan:" and its items
            elif ln:
                rows.append(ln)
        return rows or [text]
    out: list[str] = []
    for s, same_line in _sentences_by_line(text):
        if len(s) <= 2:
            continue
        if out and (out[-1].endswith(":") or (s.startswith("- ") and "\n- " in out[-1])):
            out[-1] = f"{out[-1]}\n{s}"  # "… prioriteringar är:" is read with what it introduces
        elif (
            out
            and s.endswith(":")
            and "\n" not in out[-1]
            and ((same_line and len(s.split()) <= 4) or (len(s.split()) <= 6 and _POINTER_RE.match(s)))
        ):
            # "Till visionen hör fem fokusområden … Dessa är:", "… De tre områdena är:": the short
            # pointer and the list it opens are read with the sentence before it, which says what
            # the list is.
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    # The points of a decision run into one sentence ("… beslutar att 1. …, 2. …") are candidates
    # too, each after the whole sentence (which answers "Vilken information ska … innehålla?").
    with_points: list[str] = []
    for s in out:
        with_points.append(s)
        points = [] if "\n" in s else _run_in_points(s)
        if len(points) > 1:
            with_points += points
    out = with_points
    if lists:
        extra = []
        for i, s in enumerate(out):
            items: list[str] = []
            for nxt in out[i + 1 :]:
                if not nxt.startswith("- ") or len(items) >= LIST_ITEMS:
                    break
                items.append(nxt)
            if len(items) >= 2 and not s.startswith("- ") and "\n- " not in s:
                extra.append("\n".join([s, *items]))
        out += extra
    return out


def normalise_numbers(text: str) -> str:
    """Digits with thousand separators glued: "5 409 000" -> "5409000"."""
    return re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text)


def numbers_in(text: str) -> list[str]:
    text = re.sub(r"\[\d+\]", " ", text)
    return [re.sub(r"[ \u00a0]", "", m.group(1)) for m in _NUMBER_RE.finditer(text)]


def unsupported_numbers(
    answer_text: str, cited_texts: list[str], computed: set[int] | None = None
) -> list[str]:
    """Numbers in the answer that stand in no cited passage and were not computed from cited rows."""
    haystack = normalise_numbers(" ".join(cited_texts))
    present = set(numbers_in(haystack))
    allowed = {str(v) for v in (computed or set())}
    # Both sides read alike: "188,7 750 733,8" (figures of a table row) is split the same way in
    # the quote as in the passage it is quoted from.
    return [n for n in numbers_in(normalise_numbers(answer_text)) if n not in present and n not in allowed]


def uncited_numbers(text: str, citations: list[Citation], computed: set[int] | None = None) -> list[str]:
    """Numbers in an answer that none of its citations holds. A passage is read with its section
    heading and its document's title ("… psykisk hälsa 2019 …"), as a reader sees it."""
    cited = [f"{c.document.title} {c.passage.section} {c.passage.text}" for c in citations]
    return unsupported_numbers(text, cited, computed)


# Number words as the stemmer leaves them, and the digit each stands for (Swedish and English).
_NUMBER_WORDS = {
    stem(w): str(n)
    for n, ws in enumerate(
        [("en", "ett", "one"), ("två", "two"), ("tre", "three"), ("fyra", "four"), ("fem", "five"),
         ("sex", "six"), ("sju", "seven"), ("åtta", "eight"), ("nio", "nine"), ("tio", "ten"),
         ("elva",), ("tolv", "twelve")],  # not "eleven": its stem is "elev" (pupil)
        1,
    )
    for w in ws
    if w not in ("en", "ett")  # articles, not counts
}  # fmt: skip


# A day written as digits: "2024-03-31", or "240331" / "20240331" as a table's column name
# ("Utfall 240331").
_DIGIT_DAY_RE = re.compile(
    r"\b(?:\d{4}-(\d{1,2})-(\d{1,2})|(\d\d|\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))\b"
)


def _days_spelled(text: str) -> str:
    """The days a text writes in digits, spelled as a question asks for them ("31 mars")."""
    months = SWEDISH_MONTHS
    out = []
    for m in _DIGIT_DAY_RE.finditer(text):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(5))
        if 1 <= int(month) <= 12:
            out.append(f"{int(day)} {months[int(month) - 1]}")
    return " ".join(out)


@functools.lru_cache(maxsize=8192)
def _text_terms(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Stems and words of a text; the same names and sentences are matched again and again. A day
    written in digits also holds its day and month ("Utfall 240331" holds "31 mars")."""
    full = f"{text} {_days_spelled(text)}"
    return frozenset(stems(full)), tuple(words(full))


class TermMatcher:
    """Does a text contain a query term? Stems, compound parts and n-gram overlap count."""

    def __init__(
        self,
        groups: list[list[str]],
        lex: LexicalIndex,
        optional: frozenset[int] = frozenset(),
        loanwords: frozenset[str] = frozenset(),
    ) -> None:
        # ``optional``: groups that count when a text holds them and are not missed when it does
        # not (the kind of thing asked for: "Vilket revisionsföretag …?" is answered by "Azets").
        self.optional = optional
        self.groups = [[stems(alt) or words(alt) for alt in g] for g in groups]
        self.originals = [[a.lower() for a in g] for g in groups]
        self.weights = []
        for g, orig in zip(self.groups, groups, strict=True):
            # An English word kept beside its translation ("incidents") does not set the weight.
            ws = [max((lex.idf(s) for s in alt), default=0.0) for alt, o in zip(g, orig, strict=True)
                  if alt and o not in loanwords]  # fmt: skip
            self.weights.append(max(ws, default=0.0))

    @staticmethod
    def _stem_in(stem: str, text_stems: frozenset[str], text_words: tuple[str, ...]) -> bool:
        if stem in text_stems:
            return True
        digit = _NUMBER_WORDS.get(stem)
        if digit is not None:  # "fyra rubriker" ~ "4 rubriker", "4" ~ "fyra"
            return digit in text_stems or any(_NUMBER_WORDS.get(t) == digit for t in text_stems)
        if stem.isdigit():
            return any(_NUMBER_WORDS.get(t) == stem for t in text_stems)
        if len(stem) >= 4 and any(stem in t for t in text_stems if len(t) > len(stem)):
            return True
        # "planerat" ~ the column "Plan 2028", "budgeterat" ~ "Budget": the text's word is the stem
        # of the question's.
        if any(len(t) >= 4 and stem.startswith(t) and len(stem) - len(t) <= 4 for t in text_stems):
            return True
        # A compound asked for whose parts the text names apart: "kulturbussprojektet" ~
        # "Kulturbuss … projektet", "kommunledningsförvaltningen" ~ "kommunledning … förvaltningen".
        if len(stem) >= 9:
            for t in text_stems:
                if len(t) >= 4 and stem.startswith(t):
                    rest = stem[len(t) :]
                    rest = rest[1:] if rest.startswith("s") and len(rest) > 4 else rest
                    if len(rest) >= 4 and any(
                        u.startswith(rest) or (len(u) >= 4 and rest.startswith(u) and len(rest) - len(u) <= 3)
                        for u in text_stems
                    ):
                        return True
        if len(stem) >= 6:
            grams = set(ngrams(stem))
            for w in text_words:
                if len(w) >= 5:
                    common = len(grams & set(ngrams(w)))
                    if common / len(grams) >= NGRAM_SHARE:
                        return True
        return False

    def coverage_of(self, term: str, text: str) -> float:
        """1.0 when the text holds ``term`` (or its translation/expansion in the question's groups)."""
        terms = _text_terms(text)
        alts = [g for g, orig in zip(self.groups, self.originals, strict=False) if term.lower() in orig]
        alts = alts or [[stems(term) or words(term)]]
        return 1.0 if any(self._group_in(g, *terms) for g in alts) else 0.0

    def _group_in(self, group: list[list[str]], t_stems: frozenset[str], t_words: tuple[str, ...]) -> bool:
        """Does the text hold one of the group's alternatives (every stem of it)?"""
        return any(alt and all(self._stem_in(s, t_stems, t_words) for s in alt) for alt in group)

    def held_groups(self, text: str) -> set[int]:
        """The indices of the question's terms the text holds."""
        terms = _text_terms(text)
        return {n for n, g in enumerate(self.groups) if self._group_in(g, *terms)}

    def discounted(self, factors: list[float], optional: frozenset[int] | None = None) -> TermMatcher:
        """The same matcher with each term's weight multiplied by its factor (and these terms
        optional, when given)."""
        other = copy.copy(self)
        other.weights = [w * f for w, f in zip(self.weights, factors, strict=True)]
        if optional is not None:
            other.optional = optional
        return other

    def held(self, text: str) -> int:
        """How many of the question's terms the text holds."""
        return len(self.held_groups(text))

    def coverage(self, text: str) -> float:
        """The share of the question's (weighted) terms the text holds."""
        return self.coverage_of_held(self.held_groups(text))

    def coverage_of_held(self, held: set[int], excused: set[int] | frozenset[int] = frozenset()) -> float:
        """The share of the question's weight in the terms ``held`` (from ``held_groups``); an
        optional term not held is not missed, nor is an ``excused`` one."""
        total = 0.0
        got = 0.0
        for n, w in enumerate(self.weights):
            if n in held:
                got += w
                total += w
            elif n not in self.optional and n not in excused:
                total += w
        return got / (total or 1.0)


_MONTHS_ONLY = "|".join(SWEDISH_MONTHS)
_SEASONS = "våren|hösten"
_MONTHS = f"{_MONTHS_ONLY}|{_SEASONS}|början|slutet"
# A month or season names a time; "början" and "slutet" only as "i början av …", "i slutet på …"
# ("slutet sällskap" is a closed party, no time).
_TIME_WORD_RE = re.compile(rf"\b({_MONTHS_ONLY}|{_SEASONS})\b|\b(början|slutet)\s+(av|på)\b", re.I)
# The English month names spelled otherwise than the Swedish ones (april, september, november and
# december are the same; "may" is read as a month only after a day: "23 May").
_MONTHS_EN = "january|february|march|may|june|july|august|october"
# What kind of value the question asks for. A sentence without such a value does not answer it,
# however many of the question's words it holds.
_HOW_MANY = re.compile(
    r"\b(hur (många|mycket|stor\w*|hög\w*|lång\w*|låg\w*)|antal\w*|vilket belopp|kosta|kostar|kostade|"
    # ("Vilket pris …?", "pris per timme": a price; "Länsstyrelsens pris för ungas engagemang" is a prize.)
    r"kostat|costs?|(vilket|vad (är|var|blir|blev)|till vilket) pris\w*|pris(et)? per|price|"
    r"how (many|much|large|big|high|long)|number of|what amount|"
    r"roughly what|"
    # "Vilken åldersgrupp …?", "At what age …?": an age is a figure ("13–25 år").
    r"(vilken|which|what|at what)\s+(ålder\w*|åldersgrupp\w*|age( group)?s?)|how old|hur gam(mal|la)|"
    # "Vilken budget …?", "Vad blev underskottet?", "What budget …?": a figure is asked for.
    # ("resultat", "avvikelse" are left out: an audit's result or deviation is said in words.)
    r"(vilke[tn]|vad (är|var|blev|blir)|what( is| was| will be)?( the)?) (budget|kostnad|utfall|prognos|"
    r"överskott|underskott|intäkt|nettokostnad|deficit|surplus|forecast)\w*|"
    # "Vilken skattesats …?", "Vilken borgensavgift …?", "Vilket belopp …?", "Vilken årshyra …?",
    # "Vilket värde …?": a rate, a fee, a sum, a rent or a value is a figure, also in a compound
    # ("värde", "hyra": tune one wrong answer withheld, unseen one unanswerable question more).
    r"(vilke[tn]|what)\s+([\wåäö]*(ränta|räntan|avgift|avgiften|belopp|beloppet|hyra|hyran|värde|värdet)|"
    r"(skatte|procent|ränte)sats(en)?|(interest\s+|tax\s+)?rate|fee|rent|value))\b",
    re.I,
)
# "Vilket resultat redovisade nämnden 2025?": a financial result reported or forecast for a year is
# a figure (an audit's "resultat" said in words is asked without them).
_RESULT_FIGURE_RE = re.compile(
    r"\b(vilke[tn]|vad (är|var|blev|blir)|what( is| was| will be)?( the)?)\s+(\w+\s+)?(resultat\w*|results?)\b"
    r"(?=.*\b(redovis\w*|prognos\w*|budget\w*|report\w*|forecast\w*|(19|20)\d\d)\b)",
    re.I,
)
# "Hur stor andel …?", "What share …?": a share, stated as a percentage or a fraction. The share
# word is the head of its compound ("kostnadsandelen"); in "andelskapital" it is not.
_SHARE = re.compile(
    r"\b((?:\w+s)?andel(?:en|ar|arna)?|procent\w*|share|percentage|proportion|per ?cent)\b", re.I
)
_SHARE_IN_RE = re.compile(
    r"%|\b(procent\w*|percent|hälften|halva|tredjedel\w*|fjärdedel\w*|var (annan|tredje|fjärde|femte)|"
    r"\d+ av \d+)\b",
    re.I,
)
# "När räknas en bisyssla som konkurrerande?", "When is a cost counted as …?": a condition, not a time.
_WHEN_CONDITION_RE = re.compile(
    r"\bnär\s+(räknas|anses|bedöms|betraktas|klassas|klassificeras|definieras|räknar)\b|"
    r"\bwhen\s+(is|are|does|do)\b.*\b(considered|counted|regarded|deemed|classified|defined|count)\b",
    re.I,
)
# A day asked for: "Vilket datum …?", also by a compound ending in -datum ("Vilket startdatum …?",
# "Which start date …?").
_DAY_ASKED = (
    "vilket datum|vilka datum|vilken dag|what date|which date|which day|what day|vilket [a-zåäö]{3,}datum|"
    "(?:what|which) (?:start|starting|end|closing|decision|effective) date"
)
_WHEN = re.compile(
    rf"\b(när|vilket år|{_DAY_ASKED}|vilken (dag|månad|tidpunkt)|sedan när|till när|tidsplan\w*|tidplan\w*|"
    r"deadline|due date|when|(what|which) (year|date|time|day|month)|vilken tid|hur dags|"
    r"until when|by when|från vilket år|mellan vilka datum|(which|what) dates|between which dates|"
    r"vilken (tids)?period|(which|what) (time )?period)\b",
    re.I,
)
# "Hur länge beviljas bidraget?", "How long …?": a span of time ("ett år i taget", "tre månader").
_HOW_LONG = re.compile(
    r"\b(hur länge|hur lång tid|under hur lång\w* tid|how long|for how many|"
    # "Inom hur många dagar …?", "How many weeks …?": a count of time is a span of it.
    r"(hur många|how many)\s+(dagar|veckor|månader|år|timmar|minuter|days|weeks|months|years|hours|minutes)|"
    # "Inom vilken tid …?", "Within what time must …?": the time allowed, not a point in time.
    r"(inom|within)\s+(vilken|what|which)\s+(tid|tidsfrist|frist|period|time|deadline|time limit|timeframe))\b",
    re.I,
)
# "Hur ofta …?", "How often …?": a frequency ("årligen", "vart tredje år", "en gång per år").
_HOW_OFTEN = re.compile(r"\b(hur ofta|how often|how frequently|med vilken (frekvens|regelbundenhet))\b", re.I)
_PERIOD = (
    r"år|året|månad|månaden|vecka|veckan|kvartal|kvartalet|termin|terminen|dag|dygn|mandatperiod|tertial"
)
_FREQUENCY_IN_RE = re.compile(
    r"\b(årligen|årsvis|månadsvis|kvartalsvis|veckovis|halvårsvis|tertialvis|dagligen|löpande|kontinuerligt|"
    r"regelbundet|årlig\w*|månatlig\w*|"
    rf"(varje|varannan|vartannat|vart \w+e|var \w+e|per|en gång (per|i|om))\s+({_PERIOD})|"
    r"(\d+|en|ett|två|tre|fyra|fem|sex)\s+(\(\d+\)\s+)?gång(er)?\b|"
    r"annually|yearly|monthly|quarterly|weekly|daily|(once|twice|\w+ times) (a|an|per|every) \w+|"
    r"every (other |second |third |fourth |fifth |\d+ )?(years?|months?|weeks?|days?|quarters?|terms?))\b",
    re.I,
)
# The Swedish number words above one ("tre instruktörer", "fyra år").
_COUNT_WORDS = "två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv"
_DURATION_IN_RE = re.compile(
    rf"\b(\d+|en|ett|{_COUNT_WORDS}|ett par|några|one|two|three|four|five|"
    r"six|a)\s+(?:\(\d+\)\s+)?(år|månad\w*|vecko?r?\w*|dag\w*|dygn|timm\w*|minut\w*|years?|months?|weeks?|days?|hours?)\b|"
    r"\b(tills vidare|årsvis|årligen|per år|permanent\w*|until further notice)\b",
    re.I,
)
# "Vilken adress …?", "What is the address …?": a street and number, or a postcode. The English
# verb ("To which bodies does the review address its recommendations?") asks for no address.
_ADDRESS_Q_RE = re.compile(
    r"\b(adress\w*|gatuadress\w*)\b|"
    r"\b(?:the|what|which|its|their|an|postal|street|visiting|mailing|home|office)\s+address(?:es)?\b|"
    r"\baddress(?:es)?\s+(?:of|for|to)\b",
    re.I,
)
# A building's or a road's size asks for a measure in its unit: "Hur hög nockhöjd …?", "What
# building height (byggnadshöjd) …?" in metres, "What gross floor area (bruttoarea) …?" in square
# metres; "830 kvm" or "sju våningsplan" answers no height.
_DIMENSION_Q = (
    (
        "length",
        # a lower-case noun: "nockhöjd", "byggnadshöjden" (not the place "Furuhöjd"); "hur hög" alone
        # asks for a rate or a fee as often ("Hur hög var frisknärvaron?")
        re.compile(r"\b[a-zåäö]*(höjd|längd|bredd)(en)?\b|\b(?i:height|width|how (high|tall|wide|deep))\b"),
    ),
    (
        "area",
        re.compile(
            r"\b\w+area(n)?\b|\bhur stor (yta|area)|\b(floor|gross|total|land|usable) area\b|\bsquare met|"
            # "Hur stort är planområdet?", "How large is the plan area?": a size in hectares or m².
            r"\bhur stort? (är|blir|var) (det |\w+ )?[\wåäö]*området\b|\bhow (large|big) is the (\w+ )?(plan |planning )?area\b",
            re.I,
        ),
    ),
)
# The units a measure is written in (the same lists read a size the question gives, _MEASURE_Q_RE).
_LENGTH_UNITS = r"m|meter|meters|metres?|km|kilometer|kilomet(?:re|er)s?"
_AREA_UNITS = r"kvm|m2|m²|kvadratmeter|square met(?:re|er)s?|ha|hektar|hectares?|km2|km²"
_DIMENSION_IN = {
    "length": re.compile(rf"\d\s*(?:{_LENGTH_UNITS})\b", re.I),
    "area": re.compile(rf"\d\s*(?:{_AREA_UNITS})(?!\w)", re.I),
}
# "Vilket telefonnummer …?", "What is the phone number …?": digits to dial ("114 14",
# "0322-61 60 00", "+46 8 695 60 00"), not a sentence that speaks of a number.
_PHONE_Q_RE = re.compile(r"\b(\w*telefonnummer\w*|(?:tele)?phone numbers?|telephone)\b", re.I)
_PHONE_IN_RE = re.compile(r"(?<![\d,.])(?:\+46\s?|0)\d{1,3}[\s-]?\d{2,3}(?:\s?\d{2}){1,3}\b|\b\d{3}\s\d{2}\b")
_ADDRESS_IN_RE = re.compile(
    r"\b[A-ZÅÄÖ][\wåäö-]*(gatan|gata|vägen|väg|gränd|torget|torg|allén|plan|stigen|leden|backen|street|road)\s+\d+|"
    r"\b\d{3} ?\d{2}\s+[A-ZÅÄÖ]",
)
# "Vilket datum i december …?", "On what date in March …?": the month is given, the day is asked.
# "Vilket datum …?", "On what date …?": a day is asked for.
# (A month in a date the question gives, "… minutes of 16 June 2026", is not the month asked about.)
_WHICH_DAY_RE = re.compile(rf"\b({_DAY_ASKED})\b.*\b(?<!\d )(?<!\d\. )({_MONTHS_ONLY}|{_MONTHS_EN})\b", re.I)
# "Vilken kommun …?", "Which company …?": a body, a place or a firm by its name.
_WHICH_BODY_RE = re.compile(
    r"\b(vilken|vilket|vilka|which)\s+(kommun|kommuner|stad|region|bolag|företag|organisation\w*|myndighet\w*|"
    r"revisionsföretag\w*|revisionsbyrå\w*|konsult\w*|municipality|municipalities|company|companies|firm|"
    r"audit firm|agency|authority|leverantör\w*|entreprenör\w*|byrå\w*|domstol\w*|förening\w*|"
    r"supplier|suppliers|contractor|contractors|consultant|consultancy|court|association)\b",
    re.I,
)
_WHO = re.compile(r"\b(vem|vilka personer|vad heter|who|whom|what is the name of|what's the name of)\b", re.I)
# "Vilken leverantör …?", "Vilket revisionsföretag …?", "Which architect firm …?": a company, by its
# name ("Livetec AB", "Leverantören Miljödata"); not the kommun, a body or what the company did.
_COMPANY_NOUNS_SV = r"\w*bolag|\w*företag|\w*byrå|konsult\w*|\w*leverantör|entreprenör\w*|\w*firma"
_COMPANY_Q_RE = re.compile(
    r"\b(?:vilken|vilket|vilka|which|what)\s+(?:(?!and\b|och\b)[\w-]+\s+)?"
    rf"(?:{_COMPANY_NOUNS_SV}|companies|company|firms?|suppliers?|contractors?|consultants?|consultancy|"
    r"vendors?)\b",
    re.I,
)
# A company named after the word that says it is one: "Leverantören Miljödata", "bolaget Higab".
_COMPANY_NAMED_RE = re.compile(
    rf"\b(?i:{_COMPANY_NOUNS_SV})(?:en|et|n)?\s+(?P<name>[A-ZÅÄÖ][\w&.-]*(?:\s+[A-ZÅÄÖ][\w&.-]*){{0,2}})"
)
# "Vad är Kraftbudet?", "Vad är Mina planer för något?", "What is the participant council?"
_WHAT_IS = re.compile(
    r"^\s*(vad är|vad innebär|vad betyder|what is|what are|what's)\s+(the\s+|an?\s+)?(?P<term>[^?]+?)"
    r"(\s+för (något|nåt|slags?\s+\w+))?\s*\??\s*$",
    re.I,
)
_MONTH_ABBR = r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
# A day's date as an ISO date ("2025-04-22") or as a table's column name ("240425", yymmdd).
_ISO_DAY = r"\b\d{4}-\d{1,2}-\d{1,2}\b"
_YYMMDD = r"\b\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b"
_DATE_PARTS_RE = re.compile(
    rf"\b\d{{1,2}}\s+(?:{_MONTHS_ONLY}|(?:{_MONTH_ABBR})\b\.?)\b|\b\d+:\d+\b|\b\d{{1,3}}\s?\(\d{{1,3}}\)(?=\s*(?:[–-]\s|$))|{_ISO_DAY}|{_YYMMDD}|§§?\s*\d+(?:\s*[-–]\s*\d+)?|"
    r"\b(?:s|sid|sidan|page|p)\.?\s*\d+\b|"
    # A statute's chapter and paragraph ("2 kap. 36 §", "(2010:800)") is a reference, no figure.
    r"\b\d+\s*kap\b\.?|\b\d+\s*§|"
    # A pointer to another part of the text ("se avsnitt 6.5", "bilaga 2") is no figure either.
    r"\b(?:avsnitt\w*|kapitel\w*|bilag\w*|section|chapter|appendix|annex)\s+\d+(?:\.\d+)*",
    re.I,
)
# The number of a section or an activity at the start of a line ("3.4 ”lånecyklar” pendelprojekt",
# "2.3.10 Antal övertidstimmar") is no figure.
_OUTLINE_NO_RE = re.compile(
    r"^\s*\d{1,2}(?:\.\d{1,2}){1,3}\.?:?\s+(?=\D)|"
    # A footnote's number before its text ("1 Elever i förskoleklassen, …") is no figure either.
    r"^\s*\d{1,2}\s+(?=[A-ZÅÄÖ][a-zåäö])|"
    # Nor is a point's number in a list run into a sentence ("beslutar att 1. godkänna …").
    r"(?<![\w,.])\d{1,2}\.\s+(?=[a-zåäö]{2,})",
    re.M,
)
_DATE_RE = re.compile(r"\b(19|20)\d\d\b|\b\d{1,2}/\d{1,2}\b")
# A time of day answers "när / until what time" too: "klockan 23.00", "kl. 9", "08:30".
_CLOCK_RE = re.compile(r"\b(?:klockan|kl\.?)\s*\d{1,2}(?:[.:]\d\d)?\b|\b\d{1,2}:\d\d\b", re.I)
# "Vilket datum …?", "On what date …?": the answer names a day ("den 17 oktober 2023",
# "2023-10-17", "17/10", a table's "261001"), not a year or a period.
_DATE_ASKED_RE = re.compile(rf"\b({_DAY_ASKED})\b", re.I)
_DAY_DATE_RE = re.compile(
    rf"\b(?:\d{{1,2}}|första|sista|\d:[ae])\s*(?:{_MONTHS_ONLY}|{_MONTHS_EN}|(?:{_MONTH_ABBR})\b\.?)|"
    rf"\b(?:{_MONTHS_EN}|april|september|"
    rf"november|december)\s+\d{{1,2}}\b|{_ISO_DAY}|\b\d{{1,2}}/\d{{1,2}}\b|{_YYMMDD}",
    re.I,
)
# A figure with a unit of time or of money after it: "fyra år", "tre månader", "3 000 tkr", "12 %".
_NOT_A_COUNT_RE = re.compile(
    rf"\b(?:\d[\d  ,.]*|en|ett|{_COUNT_WORDS})\s*"
    r"(?:år|månad\w*|vecko?r?|veckan|dag\w*|timm\w*|minut\w*|kr\b|kronor|tkr|mnkr|mdkr|miljon\w* kronor|%|procent)",
    re.I,
)
# A figure the text says is missing: "data saknas för 2025", "uppgift saknas", "no data".
_NO_DATA_RE = re.compile(
    r"\b(data|uppgift\w*|statistik|siffr\w*|underlag)\s+saknas\b|\bsaknas\s+(data|uppgift\w*|statistik)\b|"
    r"\bno data\b|\bnot available\b",
    re.I,
)
# The first words of Swedish place names ("Norra Västby", "Lilla Edet", "Nya Skolan"): no one's name.
_PLACE_WORDS = frozenset({
    "norra", "södra", "östra", "västra", "nordöstra", "nordvästra", "sydöstra", "sydvästra", "nya", "gamla",
    "stora", "lilla", "övre", "nedre", "inre", "yttre", "mellersta", "sankt",
})  # fmt: skip
_PERSON_RE = re.compile(r"\b([A-ZÅÄÖ][a-zåäöéü][\wåäöéü-]*)\s+([A-ZÅÄÖ][a-zåäöéü][\wåäöéü-]*)")
_NAME_IN_RE = re.compile(r"(?<!^)(?<![.:!?] )\b[A-ZÅÄÖ][\wåäöÅÄÖ-]+")
_CAPITAL_WORD_RE = re.compile(r"[A-ZÅÄÖ][\wåäöÅÄÖ-]+\b(?!:)")


# A second question inside the question: "…, och vilket datum?", "… and what is the deadline?"
_SECOND_ASK_RE = re.compile(
    r"(,|\boch|\bsamt|\band)\s+((?:till|för|från|med|av|to|for|from|with|by)\s+)?"
    r"(vilk\w+|vad|vem|när|hur|var|what|who|whom|when|how|which|where)\b|\brespektive\b",
    re.I,
)


# Who holds an office: the answer names a person ("Carl-Göran Svensson (C)"), not the office again.
_ROLE_RE = re.compile(
    r"\b(\w*chef\w*|ordförande\w*|\w*direktör\w*|sekreterare\w*|justera\w*|handläggare\w*|kontaktperson\w*|"
    r"\w*ledare\w*|\w*utvecklare\w*|\w*samordnare\w*|\w*strateg|\w*strategen|rektor\w*|kommunalråd\w*|"
    r"\w+ansvarig\w*|\w*författare\w*|\w*inspektör\w*|"
    r"chair\w*|director|head of|secretary|manager|project lead\w*|coordinator|strategist|principal)\b",
    re.I,
)
_DNR_WORDS = r"diarienummer\w*|dnr|ärendenummer\w*|case number|reference number"
_DNR_Q_RE = re.compile(rf"\b({_DNR_WORDS})\b", re.I)
# "Vilket organisationsnummer har …?": a Swedish organisation number, "556662-4507".
_ORGNR_Q_RE = re.compile(
    r"\b(organisationsnummer\w*|org\.?\s?nr|orgnr|organi[sz]ation(al)? numbers?|"
    r"(corporate|company) (identity|registration) numbers?)\b",
    re.I,
)
_ORGNR_RE = re.compile(r"\b\d{6}-\d{4}\b")
# (A day in ISO form, "2026-05-18", is a date, not a case number.)
_DNR_RE = re.compile(
    r"(?<![\d./-])\b\d{4}[./-]\d{1,6}\b(?![./-]\d)|\b[A-ZÅÄÖ]{2,}[- ]\d{4}[-/]\d{2,6}\b(?![./-]\d)|\bDnr\b",
    re.I,
)
_MONTH_NO = {m: i for i, m in enumerate(_MONTHS_ONLY.split("|"), 1)}
_MONTH_NO.update({m: no for m, no in zip(_MONTHS_EN.split("|"), (1, 2, 3, 5, 6, 7, 8, 10), strict=True)})


def _asks_when(question: str, m: re.Match[str]) -> bool:
    """A bare "när" / "when" asks for a time where it opens the question (or its second part);
    inside a question that asks something else it says when that holds ("Which discount rate does
    Sweco use when calculating …?")."""
    if m.group(0).lower() not in ("när", "when"):
        return True
    return bool(re.search(r"(^\W*(\w+\W+)?|\b(och|and|samt|or|eller)\W+|,\s*)$", question[: m.start()]))


# "Vilken status har rekommendationen …?", "What status does … have?": a follow-up table's or an
# action plan's status word answers, over a sentence that repeats what the recommendation says.
# "Vad är status för åtgärd 3?", not "… to assess the financial status of a company".
_STATUS_Q_RE = re.compile(
    r"\b(vilken status|what(?:'s| is)? (?:the )?status|(?:vad|hur|what)\W+(?:\w+\W+){0,3}status (?:of|för|på))\b",
    re.I,
)
_STATUS_IN_RE = re.compile(
    r"\b(pågående|pågår|(?:ej |inte |delvis )?(?:påbörjad|påbörjat|åtgärdad|åtgärdat|genomförd|genomfört|"
    r"uppfylld|uppfyllt|beaktad|beaktat)|avslutad|avslutat|klar|klart|ongoing|completed|not started)\b",
    re.I,
)


def wanted_kind(question: str) -> str | None:
    """'share', 'number', 'duration', 'frequency', 'date', 'day', 'address', 'phone', 'name', 'dnr',
    'orgnr' or 'status' (or a building's measure, ``_DIMENSION_Q``) when the question asks for one;
    None otherwise."""
    if _DNR_Q_RE.search(question):
        return "dnr"
    if _ORGNR_Q_RE.search(question):
        return "orgnr"
    if _ADDRESS_Q_RE.search(question):
        return "address"
    if _PHONE_Q_RE.search(question):
        return "phone"
    if _WHICH_DAY_RE.search(question):
        return "day"
    if _HOW_LONG.search(question):
        return "duration"
    if _HOW_OFTEN.search(question):
        return "frequency"
    when = _WHEN.search(question)
    if when and not _WHEN_CONDITION_RE.search(question) and _asks_when(question, when):
        return "date"
    if _SHARE.search(question):
        return "share"
    if not _COUNTED_RE.search(question):
        for kind, asked in _DIMENSION_Q:
            if asked.search(question):
                return kind
    if _HOW_MANY.search(question) or _RESULT_FIGURE_RE.search(question):
        return "number"
    if _WHO.search(question) or _WHICH_BODY_RE.search(question) or _COMPANY_Q_RE.search(question):
        return "name"
    if _STATUS_Q_RE.search(question):
        return "status"
    return None


# A document's date and its diarienummer asked for together, by two nouns under one question word:
# "What is the date and diarienummer of …?", "Vilket diarienummer och datum har …?" ask two things.
_DATE_NOUN = r"datum|datumet|date"
_DATE_AND_DNR_RE = re.compile(
    rf"\b(?:{_DATE_NOUN}|(?P<dnr>{_DNR_WORDS}))\s+(?P<and>och|and|samt)\s+(?:(?:the|its|vilket|what)\s+)?"
    rf"(?(dnr)(?:{_DATE_NOUN})|(?:{_DNR_WORDS}))\b",
    re.I,
)
_CONJUNCTION_RE = re.compile(r"\b(?:och|and|samt)\b", re.I)


def second_ask(question: str) -> re.Match[str] | None:
    """Where a question asking two things asks its second ("…, och vilket datum?"). A lead-in
    before the comma asks nothing: "According to the annual report, how many …?" is one ask."""
    m = _SECOND_ASK_RE.search(question)
    if m and QUESTION_WORD_RE.search(question[: m.start()]):
        return m
    pair = _DATE_AND_DNR_RE.search(question)
    return _CONJUNCTION_RE.search(question, pair.start("and")) if pair else None


def asked_kinds(question: str) -> set[str] | None:
    """The kinds of value a question asks for, or None when any text may answer. "Hur många
    personer fick bidraget och hur mycket betalades ut?" asks for figures in both of its parts;
    "Vem antog planen, och vilket datum?" for a name or a date; when one part asks for no kind of
    value ("… och varför?"), nothing is required."""
    m = second_ask(question)
    if not m:
        kind = wanted_kind(question)
        return None if kind is None else {kind}
    pair = _DATE_AND_DNR_RE.search(question)
    if pair and m.start() == pair.start("and"):  # "the date and diarienummer"
        return {"date", "dnr"}
    kinds = {wanted_kind(question[: m.start()]), wanted_kind(question[m.start() :])}
    return None if None in kinds else kinds  # type: ignore[return-value]


# A numbered heading or item that opens a sentence ("Rekommendation 4: Säkerställa att …", "Mål 2.
# Ökad trygghet", "Bilaga 1 –") numbers it; it counts nothing.
_LABEL_NO_RE = re.compile(r"^\s*[A-ZÅÄÖ][a-zåäö]{2,}\s+\d{1,2}(?:\.\d{1,2})*\s*[:.–-](?=\s)")


# An organisation number, an international telephone number, a postcode with its country or a
# reference to a table or a figure, a number after "nummer" or "nr" ("RegNo 556767-9849", "Telefon
# +46 (0) 8 695 60 00", "SE 10026 Stockholm", "Tabell 1", "Uppdragsnummer: 30092089", "uppdrag
# (nr 11)") identifies; it measures nothing.
_IDENTIFIER_RE = re.compile(
    rf"{_ORGNR_RE.pattern}|\+\d{{2}}\s?(?:\(0\)\s?)?\d[\d ]{{5,}}\d|\bSE-?\s?\d{{3}}\s?\d{{2}}\b|"
    r"\b(?:tabell|figur|diagram|bilaga|table|figure|appendix)\s+\d+(?:\.\d+)*\b|"
    r"\b[^\W\d_]*(?:nummer|nr|number|no)\b\.?:?\s*(?:[A-ZÅÄÖ]{1,5}[\s-]?)?\d[\d/.-]*\b",
    re.I,
)


def figures_in(sentence: str, question: str = "") -> list[str]:
    """The numbers of a sentence that may answer "how many / how much": not a year, not an
    identifier (``_IDENTIFIER_RE``), not a date's day ("den 22 april 2025", "2025-04-22"), not a §
    or page reference, not the number of a heading or item ("Rekommendation 4:"), and not a number
    the question names itself ("… på Gjutaren 23", "upp till 3 kubikmeter"): that one says what is
    asked about, not how many."""
    text = _DATE_PARTS_RE.sub(" ", _OUTLINE_NO_RE.sub(" ", _LABEL_NO_RE.sub(" ", sentence)))
    text = _IDENTIFIER_RE.sub(" ", text)
    asked = set(numbers_in(question)) if question else set()
    return [n for n in numbers_in(text) if not re.fullmatch(r"(19|20)\d\d", n) and n not in asked]


def holds_kind(
    kind: str | None,
    sentence: str,
    question: str,
    common: Callable[[str], bool] | None = None,
    counts_one: Callable[[str], bool] | None = None,
    own_years: bool = True,
    companies: frozenset[str] = frozenset(),
) -> bool:
    """Does the sentence hold a value of the kind the question asks for? ``common``: do the
    documents write a word in lower case (then it is no person's name)? ``counts_one``: does a
    sentence say "one" of what a "hur många X" question counts ("i ett fall")? ``own_years``: does
    a year the question gives itself count as a time the sentence gives (False for the score's
    bonus and the re-ranker: "i 2025 års enkät" asks about that year, not when)? ``companies``:
    the companies the documents name with their legal form (``Snapshot.companies``)."""
    if kind is None:
        return True
    sentence = STATUTE_RE.sub(" ", sentence)
    if kind in ("number", "share") and _NO_DATA_RE.search(sentence):
        return False  # "Antal obehöriga förskollärare (data saknas för 2025)"
    if kind == "number":
        if _COUNTED_RE.search(question) and not _MONEY_Q_RE.search(question):
            # "Hur många skolbibliotek …?" is not answered by "fyra år" nor by "3 000 tkr": a count
            # of time or an amount of money counts no things.
            sentence = _NOT_A_COUNT_RE.sub(" ", sentence)
        return (
            bool(figures_in(sentence, question))
            or bool(re.search(rf"\b({_COUNT_WORDS}|hälften|halva|miljon\w*)\b", sentence, re.I))
            or (counts_one is not None and counts_one(sentence))
        )
    if kind == "share":
        return bool(_SHARE_IN_RE.search(sentence))
    if kind == "date":
        if _DATE_ASKED_RE.search(question):  # "Vilket datum …?": a day, not a year or a period
            return bool(_DAY_DATE_RE.search(sentence))
        # Without ``own_years``, a year the question gives is what it asks about, not when ("När
        # samlade förvaltningen in enkätsvaren i 2025 års enkät?"): a sentence that only repeats it
        # ("Under år 2025 har förvaltningen samlat in enkätsvar") gives no time.
        given = set() if own_years else set(re.findall(r"\b(?:19|20)\d\d\b", question))
        dated = any(m.group(0) not in given for m in _DATE_RE.finditer(sentence))
        return bool(
            dated
            or _DAY_DATE_RE.search(sentence)
            or _CLOCK_RE.search(sentence)
            or _TIME_WORD_RE.search(sentence)
        )
    if kind == "day":  # the day of the month asked: "den 15 december", "2025-12-15"
        m = _WHICH_DAY_RE.search(question)
        no = _MONTH_NO.get(m.group(2).lower()) if m else None
        if no is None:
            return bool(re.search(rf"\b\d{{1,2}}\s+({_MONTHS_ONLY})|\b\d{{4}}-\d\d-\d\d\b", sentence, re.I))
        name = _MONTHS_ONLY.split("|")[no - 1]
        return bool(
            re.search(rf"\b\d{{1,2}}\s+({name}|{name[:3]}\b)|\b\d{{4}}-0?{no}-\d\d\b", sentence, re.I)
        )
    if kind == "address":
        return bool(_ADDRESS_IN_RE.search(sentence))
    if kind == "phone":
        return bool(_PHONE_IN_RE.search(sentence))
    if kind in _DIMENSION_IN:
        return bool(_DIMENSION_IN[kind].search(sentence))
    if kind == "status":
        return bool(_STATUS_IN_RE.search(sentence))
    if kind == "duration":  # a span, or the date it lasts until ("till och med 2026-12-31")
        return bool(_DURATION_IN_RE.search(sentence) or _DATE_RE.search(sentence))
    if kind == "dnr":
        return bool(_DNR_RE.search(sentence))
    if kind == "orgnr":
        return bool(_ORGNR_RE.search(sentence))
    if kind == "frequency":
        return bool(_FREQUENCY_IN_RE.search(sentence))
    asked = {w.lower() for w in re.findall(r"[\wåäöÅÄÖ-]+", question)}
    if _COMPANY_Q_RE.search(question):
        return _names_company(sentence, asked, companies)
    stop = stopwords_sv()
    # A form field's value names its thing first in its line ("Kund: Alingsås kommun",
    # "Antagen av: Koncernchefsgruppen"): a capitalised word there is a name, not a sentence's start.
    field = FIELD_RE.match(sentence)
    value_at = len(sentence) - len(sentence[field.end() :].lstrip()) if field else None
    caps = [
        m
        for m in (
            *_NAME_IN_RE.finditer(sentence),
            *([_CAPITAL_WORD_RE.match(sentence, value_at)] if value_at is not None else []),
        )
        if m is not None and m.group(0).lower() not in asked and m.group(0).lower() not in stop
    ]
    if not _ROLE_RE.search(question):
        # "Med vem samarbetar …?", "Vem antog planen?": a body or a place will do, also a body or a
        # role the sentence names first or in lower case ("Kultur- och utbildningsförvaltningen
        # har … ansvar", "Det är förundersökningsledaren som beslutar …").
        return bool(caps) or any(
            m.group(0).lower() not in asked
            for m in (*_BODY_RE.finditer(sentence), *_ROLE_RE.finditer(sentence))
        )
    # "Vem är förvaltningschef?", "Vem var ordförande?": a person by name, "Carl-Göran Svensson (C)"
    # or "Inga-Lill Bjartén", also first in its line ("Jonas Ransgård: …"); not "Alingsås Södra"
    # nor "Verksamhetsutvecklare Datum", whose words the documents also write in lower case.
    if any(not m.group(0).isupper() and re.match(r"\s*\([A-ZÅÄÖ]{1,3}\)", sentence[m.end() :]) for m in caps):
        return True
    for m in _PERSON_RE.finditer(sentence):
        pair = {m.group(1).lower(), m.group(2).lower()}
        if not pair & asked and not pair & _PLACE_WORDS and not (common and any(common(w) for w in pair)):
            return True
    return False


def _names_company(sentence: str, asked: set[str], companies: frozenset[str]) -> bool:
    """Does the sentence name a company the question does not: with its legal form ("Livetec AB",
    "AB Alingsås Rådhus"), after a word that says it is one ("Leverantören Miljödata",
    "konsultföretaget Sweco"), or as one of the ``companies`` the documents name with its legal form
    elsewhere ("Azets" for "Azets Revision & Rådgivning AB")? Another capitalised word may be a
    place, a body, a person or an agreement ("… anlitar Alingsås kommun parkeringsvakter",
    "Bilersättningsavtal (BIA)")."""
    said = {w.lower() for w in re.findall(r"\b[A-ZÅÄÖ][\w-]+", sentence)}
    if (said & companies) - asked - stopwords_sv():
        return True
    for m in (*LEGAL_FORM_RE.finditer(sentence), *_COMPANY_NAMED_RE.finditer(sentence)):
        name = m.group("name") or m.groupdict().get("name2") or ""
        if {w.lower() for w in re.findall(r"[^\W\d_]{3,}", name)} - asked - {"aktiebolag"}:
            return True
    return False


def _counts_there(matcher: TermMatcher, counted: str, sentence: str, context: str) -> bool:
    """Does the sentence, read with its headings and its table's lead and column names
    (``context``), say what "hur många X" counts? The passage naming X in another sentence is not
    enough: "Kommunen har 40 anställda" counts no skolbibliotek."""
    return matcher.coverage_of(counted, f"{context} {sentence}") > 0


# "en" and "ett" are articles too ("Så snart en elev skrivs in …" counts no pupils): they count one
# after a preposition or a limiting word ("i ett fall", "endast en ansökan") or as "en (1)".
_ONE_RE = re.compile(
    r"(?:\b(?:i|på|vid|av|för|med|endast|bara|enbart|totalt|sammanlagt|ytterligare|minst|högst)\s+(?:en|ett)|"
    r"\b(?:en|ett)(?=\s+\(1\))|\b(?:one|a single))\s+(?:\(1\)\s+)?([\wåäöÅÄÖ-]{3,})",
    re.I,
)


def _one_counted(matcher: TermMatcher, counted: str, sentence: str) -> bool:
    """A count of one, said in words: "i ett fall" answers "I hur många fall …?" ("en" and "ett"
    are articles too, so only before the counted thing itself, matched as the question's term)."""
    return any(matcher.coverage_of(counted, m.group(1)) for m in _ONE_RE.finditer(sentence))


# "hur många besökare", "how many visitors": the counted thing must be in the answer too.
_COUNTED_RE = re.compile(
    r"\b(?:hur många|how many|antal(?:et)?|number of)\s+(?:\w+\s+)??([\wåäöÅÄÖ-]{4,})", re.I
)
# A table of contents' line ("3.3 Regionala mål ........ 11") points to the answer; it is none.
_TOC_RE = re.compile(r"\.{5,}|(?:\. ){4,}|…{2,}")
# A word of two letters or more ("kr" included): a line without one is a bare value.
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
# "… är den påbörjad eller avslutad?", "Is it planned or completed?"
_EITHER_OR_RE = re.compile(r"\b([\wåäöÅÄÖ-]{3,})\s+(?:eller|or)\s+([\wåäöÅÄÖ-]{3,})\s*\??\s*$", re.I)
_DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS}|{_MONTHS_EN})\b", re.I)


# A term the asker sets in brackets is the documents' own word for what is asked: "How many
# secondary employments (bisysslor) …?", "Vad är HME (hållbart medarbetarengagemang)?".
_BRACKETED_RE = re.compile(r"\(([^()]{3,60})\)")
# A bracketed phrase that starts with a capital or a digit is a name, a case number or a date.
_NAMELIKE_RE = re.compile(r"[A-ZÅÄÖ0-9]")


def _english_gloss(ctx: AskContext, phrase: str) -> bool:
    """Is a bracketed phrase of an English question an English gloss ("(medium-high
    probability)", "(share of the budget)"), not the documents' own word? It reads as English
    (``english_phrase``), or none of its words is in the documents and the glossary knows some of
    them as English."""
    if ctx.language != "en":
        return False
    if english_phrase(phrase):
        return True
    ws = words(phrase)
    return not any(stem(w) in ctx.snapshot.lex.df for w in ws) and any(
        ctx.glossary.translate_groups(w)[0] for w in ws
    )


def _bracketed_missing(ctx: AskContext, context: str, matcher: TermMatcher, opening: str = "") -> bool:
    """A word the question sets in brackets that the passage (read with its headings and its
    document) does not name. A case number or a date in brackets that the document's ``opening``
    gives ("(LOV 2026-000237)", "(2026-06-22)") names the document, not what is asked."""
    stop = stopwords_sv()
    text = context.lower()
    for m in _BRACKETED_RE.finditer(ctx.intent):
        phrase = m.group(1).strip()
        if _english_gloss(ctx, phrase):
            continue
        # A case number, a date or a name in brackets that the document's opening gives
        # ("(LOV 2026-000237)", "(SCB)", "(Erska 1:55 m.fl.)") says which document is asked about.
        if (
            opening
            and _NAMELIKE_RE.match(phrase)
            and (phrase.lower() in opening.lower() or matcher.coverage_of(phrase, opening))
        ):
            continue
        if phrase.lower() in text or matcher.coverage_of(phrase, context):
            continue  # "(eget kapital)" ~ "egna kapitalet", as the question's terms are matched
        for w in re.findall(r"[\wåäöÅÄÖ-]{3,}", phrase):
            low = w.lower()
            if low.isdigit() or low in stop or low in QUESTION_WORDS_EN:
                continue
            if low in text or matcher.coverage_of(w, context):
                continue
            if ctx.language == "en" and english_word(low):
                # "(mnkr per year)": an English word is looked for as the glossary translates it,
                # and one it does not know cannot be looked for at all.
                alternatives = ctx.glossary.alternatives(low)
                if not alternatives or any(matcher.coverage_of(a, context) for a in alternatives):
                    continue
            return True
    return False


def _counted_term(ctx: AskContext) -> str | None:
    """What "hur många X / how many X" counts, as the documents would write it."""
    question = ctx.intent
    m = _COUNTED_RE.search(question)
    if not m:
        return None
    term = m.group(1)
    if _SHARE.fullmatch(term):
        return None  # "hur många procent …?" asks for a share: "2,5 %" says it, not the word
    if ctx.language == "en":
        # "how many control areas": the phrase as the glossary has it, else its first word; a
        # counted thing the glossary does not know ("passengers") is looked for as it is.
        after = re.findall(r"[\w-]+", question[m.start(1) :])[:3]
        term = after[0] if after else term
        for n in range(len(after), 0, -1):
            translated, _ = ctx.glossary.translate_groups(" ".join(after[:n]))
            if translated:
                term = translated[0][0]
                break
    return term


def _counted_words(ctx: AskContext, counted: str | None) -> list[str]:
    """The words a sentence may count what "hur många X" asks about by (``counted``, from
    ``_counted_term``): X, and for a Swedish X in the form of an adjective ("Hur många privata
    utförare …?") also the word after it ("nio utförare hade avvikelser" counts them), unless that
    is a verb in the past ("Hur många förtroendevalda svarade …?")."""
    if counted is None:
        return []
    m = _COUNTED_RE.search(ctx.intent)
    if ctx.language != "sv" or m is None or not re.search(r"[^a]a$", counted):
        return [counted]
    after = re.match(r"\s+([\wåäöÅÄÖ-]{4,})", ctx.intent[m.end(1) :])
    if after is None or after.group(1).lower() in stopwords_sv() or re.search(r"(de|te)$", after.group(1)):
        return [counted]
    return [counted, after.group(1)]


# A size the question gives what it asks about ("en container på 40 kubikmeter", "up to 3 cubic
# metres", "lokaler om 500 kvm"): the figure names which thing is meant, so the passage answering
# must give it too ("Container 10 kubikmeter 2 300 kr" is another container's price).
_MEASURE_Q_RE = re.compile(
    rf"(?<![\d,.])(\d+(?:[,.]\d+)?)\s*(?:{_AREA_UNITS}|{_LENGTH_UNITS}|kubikmeter|m3|m³|cubic met\w+|liter|"
    # Not the "m" of "m.fl." ("Erska 1:55 m.fl."): no metres.
    r"litres?|liters?|kilo(?:gram)?|kg|ton|tonnes?|kwh|mwh|gwh|kw|mw)(?!\w)(?!\.\s?fl\b)",
    re.I,
)


def measures_missing(question: str, text: str) -> bool:
    """Is a size the question gives (``_MEASURE_Q_RE``) missing from the text?"""
    for m in _MEASURE_Q_RE.finditer(question):
        number = m.group(1).replace(".", ",")
        if not re.search(rf"(?<![\d,.]){re.escape(number)}(?![\d]|,\d)", text.replace(".", ",")):
            return True
    return False


def _specific_terms_missing(
    ctx: AskContext, sentence: str, matcher: TermMatcher, counted: str | None, opening: str = ""
) -> str:
    """What the question names that the passage does not say, as a reason ("" when it says all):
    what is counted (``counted``, read once by ``_counted_term``), a size, one of two alternatives,
    a day of a month, a bracketed term. A bracketed name, case number or date that the document's
    ``opening`` gives ("(LOV 2026-000237)"), and a day it gives, name the document, not what is
    asked."""
    question = ctx.intent
    if _bracketed_missing(ctx, sentence, matcher, opening):
        return "a bracketed name missing"
    if counted and matcher.coverage_of(counted, sentence) == 0:
        return "what is counted missing"
    if measures_missing(question, sentence):
        return "the measure missing"
    alt = _EITHER_OR_RE.search(question)
    # "… är den påbörjad eller avslutad?": the answer says which.
    if (
        alt
        and alt.group(2).lower() not in ("inte", "not", "ej")
        and not any(matcher.coverage_of(w, sentence) or w.lower() in sentence.lower() for w in alt.groups())
    ):
        return "neither alternative named"
    asked_days = _DAY_MONTH_RE.findall(question)
    # "25 april" is "25 april", "2024-04-25" or, in a table's column name, "240425" in the passage
    # (read as ``_days_spelled`` spells it), not any 25.
    # A day the document's opening gives ("… according to the minutes of 11 June 2026", the
    # protokoll's "2026-06-11" on its first page) names the document, not what is asked.
    spelled = f"{sentence} {opening} {_days_spelled(f'{sentence} {opening}')}" if asked_days else sentence
    for day, month in asked_days:
        no = _MONTH_NO.get(month.lower())
        # "31 March" in an English question is "31 mars" in the text.
        names = f"{month}|{_MONTHS_ONLY.split('|')[no - 1]}" if no else month
        if not re.search(rf"\b0?{int(day)}\s+({names})\b", spelled, re.I):
            return "the day missing"
    return ""


# A year as part of a day's date ("den 26 februari 2025", "2025-02-26") says when, not which year's
# figures a sentence gives.
_YEAR_IN_DATE_RE = re.compile(rf"{FULL_DATE_RE.pattern}|\b\d{{4}}-\d\d-\d\d\b")
_YEAR_SPAN_RE = re.compile(r"\b((?:19|20)\d\d)(?:\s*[-–—]\s*((?:19|20)\d\d))?\b")


def _years_named(text: str) -> set[int]:
    """The years a text names, a span "2026–2027" or "2027-2031" with the years inside it."""
    out: set[int] = set()
    for m in _YEAR_SPAN_RE.finditer(text):
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        out.update(range(first, last + 1) if 0 <= last - first <= 20 else (first, last))
    return out


_CASE_NO_RE = re.compile(r"\b(?:19|20)\d\d[./]\d{1,6}\b")


def _matter(section: str) -> str:
    """The protokoll § a passage stands in ("§ 42 Ny förskola i Västra Hamnen"), or ""."""
    top = section.split(" › ", 1)[0]
    return top if top.startswith("§") else ""


def _matter_years(ctx: AskContext, passage: Passage) -> set[int]:
    """The years a protokoll's § names anywhere in it: each of its passages is about that matter
    ("… förslag till program för perioden 2027–2030" in the § 's first passage; its later
    passages quote the program's points without the years). (``ingest.clean.CASE_NO_RE`` reads a
    case number only at the start of a line, and takes "2027-2030" for one: not used here.)"""
    matter = _matter(passage.section)
    lex = ctx.snapshot.lex
    idx = lex.by_id.get(passage.passage_id)
    if not matter or idx is None:
        return set()
    years: set[int] = set()
    for step in (-1, 1):
        j = idx
        while 0 <= j < len(lex.passages):
            other = lex.passages[j]
            if other.doc_id != passage.doc_id or _matter(other.section) != matter:
                break
            # (Not the year of its diarienummer: "§ 63 2025.282 KUN" is about no 2025.)
            years |= _years_named(_CASE_NO_RE.sub(" ", f"{other.section} {other.text}"))
            j += step
    return years


def asked_years(ctx: AskContext) -> list[int]:
    """The years whose values the question asks for: those it names outside its source phrase
    (``_SOURCE_RE``), or all it names when it names none outside. "… enligt socialnämndens
    genomlysning 2026–2027", "according to its annual report for 2023" name the report, not the year
    asked: "What was the sick-leave rate in 2021, according to its annual report for 2023?" is not
    answered by the 2023 rate. Tune one wrong answer fewer and one more unanswerable question
    withheld; heldout unchanged; unseen one more answer, one wrong fewer, one more unanswerable
    question withheld."""
    years = ctx.query.years
    if len(years) < 2:
        return years
    outside = _years_named(STATUTE_RE.sub(" ", _SOURCE_RE.sub(" ", ctx.understood)))
    return [y for y in years if y in outside] or years


def _year_missing(ctx: AskContext, hit: Hit, context: str, years: list[int]) -> bool:
    """The question names a year (``years``: ``asked_years``) that neither the passage, its headings
    nor its document's title and date name: "Vilka intäkter budgeteras för 2028?" is not answered by
    the 2025 accounts."""
    asked = set(years)
    if not asked:
        return False
    named = _years_named(context) | set(hit.passage.years) | set(hit.document.years)
    # A table's column named by a day in digits ("Utfall 240331") names its year too.
    named |= {
        int(y) + (2000 if len(y) == 2 else 0) for m in _DIGIT_DAY_RE.finditer(context) if (y := m.group(3))
    }
    if hit.document.date and hit.document.date[:4].isdigit():
        named.add(int(hit.document.date[:4]))
    # The rest of its protokoll §, read only when the passage itself names none of the years.
    return not asked & named and not asked & _matter_years(ctx, hit.passage)


_MONEY_Q_RE = re.compile(
    r"\b(kosta\w*|kostnad\w*|costs?|costing|pris|priset|price|belopp\w*|amount|budget\w*|utgift\w*|"
    r"expenditure|intäkt\w*|revenue|överskott\w*|underskott\w*|surplus|deficit|investeringsram\w*|"
    r"pengar|money|kronor|tkr|mnkr|sek|arvode\w*|avgift\w*|fee|fees|\w*hyra|\w*hyran|rent)\b",
    re.I,
)


# A sum in price base amounts ("upp till 20 pbb", "värde under 4 prisbasbelopp"), as delegation
# limits and thresholds are written: money, though no kronor figure can be read from it.
_BASE_AMOUNT_RE = re.compile(r"\b\d+(?:[,.]\d+)?\s*(?:pbb|ibb|(?:pris|inkomst)?basbelopp\w*)\b", re.I)


def _states_money(hit: Hit, sentence: str, unit_led: bool = False) -> bool:
    """The sentence gives money: a currency unit after a figure ("22tkr"), one its table header or
    section states ("Belopp i tkr"), as the amounts are read at ingest, one the paragraph that
    introduces its table names (``unit_led``: "Nämnden äskar följande investeringar i tkr …"), or a
    share of an amount ("minst 1 procent av 2026 års ram"), or price base amounts ("20 pbb")."""
    p = hit.passage
    return (
        states_money(f"{p.section} {p.header} {sentence}")
        or unit_led
        or bool(_SHARE_IN_RE.search(sentence))
        or bool(_BASE_AMOUNT_RE.search(sentence))
    )


def _other_year(asked: list[int], sentence: str) -> bool:
    """The sentence states its value for another year than the one asked: "Avskrivningarna 2027
    beräknades i budgetarbetet 2026–2030 till 94 mnkr" does not answer "Hur stora blir
    avskrivningarna 2028?". Only years named on their own count, not a span ("2026–2030") around
    them nor the year of a day's date."""
    if not asked:
        return False
    bare = _YEAR_IN_DATE_RE.sub(" ", STATUTE_RE.sub(" ", sentence))
    single = {int(m.group(1)) for m in _YEAR_SPAN_RE.finditer(bare) if not m.group(2)}
    return bool(single) and not set(asked) & single


_MONTH_YEAR_RE = re.compile(rf"\b({_MONTHS_ONLY}|{_MONTHS_EN})\s+((?:19|20)\d\d)\b", re.I)


def _other_month_year(question: str, sentence: str) -> bool:
    """The question names a month of a year ("från januari 2026") and the sentence names that
    month of another year only ("från och med första januari 2027")."""
    asked = _MONTH_YEAR_RE.findall(question)
    said = {(_MONTH_NO.get(m.lower()), y) for m, y in _MONTH_YEAR_RE.findall(sentence)} if asked else set()
    for month, year in asked:
        no = _MONTH_NO.get(month.lower())
        if any(n == no for n, _ in said) and (no, year) not in said:
            return True
    return False


# A day's date written out in either language: "22 juni 2026", "22 June 2026", "June 22, 2026".
_WRITTEN_DAY_RE = re.compile(
    rf"\b(\d{{1,2}})\s+({_MONTHS_ONLY}|{_MONTHS_EN})\s+((?:19|20)\d\d)\b|"
    rf"\b({_MONTHS_ONLY}|{_MONTHS_EN})\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b",
    re.I,
)


def days_named(text: str) -> set[tuple[int, int, int]]:
    """The days a text names by their date (an ISO date or one written out), as (year, month, day)."""
    out: set[tuple[int, int, int]] = set()
    for iso in re.findall(_ISO_DAY, text):
        year, month, day = iso.split("-")
        out.add((int(year), int(month), int(day)))
    for m in _WRITTEN_DAY_RE.finditer(text):
        day, month, year = (
            (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        )
        out.add((int(year), _MONTH_NO[month.lower()], int(day)))
    return out


# A document card's line (ingest.pipeline.document_card) answers a question about its field only:
# "Datum 2026-06-22" says when the document is dated, not who decided or where to appeal. The
# title and the kind of document answer no kind of value asked for.
_FIELD_KINDS = {
    "diarienummer": {"dnr"},
    "date": {"date", "day"},
    "organisation": {"name"},
    "nämnd": {"name"},
    "förvaltning": {"name"},
}
_CARD_LINE_KINDS = {label: _FIELD_KINDS.get(field, set()) for label, field in CARD_FIELDS}


def _card_line_off(kinds: set[str] | None, asked: set[str], section: str, sentence: str) -> bool:
    """A card line that answers another field than the one asked, or only names again what the
    question names (``asked``, its stems: "Organisation Länsstyrelsen Skåne" to "Vem fattade
    Länsstyrelsen Skånes beslut?")."""
    if section != CARD_SECTION:
        return False
    label, _, value = sentence.partition(" ")
    if kinds is None or not kinds & _CARD_LINE_KINDS.get(label, set()):
        return True
    return set(stems(value)) <= asked


def _echoes_day(asked: set[tuple[int, int, int]], sentence: str) -> bool:
    """A sentence whose only dates are the ones the question names (``asked``: "… Länsstyrelsens
    beslut den 22 juni 2026?" and "Datum 2026-06-22") says nothing the asker did not know: it
    answers no "when"."""
    said = days_named(sentence)
    return bool(said) and said <= asked


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# A document is about a name it uses in at least this many passages (a project, a body or a place
# that its title and metadata do not name), or in its opening (OPENING_PASSAGES).
NAME_PASSAGES = 3
# A name a document uses only once or twice ("Nolhaga allé 10 B" on a lease's first page) is no name
# it is about; but when the question asks about at least this many other names that its passage or
# document does name ("… Alingsås Konståkningsklubb … för lokalerna i Nolhaga ishall"), the
# question is about that document and the name is its (tune +2 answers, unseen +1, heldout
# unchanged; no wrong answer more; 1 as 2, 3 as before).
ONCE_WITH = 2


# A body named in lower case: "valnämnden", "omsorgsnämnd", "kommunstyrelsen".
# ("Nämnden för funktionsstöd", as Göteborg names some of its bodies, is one too.)
# A body named by an adjective in -isk: "tekniska nämnden", "tekniska förvaltningens".
_ADJ_BODY = r"\b[a-zåäö]{2,}iska (?:nämnd(?:en)?|förvaltning(?:en)?|utskott(?:et)?)s?\b"
_ADJ_BODY_RE = re.compile(_ADJ_BODY)
_BODY_RE = re.compile(
    r"\b[a-zåäö]{3,}(?:nämnd(?:en)?|styrelsen?|förvaltning(?:en)?|utskott(?:et)?)\b|"
    r"\bnämnden för [a-zåäö]{4,}(?: (?:och|samt) [a-zåäö]{4,})?\b|" + _ADJ_BODY
)


def _bodies_named(text: str) -> set[str]:
    """The bodies a passage's heading or text names (as ``_body_key`` keys them). Not the body of a
    web or mail address ("www.lansstyrelsen.se", "info@kommunstyrelsen.se"), and not the work of
    administering something ("Kap. 13 Föräldrars förmyndarförvaltning", "kapitalförvaltning"): a
    förvaltning that is a body is named in the definite form ("socialförvaltningen")."""
    low = text.lower()
    return {
        _body_key(m.group(0))
        for m in _BODY_RE.finditer(low)
        if low[m.start() - 1 : m.start()] not in ("@", ".", "/")
        and not re.match(r"\.[a-z]", low[m.end() : m.end() + 2])
        and not m.group(0).endswith("förvaltning")
    }


# Where a decision says whom it is sent to ("Expedieras till Sökanden, Länsstyrelsen", "Beslutet
# skickas till socialnämnden.", a line or a sentence): a body named there receives the decision;
# it did not make it.
_RECIPIENTS_RE = re.compile(
    r"(?:^|(?<=[.!?]\s))[ \t-]*(?:beslutet\s+)?(?:expedieras|expediering|skickas|sänds|delges|kopia)\b"
    r"(?:\s+till)?[^\n.]*",
    re.I | re.M,
)


def _body_key(body: str) -> str:
    """One key for "omsorgsnämnden" and "omsorgsnämnd"."""
    if body.lower().startswith("nämnden för "):
        return body.lower()
    return re.sub(r"(nämnd|styrelse|förvaltning|utskott)\w*$", r"\1", body.lower())


# What a question calls a place after its name: "Lerum municipality", "Alingsås kommun".
_PLACE_KINDS = "municipality|kommun|region|county|city|town"


def asked_names(ctx: AskContext) -> list[str]:
    """The names the question asks about: "Tobisviksbadet", "Vårgårda", "Intraservice's"."""
    out = []
    for m in _NAME_IN_RE.finditer(ctx.intent):
        name = re.sub(r"['’]s$", "", m.group(0)).strip("-")
        low = name.lower()
        if len(name) < 3 or low in stopwords_sv() or low in QUESTION_WORDS_EN or low in QUESTION_WORDS_SV:
            continue
        if low in _MONTH_NO or low in _WEEKDAYS:
            continue  # "January–March" is a period, read by the date rules
        place = re.match(rf"\s+({_PLACE_KINDS})\b", ctx.intent[m.end() :], re.I)
        if ctx.language == "en" and place:
            # "Gothenburg region", "Scania": the documents write the Swedish name.
            phrase, unknown = ctx.glossary.translate_groups(f"{low} {place.group(1).lower()}")
            translated = phrase if len(phrase) == 1 and not unknown else ctx.glossary.translate_groups(low)[0]
            if translated:
                name = translated[0][0]
        if (
            ctx.language == "en"
            and not place
            and (
                ctx.glossary.translate_groups(low)[0]
                or not (re.search(r"[åäöÅÄÖ]", name) or all(t in ctx.snapshot.lex.df for t in stems(name)))
            )
        ):
            # An English word set in capitals ("Board", "Executive"): translated among the terms,
            # or no word of the documents. A name is one the documents use, a Swedish one, or a
            # place ("Lerum municipality").
            continue
        out.append(name)
    # A body named in lower case is a name too: "valnämnden", "socialnämnden", "kommunstyrelsen"
    # (not the bare "nämnden", which is whichever body the text is about).
    out += [m.group(0) for m in _BODY_RE.finditer(ctx.intent) if m.group(0) not in out]
    return out


# Per name a question asks about: the documents about it (``_documents_about``) and those that use
# it less; read once per question.
NameDocuments = dict[str, tuple[set[str], set[str]]]


def _documents_about(ctx: AskContext, name: str) -> tuple[set[str], set[str]]:
    """The documents that use the name in at least NAME_PASSAGES passages, or in their opening
    passages: a document says there what it is and whose ("1 § Förbundets namn är
    Tolkförmedling Väst"), and its later paragraphs say "förbundet". Second, the documents that
    use it less."""
    lex = ctx.snapshot.lex
    tokens = stems(name)
    if not tokens:
        return set(), set()
    if _ADJ_BODY_RE.fullmatch(name.lower()):
        # "tekniska nämnden": every word, not any ("nämnden" alone is every body's).
        scores = np.logical_and.reduce([lex.words.scores([t]) > 0 for t in tokens])
    else:
        scores = lex.words.scores(tokens)
    counts: dict[str, int] = {}
    opened: set[str] = set()
    for i in np.nonzero(scores)[0]:
        doc = lex.passages[int(i)].doc_id
        counts[doc] = counts.get(doc, 0) + 1
        if int(i) in lex.openings:
            opened.add(doc)
    about = {d for d, c in counts.items() if c >= NAME_PASSAGES} | opened
    return about, set(counts) - about


def names_missing(
    ctx: AskContext,
    doc_id: str,
    context: str,
    matcher: TermMatcher,
    names: list[str],
    about: NameDocuments,
    section: str = "",
    own: str = "",
) -> bool:
    """A name the question asks about (``names``) that neither the passage, its headings nor its
    document (title, or a name the document uses all through) name: the passage is about
    something else; or that the document uses only in passing, unless the question names at least
    ONCE_WITH other names the passage or its document does. ``about`` caches ``_documents_about``
    for each name of this question. A body
    asked about ("socialnämnden") is not the one a passage's ``section`` names ("7.4: VÅRD- OCH
    OMSORGSNÄMNDEN") unless the passage's ``own`` text names it, whatever its document names."""
    asked_bodies = {_body_key(n) for n in names if _BODY_RE.fullmatch(n.lower())}
    named = _bodies_named(section) if asked_bodies else set()
    if named and any(b not in named and b not in own.lower() for b in asked_bodies):
        return True
    if asked_bodies and not named and not _decided_by(ctx, doc_id, section, asked_bodies):
        # No heading says whose it is, and the text names other bodies only ("Stadsfastighets-
        # nämnden beslutade …"): it is theirs.
        told = _bodies_named(_RECIPIENTS_RE.sub(" ", own))
        if told and not told & asked_bodies and not any(_truncated_in(n.lower(), own) for n in names):
            return True
    used_once: list[str] = []
    for name in names:
        low = name.lower()
        if low in context.lower() or _truncated_in(low, context):
            continue
        by_adjective = bool(_ADJ_BODY_RE.fullmatch(low))
        if by_adjective and _body_key(low) in context.lower():
            continue  # "tekniska nämndens" asked, "Tekniska nämnden" written
        if (
            not by_adjective
            and matcher.coverage_of(name, context)
            and (
                not name[:1].isupper()  # a body ("kommunstyrelsen") may be named by its abbreviation ("KS")
                or _named_whole(name, context)
                or not all(t in ctx.snapshot.lex.df for t in stems(name))
            )
        ):
            continue
        if name not in about:
            about[name] = _documents_about(ctx, name)
        if doc_id not in about[name][0]:
            if doc_id in about[name][1]:
                used_once.append(name)
            elif not _placeless(ctx, doc_id, name):
                return True
    if used_once:
        return len(names) - len(used_once) < ONCE_WITH
    return False


def _decided_by(ctx: AskContext, doc_id: str, section: str, bodies: set[str]) -> bool:
    """Does the passage stand under the decision heading of a § in the protokoll of one of these
    bodies? What it decides is that body's, whichever bodies it names ("Förslag till ramar …
    godkänns, med följande två tillägg: - Vård- och omsorgsnämnden föreslås tillföras …" under
    "§ 116 Ramar 2027-2029 › Beslut" in kommunstyrelsens protokoll)."""
    doc = ctx.snapshot.documents.get(doc_id)
    if doc is None or doc.kind != "protokoll" or not doc.nämnd or not _matter(section):
        return False
    return _body_key(doc.nämnd) in bodies and _under_decision(section)


# A question's place name ("Alingsås") is not missing from a document that names no place at all:
# a nämnd's monthly report need not say whose kommun it is. The question names a place by what it
# is ("Lerum municipality", "Alingsås kommuns", "Göteborgs stad").
_PLACE_ASKED_RE = rf"(?:s|'s|’s|')?\s+(?:{_PLACE_KINDS}|stad)s?\b"


def _placeless(ctx: AskContext, doc_id: str, name: str) -> bool:
    """Is ``name`` a place (the documents name it as a kommun, city or region, or the question
    does: "Lerum municipality") and does the document name no place?"""
    naming, every = ctx.snapshot.places()
    doc = ctx.snapshot.documents.get(doc_id)
    if doc_id in naming or doc is None or doc.organisation or not (doc.nämnd or doc.förvaltning):
        return False  # a kommun's own body writes it, not an agency or another organisation
    low = name.lower().rstrip("'’")
    if {low, f"{low}s", low[:-1] if low.endswith("s") else low} & every:
        return True
    return bool(re.search(rf"\b{re.escape(name)}{_PLACE_ASKED_RE}", ctx.intent, re.I))


def _named_whole(name: str, context: str) -> bool:
    """Does the text name a name the documents write as it is asked, from its first letter
    ("Ostkustbanans"), not only by the end of another compound ("Kust till kustbanan")?"""
    low = context.lower()
    return all(re.search(rf"(?<![^\W\d_]){re.escape(t[: max(4, len(t) - 1)])}", low) for t in stems(name))


def _truncated_in(name: str, context: str) -> bool:
    """A one-word name the text writes cut short, as tables do ("Kommunledningsförv" for
    "kommunledningsförvaltningen", "Socialförv." for "socialförvaltningen"): a word of at least
    eight letters that begins the name and keeps most of it."""
    if " " in name or len(name) < 10:
        return False
    return any(
        name.startswith(w) and len(w) >= 0.6 * len(name)
        for w in (t.lower() for t in re.findall(r"\b[^\W\d_]{8,}(?=\.|\b)", context))
    )


def _head_of(compound: str, head: str) -> bool:
    """Is the stem ``head`` the last part of the stemmed ``compound``, give or take the ending the
    stemmer leaves on the compound ("byggn" in "industribyggnad", "nämnd" in
    "stadsfastighetsnämnd")? Only a head of five letters or more counts."""
    at = compound.rfind(head)
    return len(head) >= 5 and at > 0 and at >= len(compound) - len(head) - 3


def _referred(compounds: list[str], sentence: str) -> str:
    """The compounds a sentence names by their head word: "Nämnden" for "stadsfastighetsnämnden",
    "projektet" for "kulturbussprojektet"."""
    heads = _text_terms(sentence)[0]
    return " ".join(c for c in compounds if any(_head_of(stem(c), t) for t in heads))


def _heads_held(matcher: TermMatcher, opening: str, text: str) -> set[int]:
    """The question's compounds a passage names by their head word where its document's opening
    writes them whole ("byggnaden" for "industribyggnaden")."""
    heads = _text_terms(text)[0]
    return {
        n
        for n, g in enumerate(matcher.originals)
        if len(g[0]) >= 8
        and any(_head_of(stem(g[0]), t) for t in heads)
        and matcher.coverage_of(g[0], opening)
    }


def _named_by_head(names: list[str], passage: str, sentence: str) -> str:
    """The names a sentence refers to by the head of a compound its passage writes whole:
    "koncernen" for "Framtiden" where the passage says "Framtidenkoncernen", "bolaget" for
    "Hemmet" where it says "Hemmetbolaget"."""
    heads = set(stems(sentence))
    out = []
    for name in names:
        low = name.lower()
        for m in re.finditer(rf"(?<![^\W\d_]){re.escape(low)}s?([^\W\d_]{{4,}})", passage.lower()):
            if stem(m.group(1)) in heads:
                out.append(name)
                break
    return " ".join(out)


def _introduced(snap: Snapshot, passage: Passage, sentence: str) -> tuple[Passage, str] | None:
    """What a passage's last sentence introduces with its colon, when the next passage of its
    document begins with it: that passage's new heading, or else its first sentence."""
    if not sentence.endswith(":") or not passage.text.rstrip().endswith(sentence):
        return None
    lex = snap.lex
    idx = lex.by_id.get(passage.passage_id)
    if idx is None or idx + 1 >= len(lex.passages):
        return None
    nxt = lex.passages[idx + 1]
    if nxt.doc_id != passage.doc_id or (nxt.section == passage.section and not nxt.text):
        return None
    # A new heading is what was introduced ("Utveckla mätbara mål och strategier …"); under the
    # same heading, the next passage's first sentence is.
    heading = nxt.section.split(" › ")[-1] if nxt.section != passage.section else ""
    text = heading or next(iter(split_sentences(nxt.text)), "")
    return (nxt, text) if text else None


def document_context(d: Document) -> str:
    """What a reader knows of every passage of a document: its title and who wrote it, with the
    body's abbreviation its diarienummer carries ("2026.107 TEN", "KS 2025/512": "BUN", "KS")."""
    abbr = " ".join(re.findall(r"\b[A-ZÅÄÖ]{2,}\b", d.diarienummer or ""))
    return " ".join(x for x in (d.title, d.organisation, d.nämnd, d.förvaltning, abbr) if x)


def _table_lead(snap: Snapshot, passage: Passage) -> str:
    """The paragraph that introduces a table under the same heading ("Genomför ett pendelprojekt
    …" above its Ansvarig/Tidsplan table): a table's rows are read with it."""
    if passage.kind != "table":
        return ""
    idx = snap.lex.by_id.get(passage.passage_id)
    if not idx:
        return ""
    prev = snap.lex.passages[idx - 1]
    if prev.doc_id != passage.doc_id or prev.section != passage.section or prev.kind == "table":
        return ""
    return prev.text


def _reader_context(hit: Hit, sentence: str | None = None) -> str:
    """A passage as its reader sees it: with its section and its document's title and
    organisation; with ``sentence``, that sentence of it, read with its table's header."""
    p = hit.passage
    body = p.text if sentence is None else f"{p.header} {sentence}"
    return " ".join(x for x in (document_context(hit.document), p.section, body) if x)


# "Vad beslutade nämnden om …?", "How did the committee decide …?": the decision is read where a
# protokoll states it, under "Nämndens beslut", "Beslut" or "Beslutsgång" (not "Förslag till beslut").
_DECISION_Q_RE = re.compile(r"\b(beslut\w*|besluta\w*|decide\w*|decision\w*)\b", re.I)
_DECISION_SECTION_RE = re.compile(r"(^|\s)(beslut|beslutsgång|\w+s beslut)$", re.I)
_DECIDED_RE = re.compile(r"\bbeslut(ar|ade|at|ats)\b", re.I)


# "Vad beslutade kommunstyrelsen …?", "How did the committee decide …?": the answer states a
# decision, in its words or under a decision heading; a recommendation or a proposal is none.
_WHAT_DECIDED_RE = re.compile(
    r"\b(vad|hur)\s+(beslutade|beslöt|beslutar|beslutat|har\s+\S+\s+beslutat)\b|"
    r"\b(what|how)\s+did\b.*\bdecide\b|\bwhat\s+(was|were)\s+(the\s+)?decisions?\b",
    re.I,
)
_DECISION_WORDS_RE = re.compile(
    r"\b(beslut\w*|beslöt|antog|antogs|godkän\w*|fastställ\w*|avslog|avslå\w*|bifall\w*|biföll|"
    r"återremitt\w*|bordlägg\w*|tillstyrk\w*|avstyrk\w*|ajourn\w*)\b",
    re.I,
)


# "När antogs planen?", "On what date did the board adopt …?" ask for the day of a decision. A
# document's date ("Datum 2023-10-25" on its card or cover) is when it was written, not when anyone
# adopted it: the sentence must say a decision was taken.
_WHEN_DECIDED_RE = re.compile(
    r"\b(antog\w*|antag\w*|antas|anta|beslut\w*|beslöt|fastställ\w*|godkän\w*|"
    r"adopt\w*|approv\w*|decid\w*|decision\w*|ratif\w*)\b",
    re.I,
)
_ADOPTED_RE = re.compile(r"\b(antag\w*|antas|anta)\b", re.I)


# A draft's field for the day of decision left as the template has it ("Datum för beslut:
# ÅÅÅÅ-MM-DD", "Datum för beslut: 2026-XX-XX", "Antagen: xxx"): nothing has been decided yet.
_PLACEHOLDER = (
    r"(?<![\wåäöÅÄÖ-])(?:(?:ÅÅÅÅ|YYYY|[Xx]{4}|(?:19|20)\d\d)-(?:MM|[Xx]{2})-(?:DD|[Xx]{2})|[Xx]{2,4})\b"
)
_UNFILLED_DECISION_RE = re.compile(
    rf"\b(?:beslut\w*|antag\w*|antog|fastställ\w*|godkän\w*)\b[^:.\n]{{0,25}}:?\s*(?:{_PLACEHOLDER})", re.I
)


def _states_adoption(hit: Hit, sentence: str) -> bool:
    """Does the sentence say a decision was taken (or stand under a decision heading, or in a
    protokoll, whose every matter was decided at its meeting)? Not when its day of decision is a
    template's placeholder."""
    if _UNFILLED_DECISION_RE.search(sentence):
        return False
    return (
        hit.document.kind == "protokoll"
        or _states_decision(sentence, hit.passage.section)
        or bool(_ADOPTED_RE.search(sentence))
    )


def _own_heading(section: str) -> str:
    """The passage's own heading: the last part of its section path."""
    return section.split(" › ")[-1].strip() if section else ""


def _under_decision(section: str) -> bool:
    """Is the passage's own heading a decision heading ("Nämndens beslut", "Beslutsgång")?"""
    return bool(_DECISION_SECTION_RE.search(_own_heading(section)))


def _states_decision(sentence: str, section: str) -> bool:
    """Does the sentence state a decision, or stand under a decision heading?"""
    return _under_decision(section) or bool(_DECISION_WORDS_RE.search(sentence))


# What members say beside a decision, under its own heading: a reservation, a protokollsanteckning,
# a särskilt yttrande, a yrkande. It states their view, not what the body decided.
_STATEMENT_SECTION_RE = re.compile(
    r"^(reservation\w*|protokollsanteckning\w*|särskil\w* yttrande\w*|yrkande\w*)$", re.I
)
_STATEMENT_Q_RE = re.compile(
    r"\b(reserv\w*|protokollsanteckning\w*|särskil\w* yttrande\w*|yrka\w*|yrkande\w*|dissent\w*|"
    r"objection\w*)\b",
    re.I,
)


def _under_statement(section: str) -> bool:
    """Is the passage's own heading a member's statement ("Reservation", "Protokollsanteckning")?"""
    return bool(_STATEMENT_SECTION_RE.search(_own_heading(section)))


def _decision_bonus(asks_decision: bool, sentence: str, section: str) -> float:
    if not asks_decision:
        return 0.0
    if _under_decision(section):
        return 0.15
    return 0.05 if _DECIDED_RE.search(sentence) else 0.0


# "den största risken", "de vanligaste språken", "the biggest risk": a superlative or an ordinal
# picks one thing among those the passage names; the sentence that says it is the answer.
_SUPERLATIVE_RE = re.compile(
    r"\b([a-zåäö]{3,}(?:ast|aste)|störst\w*|högst\w*|lägst\w*|minst\w*|mest|flest|först\w*|senast\w*|"
    r"bästa|sämsta|biggest|largest|highest|lowest|smallest|most|least|first|latest|best|worst)\b",
    re.I,
)


def _superlatives(ctx: AskContext) -> list[set[str]]:
    """The stems of each wording of the superlatives the question asks for (translated from English)."""
    out: list[set[str]] = []
    for m in _SUPERLATIVE_RE.finditer(ctx.intent):
        word = m.group(1).lower()
        alts = [word]
        if ctx.language == "en":
            alts = ctx.glossary.alternatives(word)
        out.extend(set(stems(a)) for a in alts if stems(a))
    return out


# "Hur stor är nämndens samlade investeringsbudget …?", "What is the total …?": a table's total row
# (ingest.split.TOTAL_ROW_RE: "Summa investeringsbudget 37 525 …") answers, not one of the rows it sums.
_TOTAL_Q_RE = re.compile(
    r"\b(total\w*|sammanlag\w*|samlad\w*|summa\w*|sammantaget|altogether|combined|overall)\b", re.I
)
TOTAL_BONUS = 0.15  # as a superlative's (tune: one answer more, none lost)


def _focus_bonus(superlatives: list[set[str]], sentence: str) -> float:
    if not superlatives:
        return 0.0
    words_in = set(stems(sentence))
    return 0.15 if any(alt <= words_in for alt in superlatives) else 0.0


# "Vad menas med X?", "Vad avses med X?", "Hur definieras X?", "What is meant by X?", "How is X
# defined?": X is defined where the text says "Med X avses …", "X innebär …", "X definieras som …".
_DEFINE_Q_RE = re.compile(
    r"\b(?:(?:vad\s+(?:menas|avses)\s+med|hur\s+definieras|what\s+(?:is|are)\s+meant\s+by)\s+(?P<term>[^?]+?)|"
    r"(?:how\s+(?:is|are)|what\s+does)\s+(?P<term2>[^?]+?)\s+(?:defined|mean|definierad\w*)"
    r"(?P<rest>\s+[^?]*)?)\s*\??\s*$",
    re.I,
)
# Where a term asked about ends: "konkurrenskraftiga löner i planen", "X enligt styrmodellen".
_TERM_END_RE = re.compile(r"\s+(?:i|enligt|inom|för|in|under|according\s+to|within)\s+.*$", re.I)
_DEFINES_RE = re.compile(
    r"\b(avses|menas|avser|innebär|betyder|definieras|är\s+(?:en|ett)|means|is\s+defined)\b", re.I
)
_QUOTED_RE = re.compile(r"['‘’\"“”»«]([^'‘’\"“”»«]{3,60})['‘’\"“”»«]")


# A definition of the very term asked about is the answer, over a sentence that uses the term
# among more of the question's words.
DEFINITION_BONUS = 0.5


def defined_term(question: str) -> list[str]:
    """The stems of the term a question asks to have defined, in the documents' words when the
    question gives them in brackets ("(skolbibliotek)"); [] when it asks no definition."""
    m = _DEFINE_Q_RE.search(question)
    if not m:
        return []
    term = m.group("term") or f"{m.group('term2')} {m.group('rest') or ''}"
    own = _BRACKETED_RE.search(term) or _QUOTED_RE.search(term)
    term = own.group(1) if own else _TERM_END_RE.sub("", term)
    return stems(term)


def _defines(term: list[str], sentence: str) -> bool:
    """Does the sentence define the term: the term, then within a few words "avses", "innebär",
    "definieras" …?"""
    m = _DEFINES_RE.search(sentence)
    if not m:
        return False
    before = stems(sentence[: m.start()])
    return len(before) <= len(term) + 3 and all(
        any(t.startswith(w) or w.startswith(t) for t in before) for w in term
    )


# "Från vilket datum gäller …?", "När träder … i kraft?", "From what date …?": the day something
# starts to apply, which a sentence says with "från och med", "träder i kraft", "börjar gälla".
_FROM_WHEN_Q_RE = re.compile(
    r"\b(från (och med )?(vilket|vilken|när)|från vilken dag|träd\w* .{0,40}\bi kraft|börja\w* gälla|"
    r"from (what|which) (date|day)|from when|(take|took|takes) effect|(enter|entered|enters|come|comes) into force|"
    r"(start|starts) to apply|apply from)\b",
    re.I,
)
_STARTS_RE = re.compile(
    r"\b(från och med|fr\.? ?o\.? ?m\.?|träd\w* i kraft|trätt i kraft|börja\w* gälla|gäller från|gälla från|"
    r"gäller fr|ikraftträd\w*|in force|with effect from|from and including)",
    re.I,
)
# Tune: 0.1 adds the starting day as a second quote, 0.25 puts it first (+1 answer); heldout and
# unseen unchanged.
START_BONUS = 0.25


# A sentence whose words are at least this share the question's (and that gives no figure the
# question does not) repeats it. Tune: 0.8 takes out two wrong answers and gives one right one
# (1.0 takes out one wrong answer); heldout unchanged, unseen one right answer for another.
ECHO_SHARE = 0.8
# A capitalised word, at the start of a sentence too ("Mariestads kommun …"); not an abbreviation.
_CAPITALISED_RE = re.compile(r"\b[A-ZÅÄÖ][a-zåäö][\wåäöÅÄÖ-]*[\wåäöÅÄÖ]")


def _echoes_question(asked: set[str], sentence: str) -> bool:
    """A sentence that says nothing the question does not ("- Energiförbrukning för de tio
    fastigheter som har högst energiförbrukning (KS)" for "Vilket mål för 2025 har KS för
    energiförbrukningen i de tio fastigheter som har högst energiförbrukning?"): a heading, a
    title or a list item that repeats what is asked, not an answer."""
    own = stems(sentence)
    # A figure the question does not give is news ("… beslutades 2005", "… för tio utförare").
    if len(own) < 3 or any((t[:1].isdigit() or t in _NUMBER_WORDS) and t not in asked for t in own):
        return False
    if any(stem(w.lower()) not in asked for w in _CAPITALISED_RE.findall(sentence)):
        return False  # so is a name ("Mariestads kommun anslöt sig …"); an abbreviation ("(KS)") is not
    return sum(t in asked for t in own) >= ECHO_SHARE * len(own)


# The kinds of value said in words, not figures or names: "ska utvärderas årligen" repeats the
# question "Hur ofta ska … utvärderas?" but for the one word that answers it, as "Åtgärd 3 om ny
# prismodell har status påbörjad" does "Vad är status för åtgärd 3 om ny prismodell?".
_WORDED_KINDS = {"frequency": _FREQUENCY_IN_RE, "duration": _DURATION_IN_RE, "status": _STATUS_IN_RE}


def _gives_worded_value(kinds: set[str] | None, question: str, sentence: str) -> bool:
    """Does the sentence give a frequency, a span of time or a status the question asks for and does
    not give itself?"""
    for kind in (kinds or set()) & _WORDED_KINDS.keys():
        m = _WORDED_KINDS[kind].search(sentence)
        if m and m.group(0).lower() not in question.lower():
            return True
    return False


# The kinds of value a sentence either gives or not; the one that gives it is preferred. (Not a
# frequency: the bonus lifts a half answer to "Hur ofta …, och hur ofta …?" over MIN_SCORE, tune one
# wrong answer more and none gained.)
_VALUE_KINDS = frozenset({
    "date", "day", "dnr", "orgnr", "share", "duration", "address", "phone", "status", "length", "area",
})  # fmt: skip


def _type_bonus(question: str, sentence: str, kind: str | None, defined: list[str], from_when: bool) -> float:
    """Prefer sentences of the kind the question asks for (a count, a date, a name, a definition);
    ``kind`` is ``wanted_kind(question)``, ``defined`` is ``defined_term(question)`` and
    ``from_when`` whether it asks from when something applies (``_FROM_WHEN_Q_RE``), each read
    once per question."""
    figures = figures_in(sentence, question)
    if kind == "number":  # a figure beats a number word ("tre instruktörer") for the bonus
        return 0.15 if figures else -0.1
    if kind in _VALUE_KINDS:
        if not holds_kind(kind, sentence, question, own_years=False):
            return 0.0
        if from_when and kind in ("date", "day") and _STARTS_RE.search(sentence):
            return 0.15 + START_BONUS  # "Från vilket datum gäller …?": the day something starts to apply
        return 0.15
    if kind == "name":
        # A table row's column names ("Kommunledningsförv Ansvarig: Miljösamordnare") name nobody.
        if re.search(r"\b[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+\b(?!:)", sentence):
            return 0.15
        return -0.15 if figures else 0.0  # a table row of amounts names nobody
    if defined and _defines(defined, sentence):
        return DEFINITION_BONUS
    m = _WHAT_IS.search(question)
    if m:
        term = re.escape(m.group("term").strip())
        # "X är ett …", "X, ett …" or an apposition "den digitala arenan X".
        if re.search(
            rf"\b{term}\b\s*(,\s*|\s+är\s+|\s+innebär\s+)(en|ett|den|det|ett slags)?\b", sentence, re.I
        ) or re.search(rf"\b(en|ett|den|det)\s+([\wåäöÅÄÖ-]+\s+){{1,3}}{term}\b", sentence, re.I):
            return 0.15
    return 0.0


# "Vilket revisionsföretag …", "Vilka fokusområden …", "Which committee …": the noun after the
# question word names the kind of answer, which the answering text may name by instance only.
_ASKED_KIND_RE = re.compile(r"\b(?:vilke[tn]|vilka|which|what)\s+([\wåäöÅÄÖ-]{4,})", re.I)
_NOT_A_KIND = {"är", "var", "har", "hade", "ska", "skall", "kan", "blir", "blev", "finns", "gäller", "does",
               "were", "will", "have", "has", "should", "would", "could", "kind", "type", "slags", "sorts"}  # fmt: skip


# "Vem är dokumentansvarig …?", "Who is the project leader …?": the words after it name what is asked.
_WHO_IS_RE = re.compile(
    r"\b(?:vem|vilka|who)\s+(?:är|var|blir|blev|is|was|are|were)\s+(?:the\s+)?([\wåäöÅÄÖ-]+(?:\s+[\wåäöÅÄÖ-]+)?)",
    re.I,
)
# A form field whose label names what the question asks for ("Giltighetstid: 2026 ht – 2027 vt" for
# "Vilken giltighetstid har …?", "Dokumentansvarig: Jeanette Manninen" for "Vem är
# dokumentansvarig …?") gets this much added to its score.
FIELD_LABEL_BONUS = 0.2


# "Vem undertecknade som ordförande …?", "Who signed … as chair?": the office the person is asked in.
_AS_ROLE_RE = re.compile(r"\b(?:som|as)\s+(?:the\s+)?([\wåäöÅÄÖ-]+(?:\s+[\wåäöÅÄÖ-]+)?)", re.I)
# "Vem undertecknade …?", "Who signed …?": the signing is what is asked; the signature says no
# "undertecknade", only the name and the office ("Jonas Ransgård, ordförande.").
_SIGNED_Q_RE = re.compile(
    r"\b(?:vem|vilka|who)\b.*?\b(underteckn\w*|skrev under|skrivit under|signer\w*|signed)\b", re.I
)
# A signature line: a name, then its office ("Jonas Ransgård, ordförande.", "Anna Ek, vice ordförande").
_SIGNATURE_RE = re.compile(r"[A-ZÅÄÖ][\wåäöéü-]+(?:\s+[A-ZÅÄÖ][\wåäöéü-]+){1,3},\s+([\wåäöÅÄÖ -]{3,40})\.?$")


def _asked_kind(question: str) -> str | None:
    """The noun after "vilken/which" ("Vilket revisionsföretag …?"), if it names a kind of thing."""
    m = _ASKED_KIND_RE.search(question)
    return m.group(1) if m and m.group(1).lower() not in _NOT_A_KIND else None


def _label_asked(matcher: TermMatcher, question: str, glossary: Glossary | None = None) -> set[int]:
    """The query groups of the words that name what the question asks for: the noun after
    "vilken/which", the words after "vem är/who is" and the office after "som/as" ("Vem
    undertecknade som ordförande …?")."""
    who = _WHO_IS_RE.search(question)
    words = [
        w
        for w in (_asked_kind(question), who.group(1) if who else None)
        if w and w.lower() not in _NOT_A_KIND
    ]
    offices = [m.group(1) for m in _AS_ROLE_RE.finditer(question) if _ROLE_RE.search(m.group(1))]
    if glossary is not None:  # "as chair": the office as the documents write it
        offices += [a for o in offices for a in glossary.alternatives(o)]
    words += offices
    return matcher.held_groups(" ".join(words)) if words else set()


def _label_of(sentence: str, offices: set[str]) -> str | None:
    """What a line labels its value with: a form field's label ("Dokumentansvarig:") or a
    signature's office ("Jonas Ransgård, ordförande."). A signature whose office says more than the
    ``offices`` asked ("vice ordförande", "ersättare för ordförande" when the chair is asked) is
    another office's: None. (A form field's label may say more: "Dokumentansvarig".)"""
    field = FIELD_RE.match(sentence)
    if field:
        return field.group(0)
    signature = _SIGNATURE_RE.fullmatch(sentence.strip())
    if not signature or not _ROLE_RE.search(signature.group(1)):
        return None
    said = " ".join(offices)
    office = signature.group(1)
    return None if any(w not in said for w in words(office) if len(w) > 3) else office


def asked_kind_group(ctx: AskContext) -> frozenset[int]:
    """The indices of the query groups that name what is asked rather than where it stands: the
    first that names the kind of thing asked for, if one does, and the signing in "Vem
    undertecknade …?"."""
    if len(ctx.query.groups) <= 2:
        return frozenset()
    asked = _asked_kind(ctx.intent)
    kind = {asked.lower()} if asked else set()
    signed = _SIGNED_Q_RE.search(ctx.intent)
    verbs = set(words(signed.group(1))) if signed else set()
    if ctx.language == "en":
        for wanted in (kind, verbs):
            for word in list(wanted):
                wanted.update(a.lower() for a in ctx.glossary.alternatives(word))
    alts = [{a.lower() for a in g} for g in ctx.query.groups]
    named = next((n for n, a in enumerate(alts) if kind & a), None)
    return frozenset({n for n, a in enumerate(alts) if verbs & a} | ({named} if named is not None else set()))


def _same_words(sentence: str) -> str:
    """A sentence's words and figures, without punctuation or case: two lines that say the same
    thing ("Datum: 2023-03-31" on a cover card, "Datum 2023-03-31" on the document's card) match."""
    return " ".join(words(sentence))


# "Vilka tre risker …?", "Which two committees …?": how many things the question asks to be named
# (a number word of _NUMBER_WORDS or digits).
_ASKED_COUNT_RE = re.compile(
    r"\b(?:vilka|which|what)\s+(?:(?:var|är|blev|were|are)\s+)?(?:de\s+|the\s+)?([^\W_]+)\s+[^\W\d_]", re.I
)
# A number word or figure before a word: "tre risker", "three areas".
_COUNT_OF_RE = re.compile(r"\b([^\W_]+)(?=\s+[^\W\d_]{3,})")


def _count_of(word: str) -> int | None:
    """The number a word says: "tre", "three", "3"; None for any other word."""
    digit = word if word.isdigit() else _NUMBER_WORDS.get(stem(word.lower()))
    return int(digit) if digit and len(digit) <= 2 else None


# For a sentence that says the count asked for ("… valde ut tre risker för fördjupad analys:"). Tune:
# 0.2 and 0.3 one answer more and one wrong fewer, 0.1 none. Counting a list's items or an
# enumeration's parts as saying the count lifted other documents' lists too (tune one right lost).
COUNT_BONUS = 0.2


def asked_count(question: str) -> int | None:
    """How many things "Vilka tre …?" asks for; None when it names no count."""
    m = _ASKED_COUNT_RE.search(question)
    n = _count_of(m.group(1)) if m else None
    return n if n is not None and n >= 2 else None


def _gives_count(n: int, sentence: str) -> bool:
    """Does the sentence say "n" of them ("valde ut tre risker:", "three areas")?"""
    return any(_count_of(m.group(1)) == n for m in _COUNT_OF_RE.finditer(sentence))


def _enumerates(sentence: str) -> bool:
    """Does the sentence list things: items under it, or "psykolog, skolsköterska, kurator och
    specialpedagog"?"""
    return "\n- " in sentence or bool(_ENUMERATION_RE.search(sentence))


# A sentence that goes on with the one before it: "Ökningen får dock inte överstiga 2,5 mnkr."
_GOES_ON_RE = re.compile(rf"^({_CONNECTIVES})\b|^\S+(\s+\S+){{0,3}}\s+dock\b", re.I)


def _continued(said: list[str], sentence: str) -> str | None:
    """The sentence right after ``sentence`` among its passage's sentences (``said``), when it goes
    on with it."""
    if sentence not in said:
        return None
    at = said.index(sentence)
    nxt = said[at + 1] if at + 1 < len(said) else None
    return nxt if nxt and _GOES_ON_RE.search(nxt) else None


def _going_on_from(said: list[str], sentence: str) -> str | None:
    """The sentence right before ``sentence`` among its passage's sentences (``said``), when
    ``sentence`` goes on with it; not for a list item or a form field, which say their own thing."""
    if sentence not in said or not _GOES_ON_RE.search(sentence):
        return None
    at = said.index(sentence)
    previous = said[at - 1] if at else None
    return previous if previous and _refers_back(previous, sentence) else None


# A question that names its source ("… enligt 7 § i Transportstyrelsens föreskrifter TSFS 2024:57",
# "… according to SCB's report") chooses the document by those words, not the sentence: a title
# block on page 1 repeats them all and says nothing asked. Terms only the source phrase holds
# weigh SOURCE_FACTOR in choosing the sentence (they still count for the passage). The phrase is
# matched as written: in an English question, its names and numbers (the glossary's translations
# taken too: tune −1 answer, 2 more wrong; heldout −1). Tune +3 answers, one wrong fewer; heldout
# unchanged; unseen +1 answer.
SOURCE_FACTOR = 0.0
# The phrase by which a question names where the answer stands: "… enligt biblioteksplanen",
# "… according to the minutes", "… under the Tolkförmedling Väst förbundsordning" (English "under
# the", not Swedish "under 2025"). ("Enligt vilken lag …?" asks for the source: no phrase names it.)
_SOURCE_RE = re.compile(
    r"\b(?:enligt|according to|(?-i:[Uu]nder) the)\s+(?!(?:vilke[nt]|vilka|what|which|whose)\b)([^,?;]+)",
    re.I,
)


def _source_groups(question: str, m: re.Match[str] | None, matcher: TermMatcher) -> set[int]:
    """The question's terms that only its source phrase (``m``, ``_SOURCE_RE`` read in it: after
    "enligt" / "according to" / "under the") holds."""
    if not m:
        return set()
    return matcher.held_groups(m.group(1)) - matcher.held_groups(
        question[: m.start()] + " " + question[m.end() :]
    )


def per_document(
    matcher: TermMatcher, held: Sequence[set[int]], docs: Sequence[str], discount: float
) -> dict[str, TermMatcher]:
    """Per document of two or more of these texts (``held``: the question's terms each holds,
    ``docs``: its document), the matcher whose terms weigh less by the share of that document's
    texts that hold them (``discount`` when all do): such terms name the document ("… på Gjutaren
    23 i Alingsås"), not what is asked."""
    out: dict[str, TermMatcher] = {}
    for doc_id in set(docs):
        same = [h for h, d in zip(held, docs, strict=True) if d == doc_id]
        if len(same) >= 2:
            out[doc_id] = matcher.discounted(
                [1 - discount * sum(n in h for h in same) / len(same) for n in range(len(matcher.groups))]
            )
    return out


# A name or number the question gives ("… på Gjutaren 23 i Alingsås", "Tolkförmedling Väst") that
# a document's opening holds (its title and OPENING_PASSAGES first passages: "Ärendet: Ansökan om
# bygglov … Fastighet: GJUTAREN 23") names that document; its later passages say "byggnaden" and
# are not short of the name (tune +6 answers, unseen +4 and 2 wrong fewer, heldout unchanged; one
# more unanswerable question answered on tune, two on unseen). Only names and numbers: the
# opening's topic words ("tolktimmar" in an annual report's summary) are what is asked as often.
_NAME_OR_NUMBER_RE = re.compile(r"(?<!^)\b[A-ZÅÄÖ][\wåäöÅÄÖ-]+|\b\d+\b")


def _openings(ctx: AskContext, hits: list[Hit]) -> dict[str, str]:
    """Each read document's opening: its title and its OPENING_PASSAGES first passages."""
    lex = ctx.snapshot.lex
    return {
        h.document.doc_id: " ".join(
            [h.document.title, *(lex.passages[j].text for j in lex.opening_of.get(h.document.doc_id, ()))]
        )
        for h in hits
    }


def _document_names(
    question: str, matcher: TermMatcher, openings: dict[str, str]
) -> dict[str, frozenset[int]]:
    """For each document read, the question's names and numbers (as ``matcher`` groups) that its
    opening (``_openings``) holds."""
    given = {w.lower() for w in _NAME_OR_NUMBER_RE.findall(question.strip())}
    asked = frozenset(n for n, g in enumerate(matcher.originals) if any(a in given for a in g))
    if not asked:
        return {}
    return {doc_id: frozenset(matcher.held_groups(text)) & asked for doc_id, text in openings.items()}


def _names_title(matcher: TermMatcher, documents: Mapping[str, Document], source: str, title: str) -> bool:
    """Does the question name the title: hold TITLE_TERMS of its terms, or, in its ``source`` phrase
    (after "enligt" / "according to"), the one word of a title no other document's title holds
    ("enligt renhållningstaxan" names "Renhållningstaxa 2027"; "enligt handlingsplanen" names no
    one of several handlingsplaner, and "Vilket datum antogs trygghetsplanen?" asks about the plan,
    not from it)? ``documents``: every indexed document, read only for a one-word title."""
    held = matcher.held(title)
    if held >= TITLE_TERMS:
        return True
    content = [w for w in re.findall(r"[^\W\d_][\w-]*", title) if w.lower() not in stopwords_sv()]
    if held != 1 or len(content) != 1 or not matcher.held_groups(title) & matcher.held_groups(source):
        return False
    word = stem(content[0].lower())
    return sum(word in _title_stems(d.title) for d in documents.values()) == 1


@functools.lru_cache(maxsize=8192)
def _title_stems(title: str) -> frozenset[str]:
    return frozenset(stems(title))


def _title_named(matcher: TermMatcher, titles: list[str], titled: Callable[[str], bool]) -> set[int]:
    """The question's terms held by the titles it names: a title that holds TITLE_TERMS of them
    (``titled``) and more than TITLE_NAMED_SHARE of whose words the question holds."""
    out: set[int] = set()
    for title in set(titles):
        if not titled(title):
            continue
        title_words = content_words(title)
        named = sum(bool(matcher.held_groups(w)) for w in title_words)
        if title_words and named / len(title_words) > TITLE_NAMED_SHARE:
            out |= matcher.held_groups(title)
    return out


# "Vad kostar … per dygn?", "… per inhabitant", "(kr/dygn)": what a rate is counted per, in a
# question and in a text alike. A date after "per" ("per 31 mars", "per mars 2025") is when, not
# per what.
_PER_RE = re.compile(r"\bper\s+(?!\d)([^\W\d_]{2,})|\b(?:kr|kronor|tkr|mnkr|sek)\s?/\s?([^\W\d_]{2,})", re.I)
_PER_MONTHS = frozenset(SWEDISH_MONTHS) | frozenset(_MONTHS_EN.split("|"))


def _per_words(text: str) -> list[str]:
    """What the text counts a rate per ("dygn" in "8 763 kr/dygn", "invånare" in "per invånare")."""
    out = []
    for m in _PER_RE.finditer(text):
        word = (m.group(1) or m.group(2)).lower()
        if word not in _PER_MONTHS and word not in stopwords_sv() and word not in QUESTION_WORDS_EN:
            out.append(word)
    return out


def _rates_asked(ctx: AskContext) -> list[list[str]]:
    """The words a question counts a rate per, each with the forms it may be written in (an
    English one as the glossary translates it: "per inhabitant" is "per invånare")."""
    out = []
    for word in _per_words(ctx.intent):
        forms = [word]
        if ctx.language == "en":
            for phrase in (f"per {word}", word, f"{word}s"):
                forms += [re.sub(r"^per ", "", a) for a in ctx.glossary.alternatives(phrase)]
        out.append(forms)
    return out


def _other_rate(rates: list[list[str]], text: str) -> bool:
    """Does the text state a rate per something else ("1 398 kronor per invånare") and never name
    what the question counts per ("per dygn")?"""
    if not _per_words(text):
        return False
    have = set(stems(text))

    def named(form: str) -> bool:
        return bool(stems(form)) and all(t in have for t in stems(form))

    return not any(named(f) for forms in rates for f in forms)


_COLUMN_HEADER_LINES = 2


def _column_header(before: list[str]) -> str:
    """The lines of column names right above a row of figures in a passage read as prose
    ("Nyckeltal Alingsås Värnamo Partille Piteå" / "2025 2025 2025 2025" over "Snittkostnad HVB,
    kr/dygn 8 763 5 041 5 549 4 751"): short lines that end no sentence and give no figure but
    years. "" when the line above is a sentence or a row itself."""
    out: list[str] = []
    for line in reversed(before[-_COLUMN_HEADER_LINES:]):
        if len(line) > 100 or line.rstrip()[-1:] in ".!?:;" or re.search(r"\b(?!(?:19|20)\d\d\b)\d", line):
            break
        if len(line.split()) < 2:
            break
        out.insert(0, line)
    return " ".join(out)


# A sentence that sends the reader elsewhere ("Läs mer om granskningen i revisionsrapporten …, 2023-02-21,
# samt i …", "För mer information, se …") names a report, its date and the bodies it covers; it says
# nothing of what the report found. It answers only a question that asks where to read.
_REFERRAL_RE = re.compile(
    r"^(?:mer om [\wåäö]+\s+)?(?:läs mer|mer information|för mer information|för ytterligare information|"
    r"read more|for more information|further information)\b",
    re.I,
)
# A document's list of references ("References and data sources", "Referenser", "Källor") names
# where things are written ("Stoddard, I. and Andersson, K., 2022. … Carbon Budget Briefing Note 1");
# it states nothing the question asks, unless the question asks for a source. (Not "Noter": an
# annual report's notes hold its figures.)
_REFERENCES_SECTION_RE = re.compile(
    r"(?:^|›\s*)(?:referenser|referenslista|källor|källförteckning|litteratur\w*|"
    r"references?|sources|bibliography)(?:\s+(?:och|and)\s+[\wåäö]+(?:\s+[\wåäö]+)?)?\s*$",
    re.I,
)
_SOURCE_Q_RE = re.compile(
    r"\b(hänvis\w*|refer|refers|referred|referring|cite[sd]?|citera\w*|källa|källan|källor|källorna|sources?|"
    r"webbplats\w*|hemsida\w*|webbadress\w*|länk\w*|url|website|web page|link|"
    # "Enligt vilken lag …?", "Under which law …?": a statute is a source named.
    r"(?:vilken|which|what)\s+(?:lag|law|förordning|regulation|statute))\b",
    re.I,
)


_WHERE_TOLD_Q_RE = re.compile(
    r"\b(var kan|var finns|var står|vilken rapport|vilket dokument|i vilken rapport|i vilket dokument|läsa mer|"
    r"where can|where is|which report|which document|in which report|in which document|read more)\b",
    re.I,
)


def answer_passages(ctx: AskContext, hits: list[Hit]) -> Answer:
    """Pick the answering sentences from the hits, or say plainly that nothing answers."""
    q = ctx.query
    t = TEMPLATES[ctx.language]
    matcher = TermMatcher(q.groups, ctx.snapshot.lex, asked_kind_group(ctx), q.loanwords)
    asks_list = bool(_WHICH_RE.search(ctx.intent))
    years = asked_years(ctx)
    count = asked_count(ctx.intent) if asks_list else None
    asked_kind = wanted_kind(q.text)
    defined = defined_term(q.text)
    from_when = bool(_FROM_WHEN_Q_RE.search(q.text))
    asks_decision = bool(_DECISION_Q_RE.search(ctx.intent))
    superlatives = _superlatives(ctx)
    asks_total = bool(_TOTAL_Q_RE.search(ctx.intent))
    label_asked = _label_asked(matcher, ctx.intent, ctx.glossary if ctx.language == "en" else None)
    asked_offices = {a.lower() for n in label_asked for a in q.groups[n]}
    # A sentence without the kind of value asked for (a number, a date, a name) cannot answer.
    # With two things asked, a sentence may hold either kind.
    kinds = asked_kinds(ctx.intent)
    common = ctx.snapshot.written_lower
    counted = _counted_term(ctx)
    counted_words = _counted_words(ctx, counted)
    # "i ett fall" counts one of what "In how many cases …?" counts, in any wording the question's
    # terms allow ("cases": "ärenden", "fall").
    counts_one = functools.partial(_one_counted, matcher, counted) if counted else None

    companies = ctx.snapshot.companies() if _COMPANY_Q_RE.search(ctx.intent) else frozenset()

    def has(kind: str, sentence: str) -> bool:
        return holds_kind(kind, sentence, ctx.intent, common, counts_one, companies=companies)

    def has_kind(sentence: str) -> bool:
        return kinds is None or any(has(k, sentence) for k in kinds)

    scored: list[tuple[float, float, int, str]] = []
    row_header: dict[tuple[int, str], str] = {}  # a row of figures' column names in its passage
    said: dict[int, list[str]] = {}  # each hit's candidate sentences
    unit_led: dict[int, bool] = {}  # does a table hit's introducing paragraph name a currency unit?
    # A question that names a document by its title ("… enligt riktlinjerna för alkoholservering")
    # finds those terms in the title, for every passage and every sentence of it alike: the rest
    # of the question chooses among them (not a line that repeats the title).
    source = _SOURCE_RE.search(ctx.intent)
    titled = functools.lru_cache(maxsize=None)(
        functools.partial(_names_title, matcher, ctx.snapshot.documents, source.group(1) if source else "")
    )
    contexts: list[str] = []
    titles: list[str] = []
    leads: list[str] = []
    for i, hit in enumerate(hits):
        doc = hit.document
        # A passage is read with what a reader of it knows: its document's title (when the
        # question refers to it), its organisation and its section headings ("Fokusområde 13"
        # under the project "Digitalisering bibliotek"; "Ansvariga" under the förvaltning that
        # wrote the document).
        lead = _table_lead(ctx.snapshot, hit.passage)
        unit_led[i] = bool(lead) and states_unit(lead)
        leads.append(lead)
        title = doc.title if titled(doc.title) else ""
        titles.append(title)
        section = hit.passage.section.replace(" › ", " ")
        contexts.append(
            " ".join(x for x in (title, doc.förvaltning, doc.nämnd, section, lead, hit.passage.text) if x)
        )
    # The terms most passages read from a document hold name that document ("… på Gjutaren 23 i
    # Alingsås enligt förvaltningens utlåtande"): they weigh less in choosing among its sentences.
    # A passage also holds the compound its document's opening names in full and it names by the
    # head ("Aktuell byggnad …" in the utlåtande about a new industribyggnad).
    openings = _openings(ctx, hits)
    held = [
        matcher.held_groups(c) | _heads_held(matcher, openings.get(h.document.doc_id, ""), h.passage.text)
        for c, h in zip(contexts, hits, strict=True)
    ]
    # The words that name the question's source do not choose among the sentences (SOURCE_FACTOR).
    # The kind of thing asked for ("Vilket nummer …?", "Vilka fokusområden …?") need not be named by
    # the passage that answers ("Azets" for "Vilket revisionsföretag …?"), but a sentence that names
    # it is preferred to its neighbours that do not ("… ska fakturans referensnummer anges"): tune
    # +1 answer, 3 wrong fewer, one more unanswerable question withheld; heldout unchanged; unseen
    # one wrong fewer, one more unanswerable question withheld.
    src = _source_groups(ctx.intent, source, matcher)
    base = matcher.discounted(
        [SOURCE_FACTOR if n in src else 1.0 for n in range(len(matcher.groups))], optional=frozenset()
    )
    sentence_matcher = per_document(base, held, [h.document.doc_id for h in hits], SHARED_TERM_DISCOUNT)
    naming = _document_names(ctx.intent, matcher, openings)
    # The terms by which the question names a read document's title are that document's: another
    # document's passage that holds them quotes the title ("Kultur- och utbildningsnämndens
    # protokoll" on "Sätt Alingsås i rörelse. Program för idrott …") and does not hold them.
    claimed = _title_named(matcher, [h.document.title for h in hits], titled)
    for i, hit in enumerate(hits):
        doc = hit.document
        title, context = titles[i], contexts[i]
        p_cov = matcher.coverage_of_held(
            held[i] - (set() if title else claimed), naming.get(doc.doc_id, frozenset())
        )
        header = hit.passage.header
        # Every sentence of a protokoll's § is about its matter: "Kommunstyrelsen beslutar att
        # återremittera ärendet" under "§ 42 Ny förskola i Västra Hamnen › Kommunstyrelsens beslut".
        matter = _matter(hit.passage.section)
        # The compounds the passage names that a sentence refers to by their head ("Nämnden
        # redovisar … 73 mnkr" in a passage about Stadsfastighetsnämnden).
        named = [g[0] for g in q.groups if len(g[0]) >= 8 and matcher.coverage_of(g[0], context)]
        said[i] = sentences(hit.passage.text, hit.passage.kind, lists=asks_list)
        sentence_terms = sentence_matcher.get(doc.doc_id, base)
        # Where each candidate stands in the passage: a sentence read with the list under it
        # (``sentences(lists=True)`` adds those after the passage's sentences) stands where that
        # sentence does.
        at: dict[str, int] = {}
        for n, s in enumerate(said[i]):
            at.setdefault(s, n)
        for n, sent in enumerate(said[i]):
            k = at.get(sent.split("\n", 1)[0], n) if "\n- " in sent else n
            referred = _referred(named, sent)
            if hit.passage.kind != "table" and k and FIGURES_END_RE.search(sent):
                columns = _column_header(said[i][:k])
                if columns:
                    referred = f"{referred} {columns}".strip()
                    row_header[(i, sent)] = columns
            # A table row is read with the paragraph that introduces its table (_table_lead).
            read = (title, matter, leads[i], header, sent, referred)
            s_cov = sentence_terms.coverage(" ".join(x for x in read if x))
            # (Nothing to add to a sentence that holds all the question's terms itself.)
            if s_cov < 1.0 and k and hit.passage.kind != "table" and _refers_back(said[i][k - 1], sent):
                with_previous = sentence_terms.coverage(" ".join(x for x in (said[i][k - 1], *read) if x))
                s_cov += PREVIOUS_SENTENCE * (with_previous - s_cov)
            bonus = _type_bonus(q.text, sent, asked_kind, defined, from_when)
            score = 0.6 * s_cov + 0.4 * p_cov + bonus - 0.03 * i
            if asks_list and asked_kind is None and _enumerates(sent):
                score += LIST_BONUS  # "Vilka …?" is answered by a list
            if count and _gives_count(count, sent):
                score += COUNT_BONUS
            score += _decision_bonus(asks_decision, sent, hit.passage.section) + _focus_bonus(
                superlatives, sent
            )
            label = _label_of(sent, asked_offices) if label_asked else None
            if label and matcher.held_groups(label) & label_asked:
                score += FIELD_LABEL_BONUS
            if asks_total and TOTAL_ROW_RE.match(sent):
                score += TOTAL_BONUS
            if years and any(str(y) in _YEAR_IN_DATE_RE.sub(" ", sent) for y in years):
                score += 0.1  # the year asked about, in the sentence itself
            scored.append((score, p_cov, i, sent))
    # "Vad kostar …?", "Hur stor är budgeten …?": the figure must be money, not a count.
    asks_money = kinds == {"number"} and bool(_MONEY_Q_RE.search(ctx.intent))
    # A "when" is not answered by the date the question gives; read once per question.
    asked_days = days_named(ctx.intent) if kinds is not None and kinds <= {"date", "day"} else set()
    asked_stems = set(stems(ctx.intent))
    echo_stems = asked_stems | set(stems(" ".join(q.lexical_terms)))
    # What the question names must be in the passage: read once per passage, not per sentence.
    names = asked_names(ctx)
    asks_what_decided = bool(_WHAT_DECIDED_RE.search(ctx.intent))
    # Asked what was decided, and not what anyone reserved or noted against it.
    decision_only = asks_decision and not _STATEMENT_Q_RE.search(ctx.intent)
    asks_when_decided = (
        kinds is not None and kinds <= {"date", "day"} and bool(_WHEN_DECIDED_RE.search(ctx.intent))
    )
    about: NameDocuments = {}
    asks_where_told = bool(_WHERE_TOLD_Q_RE.search(ctx.intent))
    asks_source = asks_where_told or bool(_SOURCE_Q_RE.search(ctx.intent))
    # Which read passages stand in a list of references: read once per question, not per sentence.
    in_references = [not asks_source and bool(_REFERENCES_SECTION_RE.search(h.passage.section)) for h in hits]
    rates = _rates_asked(ctx) if kinds is not None and kinds & {"number", "share"} else []
    # Why a passage cannot answer at all ("" when it may).
    lacking = [
        _specific_terms_missing(ctx, c, matcher, counted, openings.get(h.document.doc_id, ""))
        or ("the year missing" if _year_missing(ctx, h, c, years) else "")
        or (
            "a name missing"
            if names_missing(
                ctx, h.document.doc_id, c, matcher, names, about, h.passage.section, h.passage.text
            )
            else ""
        )
        for h, c in ((h, _reader_context(h)) for h in hits)
    ]

    def name_missing(i: int, sent: str) -> bool:
        hit = hits[i]
        context = f"{_reader_context(hit, sent)} {_named_by_head(names, hit.passage.text, sent)}"
        context = f"{context} {row_header.get((i, sent), '')}"
        return names_missing(
            ctx, hit.document.doc_id, context, matcher, names, about, hit.passage.section, sent
        )

    # Why a candidate sentence (in hit i) cannot answer: the first of these that holds. Read once
    # per question; each check is asked only of the candidates the ones before it let through.
    checks: tuple[tuple[str, Callable[[int, str], bool]], ...] = (
        ("passage", lambda i, sent: bool(lacking[i])),
        ("kind", lambda i, sent: not has_kind(sent)),
        ("contents line", lambda i, sent: bool(_TOC_RE.search(sent))),
        # A line that is only a value ("2026-05-18", a protokoll page's date stamp) says nothing of
        # what the value is.
        ("no words", lambda i, sent: not _WORD_RE.search(sent)),
        ("a question", lambda i, sent: sent.rstrip().endswith("?")),  # "Vad skulle det kosta …?"
        ("a referral", lambda i, sent: bool(_REFERRAL_RE.match(sent)) and not asks_where_told),
        ("a reference", lambda i, sent: in_references[i]),
        (
            "echo",
            lambda i, sent: (
                _echoes_question(echo_stems, sent) and not _gives_worded_value(kinds, ctx.intent, sent)
            ),
        ),
        # (A row of figures read with its column names is for the years they name.)
        ("other year", lambda i, sent: _other_year(years, f"{row_header.get((i, sent), '')} {sent}")),
        ("other month", lambda i, sent: _other_month_year(ctx.intent, sent)),
        ("the day asked", lambda i, sent: bool(asked_days) and _echoes_day(asked_days, sent)),
        (
            "other rate",
            lambda i, sent: bool(rates) and _other_rate(rates, f"{hits[i].passage.header} {leads[i]} {sent}"),
        ),
        ("card line", lambda i, sent: _card_line_off(kinds, asked_stems, hits[i].passage.section, sent)),
        (
            "no decision",
            lambda i, sent: asks_what_decided and not _states_decision(sent, hits[i].passage.section),
        ),
        ("no adoption", lambda i, sent: asks_when_decided and not _states_adoption(hits[i], sent)),
        ("a member's statement", lambda i, sent: decision_only and _under_statement(hits[i].passage.section)),
        (
            "not a count of it",
            lambda i, sent: (
                counted is not None
                and kinds == {"number"}
                and not any(
                    _counts_there(
                        matcher, c, sent, f"{leads[i]} {hits[i].passage.header} {hits[i].passage.section}"
                    )
                    for c in counted_words
                )
            ),
        ),
        ("not money", lambda i, sent: asks_money and not _states_money(hits[i], sent, unit_led[i])),
        ("name missing", lambda i, sent: bool(names) and name_missing(i, sent)),
    )

    def rejected(i: int, sent: str) -> str | None:
        for reason, check in checks:
            if check(i, sent):
                return f"passage: {lacking[i]}" if reason == "passage" else reason
        return None

    reasons = [rejected(x[2], x[3]) for x in scored]
    if TRACE is not None:
        TRACE.extend(zip(scored, reasons, strict=True))
    scored = [x for x, why in zip(scored, reasons, strict=True) if why is None]
    scored.sort(key=lambda x: -x[0])
    confidence = max((x[1] for x in scored), default=0.0)
    if q.unknown > 2 * len(q.groups):
        scored = []  # most of what an English question asks about is in no document
    # When the best sentence stands in a passage the re-ranker lifted that holds too little of the
    # question, what answers is uncertain: a weaker sentence elsewhere is not read out instead
    # (tune: 3 wrong answers fewer, none right lost).
    if scored and hits[scored[0][2]].promoted and scored[0][1] < PROMOTED_MIN_COVERAGE:
        scored = []
    # Only a passage that holds enough of the question may answer; its best sentence is the answer.
    # A passage the re-ranker brought up from below the read ones (on its coverage) answers only
    # when it holds most of the question.
    passing = list(scored)
    scored = [x for x in scored if x[1] >= (PROMOTED_MIN_COVERAGE if hits[x[2]].promoted else MIN_COVERAGE)]
    if scored and scored[0][0] < MIN_SCORE:
        scored = []
    if not scored:
        answer = not_found(ctx, hits)
        answer.confidence = confidence
        return answer
    best_score = scored[0][0]
    chosen: list[tuple[int, str]] = [(scored[0][2], scored[0][3])]
    # "Vem antog planen, och vilket datum?" asks two things: a third sentence may be needed, and a
    # weaker one may hold the second fact.
    asks_second = second_ask(ctx.intent)
    two_asks = bool(asks_second)
    extra, ratio = (2, 0.5) if two_asks else (1, SECOND_SENTENCE)
    eligible = []
    for score, p_cov, i, sent in scored[1:8]:
        # A value from another passage that holds less of the question is another thing's value
        # ("… budget antagen 2024-12-16" under another nämnd than the one asked about).
        if kinds is not None and not two_asks and i != scored[0][2] and p_cov < scored[0][1]:
            continue
        if score >= ratio * best_score and p_cov >= MIN_COVERAGE:
            eligible.append((i, sent))
    # With two things asked ("Vem antog planen, och vilket datum?"), a sentence that gives what the
    # ones chosen do not (the second part's terms, or a kind of value none holds: the cover card's
    # "Antagen av: …" beside its "Datum: …") comes before a stronger one that says the same again.
    second = matcher.held_groups(ctx.intent[asks_second.start() :]) if asks_second else set()

    def adds(sent: str) -> bool:
        said_groups = set().union(*(matcher.held_groups(c[1]) for c in chosen))
        if (matcher.held_groups(sent) & second) - said_groups:
            return True
        return kinds is not None and any(
            has(k, sent) and not any(has(k, c[1]) for c in chosen) for k in kinds
        )

    # "Vilka klimatrelaterade risker …?" answered by a table that gives each its own labelled row
    # ("Risk för översvämning: …", "Risk för ras: …", over two passages): every row of that table
    # that holds the question's terms about as well as the first is read out, not two of them.
    first_row = _ROW_LABEL_RE.match(scored[0][3]) if asks_list and asked_kind is None else None
    if first_row:
        head = hits[scored[0][2]]
        rows = [
            (i, sent)
            for score, p_cov, i, sent in scored[1:LIST_ROWS]
            if score >= LIST_ROW_RATIO * best_score
            and hits[i].document.doc_id == head.document.doc_id
            and hits[i].passage.section == head.passage.section
            and _ROW_LABEL_RE.match(sent)
        ]
        eligible = rows + [e for e in eligible if e not in rows]
        extra = max(extra, len(rows))
    while eligible and len(chosen) <= extra:
        pick = next((e for e in eligible if adds(e[1])), eligible[0]) if two_asks else eligible[0]
        eligible.remove(pick)
        if len({c[0] for c in chosen} | {pick[0]}) > ctx.k:
            continue  # never more passages cited than k
        if _same_words(pick[1]) not in {_same_words(c[1]) for c in chosen} and not any(
            pick[1] in c[1] or c[1] in pick[1] for c in chosen
        ):
            # Not the same words again ("Datum: 2023-03-31", "Datum 2023-03-31"), nor a point of a
            # decision beside the decision that holds it.
            chosen.append(pick)
    if two_asks and len(chosen) <= extra:
        # The second part's answer may stand in a passage that holds little of the first part's
        # terms ("… och hur ofta ska planen aktualiseras?" on the page after the survey's interval):
        # a sentence that gives what the chosen ones do not is read from a passage holding less.
        more = next(
            (
                (i, sent)
                for score, p_cov, i, sent in passing
                if p_cov >= SECOND_ASK_COVERAGE
                and score >= ratio * best_score
                and (i, sent) not in chosen
                and adds(sent)
                and len({c[0] for c in chosen} | {i}) <= ctx.k
            ),
            None,
        )
        if more is not None:
            chosen.append(more)
    follow = _continued(said[chosen[0][0]], chosen[0][1])
    if follow and follow not in (c[1] for c in chosen):
        chosen.insert(1, (chosen[0][0], follow))
    # An answer that goes on from the sentence before it ("Detta motsvarar 2,5 % av barnen …") is
    # read out with that sentence: alone it does not say what it is about.
    before = _going_on_from(said[chosen[0][0]], chosen[0][1])
    if before and before not in (c[1] for c in chosen):
        chosen.insert(0, (chosen[0][0], before))
    cites = Citations(ctx.snapshot)
    parts: list[str] = []
    for i, sent in chosen:
        n = cites.cite(hits[i].passage.passage_id, sent, hits[i].score, sep=" ")
        parts.append(f"»{sent}« [{n}]")
        nxt = _introduced(ctx.snapshot, hits[i].passage, sent)
        if nxt is not None:  # "… gett följande uppdrag (nr 11) till kommunstyrelsen:" + the uppdrag
            parts.append(f"»{nxt[1]}« [{cites.cite(nxt[0].passage_id, nxt[1], sep=' ')}]")
    first = cites.items[0]
    page = t["page"].format(page=first.passage.page) if first.passage.page else ""
    body = " ".join(parts)
    # Never read out a number the sources do not hold. The lead-in ("Enligt <title>, s. 6:") is
    # where it comes from, not what it says: its page number is no answer number.
    if uncited_numbers(body, cites.items):
        return not_found(ctx, hits)
    text = t["according"].format(title=first.document.title, page=page) + " " + body
    return answer_for(ctx, True, text, hits, citations=cites.items, confidence=scored[0][1])
