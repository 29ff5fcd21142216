"""Figures: numbers that carry meaning. Money in symbols and words with scale
words, percentages, counts of things, ranges, approximations and rates, each
normalized; calendar dates, years and ordinals are left out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from generator.core.model import Figure
from generator.core.textpatterns import article_pattern
from generator.core.units import CURRENCY_SYMBOLS, is_money
from generator.extract import gazetteer
from generator.extract.components import Extraction, component
from generator.extract.ids import doc_text, make_item, stable_id
from generator.extract.lexicons import (
    ABSTRACT_COUNTS,
    APPROX_WORDS,
    CURRENCY_PREFIXES,
    CURRENCY_SUBUNITS,
    CURRENCY_WORDS,
    DOLLAR_COUNTRIES,
    DURATION_UNITS,
    FRACTION_WORDS,
    MEASUREMENT_UNITS,
    NOT_RATE_AFTER,
    NUMBER_WORDS,
    PER_UNIT_MEASURES,
    PRICE_DENOMINATORS,
    RATE_WORDS,
    REPORTING_VERBS,
    SCALE_WORDS,
)

MONTHS = frozenset(
    """january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

_WORD_NUMBERS = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("zero", "one")), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|\b(?:{_WORD_NUMBERS})\b)"
_APPROX = "|".join(re.escape(w) for w in sorted(APPROX_WORDS, key=len, reverse=True))
_CURRENCY_PREFIX = "|".join(
    re.escape(s) for s in sorted([*CURRENCY_PREFIXES, *CURRENCY_SYMBOLS], key=len, reverse=True)
)
_SCALE = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))
_CURRENCY_WORD = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))

FIGURE = article_pattern(
    rf"""(?P<approx>\b(?:{_APPROX})\s+)?
    (?P<between>\bbetween\s+)?
    (?P<cur>{_CURRENCY_PREFIX})?\s?
    (?P<num>{_NUMBER})
    (?:\s?(?P<scale1>(?:{_SCALE})\b))?
    (?:\s?(?P<points>percentage\s+points?\b))?
    (?:\s?(?P<bps>bps?\b|basis\s+points?\b))?
    (?:\s?(?P<pct1>%|percent\b|per\s+cent\b))?
    (?:\s*(?P<dash>–|—|-|\bto\b|\band\b)\s*(?P<cur2>{_CURRENCY_PREFIX})?\s?(?P<num2>{_NUMBER})
        (?:\s?(?P<scale2>(?:{_SCALE})\b))?)?
    (?:\s?(?P<pct2>%|percent\b|per\s+cent\b))?
    (?:\s(?P<curword>(?:{_CURRENCY_WORD})\b))?
    """,
    re.IGNORECASE | re.VERBOSE,
)

