"""Claims: statements the article attributes to someone. Reporting verbs with
their subject as speaker, "according to X", direct quotations (straight or
curly, across sentences, after a colon), pronoun speakers resolved to the last
fitting actor, and "X told Y" giving the relaying outlet."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import Claim
from .actors import ActorIndex, is_collective
from .ids import doc_text, stable_id
from .actors import _is_headline
from .lexicons import (INSTITUTION_NOUNS, MEDIA_NOUNS, NON_CLAIM_OBJECT_VERBS, REPORTING_NOUNS, PRONOUNS_FIRST, PRONOUNS_PERSON, PRONOUNS_PLURAL,
                       REPORTING_VERBS, ROLE_WORDS)

QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Quote:
    start: int  # character offsets of the quoted words, inside the marks
    end: int

    def words(self, text: str) -> int:
        return len(text[self.start:self.end].split())


def find_quotes(text: str) -> list[Quote]:
    """Quoted passages of three words or more; shorter ones are scare quotes."""
    quotes: list[Quote] = []
    i = 0
    while i < len(text):
        opener = text[i]
        closer = QUOTE_PAIRS.get(opener)
        if closer is None:
            i += 1
            continue
        end = text.find(closer, i + 1)
        newline = text.find("\n\n", i + 1)
        if end == -1 or (newline != -1 and newline < end):
            i += 1
            continue
        quote = Quote(i + 1, end)
        if quote.words(text) >= MIN_QUOTE_WORDS:
            quotes.append(quote)
        i = end + 1
    return quotes


@dataclass
class ClaimDraft:
    speaker: str | None
    via: str | None
    verb: str
    text: str
    evidence_start: int
    evidence_end: int
    quote: bool


def _speaker_phrase(verb: Token) -> list[Token] | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "nsubjpass":
            return list(child.subtree)
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return list(objects[0].subtree)
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _speaker_phrase(verb.head)
    return None


def resolve_speaker(phrase: list[Token], actors: ActorIndex) -> str | None:
    """The actor a subject phrase names: an entity, a relative pronoun's antecedent,
    a pronoun's antecedent, or a collective noun made into a group."""
    if not phrase:
        return None
    head = next((t for t in phrase if t.head not in phrase or t.head == t), phrase[0])
    if head.lower_ in PRONOUNS_FIRST or head.lower_ in ("we", "us", "our"):
        return None  # the author's own voice is not an attributed claim
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        antecedent = head.head.head
        return actors.actor_in(list(antecedent.subtree)[:12]) or actors.actor_at(antecedent)
    described = _described_speaker(head, phrase, actors)
    if described:
        return described
    joint = _joint_speaker(head, actors)
    if joint:
        return joint
    if head.lower_ in MEDIA_NOUNS and any(c.lower_ == "the" for c in head.children):
        return actors.last_before(head.i, ("media",))  # "the report", "the article": the outlet named before
    found = actors.actor_at(head) or actors.person_in(phrase)
    if found is None and head.pos_ == "PROPN" and head.is_title and not head.ent_type_ \
            and head.lower_ not in ROLE_WORDS:
        return actors.person_named(head)
    found = found or actors.actor_in(phrase)
    if found:
        return found
    if head.lower_ in INSTITUTION_NOUNS and head.tag_ == "NN":
        return actors.add_group([t for t in phrase if t.i <= head.i and t.dep_ != "poss"], "organization")
    if head.lower_ in PRONOUNS_PERSON:
        return actors.last_before(head.i, ("person",))
    if head.lower_ in PRONOUNS_PLURAL:
        return actors.last_before(head.i, ("group", "organization", "country"))
    if is_collective(head):
        words = [t for t in phrase if t.i <= head.i and t.dep_ not in ("relcl",)]
        return actors.add_group(words)
    return None


def _joint_speaker(head: Token, actors: ActorIndex) -> str | None:
    """"Both Ukraine and the UK believe": two coordinated actors speak jointly."""
    first = actors.actor_at(head)
    partners = [actors.actor_at(c) for c in head.children if c.dep_ == "conj"]
    if first is None or not partners or partners[0] is None or partners[0] == first:
        return None
    return actors.add_joint(first, partners[0], [head])


def _described_speaker(head: Token, phrase: list[Token], actors: ActorIndex) -> str | None:
    """"a senior NATO official", "the Lithuanian Foreign Minister": a role noun heads the
    phrase, so the speaker is that person, not the organization or country modifying it."""
    if head.lower_ not in ROLE_WORDS or head.i in actors.by_token or head.tag_ not in ("NN", "NNP"):
        return None
    if any(t.dep_ in ("appos",) for t in phrase) or any(actors.records[a].type == "person"
                                                     for t in phrase if (a := actors.actor_at(t))):
        return None
    return _by_role(head, phrase, actors) or actors.add_group([t for t in phrase if t.i <= head.i], "person")


def _by_role(head: Token, phrase: list[Token], actors: ActorIndex) -> str | None:
    """"the Secretary General" names the actor whose role holds those words."""
    words = " ".join(t.text for t in phrase if not t.is_punct and t.dep_ != "det").lower()
    if not words:
        return None
    for record in actors.records.values():
        if record.role and words in record.role.lower():
            return record.id
    return None


def _clause_text(verb: Token, sent: Span) -> str:
    """The reported clause: the verb's clausal complement, else what follows the verb."""
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and any(g.dep_ == "pcomp" for g in child.children):
            return _text(list(child.subtree))
        if child.dep_ in ("ccomp", "xcomp") and child.i > verb.i:
            tokens = [t for t in child.subtree if t.dep_ != "mark" or t.head != child]
            return _text(tokens)
    after = [t for t in sent if t.i > verb.i]
    return _text(after)


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    span = doc[tokens[0].i: tokens[-1].i + 1]
    text = span.text.strip()
    text = re.sub(r"^(that|to)\s+", "", text)
    return text.strip(" ,.;:“”\"‘’").strip()


