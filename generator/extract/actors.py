"""Actors: who acts or is acted on. Named entities, corrected by the gazetteers
and the registry (already on the doc as entity-ruler labels), folded into one
actor per referent, with roles from titles and appositions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Set
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from generator.core.model import Actor
from generator.core.names import surname_key
from generator.core.slugs import has_word, slugify
from generator.extract import gazetteer
from generator.extract.ids import doc_text
from generator.extract.lexicons import (
    ACRONYM_SKIP,
    AGENT_COLLECTIVES,
    ANONYMOUS_HEADS,
    ARTIFACT_HEADS,
    COLLECTIVE_SPEAKERS,
    COMPANY_NOUNS,
    CONDITION_HEADS,
    GENDERED_WORDS,
    GENERIC_MODIFIERS,
    GROUP_HEADS,
    GROUP_MODIFIERS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    MASTHEAD_WORDS,
    NON_ACTOR_ACRONYMS,
    NON_ACTOR_HEADS,
    NOT_TITLES,
    ORG_WORDS,
    PLACE_HEADS,
    POLITY_HEADS,
    PRODUCT_VERBS,
    PROGRAMME_WORDS,
    REPORTING_VERBS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    STATE_NOUNS,
    TITLE_ABBREVIATIONS,
    TRADEMARKS,
)
from generator.extract.quotations import find_quotations, quotation_at

LOOK_BACK = 5000  # tokens an antecedent is looked for before its pronoun or description
RULER_TYPES = {
    "PERSON": "person",
    "ORGANIZATION": "organization",
    "COUNTRY": "country",
    "MEDIA": "media",
    "GROUP": "group",
    "CAPITAL": "country",
}
NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country"}
PLACE_PREPOSITIONS = frozenset("in at to from near into across through outside inside".split())


@dataclass
class ActorRecord:
    """An actor being assembled from its mentions in one article."""

    id: str
    name: str
    type: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    first: int = 0
    anonymous: bool = False
    confidence: str = "medium"
    """How sure the surest mention of this actor is (see :func:`_mention_confidence`)."""
    gender: str | None = None
    """What a pronoun resolved to this person said of them ("She said…"), for later pronouns."""
    members: tuple[str, ...] = ()
    """For actors speaking jointly ("Senators Ruiz and Chen said"): who they are. Such a
    record is never an actor of the brief; each member gets the claim."""

    def add_surface(self, surface: str) -> None:
        self.mentions += 1
        if surface != self.name and surface not in self.aliases and surface.lower() != self.name.lower():
            self.aliases.append(surface)

    def to_model(self) -> Actor:
        aliases = [a for a in self.aliases if a != self.name]
        return Actor(
            id=self.id,
            name=self.name,
            type=self.type,
            role=self.role,
            aliases=aliases,
            mentions=self.mentions,
            anonymous=self.anonymous,
            confidence=self.confidence,
        )


@dataclass
class ActorIndex:
    """The actors of one article and which token belongs to which actor."""

    records: dict[str, ActorRecord] = field(default_factory=dict)
    by_token: dict[int, str] = field(default_factory=dict)
    registry_names: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    quoted: frozenset[int] = frozenset()  # tokens inside quotations: never a pronoun's antecedent

    def actor_at(self, token: Token) -> str | None:
        return self.by_token.get(token.i)

    def actor_in(self, span: Span | list[Token]) -> str | None:
        """The actor a phrase names: a person before anything else, then the first actor."""
        found = [self.by_token[t.i] for t in span if t.i in self.by_token]
        people = [a for a in found if self.records[a].type == "person"]
        return (people or found)[0] if found else None

    def person_in(self, span: Span | list[Token]) -> str | None:
        """A person named anywhere in the phrase ("Estonian Ambassador to NATO Jüri Luik")."""
        for token in span:
            actor = self.by_token.get(token.i)
            if actor and self.records[actor].type == "person":
                return actor
        return None

    def last_before(
        self, position: int, types: tuple[str, ...], agrees: Callable[[str], bool] = lambda actor_id: True
    ) -> str | None:
        """The actor of the given types mentioned last before ``position`` that ``agrees``
        with the pronoun (pronoun antecedents)."""
        for token_i in range(position - 1, max(-1, position - LOOK_BACK), -1):
            actor_id = self.by_token.get(token_i)
            if actor_id and self.records[actor_id].type in types and token_i not in self.quoted and agrees(actor_id):
                return actor_id
        return None

    def gender(self, actor_id: str) -> str:
        """ "female", "male" or "unknown": from the words of the person's role or aliases
        ("Ms", "chairwoman", "queen"), else from the first name (gender-guesser)."""
        record = self.records[actor_id]
        if record.gender:
            return record.gender
        words = {w.lower().rstrip(".") for text in (record.role or "", *record.aliases) for w in text.split()}
        for gender, marks in GENDERED_WORDS.items():
            if words & marks:
                return gender
        parts = record.name.split()
        return gazetteer.name_gender(parts[0]) if len(parts) > 1 else "unknown"

    def add(self, actor_id: str, name: str, actor_type: str, tokens: Span | list[Token], surface: str) -> str:
        record = self.records.get(actor_id)
        if record is None:
            record = self.records[actor_id] = ActorRecord(actor_id, name, actor_type, first=tokens[0].i)
        record.add_surface(surface)
        for token in tokens:
            self.by_token.setdefault(token.i, actor_id)
        return actor_id

    def add_group(self, phrase: list[Token], actor_type: str = "group") -> str | None:
        """A speaker named by description becomes an actor: a collective ("analysts",
        "anonymous sources") a group, a singular role ("a senior official") a person."""
        words = [
            t
            for t in phrase
            if t.dep_ not in ("det", "predet", "case")
            and not t.is_punct
            and not (t.dep_ == "poss" and t.pos_ == "PRON")
            and t.lower_ != "own"
        ]
        surface = " ".join(t.text for t in words).strip()
        if not has_word(surface):
            return None
        name = surface[:1].lower() + surface[1:] if surface[:1].isupper() and not words[0].ent_type_ else surface
        head = next((t for t in words if t.head not in words or t.head == t), words[-1] if words else None)
        anonymous = (
            head is not None
            and head.lower_ in ANONYMOUS_HEADS
            and not any(self._names_a_body(t) for t in words if t != head)
            and not self._employer_named(head)
        )
        actor_id = self.add(slugify(name), name, actor_type, words or phrase, surface)
        self.records[actor_id].anonymous = self.records[actor_id].anonymous or anonymous
        return actor_id

    def _names_a_body(self, token: Token) -> bool:
        """ "British officials", "NATO officials": a modifier that says whose people they
        are makes them a group that can be followed; "local officials" stay unnamed."""
        return (
            bool(token.ent_type_)
            or token.i in self.by_token
            or (token.is_title and not token.is_sent_start and token.pos_ in ("ADJ", "PROPN"))
        )

    def _employer_named(self, head: Token) -> bool:
        """ "analysts at ING", "officials from the ministry": whose people they are is said."""
        return any(
            c.dep_ == "prep"
            and c.lower_ in ("at", "of", "from", "with")
            and any(g.i in self.by_token or g.ent_type_ or g.pos_ == "PROPN" for g in c.subtree)
            for c in head.children
        )

    def add_joint(self, members: list[str], tokens: list[Token]) -> str:
        """Actors speaking together ("Both A and B say"): a record that stands for them
        while claims are found, which :meth:`members_of` expands to each of them."""
        name = " and ".join(self.records[m].name for m in members)
        record = self.records.get(slugify(name))
        if record is None:
            record = self.records[slugify(name)] = ActorRecord(
                slugify(name), name, "group", first=tokens[0].i, members=tuple(members)
            )
        record.mentions += 1
        return record.id

    def members_of(self, actor_id: str | None) -> list[str | None]:
        """The actors an id stands for: its members if they spoke jointly, else itself."""
        record = self.records.get(actor_id) if actor_id else None
        return list(record.members) if record is not None and record.members else [actor_id]

    def person_with_surname(self, surname: str) -> str | None:
        key = surname_key(surname)
        return next(
            (
                r.id
                for r in self.records.values()
                if r.type == "person" and key in {surname_key(n) for n in (r.name, *r.aliases)}
            ),
            None,
        )

    def person_named(self, token: Token) -> str:
        """A proper-noun speaker no entity covered: a known person by surname, else a new person."""
        phrase = [t for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i and t.is_title]
        titles = [t for t in phrase if t.i < token.i and _is_title_word(t)]
        if titles:  # "Mayor Ines Dahl": the title is a role, not part of the name
            phrase = [t for t in phrase if t.i > titles[-1].i]
        text = " ".join(t.text for t in phrase) or token.text
        actor_id, name = _person_key(self, text)
        actor_id = self.add(actor_id, name, "person", phrase or [token], text)
        if titles and self.records[actor_id].role is None:
            self.records[actor_id].role = " ".join(t.text for t in titles)
        return actor_id

    def actors(self) -> list[Actor]:
        return [r.to_model() for r in sorted(self.records.values(), key=lambda r: r.first) if not r.members]


def _with_possessor(span: Span) -> Span:
    """ "NATO's Military Committee", "China's Ministry of Commerce": a body named through
    its parent or its country keeps it."""
    doc = span.doc
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ in ("'s", "’s")
        and (
            doc[span.start - 2].ent_type_ in ("ORGANIZATION", "ORG")
            or (doc[span.start - 2].ent_type_ in ("COUNTRY", "GPE") and any(t.lower_ in ORG_WORDS for t in span))
        )
    ):
        return doc[span.start - 2 : span.end]  # "NATO's Military Committee", "China's Ministry of Commerce"
    return span


def _extend_organization(span: Span) -> Span:
    """An organization's name cut by the model or the entity ruler, joined back:
    "Office of the" + "United States" + "Trade Representative"; "Ministry of Commerce"
    + "of China"; "U.S. Agency for" + "International Development"; "10X" + "Genomics"."""
    doc = span.doc
    if span.label_ != "ORG":
        return span
    start, end = span.start, span.end
    if doc[end - 1].lower_ in ("of", "the", "for"):
        while end < len(doc) and doc[end].is_title and doc[end].sent == span.sent:
            end += 1
    elif (
        end + 1 < len(doc)
        and doc[end].lower_ == "of"
        and doc[end + 1].is_title
        and (doc[end + 1].ent_type_ in ("GPE", "COUNTRY", "CAPITAL", "LOC"))
    ):
        end += 2  # "Ministry of Commerce" + "of China"
        while end < len(doc) and doc[end].is_title and doc[end].ent_type_ == doc[end - 1].ent_type_:
            end += 1
    if (
        start >= 2
        and doc[start - 1].lower_ in ("for", "of")
        and doc[start - 2].is_title
        and doc[start - 2].lower_ in ORG_WORDS
    ):
        start -= 2  # "Agency for" + "International Development"
        while (
            start > span.sent.start
            and (doc[start - 1].is_title or doc[start - 1].is_upper)
            and doc[start - 1].pos_ == "PROPN"
        ):
            start -= 1
    if start > span.sent.start and re.fullmatch(r"\d+[A-Za-z]+|[A-Z]+\d+", doc[start - 1].text):
        start -= 1  # "10X Genomics"
    end = _country_suffix_end(doc, end)
    end = _inquiry_subject_end(doc, end)
    return doc[start:end] if (start, end) != (span.start, span.end) else span


INQUIRY_HEADS = frozenset("inquiry commission committee review investigation taskforce".split())
INQUIRY_SUBJECT_WORDS = 8


def _inquiry_subject_end(doc: Doc, end: int) -> int:
    """An inquiry is named with what it looks into: "the Harlow Commission of Inquiry into
    port safety" is one name, not "... of Inquiry" and a stray phrase."""
    if end >= len(doc) or doc[end].lower_ != "into" or doc[end - 1].lower_ not in INQUIRY_HEADS:
        return end
    if not doc[end - 1].is_title:
        return end
    into = doc[end]
    last = max((t.i for t in into.subtree), default=into.i)
    if last - end > INQUIRY_SUBJECT_WORDS or any(t.is_punct for t in doc[end : last + 1]):
        return end
    return last + 1


