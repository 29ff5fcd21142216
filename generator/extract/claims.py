"""Claims: statements the article attributes to someone. Reporting verbs with
their subject as speaker, "according to X", direct quotations (straight or
curly, across sentences and paragraphs, after a colon, with the speaker before,
inside or after them, or only in the paragraph before for a follow-up quote),
pronoun speakers resolved to the last fitting actor, and "X told Y" giving the
relaying outlet. One claim per sentence of a quotation, one per speaker per sentence."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from generator.core.model import Claim
from generator.core.textpatterns import article_pattern
from generator.extract.actors import ActorIndex, headline_tokens
from generator.extract.components import Extraction, component
from generator.extract.ids import doc_text, make_item, stable_id
from generator.extract.lexicons import (
    DATA_NOUNS,
    DATA_VERBS,
    HOLDING_ADJECTIVES,
    NON_CLAIM_OBJECT_VERBS,
    PRONOUNS_FIRST,
    REPORTING_NOUNS,
    REPORTING_VERBS,
)
from generator.extract.mentions import resolve_speaker
from generator.extract.quotations import Quotation, find_quotations, overlaps, quotation_at

PARAGRAPH_BREAK = article_pattern(r"\n\s*")
LEADING_COMPLEMENTIZER = article_pattern(r"^(?:that|to)\s+")
SECOND_PERSON = article_pattern(r"\b(?:you|your|yours)\b", re.IGNORECASE)


@dataclass
class ClaimDraft:
    speaker: str | None
    via: str | None
    verb: str
    text: str
    evidence_start: int
    evidence_end: int
    quote: bool
    inferred: bool = False
    """The speaker is not named where the words stand: a pronoun, a follow-up quotation, an
    interview's answer. Such claims are right less often (see :func:`_confidence`)."""


def _speaker_phrase(verb: Token) -> list[Token] | None:
    """The phrase that names who speaks: the verb's subject (the nearest one when the
    parser gave it two, never a date: "In mid-December, the same Oda stated"), or a
    passive's agent; a verb joined to another shares its subject."""
    subject_deps = ("nsubj", "nsubjpass") if verb.lower_ in HOLDING_ADJECTIVES else ("nsubj",)  # "is concerned"
    subjects = [c for c in verb.children if c.dep_ in subject_deps and c.ent_type_ not in ("DATE", "TIME")]
    if subjects:
        return _after_a_dateline(list(min(subjects, key=lambda c: abs(verb.i - c.i)).subtree), verb)
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return list(objects[0].subtree)
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _speaker_phrase(verb.head)
    return None


DASHES = frozenset("— – --".split())


def _after_a_dateline(phrase: list[Token], verb: Token) -> list[Token]:
    """ "HARBOURTON, May 2 (Coast Wire) — The ferry line announces…": what precedes a dash
    before the verb is a dateline or an aside the parser hung on the subject; the subject
    is what follows it."""
    dashes = [t.i for t in phrase if t.text in DASHES and t.i < verb.i]
    if not dashes:
        return phrase
    after = [t for t in phrase if dashes[-1] < t.i < verb.i]
    return after or phrase


def _as_clause(verb: Token) -> bool:
    """ "As the committee has pointed out, the law would…": a reporting verb in an *as*
    clause, with its own subject, reports the clause it hangs on."""
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def _clause_text(verb: Token, sent: Span) -> str:
    """The reported clause: the verb's clausal complement, else what follows the verb;
    for an *as* clause, the clause it hangs on."""
    if _as_clause(verb):
        main = list(verb.head.subtree)
        if verb.left_edge.i < verb.head.i:  # the aside first: what follows it
            return _text([t for t in main if t.i > verb.right_edge.i])
        return _text([t for t in main if t.i < verb.left_edge.i])
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and any(g.dep_ == "pcomp" for g in child.children):
            return _text(list(child.subtree))
        if child.dep_ in ("ccomp", "xcomp") and child.i > verb.i:
            tokens = [t for t in child.subtree if t.dep_ != "mark" or t.head != child]
            return _text(tokens)
    for child in verb.children:
        if child.dep_ == "acomp" and child.lower_ in HOLDING_ADJECTIVES:  # "is confident that …"
            held = next((g for g in child.children if g.dep_ == "ccomp"), None)
            if held is not None:
                return _text([t for t in held.subtree if t.dep_ != "mark" or t.head != held])
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i:  # "The port will reopen, the official said."
            return _text(list(child.subtree))
    after = [t for t in sent if t.i > verb.i]
    return _text(after)


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    span = doc[tokens[0].i : tokens[-1].i + 1]
    text = span.text.strip()
    text = LEADING_COMPLEMENTIZER.sub("", text)
    return text.strip(' ,.;:“”"‘’').strip()