_NUMERATORS = "|".join(w for w in NUMBER_WORDS if NUMBER_WORDS[w] <= 10 and w != "zero")
_FRACTIONS = "|".join(sorted(FRACTION_WORDS, key=len, reverse=True))
# Shares in words: "two-thirds", "three quarters", "one-sixth" always; "a quarter of", "half the",
# "by a fifth" only where the context makes them a share, not a period or a noun.
FRACTION = article_pattern(
    rf"""(?P<approx>\b(?:{_APPROX})\s+)?
    (?:(?P<num>\b(?:{_NUMERATORS}))-(?P<den>(?:{_FRACTIONS})\b)(?!-)
      |(?P<num_of>\b(?:{_NUMERATORS}))\s(?P<den_of>(?:{_FRACTIONS})\b)(?=\s+of\b)
      |(?P<article>\b(?:a|an|one)\s)(?P<den2>(?:{_FRACTIONS})\b)(?!-)(?=\s+(?:of|the|its|their|his|her|our|all)\b)
      |(?P<den_half>\bhalf\b)(?=\s+(?:of|the|its|their|his|her|our|all)\b)
      |(?P<by>\bby\s)(?P<article3>a\s|one\s)?(?P<den3>(?:{_FRACTIONS})\b)(?!-)
      |(?P<article4>\ba\s|\bone\s)?(?P<den4>(?:{_FRACTIONS})\b)(?!-))
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Ratios and multipliers: "two-to-one" (2 ratio), "more than triple" (3 times), "fivefold".
_RATIO_TERM = rf"(?:{_DIGITS}|one|{_WORD_NUMBERS})"
BARE_DOLLAR = article_pattern(r"(?<![A-Za-z])\$")
"""A "$" with no country letters before it ("about $47,000", not "US$" or "C$")."""
PARTITIVE = article_pattern(
    rf"\b(?P<part>{_DIGITS}|one|{_WORD_NUMBERS})\s+of\s+(?:the|its|their|his|her|our)\s*$", re.IGNORECASE
)
"""The part before a whole: "four of the five crews" counts four."""
RATIO = article_pattern(
    rf"(?P<approx>\b(?:{_APPROX})\s+)?\b(?P<a>{_RATIO_TERM})-to-(?P<b>{_RATIO_TERM})\b", re.IGNORECASE
)
MULTIPLIER_WORDS = {"double": 2, "triple": 3, "quadruple": 4, "twice": 2, "thrice": 3}
MULTIPLIER = article_pattern(
    rf"(?P<approx>\b(?:{_APPROX})\s+)(?P<word>double|triple|quadruple|twice|thrice)\b"
    rf"|\b(?P<fold>{_RATIO_TERM})-?fold\b",
    re.IGNORECASE,
)
# A number written into a code or a name: "10-K", "F-16", "MK-7", "S&P 500".
CODE_AROUND = article_pattern(r"[A-Z]{1,4}-$|^-[A-Z]{1,4}\b")


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
    """ "1,500" → 1500; "ten" → 10."""
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


def split_mismatched_range(match: re.Match) -> list[tuple[int, int]] | None:
    """ "rose 4.2% to $97.71 billion" is two figures, not a range: a "to" between a
    percentage and money (or the reverse) joins two amounts of different kinds.
    Returns the two parts' (start, end) offsets in the matched text, else None."""
    dash = match.group("dash")
    if dash and dash.lower() == "and" and not match.group("between"):
        second = match.start("cur2") if match.group("cur2") else match.start("num2")
        return [(match.start(), match.start("dash")), (second, match.end())]  # "$1.7 billion and $1.5 billion"
    if not dash or dash.lower() != "to":
        return None
    first_percent, second_percent = bool(match.group("pct1")), bool(match.group("pct2"))
    if (
        (first_percent and not second_percent)
        or (match.group("cur") and second_percent)
        or (first_percent and match.group("cur2"))
    ):
        second = match.start("cur2") if match.group("cur2") else match.start("num2")
        return [(match.start(), match.start("dash")), (second, match.end())]
    return None


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
    if match.group("bps"):
        unit = "basis points"
    return FigureDraft(match.start(), match.end(), match.group(0).strip(), low, high, unit, bool(match.group("approx")))


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens a character range touches, found by offset (not by scanning the doc,
    which made numbers-heavy articles quadratic)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _is_calendar(tokens: list[Token], draft: FigureDraft) -> bool:
    """Years, days of the month and ordinals are dates, not figures."""
    if draft.unit:
        return False
    doc = tokens[0].doc
    neighbours = [doc[i] for i in (tokens[0].i - 1, tokens[-1].i + 1) if 0 <= i < len(doc)]
    if any(n.lower_.rstrip(".") in MONTHS for n in neighbours):
        return True
    if any(t.ent_type_ in ("DATE", "TIME") for t in tokens) and not _unit_noun(tokens):
        return True
    if "," not in draft.text and all(
        v is None or (v.is_integer() and 1800 <= v <= 2100) for v in (draft.value, draft.value_max)
    ):
        return True  # a year, or a span of years ("2007-2009")
    return any(re.fullmatch(r"\d+(st|nd|rd|th)", t.lower_) for t in tokens)


def _unit_noun(tokens: list[Token]) -> Token | None:
    """The counted noun: "30 countries", "30,000 new troops", "ten Northern European nations"."""
    doc = tokens[0].doc
    for token in tokens:
        if (
            token.dep_ == "nummod"
            and token.head not in tokens
            and (token.head.pos_ == "NOUN" or token.head.tag_ == "NNPS")
        ):  # "S&P 500" counts no S&Ps
            return token.head
    i = tokens[-1].i + 1
    reach = tokens[-1].i + 4
    if i + 2 < len(doc) and doc[i].lower_ == "of" and doc[i + 1].lower_ in ("the", "its", "their"):
        i, reach = i + 2, reach + 2  # "four of the largest flights": the part of a whole
    while i < len(doc) and i <= reach:
        token = doc[i]
        if token.pos_ == "NOUN":
            while token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.i > token.i:
                token = token.head  # "container ships" counts ships
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
        if noun.ent_type_ == "NORP" or noun.text.removesuffix("s") in gazetteer.demonyms():
            return "people"  # "3,400 Norwegians": people of a nation
        return noun.lower_
    doc = tokens[0].doc
    following = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    if following is not None and following.tag_ == "VBN":
        return "people"  # "1,500 killed and wounded"
    return None


RATE_ADJECTIVES = frozenset(w for w in RATE_WORDS if " " not in w and "-" not in w and w.endswith(("ly", "al")))


def _rate(doc: Doc, tokens: list[Token], unit_noun: Token | None) -> str | None:
    """The period of a rate written right after the figure or its noun ("$5 billion a
    year", "12,000 containers a day", "annually"); "from a year earlier" is no rate."""
    before = {t.lower_ for t in doc[max(tokens[0].sent.start, tokens[0].i - 4) : tokens[0].i]}
    for word in before & RATE_ADJECTIVES:
        return RATE_WORDS[word]  # "daily losses of about 1,500"
    start = max(tokens[-1].i, unit_noun.i if unit_noun is not None and unit_noun.i > tokens[-1].i else -1) + 1
    following = [t.lower_ for t in doc[start : start + 4]]
    if following[:1] == ["of"] and len(following) > 1 and following[1] in RATE_ADJECTIVES:
        return RATE_WORDS[following[1]]  # "$21 billion of annual spending"
    for phrase, per in sorted(RATE_WORDS.items(), key=lambda pair: -len(pair[0])):
        words = phrase.split()
        if following[: len(words)] == words and (
            len(following) == len(words) or following[len(words)] not in NOT_RATE_AFTER
        ):
            return per
    return _clause_frequency(tokens[0])


RATE_PERIODS = frozenset(RATE_WORDS.values())
FREQUENCY_DETERMINERS = frozenset("each every per".split())


def _clause_frequency(token: Token) -> str | None:
    """The period of a frequency said anywhere in the figure's own clause ("Each week, the
    plant ships 40,000 crates", "the fund pays out 3% every year"): a phrase "each/every/per
    <period>" that modifies the verb the figure belongs to."""
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token.sent.root)
    for child in verb.children:
        if (
            child.dep_ in ("npadvmod", "advmod", "obl", "dobj")
            and child.lemma_.lower() in RATE_PERIODS
            and any(d.lower_ in FREQUENCY_DETERMINERS for d in child.children if d.dep_ == "det")
        ):
            return child.lemma_.lower()
    return None


