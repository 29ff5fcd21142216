"""Actor mentions → actor ids: the one step where a phrase an extractor found (the
subject of a reporting verb, the object of "according to", the proposer of a plan) is
resolved to an actor. It looks the phrase up among the actors the article names
(:class:`ActorIndex`), follows pronouns, relative pronouns and definite descriptions
back to their antecedent, and only here makes a new actor of a phrase: a collective or
an institution nobody named ("officials", "the port authority"), or two actors speaking
jointly. Extractors hand phrases in and take ids out; none of them creates actors, and
none depends on another."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Token

from generator.extract.actors import ActorIndex, is_collective
from generator.extract.lexicons import (
    ARTIFACT_HEADS,
    COMPANY_NOUNS,
    DATA_NOUNS,
    INSTITUTION_NOUNS,
    MEDIA_NOUNS,
    NON_ACTOR_HEADS,
    PRONOUN_GENDER,
    PRONOUNS_FIRST,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_THING,
    ROLE_WORDS,
    SPOKESPERSON_WORDS,
    STATE_NOUNS,
    TITLE_ABBREVIATIONS,
)


def resolve_speaker(phrase: list[Token], actors: ActorIndex, recent: Sequence[str] = ()) -> str | None:
    """The actor a subject phrase names: an entity, a relative pronoun's antecedent,
    a pronoun's antecedent, or a collective noun made into a group. ``recent`` are the
    speakers of the claims just before, the latest first, which "he said" most often
    continues."""
    if not phrase:
        return None
    head = next((t for t in phrase if t.head not in phrase or t.head == t), phrase[0])
    if head.lower_ in SPOKESPERSON_WORDS:
        body = _body_spoken_for(head, actors)
        if body:
            return body
    if head.lower_ in DATA_NOUNS:
        own = {x.i for c in head.children if c.dep_ in ("poss", "compound", "nmod") for x in c.subtree}
        owner = actors.actor_in([t for t in phrase if t.i < head.i or t.i in own])  # not "a survey of US workers"
        if owner or (owner := _data_made_by(head, actors)):
            return owner
    if head.lower_ in PRONOUNS_FIRST or head.lower_ in ("we", "us", "our"):
        return None  # the author's own voice is not an attributed claim
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        antecedent = head.head.head
        return actors.actor_in(list(antecedent.subtree)[:12]) or actors.actor_at(antecedent)
    described = _described_speaker(head, phrase, actors, recent)
    if described:
        return described
    joint = _joint_speaker(head, actors)
    if joint:
        return joint
    if head.lower_ in MEDIA_NOUNS and any(c.lower_ == "the" for c in head.children):
        return actors.last_before(head.i, ("media",))  # "the report", "the article": the outlet named before
    if head.lower_ in STATE_NOUNS and head.i not in actors.by_token and (state := _definite_referent(head, actors)):
        return state  # "the Brandt administration's claims": the state, not the person it is named after
    if head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS") and head.i not in actors.by_token:
        # "House Republicans", "Senate Democrats": members of a party or a people, a group
        # of its own, not the body or country that modifies them
        return actors.add_group([t for t in phrase if t.i <= head.i and t.dep_ not in ("det", "poss", "case")])
    found = actors.actor_at(head) or actors.person_in(phrase)
    # A surname alone is the person named in full before, whatever label NER gave it.
    surname = (
        found is None
        and head.pos_ == "PROPN"
        and head.is_title
        and head.lower_ not in ROLE_WORDS
        and head.lower_ not in NON_ACTOR_HEADS | ARTIFACT_HEADS  # "the Harbour Plan's assessment": a thing's
    )
    if surname and (head.ent_type_ in NOT_ACTOR_ENTITIES or actors.person_with_surname(head.text)):
        return actors.person_named(head)  # "Mayor Ines Dahl said", whatever thing the model took her for
    found = found or actors.actor_in(phrase)
    if found:
        return found
    referent = _definite_referent(head, actors)
    if referent:
        return referent
    if head.lower_ in INSTITUTION_NOUNS and head.tag_ == "NN":
        return actors.add_group([t for t in phrase if t.i <= head.i and t.dep_ != "poss"], "organization")
    if head.lower_ in PRONOUNS_PERSON:
        wanted = PRONOUN_GENDER[head.lower_]

        def agrees(actor_id: str) -> bool:
            return actors.gender(actor_id) in (wanted, "unknown")

        if (same_sentence := _subject_earlier_in_sentence(head, actors, agrees)) is not None:
            found = same_sentence  # "When Irja Halme was prime minister, she advocated…"
        elif speaker := next((r for r in recent if actors.records[r].type == "person" and agrees(r)), None):
            # the latest speaker who agrees goes on ("she wrote …; he said" is the man who
            # spoke before her), unless someone took the pronoun over since: then that
            # person, not whoever was named last ("Novak, who visited Holt before he retired,
            # … He said…" is Novak)
            found = _taken_over(head, actors, speaker, agrees) or speaker
        else:
            found = actors.last_before(head.i, ("person",), agrees)
        if found and actors.gender(found) == "unknown":
            actors.records[found].gender = wanted  # "she" now tells later pronouns who she is
        return found
    if head.lower_ in PRONOUNS_PLURAL:
        return actors.last_before(head.i, ("group", "organization", "country"))
    if head.lower_ in PRONOUNS_THING and head.dep_ in ("nsubj", "nsubjpass"):
        return actors.last_before(head.i, ("organization", "media", "country"))
    if is_collective(head):
        words = [t for t in phrase if t.i <= head.i and t.dep_ not in ("relcl",)]
        return actors.add_group(words)
    return None


NOT_ACTOR_ENTITIES = frozenset({"", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC", "LANGUAGE"})
"""Entity labels of things that cannot speak: a proper noun that speaks under one of them
is a person the model mislabelled."""
SEARCH_BACK = 2000  # tokens a pronoun looks back for its antecedent (a few paragraphs)


def _data_made_by(noun: Token, actors: ActorIndex) -> str | None:
    """ "A survey of 800 port workers carried out by Hartwell for the Courier found…": data speak
    for whoever made them, the agent of the participle that describes them (not the
    outlet it was made for, nor the country of the voters)."""
    for participle in (t for t in noun.subtree if t.dep_ == "acl" and t.tag_ == "VBN"):  # also hung on "voters"
        for agent in (c for c in participle.children if c.dep_ == "agent"):
            found = actors.actor_in(list(agent.subtree))
            if found:
                return found
    return None


def _subject_earlier_in_sentence(pronoun: Token, actors: ActorIndex, agrees: Callable[[str], bool]) -> str | None:
    """The person who is the subject of a clause earlier in the pronoun's own sentence
    and agrees with it, the nearest: a sentence keeps its subject ("When Irja Halme was
    prime minister, she advocated…": she, not a man named in a parenthesis between)."""
    doc = pronoun.doc
    for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
        actor = actors.by_token.get(i)
        if (
            actor
            and actors.records[actor].type == "person"
            and i not in actors.quoted
            and agrees(actor)
            and doc[i].dep_ in ("nsubj", "nsubjpass")
        ):
            return actor
    return None


def _taken_over(pronoun: Token, actors: ActorIndex, speaker: str, agrees: Callable[[str], bool]) -> str | None:
    """A person who took over "he" or "she" from the recent speaker: one named since the
    speaker's last mention, outside quotations, who agrees with the pronoun and is the
    subject of a sentence, or what it is ("Jan Novak arrived late. He said…"; "The first
    witness was Jan Novak. He said…"). A person only mentioned
    (in what the speaker said, as an object, in passing) does not take over."""
    doc = pronoun.doc
    for i in range(pronoun.i - 1, max(-1, pronoun.i - SEARCH_BACK), -1):
        actor = actors.by_token.get(i)
        if actor == speaker:
            return None
        if (
            actor
            and actors.records[actor].type == "person"
            and i not in actors.quoted
            and agrees(actor)
            and doc[i].dep_ in ("nsubj", "nsubjpass", "attr")
            and doc[i].head.dep_ == "ROOT"
        ):
            return actor
    return None


def _body_spoken_for(head: Token, actors: ActorIndex) -> str | None:
    """ "a spokesperson for the ministry", "the ministry's spokesman": the body speaks."""
    for child in head.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and actors.actor_at(child)):
            found = actors.actor_in(list(child.subtree))
            if found and actors.records[found].type != "person":
                return found
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            found = actors.actor_in(list(objects[0].subtree)) if objects else None
            if found and actors.records[found].type != "person":
                return found
    return None