def _via(verb: Token, actors: ActorIndex, speaker: str | None) -> str | None:
    """ "X told Y": Y relays the claim when Y is an outlet or organization."""
    if verb.lemma_ != "tell":
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj"):
            actor = actors.actor_in(list(child.subtree))
            if actor and actor != speaker and actors.records[actor].type in ("media", "organization"):
                return actor
    return None


def _according_to(sent: Span) -> Token | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            objects = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    return None


def _reporting_verbs(sent: Span) -> list[Token]:
    verbs = []
    for token in sent:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if (token.lemma_.lower() in DATA_VERBS and _has_data_subject(token)) or _states_a_stance(token):
            verbs.append(token)
            continue
        if token.lemma_.lower() not in REPORTING_VERBS:
            continue
        deps = {c.dep_ for c in token.children}
        has_clause = bool(deps & {"ccomp", "xcomp"}) or any(
            c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children) for c in token.children
        )
        # "Brenner said since the day Oda left, he was in touch": the small model hangs a reported
        # clause that opens with an adverbial on the verb as an adverbial clause; one with its own
        # subject, after the verb, is what was said.
        has_clause = has_clause or any(
            c.dep_ == "advcl"
            and c.i > token.i
            and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            and not any(
                g.dep_ == "mark"
                and g.i < c.i
                and g.lower_ in ("when", "while", "after", "before", "as", "because", "if")
                for g in c.children
            )
            for c in token.children
        )
        if "dobj" in deps and token.lemma_.lower() not in NON_CLAIM_OBJECT_VERBS:
            has_clause = True
        has_clause = has_clause or _as_clause(token)
        if has_clause or _adjacent_quote(token):
            verbs.append(token)
    return verbs


def _states_a_stance(verb: Token) -> bool:
    """ "The guild is confident (that) the tolls will go", "the guild is worried the tolls
    would…": a stance with the clause it holds, stated as speech."""
    if verb.lower_ in HOLDING_ADJECTIVES and verb.tag_ == "VBN":
        return any(c.dep_ == "ccomp" for c in verb.children)
    stances = [c for c in verb.children if c.dep_ == "acomp" and c.lower_ in HOLDING_ADJECTIVES]
    return (
        verb.lemma_ == "be"
        and any(c.dep_ == "ccomp" and c.i > verb.i for node in (verb, *stances) for c in node.children)
        and bool(stances)
    )


def _has_data_subject(verb: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in DATA_NOUNS for c in verb.children)


def _adjacent_quote(token: Token) -> bool:
    window = token.doc[max(token.sent.start, token.i - 8) : min(token.sent.end, token.i + 8)].text
    return any(q in window for q in ("“", "”", '"', ":"))


def find_claims(doc: Doc, actors: ActorIndex) -> list[Claim]:
    """Every attributed statement of the article, in the order of the text. Sentences
    are read in order, so "he said" can continue the speaker of the claim before it."""
    text = doc_text(doc)
    quotations = find_quotations(text)
    attribution = {q: _attribution_verb(doc, q, quotations) for q in quotations if q.direct}
    used_verbs = {verb.i for verb in attribution.values() if verb is not None}
    ending: dict[int, list[Quotation]] = {}
    for quotation in attribution:
        touched = _touched_sentences(doc, quotation)
        if touched:
            ending.setdefault(touched[-1].start, []).append(quotation)
    context = _Context(actors, quotations, used_verbs, [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)])
    for sent in doc.sents:
        for quotation in ending.get(sent.start, []):
            context.drafts.extend(_quotation_claims(doc, quotation, attribution[quotation], context))
        context.drafts.extend(_sentence_claims(sent, context))
    context.drafts.extend(_interview_answers(doc, context))
    context.drafts.sort(key=lambda d: d.evidence_start)
    return _to_claims(doc, context.drafts, actors)


def _by_pronoun(phrase: list[Token]) -> bool:
    """The speaker phrase is a pronoun ("he said"): the speaker was inferred."""
    return len(phrase) == 1 and phrase[0].pos_ == "PRON"