def _price_denominator(doc: Doc, tokens: list[Token]) -> str | None:
    """ "$725 a ton", "35 cents per pound": the thing a unit price is paid for; also when
    the measure named before the amount is per unit ("earnings per share fell to $1.19",
    "adjusted EPS of $5.75")."""
    i = tokens[-1].i + 1
    if i < len(doc) and doc[i].lower_ in CURRENCY_SUBUNITS:
        i += 1
    if (
        i + 1 < len(doc)
        and doc[i].lower_ in ("a", "an", "per", "each")
        and doc[i + 1].lemma_.lower() in PRICE_DENOMINATORS
    ):
        return doc[i + 1].lemma_.lower()
    sent = tokens[0].sent
    before = doc[max(sent.start, tokens[0].i - 12) : tokens[0].i]
    for token in before:
        if token.lower_ in PER_UNIT_MEASURES:
            return PER_UNIT_MEASURES[token.lower_]
        if (
            token.lower_ == "per"
            and token.i + 1 < tokens[0].i
            and doc[token.i + 1].lemma_.lower() in PRICE_DENOMINATORS
        ):
            return doc[token.i + 1].lemma_.lower()
    return None


MEASURE_PREPOSITIONS = frozenset("of in for on".split())
PARTICIPANT_PREPOSITIONS = frozenset("from with among between against for".split())
TIME_ENTITIES = frozenset("DATE TIME".split())
MAX_MEASURE_WORDS = 14