def _country_suffix_end(doc: Doc, end: int) -> int:
    """Where a name ends that goes on with a country's name written right after it, with
    nothing between ("Coastal Affairs" + "Norway", "Services" + "Australia"): in English a
    country placed straight after a body's name is part of that name."""
    if end >= len(doc) or not doc[end].is_title or doc[end - 1].whitespace_ != " ":
        return end
    country = next((e for e in doc.ents if e.start == end and e.label_ in ("COUNTRY", "GPE")), None)
    if country is None or country.end - country.start > 3 or doc[end - 1].is_punct:
        return end
    after = doc[country.end] if country.end < len(doc) else None
    if after is not None and after.is_title and after.pos_ == "PROPN":
        return end  # a longer run of names: not a suffix
    return country.end


def _is_title_word(token: Token) -> bool:
    """A word of a title or rank before a name ("Mayor", "Sen.", "Major-Gen")."""
    word = token.lower_.rstrip(".")
    return (word in ROLE_WORDS and token.lower_ not in NOT_TITLES) or f"{word}." in TITLE_ABBREVIATIONS


LEVELS = ("low", "medium", "high")


def _surer(a: str, b: str) -> str:
    return max(a, b, key=LEVELS.index)


def _mention_confidence(label: str, span: Span, registered: bool, guessed: bool) -> str:
    """High: a name the gazetteers or the editors' registry know, or a person's full name
    the model found. Low: a run of capitalised words no model labelled. Medium: the rest
    (one-word names, organisations the model found). (Measured precision per level:
    README, "Extraction quality".)"""
    if label in RULER_TYPES or registered:
        return "high"
    if guessed:
        return "low"
    return "high" if label == "PERSON" and len(span) >= 2 else "medium"


