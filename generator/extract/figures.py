"""Figures: numbers that carry meaning. Money in symbols and words with scale
words, percentages, counts of things, ranges, approximations and rates, each
normalized; calendar dates, years and ordinals are left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import Figure
from .ids import doc_text, stable_id
from .lexicons import (APPROX_WORDS, DURATION_UNITS, CURRENCY_PREFIXES, CURRENCY_SYMBOLS, CURRENCY_WORDS, NUMBER_WORDS,
                       RATE_WORDS, SCALE_WORDS)

MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split())

_WORD_NUMBERS = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("zero", "one")), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|\b(?:{_WORD_NUMBERS})\b)"
_APPROX = "|".join(re.escape(w) for w in sorted(APPROX_WORDS, key=len, reverse=True))
_CURRENCY_PREFIX = "|".join(re.escape(s) for s in sorted([*CURRENCY_PREFIXES, *CURRENCY_SYMBOLS], key=len, reverse=True))
_SCALE = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))
_CURRENCY_WORD = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))

FIGURE = re.compile(
    rf"""(?P<approx>\b(?:{_APPROX})\s+)?
    (?P<between>\bbetween\s+)?
    (?P<cur>{_CURRENCY_PREFIX})?\s?
    (?P<num>{_NUMBER})
    (?:\s?(?P<scale1>(?:{_SCALE})\b))?
    (?:\s?(?P<points>percentage\s+points?\b))?
    (?:\s?(?P<pct1>%|percent\b|per\s+cent\b))?
    (?:\s*(?P<dash>–|—|-|\bto\b|\band\b)\s*(?P<cur2>{_CURRENCY_PREFIX})?\s?(?P<num2>{_NUMBER})
        (?:\s?(?P<scale2>(?:{_SCALE})\b))?)?
    (?:\s?(?P<pct2>%|percent\b|per\s+cent\b))?
    (?:\s(?P<curword>(?:{_CURRENCY_WORD})\b))?
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass
class FigureDraft:
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str | None
    approx: bool
    per: str | None = None
    measures: str | None = None


def parse_number(text: str) -> float | None:
    """"1,500" → 1500; "ten" → 10."""
    text = text.lower().replace(",", "")
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _scaled(number: str, scale: str | None) -> float | None:
    value = parse_number(number)
    if value is None:
        return None
    return value * SCALE_WORDS.get((scale or "").lower(), 1)


def _currency(match: re.Match) -> str | None:
    for group in ("cur", "cur2"):
        symbol = match.group(group)
        if symbol:
            return CURRENCY_PREFIXES.get(symbol.lower()) or CURRENCY_SYMBOLS.get(symbol)
    word = match.group("curword")
    return CURRENCY_WORDS.get(word.lower()) if word else None


def parse_figure(match: re.Match) -> FigureDraft | None:
    """Normalize one matched figure; None when it is not a figure (a lone number word)."""
    if match.group("dash") and match.group("dash").lower() == "and" and not match.group("between"):
        return None
    scale1, scale2 = match.group("scale1"), match.group("scale2")
    if scale1 and scale1.lower() in ("m", "b", "k") and not (match.group("cur") or match.group("curword")):
        return None
    low = _scaled(match.group("num"), scale1 or scale2)
    high = _scaled(match.group("num2"), scale2 or scale1) if match.group("num2") else None
    if low is None:
        return None
    unit = _currency(match)
    if match.group("pct1") or match.group("pct2"):
        unit = "percent"
    if match.group("points"):
        unit = "percentage points"
    return FigureDraft(match.start(), match.end(), match.group(0).strip(), low, high, unit,
                       bool(match.group("approx")))


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if t.idx < end and t.idx + len(t) > start]


def _is_calendar(tokens: list[Token], draft: FigureDraft) -> bool:
    """Years, days of the month and ordinals are dates, not figures."""
    if draft.unit:
        return False
    doc = tokens[0].doc
    neighbours = [doc[i] for i in (tokens[0].i - 1, tokens[-1].i + 1) if 0 <= i < len(doc)]
    if any(n.lower_ in MONTHS for n in neighbours):
        return True
    if any(t.ent_type_ in ("DATE", "TIME") for t in tokens) and not _unit_noun(tokens):
        return True
    number = draft.value
    if draft.value_max is None and number.is_integer() and 1800 <= number <= 2100 and "," not in draft.text:
        return True
    return any(re.fullmatch(r"\d+(st|nd|rd|th)", t.lower_) for t in tokens)


def _unit_noun(tokens: list[Token]) -> Token | None:
    """The counted noun: "30 countries", "30,000 new troops", "ten Northern European nations"."""
    doc = tokens[0].doc
    for token in tokens:
        if token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN") and token.head not in tokens:
            return token.head
    i = tokens[-1].i + 1
    while i < len(doc) and i <= tokens[-1].i + 4:
        token = doc[i]
        if token.pos_ == "NOUN":
            return token
        if token.pos_ not in ("ADJ", "PROPN", "VERB") or token.is_punct:
            break
        i += 1
    return None