def _inferred(phrase: list[Token], speaker: str | None, actors: ActorIndex) -> bool:
    """The speaker was inferred, not read: a pronoun, or a phrase whose head is not the
    speaker's name ("the company said", "a report from Norway's auditor general"), unless
    it is data the speaker owns ("U.S. data showed")."""
    if _by_pronoun(phrase):
        return True
    if speaker is None or not phrase:
        return False
    head = next((t for t in phrase if t.head not in phrase or t.head == t), phrase[0])
    if actors.by_token.get(head.i) == speaker:
        return False
    return not (head.lower_ in DATA_NOUNS and any(actors.by_token.get(t.i) == speaker for t in phrase))


def _confidence(draft: ClaimDraft, speaker: str | None, actors: ActorIndex) -> str:
    """High: a named speaker where the words stand. Medium: a speaker inferred (a pronoun,
    a follow-up, an interview's answer) or described (a group, an unnamed source). Low:
    no speaker. (Measured precision per level: README, "Extraction quality".)"""
    if speaker is None:
        return "low"
    record = actors.records.get(speaker)
    if draft.inferred or record is None or record.type == "group" or record.anonymous:
        return "medium"
    return "high"


MIN_INTERVIEW_QUESTIONS = 2


def _interview_answers(doc: Doc, context: _Context) -> list[ClaimDraft]:
    """An interview printed as questions and answers: paragraphs that ask the interviewee
    ("Do you see…?", "What is your view…?") and paragraphs that answer, unattributed. Each
    sentence of an answer is a claim of the interviewee, the person whose words the
    introduction reports first. Questions that address no one ("What happens next?") are
    an explainer's headings, not an interview."""
    text = doc_text(doc)
    bounds = [*context.paragraphs, len(text)]
    paragraphs = [(a, b) for a, b in itertools.pairwise(bounds) if text[a:b].strip()]
    asks = [text[a:b].strip().endswith("?") and bool(SECOND_PERSON.search(text[a:b])) for a, b in paragraphs]
    if sum(asks) < MIN_INTERVIEW_QUESTIONS:
        return []
    first_question = paragraphs[asks.index(True)][0]
    people = [
        d.speaker
        for d in context.drafts
        if d.evidence_start < first_question and d.speaker and context.actors.records[d.speaker].type == "person"
    ]
    if not people:
        return []
    interviewee = people[0]
    claimed = {d.evidence_start for d in context.drafts}
    out = []
    for (start, end), asked in zip(paragraphs, asks, strict=True):
        if asked or start < first_question:
            continue
        paragraph = doc.char_span(start, end, alignment_mode="expand")
        for sent in paragraph.sents if paragraph is not None else ():  # type: ignore[attr-defined]  # Span.sents: not in spaCy's stubs
            body = sent.text.strip()
            if sent.start_char in claimed or len(body.split()) < 4 or body.endswith("?"):
                continue
            out.append(
                ClaimDraft(
                    interviewee,
                    None,
                    "answered",
                    body,
                    sent.start_char,
                    sent.end_char,
                    overlaps(sent.start_char, sent.end_char, context.quotations),
                    inferred=True,
                )
            )
    return out


SPEAKER_REACH = 3
"""Paragraphs back that "he said" may continue the last speaker across."""


@dataclass
class _Context:
    """What the claim rules know while reading an article from the top."""

    actors: ActorIndex
    quotations: list[Quotation]
    used_verbs: set[int]
    paragraphs: list[int]  # character offsets where paragraphs start
    drafts: list[ClaimDraft] = field(default_factory=list)

    def recent_speakers(self, char: int) -> list[str]:
        """Every speaker of a claim before ``char`` within :data:`SPEAKER_REACH`
        paragraphs, the latest first: "he said" most often continues the first, and after
        a woman's words goes back to the man who spoke before her. A one-line paragraph
        between (a heading, a sentence of narration) does not end an interview; a person
        named as a sentence's subject since does (see
        :func:`~generator.extract.mentions.resolve_speaker`)."""
        here = bisect_right(self.paragraphs, char)
        found: list[tuple[int, str]] = []
        for draft in reversed(self.drafts):  # drafts come in reading order, give or take a quotation
            distance = here - bisect_right(self.paragraphs, draft.evidence_start)
            if distance > SPEAKER_REACH + 1:
                break
            if draft.evidence_start < char and draft.speaker and distance <= SPEAKER_REACH:
                found.append((draft.evidence_start, draft.speaker))
        return list(dict.fromkeys(speaker for _, speaker in sorted(found, reverse=True)))

    def verb_before(self, char: int) -> str | None:
        before = [d for d in self.drafts if d.evidence_start < char]
        return max(before, key=lambda d: d.evidence_start).verb if before else None