def _measures(tokens: list[Token], unit_noun: Token | None) -> str | None:
    """What the figure measures, in the article's own words: the thing counted or priced
    (its noun, or the "of"/"in" phrase after it: "2% of GDP", "$350bn in aid"), the
    clause's subject, content verb and object ("Illumina shares have fallen 15%" →
    "Illumina shares fallen"), and the time it refers to ("since Friday", "last year").
    A reporting verb and its subject (the speaker), the figure itself, units of
    measurement and quotation marks stay out."""
    inside = {t.i for t in tokens}
    if unit_noun is not None and unit_noun.ent_type_ in TIME_ENTITIES and unit_noun.lower_ not in DURATION_UNITS:
        unit_noun = None  # "5% last month": the month dates the figure, it is not counted
    chosen: set[int] = set(_counted_phrase(tokens, unit_noun))
    anchor = unit_noun if unit_noun is not None else _head_of(tokens)
    verb, noun = _clause_of(anchor)
    if noun is not None and unit_noun is None:
        chosen.update(_compact_phrase(noun))
    if verb is not None and verb.lemma_.lower() in CHANGE_NOUNS and unit_noun is None:
        said = _change_measure(verb, inside)
        if said:
            return said
    if verb is not None:
        place_told = False
        reporting = verb.lemma_.lower() in REPORTING_VERBS
        if not reporting and verb.lemma_ not in ("be", "have"):
            chosen.add(verb.i)
        for child in verb.children:
            if _covers(child, inside):
                continue
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and not reporting and child.pos_ != "PRON":
                chosen.update(_compact_phrase(child))
            elif _is_time(child):
                chosen.update(t.i for t in child.subtree)
            elif child.dep_ == "prep" and child.i > verb.i and not reporting and not place_told:
                place = next((g for g in child.children if g.dep_ == "pobj"), None)
                where = [child.i, *_compact_phrase(place)] if place is not None else []
                if 1 < len(where) <= PLACE_WORDS:  # "killed in the riots", "released at the harbour office"
                    chosen.update(where)
                    place_told = True
    return _as_words([tokens[0].doc[i] for i in sorted(chosen - inside)])


CHANGE_NOUNS = {
    "rise": "rise",
    "fall": "fall",
    "drop": "drop",
    "jump": "jump",
    "climb": "rise",
    "decline": "decline",
    "increase": "increase",
    "decrease": "decrease",
    "grow": "growth",
    "shrink": "fall",
    "gain": "gain",
    "lose": "loss",
    "slide": "fall",
    "slip": "fall",
    "surge": "rise",
    "soar": "rise",
    "plunge": "fall",
    "tumble": "fall",
    "sink": "fall",
    "advance": "rise",
    "rally": "rise",
    "dip": "fall",
    "retreat": "fall",
}
"""Verbs of change and the noun a reader uses for what they measure ("shares fell 15%" →
"fall in shares")."""


def _change_measure(verb: Token, inside: set[int]) -> str | None:
    """What a figure of change measures, as a reader writes it: "Illumina shares have fallen
    15% since Friday" → "fall in Illumina shares since Friday"."""
    doc = verb.doc
    if any(doc[i].dep_ == "pobj" and doc[i].head.lower_ in ("to", "from", "at") for i in inside):
        return None  # "rose to 3.1%", "from 2%": a level before or after the change, not the change
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"), None)
    if subject is None or _covers(subject, inside):
        return None
    what = _as_words([t for t in subject.subtree if t.i not in inside])
    if not what:
        return None
    when = " ".join(t.text for c in verb.children if _is_time(c) and not _covers(c, inside) for t in c.subtree)
    return " ".join(filter(None, [CHANGE_NOUNS[verb.lemma_.lower()], "in", what, when]))


PLACE_WORDS = 6  # the longest phrase after a figure's verb that says where or in what it happened


def _as_words(words: list[Token]) -> str | None:
    words = [t for t in words if not (t.is_punct or t.is_quote) and t.pos_ not in ("PRON", "CCONJ")]
    while words and words[0].pos_ in ("DET", "ADP"):
        words = words[1:]
    if not any(t.pos_ in ("NOUN", "PROPN") and not t.like_num and t.ent_type_ not in TIME_ENTITIES for t in words):
        return None  # a verb or a date alone ("redirect", "last month") says nothing
    # a word said twice in a row once ("floors floors"), at most MAX_MEASURE_WORDS
    kept = [t for k, t in enumerate(words) if k == 0 or t.lower_ != words[k - 1].lower_][:MAX_MEASURE_WORDS]
    while len(kept) > 1 and kept[-1].pos_ in ("ADP", "DET", "CCONJ", "SYM"):
        kept.pop()  # never end on "of", "the" or a currency sign: "a range of" says less than "a range"
    text = " ".join(t.text for t in kept)
    return re.sub(r" (['’]s|n['’]t)\b", r"\1", text) or None


def _counted_phrase(tokens: list[Token], unit_noun: Token | None) -> list[int]:
    """The thing a figure counts or prices: its noun with modifiers, or the phrase after
    "of"/"in"/"for"/"on" ("2% of GDP", "$350 billion in aid")."""
    doc = tokens[0].doc
    inside = {t.i for t in tokens}
    j = tokens[-1].i + 1
    if j < len(doc) and doc[j].text == "(":
        while j < len(doc) and doc[j].text != ")":
            j += 1
        j += 1
    if unit_noun is not None and unit_noun.i >= j:
        j = unit_noun.i + 1
    if j < len(doc) and doc[j].lower_ in MEASURE_PREPOSITIONS and not _is_time(doc[j]):
        phrase = [t.i for t in doc[j].subtree if t.i not in inside][1:9]
        if phrase:
            return [doc[j].i, *phrase, *(_compact_phrase(unit_noun) if unit_noun is not None else [])]
    return _compact_phrase(unit_noun) if unit_noun is not None else []