def _titled_name(span: Span) -> Span | None:
    """The name after the last title word inside an entity the model called an
    organisation ("Major-Gen Tomas Ivanek", "Police Commissioner Ana Ruiz"): one to
    three capitalised words ending the span are a person's name."""
    titles = [t.i for t in span if _is_title_word(t)]
    if not titles or titles[-1] >= span.end - 1:
        return None
    name = span.doc[titles[-1] + 1 : span.end]
    if not 1 <= len(name) <= 3 or not all(
        t.is_title and t.is_alpha and t.lower_ not in ORG_WORDS and t.lower_ not in ROLE_WORDS for t in name
    ):
        return None
    return None if name.text in gazetteer.by_surface() or name.text in gazetteer.place_names() else name


def _strip(span: Span) -> Span:
    """Drop a leading "the", a trailing possessive and line breaks from an entity span, and
    an opening bracket with what follows it ("Coastal Review (CR": the short name in
    brackets is its own mention)."""
    start, end = span.start, span.end
    doc = span.doc
    bracket = next((t.i for t in span if t.text == "(" and t.i > start), None)
    if bracket is not None:
        end = bracket
    while start < end and (doc[start].lower_ in ("the", "'s", "’s") or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _is_place(span: Span) -> bool:
    """A capital used as a place ("talks in Brussels"), not as its government."""
    head = span.root
    return head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS


def _role(span: Span) -> str | None:
    """A role from the title words before a name or from an apposition after it."""
    doc = span.doc
    words: list[Token] = []
    i = span.start - 1
    while i >= span.sent.start:
        token = doc[i]
        lower = token.lower_
        if (
            token.is_title
            or token.is_upper
            or lower in ROLE_WORDS
            or lower in ROLE_MODIFIERS
            or (lower in ("of", "to", "for", "'s", "’s") and words)
        ):
            words.insert(0, token)
        else:
            break
        i -= 1
    while words and words[0].lower_ in ("of", "to", "for", "'s", "’s"):
        words.pop(0)
    if any(w.lower_ in ROLE_WORDS for w in words):
        return _join(words)
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            tokens = [t for t in child.subtree if not t.is_punct or t.text in ("'s", "’s")]
            if tokens and any(t.lower_ in ROLE_WORDS for t in tokens) and len(tokens) <= 12:
                return _join(tokens)
    head = span.root.head
    if span.root.dep_ == "appos" and head.i < span.start and head.lower_ in ROLE_WORDS:
        tokens = [t for t in head.subtree if t.i < span.start and not (t.is_punct and t.i == span.start - 1)]
        return _join(tokens).strip(" ,")
    return None


def _join(tokens: list[Token]) -> str:
    text = ""
    for token in tokens:
        text += token.text + token.whitespace_
    return " ".join(text.split()).replace(" 's", "'s").strip(" ,")


def _person_key(index: ActorIndex, text: str) -> tuple[str, str]:
    """A surname alone, or another spelling of it, joins the full name already seen; two
    full names with other first names are two people of one family ("Karl Lind", "Ana
    Lind")."""
    surname = surname_key(text)
    for record in index.records.values():
        if record.type != "person" or _other_first_names(text, record.name):
            continue
        if surname in {surname_key(n) for n in (record.name, *record.aliases)}:
            if len(text.split()) > len(record.name.split()):
                record.aliases.append(record.name)
                record.name = text
            return record.id, record.name
    return slugify(text), text


def _other_first_names(a: str, b: str) -> bool:
    """Two full names whose first names differ and neither is the other's initial."""
    first_a, first_b = a.split()[0].rstrip(".").lower(), b.split()[0].rstrip(".").lower()
    if len(a.split()) < 2 or len(b.split()) < 2 or first_a == first_b:
        return False
    return not (first_a.startswith(first_b) or first_b.startswith(first_a))


def _unlabelled_names(doc: Doc) -> list[Span]:
    """Runs of two or more capitalized proper nouns that no entity covers: the small
    model often drops a name that follows a title or a country ("President of
    Ukraine Volodymyr Zelenskyy"). Such a run is taken for a person's name."""
    covered = {t.i for ent in doc.ents for t in ent}
    covered |= headline_tokens(doc)
    spans: list[Span] = []
    run: list[Token] = []
    for token in [*doc, None]:
        if (
            token is not None
            and token.i not in covered
            and token.tag_ == "NNP"
            and token.is_title
            and token.is_alpha
            and token.lower_ not in ROLE_WORDS
            and token.lower_ not in ORG_WORDS
        ):
            run.append(token)
            continue
        if 2 <= len(run) <= 3 and not any(t.text in gazetteer.demonyms() for t in run):
            spans.append(doc[run[0].i : run[-1].i + 1])
        run = []
    return spans


def _guessed_label(span: Span) -> str:
    """What a run of capitalised words no entity covers names: a person ("Minister Anna
    Berg"), unless the article writes it after "the" ("the Evening Ledger"), which no
    person's name takes."""
    doc = span.doc
    return "ORG" if span.start > 0 and doc[span.start - 1].lower_ == "the" else "PERSON"


def _only_in_headlines(span: Span, in_headline: Set[int], prose: str) -> bool:
    """A name the statistical model found only in a headline, never in the prose: in a
    title-case line every word is capitalized, so the model's main cue for a name is gone
    ("Harbour Talks Stall" read as a person). Names from the registry are exempt."""
    return all(t.i in in_headline for t in span) and span.text not in prose


def headline_tokens(doc: Doc) -> frozenset[int]:
    """The token indices of the doc's headline sentences (see :func:`is_headline`),
    judged once per doc: every extractor asks."""
    cached = doc.user_data.get(_HEADLINES)
    if cached is None:
        cached = doc.user_data[_HEADLINES] = frozenset(t.i for sent in doc.sents if is_headline(sent) for t in sent)
    return cached


_HEADLINES = "digest.headline_tokens"


def is_headline(sent: Span) -> bool:
    """A line of its own without a final stop, or in title case, is a headline, not prose."""
    text = sent.text.strip()
    ends_line = sent.end >= len(sent.doc) or "\n" in sent.doc[sent.end - 1].whitespace_ or "\n" in sent.text[-2:]
    if text and text[-1] not in '.!?"”’:;)…' and ends_line:
        return True
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if len(words) < 3 or sum(t.is_title for t in words) / len(words) <= 0.6:
        return False
    # A sentence in prose names many things in capitals but has a lower-case verb, or a
    # lower-case "was" ("Beside her at the meeting was Harbour Board Chair Lena Ortiz.").
    return not (text[-1] in '.!?"”' and any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in sent))