def _touched_sentences(doc: Doc, quotation: Quotation) -> list[Span]:
    """The sentences a quotation runs through (found by offset, not by scanning the doc)."""
    span = doc.char_span(
        max(0, quotation.start - 1), min(len(doc_text(doc)), quotation.end + 1), alignment_mode="expand"
    )
    return list(span.sents) if span is not None and len(span) else []  # type: ignore[attr-defined]  # as above


def _attribution_verb(doc: Doc, quotation: Quotation, quotations: list[Quotation]) -> Token | None:
    """The reporting verb that introduces a quotation: outside every quotation, in a
    sentence the quotation touches, the nearest to it that has a subject."""
    candidates = []
    for sent in _touched_sentences(doc, quotation):
        for token in sent:
            if (
                token.pos_ in ("VERB", "AUX")
                and token.lemma_.lower() in REPORTING_VERBS
                and quotation_at(token.idx, quotations) is None
                and _speaker_phrase(token)
            ):
                distance = min(abs(token.idx - quotation.end), abs(token.idx - quotation.start))
                candidates.append((distance, token.i, token))
    return min(candidates)[2] if candidates else None


def _quotation_claims(doc: Doc, quotation: Quotation, verb: Token | None, context: _Context) -> list[ClaimDraft]:
    """One claim per sentence of a direct quotation. Its speaker is the subject of its
    reporting verb; a quotation with none is a follow-up of the last speaker of the same
    or the previous paragraph."""
    actors = context.actors
    speakers = context.recent_speakers(quotation.start)
    recent = speakers[0] if speakers else None
    phrase = (_speaker_phrase(verb) or []) if verb is not None else []
    speaker = resolve_speaker(phrase, actors, speakers) if verb is not None else None
    via = _via(verb, actors, speaker) if verb is not None else None
    verb_text = verb.text.lower() if verb is not None else None
    inferred = _by_pronoun(phrase)
    if speaker is None and phrase and not inferred:
        # "…," one Republican told The Hill: someone the text names but no actor is, never the
        # last speaker; a described source when the phrase describes one.
        speaker = actors.add_group(phrase) if not any(t.lower_ in PRONOUNS_FIRST | {"we"} for t in phrase) else None
        if speaker is None:
            return []
        if any(t.lower_ in ("a", "an", "one", "another") and t.dep_ in ("det", "nummod") for t in phrase):
            actors.records[speaker].anonymous = True  # "one Republican": a source unnamed on purpose
    if speaker is None:
        if recent is None or any(t.lower_ in PRONOUNS_FIRST | {"we"} and t.dep_ == "nsubj" for t in phrase):
            return []  # "I wrote: …": the author's own words are no one's follow-up
        speaker, verb_text, inferred = recent, verb_text or context.verb_before(quotation.start), True
    text = doc_text(doc)
    out = []
    for sent in _touched_sentences(doc, quotation):
        quoted = text[max(quotation.start, sent.start_char) : min(quotation.end, sent.end_char)]
        quoted = quoted.strip(' \n,;:“”"‘’«»„')
        if len(quoted.split()) < 2:
            continue
        out.append(
            ClaimDraft(speaker, via, verb_text or "said", quoted, sent.start_char, sent.end_char, True, inferred)
        )
    return out