def _joint_speaker(head: Token, actors: ActorIndex) -> str | None:
    """ "Both Ukraine and the UK believe", "Senators Ruiz and Chen said": coordinated actors
    speak jointly, each of them (a chain of conjuncts: every one)."""
    members: list[str] = []
    token: Token | None = head
    while token is not None:
        found = actors.actor_at(token)
        if found is None:
            return None
        if found not in members:
            members.append(found)
        token = next((c for c in token.children if c.dep_ == "conj"), None)
    return actors.add_joint(members, [head]) if len(members) > 1 else None


def _definite_referent(head: Token, actors: ActorIndex) -> str | None:
    """ "the government said" is the country named last; "the company said" the firm named
    last; both only as a definite description of their own ("the" and no other name)."""
    if head.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    if head.lower_ in STATE_NOUNS:
        return actors.last_before(head.i, ("country",))
    if head.lower_ in COMPANY_NOUNS:
        return _most_named_before(head, actors, "organization")
    return None


def _most_named_before(head: Token, actors: ActorIndex, actor_type: str) -> str | None:
    """The actor of a type the article has named most often before ``head``, the later on
    a tie: "the company" is the firm the story is about, not a data provider cited in
    between ("…, the LSEG consensus. The company expects…"). A name that only modifies
    another noun ("LSEG consensus") is a mention in passing and does not count."""
    doc = head.doc
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    for token_i, actor_id in actors.by_token.items():
        if token_i >= head.i or actors.records[actor_id].type != actor_type or token_i in actors.quoted:
            continue
        token = doc[token_i]
        if actors.by_token.get(token.head.i) == actor_id and token.head.i != token_i:
            continue  # a word inside the name: one mention counts once, by its last word
        counts[actor_id] = counts.get(actor_id, 0) + (token.dep_ != "compound")
        last[actor_id] = max(last.get(actor_id, -1), token_i)
    return max(counts, key=lambda a: (counts[a], last[a])) if counts else None