def _compact_phrase(noun: Token) -> list[int]:
    """A noun with its close modifiers (compounds, adjectives, possessors), not its
    relative clauses or appositions: "U.S. primary aluminium production". A unit of
    measurement ("tons", "years") is part of the figure, not of what it measures."""
    if noun.lower_ in MEASUREMENT_UNITS or noun.lower_ in DURATION_UNITS:
        return []
    close = ("compound", "amod", "poss", "nmod", "case", "det")
    out = [x.i for t in noun.lefts if t.dep_ in close for x in t.subtree]
    of = [x.i for t in noun.rights if t.dep_ == "prep" and t.lower_ == "of" for x in t.subtree]
    described = [  # a participle that says which ("the cost associated with moving the office")
        x.i for t in noun.rights if t.dep_ == "acl" and t.tag_ in ("VBN", "VBG") for x in t.subtree
    ]
    return sorted({*out[-5:], noun.i, *of[:4], *described[:6]})


def _head_of(tokens: list[Token]) -> Token:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])


def _clause_of(token: Token) -> tuple[Token | None, Token | None]:
    """The verb of the clause a figure measures, climbing through nouns and prepositions,
    and the first noun passed on the way ("assets worth £8bn": the assets); no verb when
    the figure names a participant ("aid from 30 countries"), but a duration's "for" is
    the verb's ("store data for two years": how long data is stored)."""
    noun = None
    lasts = token.lower_ in DURATION_UNITS
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token, noun
        participant = token.dep_ == "pobj" and token.head.lower_ in PARTICIPANT_PREPOSITIONS and not lasts
        if token.head.i == token.i or participant:
            return None, noun
        token = token.head
        if noun is None and token.pos_ in ("NOUN", "PROPN"):
            noun = token
    return None, noun


def _covers(token: Token, indices: set[int]) -> bool:
    return any(t.i in indices for t in token.subtree)


def _is_time(token: Token) -> bool:
    """A time modifier: "last year", "since Friday", "in 2000" (a date entity in reach)."""
    span = list(token.subtree)
    return (
        len(span) <= 5
        and any(t.ent_type_ in TIME_ENTITIES for t in span)
        and (token.dep_ in ("npadvmod", "tmod", "prep") or token.ent_type_ in TIME_ENTITIES)
    )


def find_figures(doc: Doc) -> list[Figure]:
    """Every meaningful number, with a parenthetical conversion linked by ``equals``."""
    drafts: list[tuple[FigureDraft, Span]] = []
    for sent in doc.sents:
        for match in _figure_matches(sent.text):
            draft = parse_figure(match)
            if draft is None or _is_code(sent.text, match):
                continue
            if _not_a_quantity(sent.text, match):
                continue
            draft.start += sent.start_char
            draft.end += sent.start_char
            tokens = _tokens(doc, draft.start, draft.end)
            if not tokens or _is_calendar(tokens, draft) or _in_name(tokens, draft) or _before_a_name(tokens):
                continue
            selected = tokens[-1].i + 1 < len(doc) and doc[tokens[-1].i + 1].tag_ == "JJS"
            if selected and _partitive(doc, draft) is None:
                continue  # "the three biggest ferry firms": a selection ("three of the 12 busiest…" counts)
            if draft.unit is None:
                draft.unit = _counted_unit(tokens)
                if draft.unit is None or draft.unit in FRACTION_WORDS:
                    continue  # no noun, or "two-thirds", which _fractions reads as a share
            unit_noun = _unit_noun(tokens)
            _take_the_part(doc, draft)
            draft.text = _display_text(doc, draft, unit_noun)
            if draft.unit in CURRENCY_SUBUNITS:
                _to_main_unit(draft)
            denominator = _price_denominator(doc, tokens) if is_money(draft.unit) else None
            if denominator:
                draft.unit = f"{draft.unit}/{denominator}"
                draft.text = _with_denominator(doc, draft.text, draft.start)
            else:
                draft.per = _rate(doc, tokens, unit_noun)
            draft.measures = _measures(tokens, unit_noun)
            drafts.append((draft, sent))
        drafts.extend((draft, sent) for draft in [*_fractions(sent), *_ratios(sent)])
    drafts.sort(key=lambda pair: pair[0].start)
    _share_measures(drafts)
    _share_denominators(drafts)
    local = _local_dollar(doc)
    for draft, _ in drafts:
        if local and draft.unit and draft.unit.split("/")[0] == "USD" and BARE_DOLLAR.search(draft.text):
            draft.unit = local + draft.unit[3:]
    return _to_figures(doc, drafts)