def _group_phrases(doc: Doc) -> list[Span]:
    """Collectives that act: "NATO members", "European allies", "the business community"."""
    spans = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lower_ not in GROUP_HEADS or (root.tag_ != "NNS" and root.lower_ != "community"):
            continue
        modifiers: list[Token] = []
        for token in reversed([t for t in chunk if t.i < root.i]):
            if token.dep_ == "case" and token.head.dep_ == "poss" and token.head.ent_type_:
                modifiers.insert(0, token)  # the "'s" of "Ukraine's allies"
                continue
            if token.dep_ not in ("amod", "compound", "nmod", "poss") or token.lower_ in (
                "other",
                "many",
                "some",
                "several",
                "non",
            ):
                break
            if token.dep_ == "poss" and not token.ent_type_:
                break
            modifiers.insert(0, token)
        if modifiers and any(
            t.ent_type_ or (t.is_title and t.pos_ in ("ADJ", "PROPN")) or t.lower_ in GROUP_MODIFIERS for t in modifiers
        ):
            start = modifiers[0].i
            spans.append(doc[start : root.i + 1])
    return spans


def find_actors(doc: Doc, registry: dict[str, tuple[str, str]] | None = None) -> ActorIndex:
    """Every actor of the article, keyed by a stable id.

    ``registry`` maps a surface form to ``(actor id, canonical name)`` from the editors'
    registry, so a name editors merged is found under the id they chose."""
    quotations = find_quotations(doc_text(doc))
    index = ActorIndex(quoted=frozenset(t.i for t in doc if quotation_at(t.idx, quotations)))
    registry = registry or {}
    registry_names: dict[str, str] = {}  # actor id → canonical name, the first surface's
    for registry_id, registry_name in registry.values():
        registry_names.setdefault(registry_id, registry_name)
    mentioned_orgs: dict[str, str] = {}
    unlabelled = _unlabelled_names(doc)
    candidates = [(ent, ent.label_) for ent in doc.ents] + [(span, _guessed_label(span)) for span in unlabelled]
    guessed = {(span.start, span.end) for span in unlabelled}
    in_headline = headline_tokens(doc)
    prose = " ".join(sent.text for sent in doc.sents if sent.start not in in_headline)
    claimed: set[int] = set()
    people_named = {_strip(ent).text for ent, label in candidates if label == "PERSON"}
    for ent, label in sorted(candidates, key=lambda pair: pair[0].start):
        if ent.start in claimed:
            continue
        span = _strip(_extend_organization(ent) if label == "ORG" else ent)
        named_twice = label == "ORG" and _a_person_elsewhere(span, people_named)
        if named_twice:
            label = "PERSON"  # "under Brandt" (ORG), "Brandt's resolve" (PERSON): one person
        if label == "ORG" and (titled := _titled_name(span)) is not None:
            span, label = titled, "PERSON"  # "police chief Major-Gen Tomas Ivanek": a person with a rank
        elif label == "ORG" and len(span):
            span = _with_possessor(span)
        if span.end > ent.end:
            claimed.update(range(ent.end, span.end))
        if not len(span) or not any(c.isalpha() for c in span.text):
            continue
        surface = span.text
        if span.end < len(doc) and doc[span.end].is_title and _a_masthead(doc[span.start : span.end + 1]):
            span = doc[span.start : span.end + 1]  # "the Ottawa Citizen": a place in a paper's name
            claimed.add(span.end - 1)
            surface, label = span.text, "ORG"
        masthead = label in ("ORG", "PRODUCT", "WORK_OF_ART") and _a_masthead(span)
        if masthead:
            label = "ORG"
        if label in RULER_TYPES and ent.ent_id_:
            if label == "CAPITAL" and _is_place(span):
                continue
            if len(span) == 1 and span[0].dep_ == "amod" and span[0].is_sent_start:
                continue  # "Independent budget experts": an adjective, not the outlet of that name
            actor_id = ent.ent_id_
            name, actor_type = _canonical(actor_id, surface, RULER_TYPES[label], registry_names)
        elif label in NER_TYPES or label == "LOC":
            if label in ("GPE", "LOC") and _unknown_place_acting_as_a_body(span):
                label = "ORG"  # "Northern Lynx, a maker of payment software, said…": a firm the model took for a place
            elif label in ("GPE", "LOC"):
                continue  # a place the gazetteer does not know as a country: not an actor
            if label == "ORG" and len(span) == 1 and span.start > 0 and doc[span.start - 1].lower_ in HONORIFICS:
                label = "PERSON"  # "madam Orsolan": a form of address makes a person
            if label == "PERSON" and _an_address(span):
                continue  # "240 Dunmore is assigned to…": a building by its street number
            if label in ("PERSON", "ORG") and (firm := _firm_of_two_names(span)) is not None:
                span, label, surface = firm, "ORG", firm.text  # "a poll by Hartwell and Brampton": one firm
                claimed.update(range(ent.end, span.end))
            elif label == "PERSON" and (named := _always_after_the_same_word(span)) is not None:
                span, label, surface = named, "ORG", named.text  # "Arctic Wolf" wherever "Wolf" is: one name
                claimed.update(range(span.start, span.end))
            if _part_of_a_title(span) or _names_a_thing(span) or span.text.lower() in NON_ACTOR_ACRONYMS:
                continue
            if label == "ORG" and surface not in registry and _names_a_programme(span):
                continue
            if label == "PERSON" and surface not in registry and _always_an_artifacts_name(span):
                continue
            if surface not in registry and (
                _names_a_place(span, label, index) or surface.casefold() in gazetteer.currency_names()
            ):
                continue
            if surface not in registry and _only_in_headlines(span, in_headline, prose):
                continue
            actor_type = "media" if masthead else NER_TYPES[label]
            if actor_type == "person" and (_described_as_a_body(span) or _an_acronym(span)):
                actor_type = "organization"  # "TPGC said": people are not written in capitals
            if actor_type == "organization" and not _plausible_organization(span):
                continue
            if surface.lower() in mentioned_orgs:
                actor_id = mentioned_orgs[surface.lower()]
                index.add(actor_id, index.records[actor_id].name, index.records[actor_id].type, span, surface)
                continue
            if actor_type == "organization" and len(span) == 1 and index.person_with_surname(surface):
                actor_type = "person"
            if (
                actor_type == "person"
                and surface not in registry
                and not named_twice  # the model named it twice, as a body and as a person: a name
                and _a_thing_named_like_a_person(span, index)
            ):
                continue
            if surface in registry:
                actor_id, name = registry[surface]
            elif actor_type == "person":
                actor_id, name = _person_key(index, surface)
            else:
                actor_id, name = slugify(surface), surface
        else:
            continue
        if not actor_id:
            continue
        index.add(actor_id, name, actor_type, span, surface)
        record = index.records[actor_id]
        record.confidence = _surer(
            record.confidence, _mention_confidence(label, span, surface in registry, (ent.start, ent.end) in guessed)
        )
        if actor_type == "person" and record.role is None:
            record.role = _role(span)
        if actor_type in ("organization", "media"):
            mentioned_orgs.update({w.lower(): actor_id for w in _descriptor_words(name)})
    _fold_surnames(index)
    _fold_first_names(index)
    _fold_acronyms(index)
    _fold_defined_abbreviations(doc, index)
    _fold_short_names(index)
    _every_place_a_name_is_written(doc, index)
    _definite_descriptions(doc, index, mentioned_orgs)
    _acting_institutions(doc, index, in_headline)
    _the_city(doc, index, in_headline)
    _descriptions_named(doc, index)
    for phrase in _group_phrases(doc) + _acting_collectives(doc, index):
        if any(t.i in index.by_token for t in phrase if t.pos_ == "NOUN"):
            continue
        bloc = _bloc_of(phrase, index)
        if bloc:  # "Western nations" is the West itself
            index.add(bloc, index.records[bloc].name, "group", list(phrase), phrase.text)
        elif _acts_or_is_acted_on(phrase.root):
            index.add_group(list(phrase))  # a collective named in passing ("among member states") is no actor
    return index


