"""Scenarios: possible futures the article puts on the table. Option and plan
nouns, enumerated alternatives, modal and conditional futures and predictions,
with who proposes them and the judgment the text passes on them."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import Claim, Scenario
from .actors import ActorIndex
from .claims import resolve_speaker
from .ids import doc_text, stable_id
from .lexicons import DEONTIC, MODAL_FUTURE, PROPOSING_VERBS, SCENARIO_NOUNS, STANCE_WORDS

ENUMERATION = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|(?:first|second|third|fourth|finally)\b[,:]?)", re.I)
PREDICTION = re.compile(
    r"\b(will\s+(?:likely|probably|almost certainly)|(?:is|are)\s+(?:likely|expected|set|poised|due)\s+to|"
    r"in the event of|by\s+(?:the\s+end\s+of\s+)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|spring|summer|autumn|winter|next\s+year)\b)", re.I)
FUTURE_VERBS = re.compile(r"\b(?:plans?|planning|aims?|intends?|prepar(?:es|ing)|consider(?:s|ing)|examin(?:es|ing)|"
                          r"seeks?|wants?|needs?|insists?|calls?|urged?|suggest(?:s|ed|ing)?|propos(?:es|ed|ing))\s+"
                          r"(?:to\b|ways\b|options?\b|on\b|for\b|that\b|a\b|an\b|postponing\b)", re.I)


def is_scenario(sent: Span) -> bool:
    """A sentence that states a possible future rather than a fact."""
    text = sent.text
    if len(text.split()) < 6:
        return False
    if PREDICTION.search(text) or any(_affirmed_at(sent, m.start()) for m in FUTURE_VERBS.finditer(text)):
        return True
    if any(t.lower_ in SCENARIO_NOUNS and t.pos_ == "NOUN" and not _negated(t) for t in sent):
        return True
    if ENUMERATION.match(text):
        return True
    if re.match(r"\s*if\b", text, re.I) or re.search(r",\s*if\b", text, re.I):
        return True
    return any(t.tag_ == "MD" and (t.lower_ in DEONTIC or (t.lower_ in MODAL_FUTURE and not _negated(t)))
               for t in sent)


def _affirmed_at(sent: Span, offset: int) -> bool:
    """The intention word at ``offset`` is not negated ("not a new plan for …")."""
    token = next((t for t in sent if t.idx - sent.start_char == offset), None)
    return token is not None and not _negated(token)


def _negated(token: Token) -> bool:
    """"not a new plan", "would not": the word's head carries a negation."""
    return any(c.dep_ == "neg" or c.lower_ in ("no", "nor") for c in (*token.head.children, *token.children))


def _title(sent: Span) -> str:
    """A short heading for the scenario: its first clause, trimmed to fifteen words."""
    text = ENUMERATION.sub("", sent.text).strip()
    text = re.split(r"(?<=[a-z])[;:](?=\s)", text)[0]
    words = text.split()
    title = " ".join(words[:15]) + ("…" if len(words) > 15 else "")
    return title.rstrip(".,;:")


def _proposer(sent: Span, actors: ActorIndex, claims_by_sentence: dict[str, Claim]) -> str | None:
    for verb in sent:
        if verb.lemma_.lower() in PROPOSING_VERBS and verb.pos_ == "VERB":
            for child in verb.children:
                if child.dep_ == "nsubj":
                    found = resolve_speaker(list(child.subtree), actors)
                    if found:
                        return found
    claim = claims_by_sentence.get(sent.text.strip())
    return claim.speaker if claim else None


def _stance(sent: Span) -> str | None:
    for token in sent:
        if token.lower_ in STANCE_WORDS and token.pos_ == "ADJ":
            negation = any(c.dep_ == "neg" for c in token.head.children) or token.doc[token.i - 1].lower_ == "not"
            return f"not {token.lower_}" if negation else token.lower_
    return None


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
BACK_REFERENCE = re.compile(r"^\s*the\s+(first|second|third|fourth|fifth)\s+(?:alternative|option|scenario|proposal|plan)\b", re.I)
ENUMERATED = re.compile(r"^\s*\(?(\d{1,2})[.)]|^\s*(?:in\s+)?the\s+(first|second|third|fourth|fifth)\b", re.I)
TRAILING_MARKER = re.compile(r"\s\(?\d{1,2}[.)]\s*$")


def scenario_units(doc: Doc) -> list[Span]:
    """The stretches of text a scenario can stand in: sentences, with a quotation that runs
    on over several sentences kept whole, and a list marker ("2)") moved to the item it opens."""
    from .quotations import find_quotations

    quotes = find_quotations(doc_text(doc))
    units: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        opens_quote = any(q.start - 1 == start for q in quotes)
        after_colon = units and doc_text(doc)[units[-1][0]:units[-1][1]].rstrip().endswith(":")
        if units and (any(q.start < start < q.end for q in quotes if q.start < units[-1][1])
                      or (opens_quote and after_colon)):
            units[-1] = (units[-1][0], max(units[-1][1], end))  # the quotation goes on
            continue
        if units:
            previous = doc_text(doc)[units[-1][0]:units[-1][1]]
            marker = TRAILING_MARKER.search(previous)
            if marker:
                units[-1] = (units[-1][0], units[-1][0] + marker.start())
                start = units[-1][0] + marker.start() + 1
            elif not previous.strip(" ()0123456789.") and previous.strip():
                start = units.pop()[0]  # a bare "1)" line opens this sentence
        units.append((start, end))
    spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in units]
    return [span for span in spans if span is not None and span.text.strip()]


def _ordinal(match: re.Match) -> int:
    digits, word = match.group(1), match.group(2) if match.lastindex and match.lastindex >= 2 else None
    return int(digits) if digits else ORDINALS[word.lower()]


def find_scenarios(doc: Doc, actors: ActorIndex, claims: list[Claim]) -> list[Scenario]:
    """Every stretch of text that puts a future on the table, as a scenario. A later
    sentence about "the first alternative" passes judgment on that option instead."""
    claims_by_sentence: dict[str, Claim] = {}
    for claim in claims:
        claims_by_sentence.setdefault(claim.evidence, claim)
    scenarios: list[Scenario] = []
    enumerated: dict[int, Scenario] = {}
    used: set[str] = set()
    for unit in scenario_units(doc):
        evidence = unit.text.strip()
        reference = BACK_REFERENCE.match(evidence)
        if reference and ORDINALS[reference.group(1).lower()] in enumerated:
            option = enumerated[ORDINALS[reference.group(1).lower()]]
            option.stance = option.stance or _stance(unit)
            continue
        if not is_scenario(unit):
            continue
        scenario_id = stable_id("s", used, evidence)
        if scenario_id is None:
            continue  # the same sentence again
        scenario = Scenario(id=scenario_id, title=_title(unit), text=evidence,
                            proposed_by=_proposer(unit, actors, claims_by_sentence),
                            stance=_stance(unit), evidence=evidence)
        scenarios.append(scenario)
        item = ENUMERATED.match(evidence)
        if item:
            enumerated[_ordinal(item)] = scenario
    return scenarios