def _sentence_claims(sent: Span, context: _Context) -> list[ClaimDraft]:
    """Reported speech, "according to" and reporting nouns in one sentence; the verbs
    that introduce direct quotations are left to :func:`_quotation_claims`."""
    actors, quotations, used_verbs = context.actors, context.quotations, context.used_verbs
    recent = context.recent_speakers(sent.start_char)
    out: list[ClaimDraft] = []
    if sent.start in headline_tokens(sent.doc):
        return out
    seen_speakers: set[str | None] = set()
    start, end = sent.start_char, sent.end_char
    quoted = overlaps(start, end, quotations)
    source = _according_to(sent)
    relayed = source is not None and any(v in used_verbs for v in range(sent.start, source.i))
    if source is not None and not relayed:
        speaker = resolve_speaker(list(source.subtree), actors)
        if speaker:
            text = _after_according(sent, source)
            out.append(ClaimDraft(speaker, None, "according to", text, start, end, quoted))
            seen_speakers.add(speaker)
    verbs = _reporting_verbs(sent)
    for verb in verbs:
        if quotation_at(verb.idx, quotations) or verb.i in used_verbs:
            continue
        if any(a in verbs for a in verb.ancestors):
            continue  # "Lind said he and Oda never said goodbye": what Lind reports, not a claim of Oda's
        phrase = _speaker_phrase(verb)
        speaker = resolve_speaker(phrase, actors, recent) if phrase else None
        if speaker is None or speaker in seen_speakers:
            continue
        seen_speakers.add(speaker)
        text = _clause_text(verb, sent)
        if not text:
            continue
        out.append(
            ClaimDraft(
                speaker,
                _via(verb, actors, speaker),
                verb.text.lower(),
                text,
                start,
                end,
                quoted,
                _inferred(phrase or [], speaker, actors),
            )
        )
    for noun, speaker_token in _reporting_nouns(sent):
        speaker = resolve_speaker(list(speaker_token.subtree), actors)
        if speaker is None or speaker in seen_speakers:
            continue
        seen_speakers.add(speaker)
        text = _noun_content(noun)
        if text:
            out.append(ClaimDraft(speaker, None, noun.text.lower(), text, start, end, quoted))
    return out


def _reporting_nouns(sent: Span) -> list[tuple[Token, Token]]:
    """ "the mayor's announcement that …", "an acknowledgment by officials that …":
    a reporting noun whose possessor or by-agent is the speaker."""
    found = []
    for token in sent:
        if token.lemma_.lower() not in REPORTING_NOUNS or token.pos_ != "NOUN":
            continue
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her", "our", "my", "your"):
                found.append((token, child))
            elif child.dep_ == "prep" and child.lower_ == "by":
                found.extend((token, g) for g in child.children if g.dep_ == "pobj")
    return found


def _noun_content(noun: Token) -> str:
    """What the reporting noun reports: its that-clause or infinitive."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and child.i > noun.i:
            return _text(list(child.subtree))
    return ""


def _after_according(sent: Span, source: Token) -> str:
    phrase_end = max(t.i for t in source.subtree) + 1
    according = min(t.i for t in source.head.head.subtree) if source.head.head.lower_ == "according" else sent.start
    before = [t for t in sent if t.i < according]
    after = [t for t in sent if t.i >= phrase_end]
    tokens = after if len(after) >= len(before) else before
    return _text(tokens)


NO_CONTENT = article_pattern(
    r"\A\W*(?:(?:we|i)\s+(?:have|had)\s+no(?:thing)?\s+(?:further\s+|more\s+)?(?:comment|to\s+add|to\s+say)"
    r"|no\s+(?:further\s+)?comment"
    r"|(?:we|i)\s+(?:do|did|will|would|can|could|wo|ca)\s*(?:n['’]t|not)\s+comment)\b",
    re.I,
)
"""Replies that say nothing ("We have nothing to add," "No comment"): formulas, no claim."""


def _to_claims(doc: Doc, drafts: list[ClaimDraft], actors: ActorIndex) -> list[Claim]:
    """One claim per draft and speaker: actors who spoke jointly each get the claim; a
    reply that says nothing is none."""
    claims: list[Claim] = []
    used: set[str] = set()
    for draft in drafts:
        if NO_CONTENT.match(draft.text):
            continue
        evidence = doc_text(doc)[draft.evidence_start : draft.evidence_end].strip()
        for speaker in actors.members_of(draft.speaker):
            claim_id = stable_id("c", used, evidence, speaker or "")
            if claim_id is None:
                continue  # the same sentence by the same speaker again
            claim = make_item(
                Claim,
                doc,
                id=claim_id,
                speaker=speaker,
                via=draft.via,
                quote=draft.quote,
                verb=draft.verb,
                text=draft.text,
                evidence=evidence,
                confidence=_confidence(draft, speaker, actors),
            )
            if claim is not None:
                claims.append(claim)
    return claims


@component("claims")
def claims_component(extraction: Extraction) -> list[Claim]:
    return find_claims(extraction.doc, extraction.actors)