def _a_masthead(span: Span) -> bool:
    """ "the Leeds Citizen", "the Harbour Gazette": a name in capitals after "the" that ends
    in a word newspapers are named with is a newspaper, whatever the model took it for."""
    doc = span.doc
    words = [t for t in span if not t.is_punct]
    return (
        len(words) >= 2
        and all(t.is_title for t in words)
        and words[-1].lower_ in MASTHEAD_WORDS
        and span.start > 0
        and doc[span.start - 1].lower_ == "the"
    )


def _unknown_place_acting_as_a_body(span: Span) -> bool:
    """A name the model took for a place that no gazetteer knows, and that speaks ("Northern
    Lynx said") or is described as a company or institution: an organisation."""
    if span.text in gazetteer.place_names() or span.text in gazetteer.by_surface():
        return False
    speaks = span.root.dep_ == "nsubj" and span.root.head.lemma_.lower() in REPORTING_VERBS
    return speaks or _described_as_a_body(span)


def _a_person_elsewhere(span: Span, people_named: Set[str]) -> bool:
    """A name the model called an organisation here and a person elsewhere in the article,
    or one followed by a regnal numeral ("Charlemagne I"), with no word of a body in it and
    no body a gazetteer knows by it: a person."""
    numeral = len(span) == 2 and re.fullmatch(r"[IVX]{1,4}", span[-1].text) is not None  # "Charlemagne I"
    if (len(span) != 1 and not numeral) or span[0].lower_ in ORG_WORDS or span.text in gazetteer.by_surface():
        return False  # one word: a surname; longer names the model calls bodies are most often bodies
    doc = span.doc
    regnal = numeral or (span.end < len(doc) and re.fullmatch(r"[IVX]{1,4}", doc[span.end].text) is not None)
    return span.text in people_named or regnal


def _an_address(span: Span) -> bool:
    """A street number before the name ("240 Dunmore", "at 300 Slater Street"): a building."""
    doc = span.doc
    return span[0].is_digit or (span.start > 0 and doc[span.start - 1].is_digit)


def _an_acronym(span: Span) -> bool:
    """ "TPGC", "OCPQ": a name in capitals names a body; news prose never writes people so."""
    return len(span) == 1 and len(span.text) >= 2 and span.text.isalpha() and span.text.isupper()


def _firm_of_two_names(span: Span) -> Span | None:
    """ "Hartwell and Brampton", "Ashby & Crane": two bare surnames joined by "and", neither
    given a first name nor written anywhere else in the article, name one firm (pollsters,
    law firms, retailers), not two people. The whole coordination, or None."""
    doc = span.doc
    end = span.end
    if len(span) != 1 or end + 1 >= len(doc) or doc[end].lower_ not in ("and", "&"):
        return None
    second = doc[end + 1]
    if not (second.pos_ == "PROPN" and second.is_title) or (end + 2 < len(doc) and doc[end + 2].pos_ == "PROPN"):
        return None
    if span.start > 0 and doc[span.start - 1].pos_ == "PROPN":
        return None  # "Anna Hartwell and Brampton": a first name makes the first a person
    elsewhere = [t for t in doc if t.text in (span.text, second.text) and t.i not in (span.start, second.i)]
    return None if elsewhere else doc[span.start : end + 2]


def _always_after_the_same_word(span: Span) -> Span | None:
    """A one-word "person" that the article writes only after one and the same capitalised
    word, which is neither a first name nor a title ("Arctic Wolf … Arctic Wolf's"): the two
    words are one name, of an organisation. That two-word span, or None."""
    doc = span.doc
    if len(span) != 1 or span.start == 0:
        return None
    before = doc[span.start - 1]
    if not before.is_title or before.pos_ != "PROPN" or gazetteer.is_first_name(before.text) or _is_title_word(before):
        return None
    occurrences = [t for t in doc if t.text == span.text]
    if len(occurrences) < 2 or any(t.i == 0 or doc[t.i - 1].text != before.text for t in occurrences):
        return None
    return doc[span.start - 1 : span.end]


def _described_as_a_body(span: Span) -> bool:
    """ "Nordane Freight, a logistics group, said…": an indefinite description in apposition,
    headed by a company or institution noun, says that what NER took for a person is an
    organisation. A name beside it ("Yvette Cooper, the Home Office…") is no description."""
    return any(
        child.dep_ == "appos"
        and child.i >= span.end
        and child.pos_ == "NOUN"
        and child.lower_ in COMPANY_NOUNS | INSTITUTION_NOUNS
        and any(c.lower_ in ("a", "an") for c in child.children)
        for child in span.root.children
    )


def _fold_surnames(index: ActorIndex) -> None:
    """ "Varga" (whatever NER called it) and "Tomas Varga" are one person when he is the
    only person of that surname: the one-word record joins the full name's."""
    for short in list(index.records.values()):
        if " " in short.name or short.type not in ("person", "organization", "country"):
            continue
        full = [
            r
            for r in index.records.values()
            if r is not short
            and r.type == "person"
            and " " in r.name
            and surname_key(r.name) == surname_key(short.name)
        ]
        if len(full) != 1:
            continue
        _merge_into(index, short, full[0])


def _fold_first_names(index: ActorIndex) -> None:
    """ "Liesel" and "Liesel Brandt" are one person when she is the only person of that
    first name in the article (news calls royals, celebrities and children so), whatever
    NER called the one-word mention."""
    for short in list(index.records.values()):
        if " " in short.name or short.type not in ("person", "organization"):
            continue
        if not gazetteer.is_first_name(short.name) or short.name.isupper():
            continue
        full = [
            r
            for r in index.records.values()
            if r is not short and r.type == "person" and " " in r.name and r.name.split()[0] == short.name
        ]
        if len(full) == 1:
            _merge_into(index, short, full[0])