def _via(verb: Token, actors: ActorIndex, speaker: str | None) -> str | None:
    """"X told Y": Y relays the claim when Y is an outlet or organization."""
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
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in REPORTING_VERBS:
            continue
        deps = {c.dep_ for c in token.children}
        has_clause = bool(deps & {"ccomp", "xcomp"}) or any(
            c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children) for c in token.children)
        if "dobj" in deps and token.lemma_.lower() not in NON_CLAIM_OBJECT_VERBS:
            has_clause = True
        if has_clause or _adjacent_quote(token):
            verbs.append(token)
    return verbs


def _adjacent_quote(token: Token) -> bool:
    window = token.doc[max(token.sent.start, token.i - 8): min(token.sent.end, token.i + 8)].text
    return any(q in window for q in ("“", "”", '"', ":"))


def _in_quote(char: int, quotes: list[Quote]) -> Quote | None:
    return next((q for q in quotes if q.start <= char < q.end), None)


def find_claims(doc: Doc, actors: ActorIndex) -> list[Claim]:
    """Every attributed statement of the article; one claim per speaker per sentence."""
    quotes = find_quotes(doc_text(doc))
    drafts: list[ClaimDraft] = []
    for sent in doc.sents:
        drafts.extend(_sentence_claims(sent, actors, quotes))
    return _to_claims(doc, drafts)


def _sentence_claims(sent: Span, actors: ActorIndex, quotes: list[Quote]) -> list[ClaimDraft]:
    out: list[ClaimDraft] = []
    if _is_headline(sent):
        return out
    seen_speakers: set[str | None] = set()
    start, end = sent.start_char, sent.end_char
    # A sentence that opens inside someone else's quotation belongs to that claim.
    if _in_quote(start, quotes) and _in_quote(start, quotes).start < start - 1:
        return out
    quote = _quote_for(sent, sent.start_char, quotes)
    if quote is not None:
        end = max(end, _sentence_end_after(sent.doc, quote.end))
    source = _according_to(sent)
    if source is not None:
        speaker = resolve_speaker(list(source.subtree), actors)
        if speaker:
            text = _after_according(sent, source)
            out.append(ClaimDraft(speaker, None, "according to", text, start, end, quote is not None))
            seen_speakers.add(speaker)
    for verb in _reporting_verbs(sent):
        if _in_quote(verb.idx, quotes):
            continue
        phrase = _speaker_phrase(verb)
        speaker = resolve_speaker(phrase, actors) if phrase else None
        if speaker is None or speaker in seen_speakers:
            continue
        seen_speakers.add(speaker)
        own_quote = _quote_for(sent, verb.idx, quotes) or quote
        is_quote = own_quote is not None
        verb_end = max(end, _sentence_end_after(sent.doc, own_quote.end)) if is_quote else end
        text = doc_text(sent.doc)[own_quote.start:own_quote.end] if is_quote else _clause_text(verb, sent)
        if not text:
            continue
        out.append(ClaimDraft(speaker, _via(verb, actors, speaker), verb.text.lower(), text, start, verb_end, is_quote))
    for noun, speaker_token in _reporting_nouns(sent):
        speaker = resolve_speaker(list(speaker_token.subtree), actors)
        if speaker is None or speaker in seen_speakers:
            continue
        seen_speakers.add(speaker)
        text = _noun_content(noun)
        if text:
            out.append(ClaimDraft(speaker, None, noun.text.lower(), text, start, end, quote is not None))
    return out


def _quote_for(sent: Span, after_char: int, quotes: list[Quote]) -> Quote | None:
    """The quotation a speaker introduces: the first one opening after ``after_char``
    in this sentence or just after it (a colon may end the sentence spaCy found)."""
    text = doc_text(sent.doc)
    for quote in quotes:
        opens = quote.start - 1
        if after_char <= opens < sent.end_char:
            return quote
        if sent.end_char <= opens and not text[sent.end_char:opens].strip() and text[sent.end_char - 1:sent.end_char] == ":":
            return quote
    return None


def _reporting_nouns(sent: Span) -> list[tuple[Token, Token]]:
    """"Trump's announcement that …", "an acknowledgment by officials that …":
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


def _sentence_end_after(doc: Doc, char: int) -> int:
    """The end of the sentence in which a quotation closes."""
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char + 1:
            return sent.end_char
    return char


def _after_according(sent: Span, source: Token) -> str:
    phrase_end = max(t.i for t in source.subtree) + 1
    according = min(t.i for t in source.head.head.subtree) if source.head.head.lower_ == "according" else sent.start
    before = [t for t in sent if t.i < according]
    after = [t for t in sent if t.i >= phrase_end]
    tokens = after if len(after) >= len(before) else before
    return _text(tokens)


def _to_claims(doc: Doc, drafts: list[ClaimDraft]) -> list[Claim]:
    claims: list[Claim] = []
    used: set[str] = set()
    for draft in drafts:
        evidence = doc_text(doc)[draft.evidence_start:draft.evidence_end].strip()
        claim_id = stable_id("c", used, evidence, draft.speaker or "")
        if claim_id is None:
            continue  # the same sentence by the same speaker again
        claims.append(Claim(id=claim_id, speaker=draft.speaker, via=draft.via, quote=draft.quote,
                            verb=draft.verb, text=draft.text, evidence=evidence))
    return claims