def _local_dollar(doc: Doc) -> str | None:
    """The dollar a bare "$" means in this article: the currency of a dollar country it
    names more often than the United States (twice at least), else None (US dollars)."""
    named: Counter[str] = Counter()
    for ent in doc.ents:
        entry = gazetteer.by_id().get(ent.ent_id_) if ent.ent_id_ else None
        if entry is not None and entry.type == "country":
            named[entry.name] += 1
    local = max(((named[c], c) for c in DOLLAR_COUNTRIES if named[c] >= 2), default=None)
    return DOLLAR_COUNTRIES[local[1]] if local and local[0] > named["United States"] else None


def _share_measures(drafts: list[tuple[FigureDraft, Span]]) -> None:
    """A figure listed beside one of the same unit in the same sentence, with nothing of
    its own to say what it measures, measures the same thing ("above 2% of GDP
    (reportedly 3.7%)", "fell 15% and 18%")."""
    for (before, sent), (draft, same_sent) in pairwise(drafts):
        if not draft.measures and before.measures and sent.start == same_sent.start and before.unit == draft.unit:
            draft.measures = before.measures


PRICE_SPREAD = 10.0
"""Two prices of one thing are of one magnitude: "$50 a share, valuing the company at $2
billion" compares a unit price with a total, and the total takes no denominator."""


def _share_denominators(drafts: list[tuple[FigureDraft, Span]]) -> None:
    """An amount compared in one sentence with a unit price is a price of the same unit
    ("rose to $725 a ton from $930", "earnings per share fell to $1.19, above the forecast
    of 91 cents"): when the sentence prices one unit only, and the amounts are within
    :data:`PRICE_SPREAD` of each other."""
    by_sentence: dict[int, list[FigureDraft]] = {}
    for draft, sent in drafts:
        by_sentence.setdefault(sent.start, []).append(draft)
    for group in by_sentence.values():
        priced = [d for d in group if is_money(d.unit) and "/" in (d.unit or "")]
        if len({d.unit for d in priced}) != 1:
            continue
        unit = priced[0].unit or ""
        for draft in group:
            if draft.unit == unit.split("/")[0] and draft.per is None and any(_alike(draft, p) for p in priced):
                draft.unit = unit


def _alike(one: FigureDraft, other: FigureDraft) -> bool:
    low, high = sorted((abs(one.value), abs(other.value)))
    return low > 0 and high / low <= PRICE_SPREAD


def _figure_matches(text: str) -> list[re.Match]:
    """FIGURE's matches, with a mismatched "to" range cut into its two figures."""
    out = []
    ratios = [m.span() for m in RATIO.finditer(text)]
    for match in FIGURE.finditer(text):
        if any(a < match.end() and match.start("num") < b for a, b in ratios):
            continue  # "two-to-one" is one ratio, read by _ratios
        parts = split_mismatched_range(match)
        if parts is None:
            out.append(match)
            continue
        for start, end in parts:
            part = FIGURE.match(text, match.start() + (start - match.start()), end)
            if part is not None:
                out.append(part)
    return out


def _with_denominator(doc: Doc, text: str, start: int) -> str:
    """ "$725" → "$725 a ton" for a unit price."""
    end = doc_text(doc).find(text, start) + len(text)
    rest = re.match(r"\s+(?:a|an|per|each)\s+[\w-]+", doc_text(doc)[end : end + 30])
    return text + rest.group(0) if rest else text


CLOCK_AFTER = article_pattern(r"\A\s?(?:o['’]clock\b|[ap]\.?m\b\.?|:\d\d\b)", re.IGNORECASE)
LIST_MARKER_AFTER = article_pattern(r"\A\)")
YEAR_APOSTROPHE_BEFORE = article_pattern(r"[A-Za-z]['’]\Z")


def _not_a_quantity(text: str, match: re.Match) -> bool:
    """Numbers that count nothing: clock times ("five o'clock", "9 a.m.", "10:30"), list
    markers ("1) the strong ties"), years cut short after a month ("June’24")."""
    before, after = text[max(0, match.start("num") - 3) : match.start("num")], text[match.end("num") :]
    if match.group("cur") or match.group("pct1") or match.group("scale1"):
        return False
    return bool(
        CLOCK_AFTER.match(after)
        or YEAR_APOSTROPHE_BEFORE.search(before)
        or (LIST_MARKER_AFTER.match(after) and "(" not in before)
    )