def _titled_person(head: Token, actors: ActorIndex) -> str | None:
    """ "the senator" after "Sen. Tomas Varga": the one person named with that title."""
    doc = head.doc
    word = head.lower_
    found = set()
    for token_i, actor_id in actors.by_token.items():
        if actors.records[actor_id].type != "person" or token_i >= head.i or token_i == 0:
            continue
        before = doc[token_i - 1].lower_
        if TITLE_ABBREVIATIONS.get(before, before) == word:
            found.add(actor_id)
    return found.pop() if len(found) == 1 else None


def _described_speaker(head: Token, phrase: list[Token], actors: ActorIndex, recent: Sequence[str] = ()) -> str | None:
    """ "a senior NATO official", "the Lithuanian Foreign Minister": a role noun heads the
    phrase, so the speaker is that person, not the organization or country modifying it;
    "the" with a role no one was named with is the person speaking just before, when that
    role could be theirs ("…, said the chief investment officer with three decades in
    markets" after the interviewee's words)."""
    if head.lower_ not in ROLE_WORDS or head.i in actors.by_token or head.tag_ not in ("NN", "NNP"):
        return None
    if any(t.dep_ in ("appos",) for t in phrase) or any(
        actors.records[a].type == "person" for t in phrase if (a := actors.actor_at(t))
    ):
        return None
    return (
        _by_role(head, phrase, actors)
        or _titled_person(head, actors)
        or _the_speaker_described(head, actors, recent)
        or actors.add_group([t for t in phrase if t.i <= head.i], "person")
    )


def _the_speaker_described(head: Token, actors: ActorIndex, recent: Sequence[str]) -> str | None:
    """The latest speaker, a person whose recorded role (if any) holds the role word, when
    the description is definite and no one took over since."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    speaker = next((r for r in recent if actors.records[r].type == "person"), None)
    if speaker is None:
        return None
    role = (actors.records[speaker].role or "").lower()
    if role and head.lower_ not in role.split():
        return None  # "said the minister" after the president's words: someone else
    return None if _taken_over(head, actors, speaker, lambda _: True) else speaker


def _by_role(head: Token, phrase: list[Token], actors: ActorIndex) -> str | None:
    """ "the Secretary General" names the actor whose role holds those words."""
    words = " ".join(t.text for t in phrase if not t.is_punct and t.dep_ != "det").lower()
    if not words:
        return None
    for record in actors.records.values():
        if record.role and words in record.role.lower():
            return record.id
    return None
