"""Scenarios: possible futures the article puts on the table. Option and plan
nouns, enumerated alternatives, modal and conditional futures and predictions,
with who proposes them and the judgment the text passes on them."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import Claim, Scenario
from .actors import ActorIndex
from .claims import resolve_speaker
from .ids import stable_id
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
    if PREDICTION.search(text) or FUTURE_VERBS.search(text):
        return True
    if any(t.lower_ in SCENARIO_NOUNS and t.pos_ == "NOUN" for t in sent):
        return True
    if ENUMERATION.match(text):
        return True
    if re.match(r"\s*if\b", text, re.I) or re.search(r",\s*if\b", text, re.I):
        return True
    return any(t.tag_ == "MD" and (t.lower_ in DEONTIC or (t.lower_ in MODAL_FUTURE and not _negated(t)))
               for t in sent)


def _negated(modal: Token) -> bool:
    return any(c.dep_ == "neg" for c in modal.head.children)


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


def find_scenarios(doc: Doc, actors: ActorIndex, claims: list[Claim]) -> list[Scenario]:
    """Every sentence that puts a future on the table, as a scenario."""
    claims_by_sentence: dict[str, Claim] = {}
    for claim in claims:
        claims_by_sentence.setdefault(claim.evidence, claim)
    scenarios: list[Scenario] = []
    used: set[str] = set()
    for sent in doc.sents:
        if not is_scenario(sent):
            continue
        evidence = sent.text.strip()
        title = _title(sent)
        scenarios.append(Scenario(id=stable_id("s", used, evidence), title=title, text=evidence,
                                  proposed_by=_proposer(sent, actors, claims_by_sentence),
                                  stance=_stance(sent), evidence=evidence))
    return scenarios