def _every_place_a_name_is_written(doc: Doc, index: ActorIndex) -> None:
    """A name the article gave one actor marks that actor wherever it is written, also where
    the model tagged nothing ("Katjavivi, one of his close friends, was…"): pronouns then
    see who became the subject since ("He said…"). Only names of one actor, in capitals, and
    a one-word name only where the parser reads a proper noun."""
    owners: dict[tuple[str, ...], set[str]] = {}
    for record in index.records.values():
        if record.type in ("person", "organization", "media", "country") and not record.members:
            for name in {record.name, *record.aliases}:
                words = tuple(name.split())
                if words and all(w[:1].isupper() for w in words):
                    owners.setdefault(words, set()).add(record.id)
    names = {words: ids.pop() for words, ids in owners.items() if len(ids) == 1}
    longest = max((len(words) for words in names), default=0)
    texts = _token_texts(doc)
    i = 0
    while i < len(doc):
        for n in range(min(longest, len(doc) - i), 0, -1):
            actor = names.get(tuple(texts[i : i + n]))
            if actor is None:
                continue
            span = doc[i : i + n]
            in_a_metonym = (
                span[0].dep_ == "compound" and span[0].head.lower_ in STATE_NOUNS
            )  # "the Halvorsen administration"
            alone = n > 1 or (span[0].pos_ == "PROPN" and not in_a_metonym)
            if actor and alone and all(t.i not in index.by_token for t in span):
                for token in span:
                    index.by_token[token.i] = actor
                i += n
                break
        else:
            i += 1


def _initials(name: str) -> str:
    """ "U.S. Agency for International Development" → "USAID"; "Government Accountability
    Office" → "GAO": the capitals an acronym is made of."""
    letters = ""
    for word in name.replace("-", " ").split():
        if word.lower() in ACRONYM_SKIP:
            continue
        letters += word.replace(".", "") if word.replace(".", "").isupper() else word[:1].upper()
    return letters


def _fold_acronyms(index: ActorIndex) -> None:
    """An acronym and the full name it stands for are one organization ("the CBO" and
    "the Congressional Budget Office"): the acronym becomes an alias of the full name."""
    for short in list(index.records.values()):
        if short.type not in ("organization", "media") or not re.fullmatch(r"[A-Z]{2,6}", short.name):
            continue
        full = [
            r
            for r in index.records.values()
            if r is not short
            and r.type in ("organization", "media")
            and " " in r.name
            and _initials(r.name) == short.name
        ]
        if len(full) == 1:
            _merge_into(index, short, full[0])


def _fold_defined_abbreviations(doc: Doc, index: ActorIndex) -> None:
    """ "The Coastal Review (CR)", "the Velmar Broadcasting Board (BBC)": capitals
    in brackets right after a body's name define its short name, whatever their letters
    are and whatever body a gazetteer knows by them: every use of it in the article is
    that body."""
    for token_i in sorted(index.by_token):
        if not 2 <= token_i < len(doc) - 1 or not re.fullmatch(r"[A-Z]{2,6}", doc[token_i].text):
            continue
        if doc[token_i - 1].text != "(" or doc[token_i + 1].text != ")":
            continue
        full = index.records.get(index.by_token.get(token_i - 2, ""))
        if full is None or full.type not in ("organization", "media") or full.id == index.by_token[token_i]:
            continue
        short = doc[token_i].text
        others = {index.by_token[t.i] for t in doc if t.text == short and t.i in index.by_token} - {full.id}
        for t in doc:
            if t.text == short and index.by_token.get(t.i) in others:
                index.by_token[t.i] = full.id
        still_named = set(index.by_token.values())
        for other in others:
            record = index.records.get(other)
            if record is not None and other not in still_named:
                full.mentions += record.mentions
                del index.records[other]
        if short not in full.aliases:
            full.aliases.append(short)


def _fold_short_names(index: ActorIndex) -> None:
    """ "Walden" after "the Walden Foundation": a one-word name (whatever NER called it) that
    is the first or the last word of exactly one organisation the article has named in full
    before, and names no person of that surname, is that organisation, in the short form
    reports use after the full name. A titled person ("President Walden") stays a person."""
    for short in list(index.records.values()):
        if " " in short.name or short.type not in ("person", "organization", "media") or short.role:
            continue
        key = short.name.casefold()
        full = [
            r
            for r in index.records.values()
            if r is not short
            and r.type in ("organization", "media")
            and " " in r.name
            and r.first < short.first
            and key in (r.name.casefold().split()[0], r.name.casefold().split()[-1])
        ]
        if len(full) == 1:
            _merge_into(index, short, full[0])


def _merge_into(index: ActorIndex, source: ActorRecord, target: ActorRecord) -> None:
    """One referent, one actor: ``source``'s mentions, names and role move to ``target``."""
    for token_i, actor_id in list(index.by_token.items()):
        if actor_id == source.id:
            index.by_token[token_i] = target.id
    target.mentions += source.mentions
    target.aliases.extend(a for a in (source.name, *source.aliases) if a not in target.aliases and a != target.name)
    target.role = target.role or source.role
    target.first = min(target.first, source.first)
    del index.records[source.id]