def _before_a_name(tokens: list[Token]) -> bool:
    """A number before a proper name counts nothing: an address ("300 Keller", "10 Downing")."""
    noun = _unit_noun(tokens)
    if noun is not None:  # "300 Slater Street": what would be counted is one proper name
        number = max((t.i for t in tokens if t.like_num), default=-2)
        named = noun.tag_ == "NNP" or noun.ent_type_ in ("PERSON", "ORG", "GPE", "FAC", "LOC")
        return named and noun.is_title and noun.i == number + 1
    after = tokens[-1].doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(tokens[-1].doc) else None
    return after is not None and after.pos_ == "PROPN" and after.is_title


def _is_code(text: str, match: re.Match) -> bool:
    return bool(
        CODE_AROUND.search(text[max(0, match.start("num") - 5) : match.start("num")])
        or CODE_AROUND.search(text[match.end("num") : match.end("num") + 5])
    )


def _in_name(tokens: list[Token], draft: FigureDraft) -> bool:
    """A number inside a name ("S&P 500", "Boeing 737", "Group of 20") is part of the name."""
    if any(
        t.ent_type_ in ("ORG", "PRODUCT", "WORK_OF_ART", "LAW", "FAC", "EVENT", "ORGANIZATION") and t.like_num
        for t in tokens
    ):
        return True
    first = tokens[0]
    previous = first.doc[first.i - 1] if first.i > first.sent.start else None
    return (
        draft.unit is None
        and previous is not None
        and previous.tag_ == "NNP"
        and previous.lower_.rstrip(".") not in MONTHS
        and first.like_num
    )


def _to_main_unit(draft: FigureDraft) -> None:
    """ "35 cents" → 0.35 USD."""
    currency, per_unit = CURRENCY_SUBUNITS[str(draft.unit)]  # the caller checked the unit is a subunit
    draft.unit = currency
    draft.value /= per_unit
    if draft.value_max is not None:
        draft.value_max /= per_unit


def _ratios(sent: Span) -> list[FigureDraft]:
    """ "two-to-one" is a ratio of 2; "more than triple", "fivefold" are multiples."""
    out = []
    for match in RATIO.finditer(sent.text):
        if match.group("a").lower() == match.group("b").lower():
            continue  # "one-to-one meetings": a way of pairing, not a measured ratio
        a, b = parse_number(match.group("a")), parse_number(match.group("b"))
        if a is not None and b:
            out.append(
                FigureDraft(
                    sent.start_char + match.start(),
                    sent.start_char + match.end(),
                    match.group(0).strip(),
                    round(a / b, 4),
                    None,
                    "ratio",
                    bool(match.group("approx")),
                )
            )
    for match in MULTIPLIER.finditer(sent.text):
        value = (
            MULTIPLIER_WORDS[match.group("word").lower()] if match.group("word") else parse_number(match.group("fold"))
        )
        if value:
            out.append(
                FigureDraft(
                    sent.start_char + match.start(),
                    sent.start_char + match.end(),
                    match.group(0).strip(),
                    float(value),
                    None,
                    "times",
                    bool(match.group("approx")),
                )
            )
    for draft in out:
        tokens = _tokens(sent.doc, draft.start, draft.end)
        draft.measures = _measures(tokens, None) if tokens else None
    return out


def _fractions(sent: Span) -> list[FigureDraft]:
    """Shares written in words: "two-thirds" (0.667), "about a quarter of" (0.25), "half the"."""
    out = []
    for match in FRACTION.finditer(sent.text):
        if match.group("den4") and not match.group("approx"):
            continue  # "a quarter" alone is as often a period of time as a share
        denominator = next(
            match.group(g) for g in ("den", "den_of", "den2", "den_half", "den3", "den4") if match.group(g)
        )
        numerator = NUMBER_WORDS.get((match.group("num") or match.group("num_of") or "").lower(), 1)
        value = round(numerator / FRACTION_WORDS[denominator.lower()], 4)
        start, end = sent.start_char + match.start(), sent.start_char + match.end()
        out.append(
            FigureDraft(start, end, match.group(0).strip(), value, None, "fraction", bool(match.group("approx")))
        )
        tokens = _tokens(sent.doc, start, end)
        out[-1].measures = _measures(tokens, None) if tokens else None
    return out


def _partitive(doc: Doc, draft: FigureDraft) -> re.Match | None:
    """ "four of the" written right before the figure: it is the whole of a part."""
    return PARTITIVE.search(doc_text(doc), max(0, draft.start - 40), draft.start)


