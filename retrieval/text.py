"""Swedish text analysis for lexical search: tokens, stems, character n-grams, abbreviations,
the English→Swedish glossary and question language detection."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

_WORD_RE = re.compile(r"[0-9a-zåäöéüæøà]+", re.IGNORECASE)
# Words that carry no topic in a question ("how much", "vad kostade") beyond the stopword lists.
QUESTION_WORDS_SV = {
    "vad", "vem", "vilka", "vilken", "vilket", "när", "hur", "varför", "var", "mycket", "många",
    "finns", "fick", "gick", "får", "kan", "ska", "skulle", "görs", "gjordes", "blev", "står",
    "beskriv", "berätta", "förklara", "ange", "något", "några", "någon", "nog", "även", "också",
    # Verbs of reporting: they say that a document states something, not what it is about.
    "anges", "anger", "angavs", "angetts", "redovisas", "redovisades", "redovisats", "redovisar",
    "redovisade", "framgår",
    "framgick", "beskrivs", "beskrevs", "nämns", "nämndes", "uppges", "uppgavs", "enligt",
    # Asking for a definition ("Vad menas med …?"): the answer defines, it need not say "menas".
    "menas", "avses", "definieras",
    # Hedges and pointers into the document: they frame the question, the passage need not say
    # them ("Ungefär hur många …", "… enligt beskrivningen", "… i projekttabellen", "utfallet per").
    "ungefär", "cirka", "ca", "omkring", "drygt", "knappt", "per", "beskrivningen", "beskrivning",
    "texten", "avsnittet", "stycket", "kapitlet", "sidan", "dokumentet",
    # Prepositions, conjunctions and adverbs the Snowball list lacks: they carry no topic ("Hur
    # länge beviljas bidraget innan det omprövas?", "… tack vare åtgärderna?").
    "länge", "innan", "tack", "vare", "trots", "utifrån", "avseende", "angående", "beträffande",
    "gällande", "inför", "kring", "bland", "genom", "hos", "via", "före", "samt", "dock", "redan",
    "ännu", "därefter", "därmed", "därför",
}  # fmt: skip
# Any word naming a table ("tabellen", "projekttabellen", "table") points at where, not what.
# A question word: "Vad …", "… hur många …", "Which …".
QUESTION_WORD_RE = re.compile(
    r"\b(vad|vem|vilk\w*|när|hur|varför|var|what|who|which|when|how|why|where)\b", re.I
)
FRAMING_RE = re.compile(r"\w*tabell\w*|tables?", re.IGNORECASE)
QUESTION_WORDS_EN = {
    "what", "who", "whom", "which", "when", "where", "why", "how", "much", "many", "does", "did", "do",
    "is", "are", "was", "were", "the", "a", "an", "of", "in", "on", "for", "to", "and", "or", "by",
    "with", "at", "from", "about", "there", "their", "they", "it", "its", "this", "that", "be", "been",
    "has", "have", "had", "will", "would", "can", "could", "should", "get", "got", "take", "took",
    "part", "tell", "me", "please", "describe", "explain", "list", "go", "goes", "going", "any",
    "according", "stated", "state", "states", "reported", "mentioned", "listed", "given",
    "roughly", "approximately", "around", "per", "description", "described", "document", "section",
    "page", "text",
    # Prepositions and conjunctions that carry no topic ("… before it is reassessed?").
    "before", "after", "during", "until", "since", "because", "thanks", "due", "despite", "within",
    "between", "among", "into", "than", "then", "also", "still", "yet",
    # Modal verbs say how, not what ("How large must the savings be?").
    "must", "shall", "might", "ought",
}  # fmt: skip
_EN_MARKERS = {"the", "what", "how", "which", "who", "when", "is", "are", "was", "were", "did", "does",
               "of", "and", "many", "much", "to", "in", "for", "will", "with"}  # fmt: skip
# First words only English questions open with.
_EN_OPENERS = {"what", "how", "which", "who", "whom", "whose", "when", "where", "why", "does", "did", "do",
               "is", "are", "was", "were", "in", "on", "by", "according", "has", "have", "can", "will"}  # fmt: skip
_SV_MARKERS = {"vad", "hur", "vilka", "vem", "när", "är", "och", "för", "till", "som", "av", "på",
               "det", "den", "mycket", "många", "fick", "gick", "under", "om", "i", "med"}  # fmt: skip


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("swedish")


@lru_cache(maxsize=1)
def stopwords_sv() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_SWEDISH

    return frozenset(STOPWORDS_SWEDISH)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text)]


# Swedish strong and irregular verbs: their forms share no stem ("antogs" -> "antog", "antagen" ->
# "antag", "anta" -> "ant"), so a question's "När antogs planen?" would miss "Planen antagen
# 2024-12-16". Each form is read as the verb's infinitive, with or without a verb particle
# ("uppgick", "inkom", "antogs" as "an" + "ta"). Forms that are also common nouns or adjectives
# ("låg", "steg", "drog", "satt", "bar", "band") are left out, and so are particle forms that are
# nouns ("bidragen", "uppdragen", "uttagen": ``_NOUN_FORMS``). General Swedish grammar, not a list
# fitted to any document.
_STRONG_VERBS = {
    # "an" + "ta" gives "antar", "antog", "antagit"; its participles are verbs, unlike "bidragen".
    "anta": "antagen antaget antagna",
    "ta": "tar tog togs tagit tagits tagen taget tagna tas",
    "ge": "ger gav gavs givit gett getts given givet givna ges",
    "gå": "går gick gått gåtts",
    "få": "får fick fått",
    "göra": "gör gjorde gjordes gjort gjorts gjord gjorda görs",
    "bli": "blir blev blivit blivna",
    "stå": "står stod stått",
    "komma": "kommer kom kommit",
    "skriva": "skriver skrev skrevs skrivit skriven skrivet skrivna skrivs",
    "säga": "säger sade sades sagt sagts",
    "hålla": "håller höll hölls hållit hållits hållen hållna",
    "vinna": "vinner vann vunnit vunnen vunna",
    "bära": "bär burit buren burna",
    "sjunka": "sjunker sjönk sjunkit",
    "fortsätta": "fortsätter fortsatte fortsattes",
    "lägga": "lägger lade lades lagt lagts",
    "välja": "väljer valde valdes valt valts vald valda",
    "sälja": "säljer sålde såldes sålt sålts såld sålda",
    "dra": "drar drogs dragit dragits dragen dragna",
    "se": "ser såg sågs sett setts sedd sedda",
    "finna": "finner fann funnit funnen funna",
    "binda": "binder bundit bunden bundna",
    "skjuta": "skjuter sköt skjutit skjuten skjutna",
    # With its action noun, whose vowel differs too: "Förslaget är följande" answers "Vilka
    # fokusområden föreslås …?".
    "föreslå": "föreslår föreslås föreslog föreslogs föreslagit föreslagits föreslagen föreslaget "
    "föreslagna förslag förslaget förslagen förslagens förslagets",
}
_VERB_PARTICLES = ("", "an", "av", "be", "bi", "efter", "fram", "för", "genom", "in", "inne", "med",
                   "mot", "ned", "ner", "om", "på", "sam", "till", "under", "upp", "ut", "över", "åter")  # fmt: skip
# With a particle, the participles of "dra" and "ta" are mostly nouns' plural forms.
_NOUN_FORMS = {"dragen", "dragna", "tagen", "tagna"}
_VERB_FORMS = {
    particle + form: particle + lemma
    for lemma, forms in _STRONG_VERBS.items()
    for form in (lemma, *forms.split())
    for particle in _VERB_PARTICLES
    # A form shorter than three letters ("ge", "se", "ta", "få") is left as it is.
    if len(particle + form) >= 3 and not (particle and form in _NOUN_FORMS)
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(_VERB_FORMS.get(word, word)))


def content_words(text: str, extra_stop: set[str] | None = None) -> list[str]:
    """The words of ``text`` that carry topic. With ``extra_stop`` (a question's own words, such as
    QUESTION_WORDS_SV) the text is read as a question: words naming a table are left out too."""
    stop = stopwords_sv()
    out = []
    for w in words(text):
        if w in stop or (extra_stop and (w in extra_stop or FRAMING_RE.fullmatch(w))):
            continue
        if len(w) < 2 and not w.isdigit():
            continue
        out.append(w)
    return out


def stems(text: str, extra_stop: set[str] | None = None) -> list[str]:
    return [stem(w) for w in content_words(text, extra_stop)]


def ngrams(word: str, n: int = 4) -> list[str]:
    """Character n-grams of a word with boundary marks: catches compounds and inflections
    ("socialpsykiatriteamet" ~ "socialpsykiatriska teamet")."""
    w = f"#{word}#"
    if len(w) <= n:
        return [w]
    return [w[i : i + n] for i in range(len(w) - n + 1)]


def ngram_tokens(text: str, extra_stop: set[str] | None = None) -> list[str]:
    out: list[str] = []
    for w in content_words(text, extra_stop):
        if w.isdigit():
            out.append(w)
        else:
            out.extend(ngrams(w))
    return out


@lru_cache(maxsize=1)
def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    """English and Swedish function words (bm25s's stopword lists and the language markers), less
    those both languages write ("i", "under")."""
    from bm25s.stopwords import STOPWORDS_EN_PLUS, STOPWORDS_SWEDISH

    en = frozenset(STOPWORDS_EN_PLUS) | _EN_MARKERS
    sv = frozenset(STOPWORDS_SWEDISH) | _SV_MARKERS
    return en - sv, sv - en


# How much more often English writes a word than Swedish does, in wordfreq's Zipf units (1.0: ten
# times as often), for a word the glossary leaves to be read as English rather than as a Swedish
# term quoted in an English question ("give", "private" against "rörelse", "kalkylränta").
ENGLISH_MARGIN = 1.0


@lru_cache(maxsize=4096)
def english_word(word: str) -> bool:
    """Is the word an everyday English word rather than a Swedish one? Read from wordfreq's
    word-frequency lists of both languages (bundled with the package, nothing downloaded)."""
    from wordfreq import zipf_frequency

    low = word.lower()
    if re.search(r"[åäö\d]", low):
        return False
    en = zipf_frequency(low, "en")
    return en >= 3.0 and en - zipf_frequency(low, "sv") >= ENGLISH_MARGIN


@lru_cache(maxsize=4096)
def english_phrase(text: str) -> bool:
    """Is the phrase English: every word one English writes often (Zipf 3.0 or more) and at least
    one an everyday English word rather than a Swedish one ("share of the budget", "medium-high
    probability"; not "plan" nor "bestrida")."""
    from wordfreq import zipf_frequency

    # Letters only (not ``words``): a figure in the brackets ("2000") makes no phrase English.
    ws = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    return bool(ws) and all(zipf_frequency(w, "en") >= 3.0 for w in ws) and any(english_word(w) for w in ws)


def detect_language(text: str) -> str:
    """ "en" or "sv" from function words and Swedish letters; Swedish wins ties. An English
    question names Swedish things ("Under Alingsås renhållningstaxa 2027, what does a private person
    pay for a lost or broken recycling card?"): its small words ("a", "or") say it is English."""
    ws = words(text)
    en_words, sv_words = _function_words()
    en = sum(1 for w in ws if w in en_words)
    # Swedish letters in a Swedish word count; in a name ("Östergötland's") or a Swedish term
    # quoted in an English question ("(eget kapital)") they say nothing about the question's language.
    plain = re.sub(r"\([^)]*\)|[\"”“»«][^\"”“»«]*[\"”“»«]", " ", text)
    swedish_words = re.findall(r"(?<![\wåäöÅÄÖ])[a-zåäö]*[åäö][a-zåäö]*", plain)
    sv = sum(1 for w in ws if w in sv_words) + 2 * len(swedish_words)
    if ws and ws[0] in _EN_OPENERS and en >= 2:
        # "In how many cases did … äldre samt vård- och omsorgsnämnden find …?": an English question
        # that names a Swedish body is English.
        return "en"
    return "en" if en > sv else "sv"


# -- abbreviations learned from the corpus -------------------------------------------------
_ABBR_MARK_RE = re.compile(r"\(([A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,7})\)")
_ABBR_RE = re.compile(r"((?:[\wÅÄÖåäö]+[-,]?\s+){1,8}?[\wÅÄÖåäö-]+)\s*\(([A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,7})\)")


def _initials_match(phrase: str, abbr: str) -> str | None:
    """The shortest tail of ``phrase`` whose letters spell ``abbr`` in order, first letter on a
    word start: "arbetsmarknads- och socialförvaltningen" spells ASF."""
    tokens = phrase.split()
    a = abbr.lower()
    if sum(1 for c in abbr if c.isupper()) < 2:
        return None
    for start in range(len(tokens) - 1, -1, -1):
        cand = " ".join(tokens[start:])
        low = cand.lower()
        if not low.startswith(a[0]):
            continue
        pos = 1
        for ch in a[1:]:
            pos = low.find(ch, pos)
            if pos < 0:
                break
            pos += 1
        else:
            # Each later capital should start a word or a compound part; accept when the
            # phrase has at least as many words (or hyphen parts) as half the letters.
            if len(re.findall(r"[\wåäö]+", cand)) * 2 >= len(a) or len(cand) > 2 * len(a):
                return cand.strip(" ,-")
    return None


def learn_abbreviations(texts: list[str]) -> dict[str, set[str]]:
    """{"ASF": {"arbetsmarknads- och socialförvaltningen"}, …} from "Long form (ABBR)" in the corpus."""
    found: dict[str, set[str]] = {}
    for text in texts:
        if not _ABBR_MARK_RE.search(text):
            continue  # no "(ABBR)" in it: the long pattern below cannot match (a third of a snapshot's time)
        for m in _ABBR_RE.finditer(text.replace("\n", " ")):
            long_form = _initials_match(m.group(1), m.group(2))
            if long_form and len(long_form) > len(m.group(2)) + 2:
                found.setdefault(m.group(2), set()).add(long_form.lower())
    return found


# -- glossary --------------------------------------------------------------------------------
# English phrases that relate two things and name neither: read as no term at all.
_RELATION_PHRASES = {
    ("relative", "to"), ("in", "relation"), ("with", "regard"), ("in", "terms"), ("as", "opposed"),
}  # fmt: skip


@dataclass
class Glossary:
    entries: dict[tuple[str, ...], list[str]]
    longest: int

    def translate_groups(self, text: str) -> tuple[list[list[str]], list[str]]:
        """([Swedish alternatives per English phrase found], English words left untranslated)."""
        phrases, left = self.translate_phrases(text)
        return [terms for _, terms in phrases], left

    def alternatives(self, text: str) -> list[str]:
        """Every Swedish wording the glossary gives for the English phrases of ``text``, in order
        ("as chair" → "ordförande", "ordföranden")."""
        return [a for terms in self.translate_groups(text)[0] for a in terms]

    def translate_phrases(self, text: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
        """([(English phrase, its Swedish alternatives)], English words left untranslated).

        Longest phrase first; a plural "s" is tried off the last word. A word without topic
        ("during", "before") is left untranslated, for the question-word filter to drop."""
        ws = words(text)
        out: list[tuple[str, list[str]]] = []
        left: list[str] = []
        i = 0
        while i < len(ws):
            if tuple(ws[i : i + 2]) in _RELATION_PHRASES:
                i += 2  # "relative to" relates two things; it is neither ("relative": anhörig)
                continue
            for n in range(min(self.longest, len(ws) - i), 0, -1):
                key = tuple(ws[i : i + n])
                if n == 1 and key[0] in QUESTION_WORDS_EN:
                    continue
                terms = self.entries.get(key) or self.entries.get(
                    key[:-1] + (key[-1][:-1],) if key[-1].endswith("s") else key
                )
                if terms:
                    out.append((" ".join(key), list(terms)))
                    i += n
                    break
            else:
                left.append(ws[i])
                i += 1
        return out, left


def load_glossary(extra: Path | None = None) -> Glossary:
    text = resources.files("retrieval").joinpath("data/glossary.tsv").read_text(encoding="utf-8")
    if extra is not None:
        text += "\n" + extra.read_text(encoding="utf-8")
    entries: dict[tuple[str, ...], list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        en, sv = line.split("\t", 1)
        key = tuple(words(en))
        if key:
            terms = [t.strip() for t in sv.split("|") if t.strip()]
            entries.setdefault(key, [])
            entries[key].extend(t for t in terms if t not in entries[key])
    return Glossary(entries, max((len(k) for k in entries), default=1))