def _part_of_a_title(span: Span) -> bool:
    """ "Home" in "Home Secretary", "State" in "Secretary of State": NER cut a title, not a name."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in ROLE_WORDS and after.is_title and after.lower_ not in ORG_WORDS:
        return True
    if span.start < 2:
        return False
    return doc[span.start - 1].lower_ in ("of", "for") and doc[span.start - 2].lower_ in ROLE_WORDS


def _names_a_thing(span: Span) -> bool:
    """Bills, programmes, plans and markets are not actors ("the Border Security Bill"). The
    head of a name with a preposition inside is the word before it, as in any English noun
    phrase: "the Corin Vale Award for Valour" is an award, "the Festival of Lights" a festival."""
    doc = span.doc
    last = span[-1].lower_
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    inner = next((t.i for t in span[1:-1] if t.lower_ in ("of", "for") and t.pos_ == "ADP"), None)
    head = doc[inner - 1].lower_ if inner is not None else last
    things = NON_ACTOR_HEADS | ARTIFACT_HEADS | CONDITION_HEADS
    listed = [t for t in span[-1].subtree if t.i >= span.end and t.i - span.end < 8 and t.is_title]
    return (
        head in things
        or last in things
        or (following in things and doc[span.end].is_title)
        # "the Border Security, Asylum and Immigration Bill": one name of a thing, listed
        or any(t.lower_ in things and t.dep_ in ("conj", "compound") for t in listed)
    )


def _names_a_programme(span: Span) -> bool:
    """A name the article writes, somewhere, as the name of a programme ("cuts to Harbourcare
    benefits", "the Coastwise retirement program", "sees Harbourcare as a program") or of a
    product ("the newly launched Tidewatch", "Tidewatch™"), and never as a speaker, with
    no word of a body in it ("Harbourcare", not "Harbourcare Office"): programmes and
    products are what actors fund, cut and sell, not actors."""
    if any(t.lower_ in ORG_WORDS for t in span):
        return False
    doc, n = span.doc, len(span)
    written_as_programme = False
    for start in _places_written(span):
        if start + n >= len(doc):
            continue
        last = doc[start + n - 1]
        if last.dep_ == "nsubj" and last.head.lemma_.lower() in REPORTING_VERBS:
            return False  # it speaks: a body
        after = doc[start + n : start + n + 4]
        before = [t for t in doc[max(0, start - 3) : start] if t.lower_ not in ("the", "a", "its", "newly", "new")]
        thing = last.head  # "… retirement program", "the Tidewatch app"
        modifies = (thing.lower_ in PROGRAMME_WORDS or _heads_an_artifact(thing)) and 0 < thing.i - last.i <= 3
        called = [t.lower_ for t in after[:3]] in (["as", "a", "program"], ["as", "a", "programme"])
        launched = bool(before) and before[-1].lemma_.lower() in PRODUCT_VERBS  # "the newly launched X"
        marked = bool(len(after)) and after[0].text in TRADEMARKS  # "X™"
        written_as_programme = written_as_programme or bool(modifies or called or launched or marked)
    return written_as_programme


def _always_an_artifacts_name(span: Span) -> bool:
    """A name written, every time, just before an artifact it names ("the Tidewatch app",
    "the Lodestar browser"): a product, though it looks like a person's name. A person
    named so once ("the Lind app") and anywhere else too stays a person."""
    places = _places_written(span)
    for start in places:
        last = span.doc[start + len(span) - 1]
        if not (_heads_an_artifact(last.head) and 0 < last.head.i - last.i <= 2):
            return False
    return bool(places)


def _places_written(span: Span) -> list[int]:
    """Where in the article the span's words are written, as the index of the first."""
    words = [t.text for t in span]
    texts, n = _token_texts(span.doc), len(span)
    return [i for i in _word_positions(span.doc).get(words[0], []) if texts[i : i + n] == words]


_TEXTS, _POSITIONS = "digest.token_texts", "digest.word_positions"


def _token_texts(doc: Doc) -> list[str]:
    """Every token's text, read once per article: scanning ``doc`` makes a Python object of
    each token every time, and the name rules scan it hundreds of times an article."""
    texts = doc.user_data.get(_TEXTS)
    if texts is None:
        texts = doc.user_data[_TEXTS] = [t.text for t in doc]
    return texts


def _word_positions(doc: Doc) -> dict[str, list[int]]:
    """Where each word is written in the article."""
    positions = doc.user_data.get(_POSITIONS)
    if positions is None:
        positions = doc.user_data[_POSITIONS] = {}
        for i, text in enumerate(_token_texts(doc)):
            positions.setdefault(text, []).append(i)
    return positions


def _heads_an_artifact(token: Token) -> bool:
    """An artifact noun that heads its phrase: "the Tidewatch app", not "the Tideway
    vaccine alliance" (an alliance)."""
    return token.lower_ in ARTIFACT_HEADS and token.dep_ != "compound"


NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
COMMON_WORD_ZIPF = 4.3
"""How common an English word must be (wordfreq's Zipf scale: 4.3 is about 20 uses per
million words: "mode", "survey", "service", "plan") to be no surname on its own."""


def _a_thing_named_like_a_person(span: Span, index: ActorIndex) -> bool:
    """A product, document or title the model took for a person ("Harbour Mode", "Coastal
    Survey", "Team Principal", "Blue Box"): the name ends in a common English word (wordfreq),
    not a first name, and is not the surname of someone named in full; a known first name
    before it ("Theresa May") or a title ("President Banks") keeps it a person."""
    from wordfreq import zipf_frequency

    doc = span.doc
    words = [t for t in span if t.lower_.rstrip(".") not in NAME_SUFFIXES]
    if len(words) < len(span):
        return False  # "Price Jr.": a generational suffix belongs to a person's name
    last = words[-1]
    if gazetteer.is_first_name(last.text) or gazetteer.is_first_name(span[0].text):
        return False
    if span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.lemma_.lower() in REPORTING_VERBS:
        return False  # "Varga said": what speaks is a person
    if (span.start > 0 and _is_title_word(doc[span.start - 1])) or (_is_title_word(span[0]) and len(span) > 1):
        return False  # "President Banks", "Senator May": a title makes a person
    if len(span) == 1 and index.person_with_surname(last.text):
        return False
    return zipf_frequency(last.lower_, "en") >= COMMON_WORD_ZIPF


def _names_a_place(span: Span, label: str, index: ActorIndex) -> bool:
    """A city, region, street or building the model took for a person or an organisation
    ("Kolding", "Gelderland", "Harbour Street"): places are where things happen, not actors.
    A name that is also a person's is a place only where the sentence uses it as one ("in
    Victoria"): a first name, the surname of someone named in full before ("Maria Kolding …
    Kolding"), a name after a title ("Senator Kolding")."""
    if span[-1].lower_ in PLACE_HEADS and span[-1].is_title:
        return True
    if span.text not in gazetteer.place_names():
        return False
    doc = span.doc
    titled = span.start > 0 and _is_title_word(doc[span.start - 1])
    if (
        label == "PERSON"
        and len(span) == 1
        and (titled or gazetteer.is_first_name(span.text) or index.person_with_surname(span.text))
    ):
        return _is_place(span)
    return True


def _acts_or_is_acted_on(token: Token) -> bool:
    """Subject, object or possessor of a verb (or joined to one): a collective that takes
    part in what the sentence says, not one only mentioned in a phrase."""
    if token.dep_ == "conj":
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "poss", "agent") or (
        token.dep_ == "pobj" and token.head.lower_ in ("by", "with", "to") and token.head.head.pos_ == "VERB"
    )


def _acting_collectives(doc: Doc, index: ActorIndex) -> list[Span]:
    """ "Traders marked up prices", "hardline conservatives balked": a plural collective
    that is the subject of a verb acts, and is a group actor with its modifiers."""
    spans = []
    for token in doc:
        if token.tag_ != "NNS" or token.lemma_.lower() not in AGENT_COLLECTIVES or token.i in index.by_token:
            continue
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.pos_ not in ("VERB", "AUX"):
            continue
        start = token.i
        while start > token.sent.start and doc[start - 1].dep_ in ("amod", "compound") and doc[start - 1].head == token:
            start -= 1
        spans.append(doc[start : token.i + 1])
    return spans


def _bloc_of(phrase: Span, index: ActorIndex) -> str | None:
    """The group actor a phrase's adjective stands for: "Western" for the West."""
    if phrase.root.lower_ not in POLITY_HEADS:
        return None  # "Western experts" speak for themselves, not for the West
    adjectives = {t.lower_ for t in phrase if t.pos_ in ("ADJ", "PROPN") and t.i < phrase.root.i}
    for record in index.records.values():
        if record.type == "group":
            stem = record.name.lower().removeprefix("the ").split()[-1]
            if any(adj.startswith(stem) and len(stem) >= 4 for adj in adjectives):
                return record.id
    return None