def _take_the_part(doc: Doc, draft: FigureDraft) -> None:
    """ "four of the five crews": the figure is the part (four crews), read from where the
    part is written; the whole is only its frame."""
    match = _partitive(doc, draft)
    part = parse_number(match.group("part")) if match else None
    if match is not None and part is not None and draft.value_max is None and part < draft.value:
        draft.start = match.start()
        draft.value = part


def _display_text(doc: Doc, draft: FigureDraft, unit_noun: Token | None) -> str:
    """The figure as a reader quotes it: with its counted noun and rate when they follow
    right after ("80,000 jobs", "12,000 containers a day")."""
    end = draft.end
    if (
        unit_noun is not None
        and draft.unit in (unit_noun.lower_, "people")
        and unit_noun.idx >= end
        and unit_noun.idx - end <= 30
        and "," not in doc_text(doc)[end : unit_noun.idx]
    ):
        end = unit_noun.idx + len(unit_noun)
    rest = doc_text(doc)[end : end + 16].lower()
    for phrase in sorted(RATE_WORDS, key=len, reverse=True):
        if rest.startswith(" " + phrase) and not phrase.endswith("ly"):
            end += 1 + len(phrase)
            break
    return doc_text(doc)[draft.start : end].strip()


MEASURED_UNITS = frozenset({"percent", "percentage points", "basis points"})


def _confidence(draft: FigureDraft) -> str:
    """High: money or a share, written with a number and saying what it measures. Medium:
    a count of a noun, a word fraction or ratio, or money without its measure. Low: a count
    of abstractions ("three goals", which counts points of an argument) and what is left.
    (Measured precision per level: README, "Extraction quality".)"""
    if draft.unit in ABSTRACT_COUNTS:
        return "low"  # "three goals": kept for editors, never a headline, marked unsure on pages
    measured = is_money(draft.unit) or draft.unit in MEASURED_UNITS
    if measured and draft.measures:
        return "high"
    return "medium" if measured or draft.measures else "low"


def _to_figures(doc: Doc, drafts: list[tuple[FigureDraft, Span]]) -> list[Figure]:
    made: list[Figure | None] = []
    used: set[str] = set()
    seen: Counter[tuple[int, str]] = Counter()
    for draft, sent in drafts:
        evidence = sent.text.strip()
        again = seen[sent.start, draft.text]  # "fell 5% … rose 5%": the second is a figure too
        seen[sent.start, draft.text] += 1
        figure_id = stable_id("f", used, evidence, draft.text, *([str(again)] if again else []))
        made.append(
            None
            if figure_id is None
            else make_item(
                Figure,
                doc,
                id=figure_id,
                text=draft.text,
                value=draft.value,
                value_max=draft.value_max,
                unit=draft.unit,
                per=draft.per,
                approx=draft.approx,
                measures=draft.measures,
                evidence=evidence,
                confidence=_confidence(draft),
            )
        )
    for ((first, _), (second, _)), (a, b) in zip(pairwise(drafts), pairwise(made), strict=True):
        between = doc_text(doc)[first.end : second.start]
        if a and b and between.strip() == "(" and first.unit and second.unit and first.unit != second.unit:
            a.equals = b.id
            if not b.measures:
                b.measures = a.measures
    return _once_each([f for f in made if f is not None])


def _once_each(figures: list[Figure]) -> list[Figure]:
    """The same string with the same meaning is one figure ("the $40 million harbour levy" said
    again later): a figure whose text, value and unit an earlier one has, and whose
    measure says the same, is left out. The same number measuring something else
    stays ("5.9%" of sales, then "5.9%" of margin)."""
    kept: list[Figure] = []
    for figure in figures:
        same = [
            k
            for k in kept
            if k.text.lower() == figure.text.lower() and k.value == figure.value and k.unit == figure.unit
        ]
        if not any(_same_measure(k.measures, figure.measures) for k in same):
            kept.append(figure)
    return kept


def _same_measure(a: str | None, b: str | None) -> bool:
    """Two measures that say the same thing: they share half their words. A figure whose
    measure says nothing gives no other meaning to the same string: it is the same."""
    if not a or not b:
        return True
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return len(words_a & words_b) * 2 >= min(len(words_a), len(words_b))


@component("figures")
def figures_component(extraction: Extraction) -> list[Figure]:
    """Figures, each stated by the speaker of the claim whose evidence holds it."""
    figures = find_figures(extraction.doc)
    claims = extraction.found.get("claims") or []
    for figure in figures:
        figure.stated_by = next(
            (c.speaker for c in claims if figure.evidence in c.evidence and c.speaker), figure.stated_by
        )
    return figures
