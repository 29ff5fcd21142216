"""Article-level judgments: its kind (report, opinion, analysis), its summary
and its topics."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from generator.core.textpatterns import article_pattern
from generator.extract.ids import doc_text
from generator.extract.lexicons import ANALYSIS_MARKERS, DEONTIC_VOICE, LOADED_WORDS, PRONOUNS_FIRST, REPORTING_VERBS
from generator.extract.quotations import find_quotations, quotation_at

SUMMARY_SENTENCES = 3
MIN_SUMMARY_WORDS = 8


def classify_kind(doc: Doc) -> str:
    """Opinion shows the author's own voice or loaded words; analysis weighs; the rest reports."""
    quotes = find_quotations(doc_text(doc))
    outside = [t for t in doc if quotation_at(t.idx, quotes) is None]
    first_person = sum(1 for t in outside if t.lower_ in PRONOUNS_FIRST and t.tag_ in ("PRP", "PRP$"))
    loaded = sum(1 for t in outside if t.lower_ in LOADED_WORDS)
    words = max(1, sum(1 for t in doc if t.is_alpha))
    # A report can name "a designated terrorist group" once or twice; an opinion piece
    # speaks in the first person, or keeps up loaded words.
    text = doc_text(doc)
    questions = len(QUESTION_HEADING.findall(text))
    deontic = _deontic(outside)
    if first_person >= 2 or (first_person >= 1 and loaded + deontic >= 2) or (loaded >= 4 and loaded / words > 0.004):
        return "opinion"  # a column: the author's own "I" with loaded words or their own "should"
    if deontic / words >= ARGUING_RATE and questions < 2:
        return "opinion"  # an unsigned editorial: the author's own "should" and "must", kept up
    if sum(m in text.lower() for m in ANALYSIS_MARKERS) >= 2 or questions >= 2:
        return "analysis"  # an explainer walks through questions ("WHAT HAS CONGRESS DONE?")
    return "report"


ARGUING_RATE = 4 / 1000
"""Deontic modals in the author's own voice per word above which a piece argues (one in
250 words: reports quote others' "should"; an editorial keeps saying what must be done)."""


def _deontic(outside_quotes: list[Token]) -> int:
    """How often the author says what should be done: "should", "must", "ought to",
    "needs to" outside quotations and outside what someone is reported to say ("she said
    it should"). Sustained, it makes an editorial (a piece of questions and answers, an
    interview, is left out by the caller: its answers argue)."""
    return sum(
        1
        for t in outside_quotes
        if (
            (t.tag_ == "MD" and t.lower_ in DEONTIC_VOICE)
            or (t.lemma_ == "need" and any(c.dep_ == "xcomp" for c in t.children))
        )
        and not any(a.lemma_.lower() in REPORTING_VERBS for a in t.ancestors)
    )


QUESTION_HEADING = article_pattern(r"^[^\S\n]*(?:[^\n“”\"]{3,80})\?[^\S\n]*$", re.MULTILINE)


def _is_prose(sent: Span) -> bool:
    text = sent.text.strip()
    return len(text.split()) >= MIN_SUMMARY_WORDS and text[-1:] in '.!?"”’'


def summarize(doc: Doc, title: str) -> str:
    """The lead: the first sentences of prose, which in news state the main news."""
    chosen: list[str] = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not _is_prose(sent) or text == title or text in chosen:
            continue
        chosen.append(text)
        if len(chosen) == SUMMARY_SENTENCES:
            break
    return " ".join(chosen)


def assign_topics(text: str, topics: Iterable[tuple[str, list[str]]], minimum_hits: int = 2) -> list[str]:
    """Topics whose terms occur at least ``minimum_hits`` times in the text."""
    lower = text.lower()
    out = []
    for topic_id, terms in topics:
        hits = sum(len(re.findall(rf"\b{re.escape(term.lower())}", lower)) for term in terms if term.strip())
        if hits >= minimum_hits:
            out.append(topic_id)
    return out