def _counted_unit(tokens: list[Token]) -> str | None:
    noun = _unit_noun(tokens)
    if noun is not None:
        if noun.lower_ in ("percent", "%"):
            return "percent"
        if noun.lower_ in DURATION_UNITS and not noun.lower_.endswith("s"):
            return noun.lower_ + "s"  # "a two-week stoppage" lasts two weeks
        return noun.lower_
    doc = tokens[0].doc
    following = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    if following is not None and following.tag_ == "VBN":
        return "people"  # "1,500 killed and wounded"
    return None


def _rate(doc: Doc, tokens: list[Token], sent: Span) -> str | None:
    lo = max(sent.start, tokens[0].i - 4)
    hi = min(sent.end, tokens[-1].i + 6)
    window = " " + " ".join(t.lower_ for t in doc[lo:hi]) + " "
    for phrase, per in RATE_WORDS.items():
        if f" {phrase} " in window:
            return per
    return None


def _measures(tokens: list[Token], unit_noun: Token | None) -> str | None:
    """What the figure measures: the "of" phrase after it, else its noun, else its verb."""
    doc = tokens[0].doc
    inside = {t.i for t in tokens}
    j = tokens[-1].i + 1
    if j < len(doc) and doc[j].text == "(":
        while j < len(doc) and doc[j].text != ")":
            j += 1
        j += 1
    if unit_noun is not None and unit_noun.i >= j:
        j = unit_noun.i + 1
    if j < len(doc) and doc[j].lower_ in ("of", "in", "for", "on"):
        phrase = [t for t in doc[j].subtree if t.i not in inside][1:13]
        if phrase:
            return " ".join(t.text for t in phrase)
    if unit_noun is not None:
        phrase = [t for t in unit_noun.subtree if t.i not in inside and not t.is_punct][:12]
        return " ".join(t.text for t in phrase)
    head = tokens[-1].head
    while head.i in inside and head.head.i != head.i:
        head = head.head
    if head.pos_ in ("VERB", "AUX", "NOUN"):
        return head.lemma_
    return None


def find_figures(doc: Doc) -> list[Figure]:
    """Every meaningful number, with a parenthetical conversion linked by ``equals``."""
    drafts: list[tuple[FigureDraft, Span]] = []
    for sent in doc.sents:
        for match in FIGURE.finditer(sent.text):
            draft = parse_figure(match)
            if draft is None:
                continue
            draft.start += sent.start_char
            draft.end += sent.start_char
            tokens = _tokens(doc, draft.start, draft.end)
            if not tokens or _is_calendar(tokens, draft):
                continue
            if draft.unit is None:
                draft.unit = _counted_unit(tokens)
                if draft.unit is None:
                    continue
            draft.per = _rate(doc, tokens, sent)
            unit_noun = _unit_noun(tokens)
            draft.measures = _measures(tokens, unit_noun)
            draft.text = _display_text(doc, draft, unit_noun)
            drafts.append((draft, sent))
    return _to_figures(doc, drafts)


def _display_text(doc: Doc, draft: FigureDraft, unit_noun: Token | None) -> str:
    """The figure as a reader quotes it: with its counted noun and rate when they follow
    right after ("80,000 jobs", "12,000 containers a day")."""
    end = draft.end
    if unit_noun is not None and draft.unit == unit_noun.lower_ and unit_noun.idx >= end and unit_noun.idx - end <= 30 \
            and "," not in doc_text(doc)[end:unit_noun.idx]:
        end = unit_noun.idx + len(unit_noun)
    rest = doc_text(doc)[end:end + 16].lower()
    for phrase in sorted(RATE_WORDS, key=len, reverse=True):
        if rest.startswith(" " + phrase) and not phrase.endswith("ly"):
            end += 1 + len(phrase)
            break
    return doc_text(doc)[draft.start:end].strip()


def _to_figures(doc: Doc, drafts: list[tuple[FigureDraft, Span]]) -> list[Figure]:
    made: list[Figure | None] = []
    used: set[str] = set()
    for draft, sent in drafts:
        evidence = sent.text.strip()
        figure_id = stable_id("f", used, evidence, draft.text)
        made.append(None if figure_id is None else Figure(
            id=figure_id, text=draft.text, value=draft.value, value_max=draft.value_max, unit=draft.unit,
            per=draft.per, approx=draft.approx, measures=draft.measures, evidence=evidence))
    for (first, _), (second, _), a, b in zip(drafts, drafts[1:], made, made[1:]):
        between = doc_text(doc)[first.end:second.start]
        if a and b and between.strip() == "(" and first.unit and second.unit and first.unit != second.unit:
            a.equals = b.id
            if not b.measures:
                b.measures = a.measures
    return [f for f in made if f is not None]