def _plausible_organization(span: Span) -> bool:
    """The small model tags headline fragments ("Emphasizes Defense & Financial Aid")
    and lone capitalized nouns as organizations; those are not actors."""
    if any(t.text in ("&", "-") or t.text.endswith("-") for t in span):
        return False
    if len(span) == 1 and span[0].pos_ != "PROPN":
        return False
    if all(t.lower_ in ROLE_WORDS for t in span if t.is_alpha):
        return False  # "Defence" of "Defence Minister X" is part of a title
    if len(span) == 1 and re.fullmatch(r"[A-Z]{2,}s", span.text):
        return False  # "UAVs": a plural acronym names things, not an actor
    return not any(t.pos_ == "VERB" for t in span)


def _canonical(actor_id: str, surface: str, actor_type: str, registry_names: dict[str, str]) -> tuple[str, str]:
    entry = gazetteer.by_id().get(actor_id)
    if entry is not None:
        return entry.name, entry.type
    return registry_names.get(actor_id, surface), actor_type


def _descriptor_words(name: str) -> list[str]:
    """Head nouns that stand for an organization once it is named ("the alliance")."""
    words = []
    for entry in gazetteer.organizations():
        if entry.name == name:
            for form in (entry.name, *entry.aliases):
                if " " in form:
                    words.append(form.split()[-1])
    return [w for w in words if w.isalpha() and w.lower() not in ("times", "news", "post")]


def _definite_descriptions(doc: Doc, index: ActorIndex, descriptors: dict[str, str]) -> None:
    """ "the alliance" after NATO is named is NATO: a definite noun that heads a named
    organization's full name refers back to it."""
    for token in doc:
        if token.i in index.by_token or token.lower_ not in descriptors:
            continue
        previous = doc[token.i - 1] if token.i else None
        at_sentence_start = token.is_sent_start and token.is_title
        if (previous is not None and previous.lower_ == "the") or at_sentence_start:
            actor_id = descriptors[token.lower_]
            if index.records[actor_id].first < token.i:
                surface = (
                    doc[previous.i : token.i + 1].text
                    if previous is not None and previous.lower_ == "the"
                    else token.text
                )
                index.add(actor_id, index.records[actor_id].name, index.records[actor_id].type, [token], surface)


def _acting_institutions(doc: Doc, index: ActorIndex, in_headline: Set[int]) -> None:
    """ "The central bank kept its rate", "the port authority said": an institution named
    only by a definite description acts as an organization. A description that an
    organization named before answers ("the bank" after "Nordea Bank", or after "the
    central bank") is that organization. Left alone: "the government" (the state), a
    description with a name in it ("the Russian army"), and one right after another
    organization is named, which most likely describes it ("... the watchdog agency")."""
    nouns = INSTITUTION_NOUNS - STATE_NOUNS - {"campaign"}
    for token in doc:
        if (
            token.lower_ not in nouns
            or token.tag_ != "NN"
            or token.i in index.by_token
            or token.i in in_headline
            or token.dep_ not in ("nsubj", "nsubjpass")
        ):
            continue
        determiner = next((c for c in token.children if c.dep_ == "det" and c.lower_ == "the"), None)
        if determiner is None or not all(t.is_lower for t in doc[determiner.i + 1 : token.i]):
            continue
        phrase = list(doc[determiner.i + 1 : token.i + 1])
        named = _organization_answering(index, phrase)
        if named:
            index.add(
                named, index.records[named].name, index.records[named].type, phrase, doc[phrase[0].i : token.i + 1].text
            )
        elif (len(phrase) > 1 or token.lower_ not in COMPANY_NOUNS) and not _organization_just_named(index, token):
            index.add_group(phrase, "organization")


def _the_city(doc: Doc, index: ActorIndex, in_headline: Set[int]) -> None:
    """ "the City must balance…", "took the City to court": "City" in capitals after "the"
    is the city's government, as "the government" is the state's; it is named after the
    city the article names most ("City of Velmar"), else "the City". Not a longer name
    ("the City Council", "the City of London"), and not "The City" in capitals inside a
    sentence, the proper name of a financial district ("finance, represented by The City")."""
    mentions = [
        t
        for t in doc
        if t.text == "City"
        and t.i > 0
        and (doc[t.i - 1].text == "the" or (doc[t.i - 1].text == "The" and doc[t.i - 1].is_sent_start))
        and not t.is_sent_start
        and t.i not in index.by_token
        and t.i not in in_headline
        and (t.i + 1 >= len(doc) or not (doc[t.i + 1].is_title or doc[t.i + 1].lower_ == "of"))
    ]
    if not mentions:
        return
    places = Counter(e.text for e in doc.ents if e.label_ in ("GPE", "CAPITAL") and e.text in gazetteer.place_names())
    name = f"City of {places.most_common(1)[0][0]}" if places else "the City"
    for token in mentions:
        index.add(slugify(name), name, "organization", [token], "the City")


def _organization_just_named(index: ActorIndex, token: Token) -> bool:
    """An organization was named by its proper name earlier in this sentence or the one before."""
    start = token.sent.start
    if start > 0:
        start = token.doc[start - 1].sent.start
    return any(
        index.records[actor].type in ("organization", "media") and index.records[actor].name[:1].isupper()
        for i, actor in index.by_token.items()
        if start <= i < token.i
    )


def _descriptions_named(doc: Doc, index: ActorIndex) -> None:
    """An organisation known so far only by a description in lower case ("the federal
    immigration department", however the model tagged it) is the body the article names
    that answers it (see :func:`_organization_answering`)."""
    for record in list(index.records.values()):
        if record.type != "organization" or not record.name[:1].islower():
            continue
        mention = sorted(i for i, actor in index.by_token.items() if actor == record.id)
        phrase = [doc[i] for i in mention if i < (mention[0] + len(record.name.split()))]
        named = _organization_answering(index, phrase) if phrase else None
        if named is not None and named != record.id:
            _merge_into(index, record, index.records[named])


def _organization_answering(index: ActorIndex, phrase: list[Token]) -> str | None:
    """The organization a description answers: the one named last before it whose name
    holds its words of substance and its head, or has no head of its own ("the bank"
    after "Nordea Bank", "the top court" after "the Supreme Court"); else, the
    description being the article's first word for it, the only such one named after it
    ("the national fisheries department … the Fisheries Directorate"). Words of rank and
    reach ("federal", "top") are no substance."""
    head = phrase[-1].lower_
    substance = {t.lower_ for t in phrase} - GENERIC_MODIFIERS - {head}

    def answers(record: ActorRecord) -> bool:
        name_words = {w.strip(",.") for w in record.name.lower().split()}
        headed = head in name_words or (bool(substance) and not name_words & INSTITUTION_NOUNS)
        return record.type == "organization" and substance <= name_words and headed

    before = [r for r in index.records.values() if r.first < phrase[0].i and answers(r)]
    if before:
        return max(before, key=lambda r: r.first).id
    after = [r.id for r in index.records.values() if r.first > phrase[-1].i and answers(r)]
    return after[0] if len(after) == 1 else None


def is_collective(token: Token) -> bool:
    """A plural common noun that can speak as a group: analysts, officials, sources."""
    return token.lower_ in COLLECTIVE_SPEAKERS and token.tag_ in ("NNS", "NNPS")
