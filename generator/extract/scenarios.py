"""Scenarios: possible futures the article puts on the table. Option and plan
nouns, enumerated alternatives, modal and conditional futures and predictions,
with who proposes them and the judgment the text passes on them."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from generator.core.model import Claim, Scenario
from generator.core.textpatterns import article_pattern
from generator.extract.actors import ActorIndex, headline_tokens
from generator.extract.components import Extraction, component
from generator.extract.ids import doc_text, make_item, stable_id
from generator.extract.lexicons import (
    ASKING_VERBS,
    BELIEF_VERBS,
    DANGLING_WORDS,
    DEONTIC,
    EXPECTATION_WORDS,
    HOLDING_ADJECTIVES,
    HOPE_NOUNS,
    LIVE_HOPE_VERBS,
    MODAL_FUTURE,
    PLAIN_FUTURE,
    PROPOSING_VERBS,
    QUESTION_WORDS,
    REPORTING_VERBS,
    SCENARIO_NOUNS,
    STANCE_WORDS,
)
from generator.extract.mentions import resolve_speaker
from generator.extract.quotations import find_quotations, quotation_at

PAST_AUXILIARIES = frozenset("has have had was were".split())
"""Auxiliaries of a participle that tell something done ("has completed", "was handed back")."""
ABILITY_WORDS = frozenset("able unable ready willing unwilling".split())
"""Adjectives of ability and readiness: "will be able to" puts an outcome ahead."""
FORECAST_VERBS = frozenset("project forecast predict expect anticipate".split())
"""Verbs that put a figure or an outcome ahead when they take it as an object."""
CLOSING = "\"”’')] "
"""What may close a sentence after its last word: quotation marks, brackets, spaces."""
CONSTRUAL_VERBS = frozenset("see view regard consider interpret read perceive construe".split())
"""Verbs of taking something as something ("could be viewed as", "might be read as")."""
LEADING_IF = article_pattern(r"\A\s*if\b", re.I)
COMMA_IF = article_pattern(r",\s*if\b", re.I)
CLAUSE_BREAK = article_pattern(r"(?<=[a-z])[;:](?=\s)")
ENUMERATION = article_pattern(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|(?:first|second|third|fourth|finally)\b[,:]?)", re.I)
PREDICTION = article_pattern(
    r"\b(will\s+(?:likely|probably|almost certainly)|"
    r"(?:is|are)\s+(?:likely|expected|set|poised|due|scheduled|slated|projected|forecast|yet)\s+to|"
    r"on\s+(?:pace|track|course)\s+to|"
    r"in the event of|by\s+(?:the\s+end\s+of\s+)?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|spring|summer|autumn|winter|next\s+year)\b)",
    re.I,
)
FUTURE_VERBS = article_pattern(
    r"\b(?:plan(?:s|ned|ning)?|aim(?:s|ed|ing)?|intend(?:s|ed|ing)?|prepar(?:es|ing)|"
    r"consider(?:s|ing)|examin(?:es|ing)|seek(?:s|ing)?|sought|wants?|needs?|insists?|calls?|"
    r"urged?|suggest(?:s|ed|ing)?|propos(?:es|ed|ing)|tr(?:y|ies|ying)|attempt(?:s|ing)?|"
    r"vow(?:s|ed|ing)?|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|threaten(?:s|ed|ing)?|"
    r"demand(?:s|ed|ing)?|advocat(?:e|es|ed|ing)|expect(?:s|ed|ing)?)\s+"
    r"(?:to\b|ways\b|options?\b|on\b|for\b|that\b|a\b|an\b|\w+ing\b)",
    re.I,
)


def is_scenario(sent: Span) -> bool:
    """A sentence that states a possible future rather than a fact (never a headline)."""
    return scenario_rule(sent) is not None


def scenario_rule(sent: Span) -> str | None:
    """Which rule finds a future in the sentence (a key of RULE_CONFIDENCE), or None."""
    text = sent.text
    if len(text.split()) < 6 or sent.start in headline_tokens(sent.doc):
        return None
    if any(_predicts_at(sent, m.start()) for m in PREDICTION.finditer(text)):
        return "prediction"
    if any(_intends_at(sent, m.start()) for m in FUTURE_VERBS.finditer(text)):
        return "intention"
    if any(_forecasts(t) for t in sent):
        return "prediction"
    if any(_names_an_option(t) for t in sent):
        return "option"
    if ENUMERATION.match(text):
        return "enumeration"
    if (LEADING_IF.match(text) or COMMA_IF.search(text)) and _conditional_future(sent):
        return "conditional"
    for t in sent:
        if t.tag_ != "MD" or not _opens_a_future(t):
            continue
        if t.lower_ in DEONTIC:
            return "obligation"
        if t.lower_ in MODAL_FUTURE and not _negated(t):
            return "possibility"
        if t.lower_ in PLAIN_FUTURE and _predicts(t):
            return "future"
    return None


GENERIC_SUBJECTS = frozenset("few many most some anyone anybody everyone everybody nobody none one".split())
"""Subjects of generic statements, which say what is true of anyone, not what will happen."""

RULE_CONFIDENCE = {
    "prediction": "high",
    "future": "high",
    "intention": "medium",
    "possibility": "medium",
    "option": "medium",
    "obligation": "low",
    "conditional": "low",
    "enumeration": "low",
}
"""How sure each rule is, from its precision on the twenty development articles (right /
found, both halves, measured again after the intention and deadline tests): an explicit
prediction ("is expected to", "by next year") 11/11, a plain future ("will") 37/47, an
intention verb ("plans to") 26/46, a possibility (could, would, might) 36/52, an option
noun 8/12, an obligation (should, must) 9/14, a conditional 2/5, an enumeration 3/5. A
scenario nobody proposes is one level less sure, except an explicit prediction."""
NO_PROPOSER_KEEPS = frozenset({"prediction"})


def _lower(level: str) -> str:
    return {"high": "medium", "medium": "low"}.get(level, "low")


def _opens_a_future(modal: Token) -> bool:
    """A modal that puts something ahead: not a guess about the past ("may have realised"),
    not a question ("Could the moment be tied…?", "why this should be an issue"), not a
    judgment on what is ("another inquiry would be a waste of time", "I may be wrong")."""
    head = modal.head
    if any(c.lower_ == "have" and c.dep_ == "aux" for c in head.children) and head.tag_ == "VBN":
        return False  # modal perfect: the past
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if (subject is not None and modal.i < subject.i) or modal.sent.text.rstrip().rstrip(CLOSING).endswith("?"):
        return False  # a question, quoted or not
    if any(
        c.lower_ in QUESTION_WORDS and c.dep_ in ("mark", "advmod") and c.i < modal.i
        for node in (head, *list(head.ancestors)[:1])
        for c in node.children
    ):
        return False  # an indirect question
    compared = {c.lower_ for c in modal.children if c.dep_ == "mark"} | (
        {c.lower_ for c in head.children if c.dep_ == "mark"} if head.pos_ not in ("VERB", "AUX") else set()
    )
    if compared & {"as", "than"} or _elided_comparison(modal):
        return False  # a comparison with no verb of its own ("as grains of sand would in a wind")
    if head.tag_ == "VBN" and head.lemma_.lower() in CONSTRUAL_VERBS and any(c.lower_ == "as" for c in head.children):
        return False  # a reading of what is ("these words could be viewed as supportive")
    if head.lemma_ == "be" and any(c.dep_ == "acomp" for c in head.children):
        said = next((c for c in head.children if c.dep_ == "xcomp"), None)
        if said is not None and said.lemma_.lower() in REPORTING_VERBS | BELIEF_VERBS:
            return False  # a hedge ("it would be safe to say that…")
    marks = {c.lower_ for c in head.children if c.dep_ == "mark"}
    if "whether" in marks or ("if" in marks and head.dep_ == "ccomp" and head.head.lemma_ in ASKING_VERBS):
        return False  # an indirect question ("whether they could opt out", "I wondered if they could")
    if subject is not None and subject.lower_ in GENERIC_SUBJECTS:
        return False  # a generic statement ("few would argue", "anyone could see")
    if modal.lower_ in MODAL_FUTURE and _future_in_the_past(head):
        return False  # "the skipper had every hope that the storm would pass": a past moment's hope
    if modal.lower_ in DEONTIC and _under_the_past_perfect(head):
        return False  # "after the court had ruled that he must go to jail": a duty of the story's past
    if (
        modal.lower_ not in PLAIN_FUTURE
        and head.lemma_ == "be"
        and not any(c.dep_ in ("xcomp", "ccomp", "advcl", "prep", "agent") for c in head.children)
    ):
        predicate = next(
            (
                c
                for c in head.children
                if c.dep_ == "acomp" or (c.dep_ == "attr" and subject is not None and subject.pos_ == "PRON")
            ),
            None,
        )
        if (
            predicate is not None
            and predicate.tag_ not in ("JJR", "RBR", "CD")
            and not any(t.like_num for t in predicate.subtree)
        ):
            return False  # an evaluation of what is ("I may be wrong", "it would be a mistake")
    return True


PAST_MOMENT_MARKS = frozenset("when once after".split())


def _future_in_the_past(head: Token) -> bool:
    """A "would" clause that tells what someone hoped or expected at a moment of a story:
    under a noun of hope held in the past ("had every hope that…", "gave him hope that…";
    not one news raised, which is still open),
    under a belief held in the past ("he believed the coast might suit him", "the
    engineers reckoned the wall might hold"), or under a verb in the past perfect ("had
    expected that…"), or timed by a moment of the story already past ("when they landed,
    they would go straight to the hospital"). What someone *said* would happen stays a
    prediction ("she said the bridge would close")."""
    if any(
        c.dep_ == "advcl" and c.tag_ == "VBD" and any(m.lower_ in PAST_MOMENT_MARKS for m in c.children)
        for c in head.children
    ):
        return True
    governor = head.head if head.dep_ in ("ccomp", "acl", "relcl") else None
    if governor is None or governor == head:
        return False
    if governor.lower_ in HOPE_NOUNS:
        verb = next((a for a in governor.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb is not None and verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() not in LIVE_HOPE_VERBS
    if governor.tag_ == "VBD" and governor.lemma_.lower() in BELIEF_VERBS:
        return True
    return governor.tag_ == "VBN" and any(c.lower_ == "had" and c.dep_ == "aux" for c in governor.children)


DECISION_VERBS = frozenset("rule decide order decree determine direct sentence".split())
"""Verbs of a decision that binds: what one orders is done or refused, not an open call."""


def _under_the_past_perfect(head: Token) -> bool:
    """A duty a body had decided before the story's moment ("after the court had ruled that
    he must go to jail"): background, carried out since. What someone had *said* must
    happen ("she had tweeted that the fight must go on") stays a call."""
    governor = head.head if head.dep_ == "ccomp" else None
    return (
        governor is not None
        and governor.tag_ == "VBN"
        and governor.lemma_.lower() in DECISION_VERBS
        and any(c.lower_ == "had" and c.dep_ == "aux" for c in governor.children)
    )


def _forecasts(token: Token) -> bool:
    """ "The bank projects growth at 6.7%", "the company expects 2025 earnings of $6": a
    verb of forecasting in the present, with what it forecasts as its object."""
    return (
        token.lemma_.lower() in FORECAST_VERBS
        and token.tag_ in ("VBZ", "VBP")
        and not _negated(token)
        and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in token.children)
    )


def _names_an_option(token: Token) -> bool:
    """ "a plan to merge the hospitals", "the options on the table": an option noun puts a
    future on the table, unless the sentence tells a past event ("gave momentum to talks
    on a deal") and the noun carries no proposal of its own."""
    if token.lower_ not in SCENARIO_NOUNS or token.pos_ != "NOUN" or _negated(token):
        return False
    own_content = any(
        c.dep_ in ("acl", "relcl") or (c.dep_ == "prep" and c.lower_ in ("for", "to", "of")) for c in token.children
    )
    return own_content or token.sent.root.tag_ not in ("VBD", "VBN")


def _conditional_future(sent: Span) -> bool:
    """ "If talks fail, fighting will resume" is a scenario; "If the city survived the
    winter, it is thanks to …" states a fact: a conditional needs a modal or a command."""
    return any(t.tag_ == "MD" for t in sent) or sent.root.tag_ == "VB"


def _predicts(modal: Token) -> bool:
    """ "will" that states an outcome: not an evaluation ("will be crucial"), not an idiom of
    effort ("will take time"), not inside an embedded question ("how this will be done")."""
    head = modal.head
    if head.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ not in ABILITY_WORDS for c in head.children):
        return False  # "will be crucial"; but "won't be able to sail" is an outcome
    if head.lemma_ == "take" and any(c.lower_ == "time" for c in head.children):
        return False
    clause = [head, *head.ancestors]
    return not any(
        c.lower_ in QUESTION_WORDS and c.dep_ in ("mark", "advmod", "nsubj", "dobj")
        for node in clause[:2]
        for c in node.children
        if c.i < head.i
    )


def _outcome_heads(sent: Span) -> list[Token]:
    """The outcomes a sentence puts on the table through a word of intention or
    expectation: its verb complement ("plans to build", "is expected to fall"). Futures
    under a modal are not split: measured on the dev set, their conjuncts are more often
    one outcome told in two verbs."""
    heads: list[Token] = []
    for token in sent:
        if FUTURE_VERBS.match(doc_text(sent.doc)[token.idx : token.idx + 40]) or token.lower_ in EXPECTATION_WORDS:
            heads.extend(c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"))
        elif token.lower_ in PACE_NOUNS and token.head.lower_ == "on":  # "on pace to cut", "on track to double"
            around = [*token.children, *(c for c in token.head.head.children if c.i > token.i)]
            heads.extend(
                c
                for c in around
                if c.dep_ in ("acl", "xcomp", "advcl") and c.pos_ == "VERB" and any(g.tag_ == "TO" for g in c.children)
            )
    return heads


def _alternatives(sent: Span) -> list[str]:
    """Outcomes coordinated under one future ("to shut down the agency and impose a freeze",
    "calling for higher taxes … and … for spending cuts"): each after the first is a
    scenario of its own, titled by its own words."""
    out = []
    for head in _outcome_heads(sent):
        for other in head.children:
            if other.dep_ == "conj" and other.pos_ == head.pos_ and other.i > head.i:
                words = [t for t in other.subtree if t.dep_ not in ("cc", "punct") or t.i > other.i][:14]
                title = " ".join(t.text for t in words).strip(" ,;.")
                if len(title.split()) >= 2:
                    out.append(title[:1].upper() + title[1:])
    return out


def _token_at(sent: Span, offset: int) -> Token | None:
    return next((t for t in sent if t.idx - sent.start_char == offset), None)


def _intends_at(sent: Span, offset: int) -> bool:
    """The word of intention at ``offset`` is not negated, and a verb, or a noun that
    carries what is wanted ("calls to lower the tolls", "the need for a new sea wall"; not
    "got a call that…"); not a verb whose object only looks like a gerund ("want nothing
    to do with"), not *consider that* (a belief: "considering that freight prices rose")."""
    token = _token_at(sent, offset)
    if token is None or _negated(token) or _witnessed(token) or _purpose_of_a_done_act(token) or _vague_duty(token):
        return False
    following = token.nbor(1) if token.i + 1 < sent.end else None
    if token.pos_ not in ("VERB", "AUX"):
        return following is not None and following.lower_ in ("to", "for")
    if following is not None and following.lower_.endswith("ing") and following.tag_ != "VBG":
        return False
    return not (token.lemma_.lower() == "consider" and following is not None and following.lower_ == "that")


PERCEPTION_VERBS = frozenset("see watch witness hear notice observe".split())
"""Verbs of seeing an event happen: what someone was seen to demand or try is told, not ahead."""
PURPOSE_NOUNS = frozenset("attempt effort bid".split())
FATE_VERBS = frozenset("fail collapse falter founder succeed stall backfire".split())
"""What befell an attempt or a plan: told, it is the past, not a future."""
LIGHT_VERBS = frozenset("do take make".split())


def _witnessed(token: Token) -> bool:
    """ "saw the guest slam the door and demand to speak": a wish someone was seen to voice
    is an event of the story, not a future on the table."""
    head, steps = token, 0
    while head.dep_ in ("conj", "ccomp", "xcomp") and head.head is not head and steps < 3:
        head, steps = head.head, steps + 1
        if head.lemma_.lower() in PERCEPTION_VERBS:
            return True
    return False


def _purpose_of_a_done_act(token: Token) -> bool:
    """ "toured the towns last week in an attempt to calm fears": the purpose of an act
    already done tells why it was done; what it aimed at is not put ahead. Nor is an
    attempt whose fate is told ("their attempt to cut the fees failed")."""
    if token.dep_ == "nsubj" and token.pos_ == "NOUN" and token.head.lemma_.lower() in FATE_VERBS:
        return True
    if token.lower_ not in PURPOSE_NOUNS or token.dep_ != "pobj" or token.head.lower_ != "in":
        return False
    return _told_as_done(token.head.head, ("VBN", "VBG"))


def _vague_duty(token: Token) -> bool:
    """ "it needs to be done", "things that need to be taken": a duty whose only content
    is a pronoun and a light verb in the passive names no outcome."""
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    duty = next((c for c in token.children if c.dep_ == "xcomp"), None)
    if subject is None or duty is None or subject.tag_ not in ("PRP", "WDT", "DT"):
        return False
    passive = any(c.dep_ == "auxpass" for c in duty.children)
    purpose = any(
        c.dep_ in ("xcomp", "ccomp", "dobj") or (c.dep_ == "advcl" and any(g.tag_ == "TO" for g in c.children))
        for c in duty.children
    )
    return passive and duty.lemma_.lower() in LIGHT_VERBS and not purpose


def _predicts_at(sent: Span, offset: int) -> bool:
    """The marker of a prediction at ``offset`` looks ahead: a deadline ("by the end of
    March") on a verb in the past tells when something was done, not what will be."""
    token = _token_at(sent, offset)
    if token is None or token.lower_ != "by":
        return True
    verb = token.head
    return not _told_as_done(verb, ("VBN",)) or any(c.tag_ == "MD" for c in verb.children)


def _told_as_done(verb: Token, participles: tuple[str, ...]) -> bool:
    """A verb in the past ("repaid"), or one of ``participles`` after "has", "had", "was"
    or "were": an act the article tells as done."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ == "VBD" or (verb.tag_ in participles and bool(auxiliaries & PAST_AUXILIARIES))


def _negated(token: Token) -> bool:
    """ "not a new plan", "would not", "could no longer": the word's head carries a negation."""
    around = (*token.head.children, *token.children)
    return any(c.dep_ == "neg" or c.lower_ in ("no", "nor") for c in around) or any(
        c.lower_ == "longer" and any(g.dep_ == "neg" for g in c.children) for c in around
    )


def _elided_comparison(modal: Token) -> bool:
    """ "as corks would when pushed by the tide": a modal with no verb after it,
    in a clause opened by *as* or *than*, compares; it puts nothing ahead."""
    after = modal.nbor(1) if modal.i + 1 < modal.sent.end else None
    elided = after is None or after.is_punct or after.tag_ in ("WRB", "IN", "CC")
    opened = any(t.lower_ in ("as", "than") for t in modal.doc[max(modal.sent.start, modal.i - 6) : modal.i])
    return elided and opened


def _title(sent: Span, proposer: str | None = None) -> str:
    """A short heading a reader can scan: the clause that states the outcome ("the
    bridge to reopen in May" → "The bridge to reopen in May"), else the sentence's first
    clause, cut at a word boundary, never with an ellipsis. An outcome with no subject of
    its own ("…said it plans to postpone the strike") is headed by who proposes it, as
    a headline would: "the harbour union to delay the strike"."""
    for head in _titled_heads(sent):
        own = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subject: list[Token] = _subject_of(head)
        if own is not None and own.lower_ == "it" and own.i < head.i and _bound_by_the_main_subject(own):
            subject = [own]  # "X announced that it would…": X would…
        start = subject[0].i if subject and subject[0].i < head.i else head.i
        end = head.i + 1
        for child in head.children:  # objects and complements, up to a subordinate clause
            if child.i > head.i and child.dep_ not in ("advcl", "relcl", "conj", "cc", "punct", "mark", "parataxis"):
                end = max(end, child.right_edge.i + 1)
        phrase = _clip(sent.doc[start:end].text)
        bound = _bound_by_the_main_subject(subject[0]) if len(subject) == 1 and subject[0].pos_ == "PRON" else None
        if bound is not None and start < end - 1:  # "they need to cut" → "House Republicans need to cut"
            named = sent.doc[bound.left_edge.i : bound.i + 1].text
            phrase = _clip(f"{named} {sent.doc[start + 1 : end].text}")
        if len(phrase.split()) >= 3:
            if start == head.i and proposer and _intended(head):
                return f"{proposer} to {phrase}"
            return phrase[:1].upper() + phrase[1:]
    text = ENUMERATION.sub("", sent.text).strip()
    text = _clip(CLAUSE_BREAK.split(text)[0])
    return text[:1].upper() + text[1:]


def _titled_heads(sent: Span) -> list[Token]:
    """The outcomes a title may state, in the order it prefers them: a modal's verb, then
    what a word of intention or expectation governs."""
    return [t.head for t in sent if t.tag_ == "MD"] + _outcome_heads(sent)


def _intended(head: Token) -> bool:
    """An outcome that is what someone intends, in the active voice ("it intended to
    delay", "we're going to try to get"), not what something is expected or due to do."""
    wanting = head.head
    return (
        head.tag_ == "VB"
        and head.dep_ == "xcomp"
        and wanting.tag_ != "VBN"
        and not any(c.dep_ == "nsubjpass" for c in wanting.children)
        and FUTURE_VERBS.match(wanting.text + " to") is not None
    )


PACE_NOUNS = frozenset("pace track course".split())
LEADING_MARKERS = article_pattern(
    r"\A(?:(?:but|and|so|yet|rather|instead|however|meanwhile|still|also|moreover|indeed|therefore|"
    r"in addition|in other words|in the meantime)\b,?\s+)+",
    re.I,
)
"""Words that tie a sentence to the one before ("Rather, it should…", "But the port…"):
a heading read on its own starts after them."""


def _clip(text: str, most: int = 16) -> str:
    """At most ``most`` words, cut after a comma when one is near the end; never opening
    on a word that ties it to the sentence before."""
    text = LEADING_MARKERS.sub("", text.strip())
    words = text.split()
    if len(words) > most:
        text = " ".join(words[:most])
        if "," in text[len(text) // 2 :]:
            text = text.rsplit(",", 1)[0]
    words = text.strip().rstrip(".,;:—–-").strip("“”\"' ").split()
    while len(words) > 3 and words[-1].lower() in DANGLING_WORDS:
        words.pop()  # never end a heading on "to", "the", "and"
    return " ".join(words).rstrip(",;:—–-")


def _subject_of(head: Token) -> list[Token]:
    """The subject of an outcome: its own, or that of the verb it complements (through
    "on pace to", up to the clause's verb)."""
    chain = [head, head.head]
    if head.head.lower_ in PACE_NOUNS:
        chain.append(head.head.head.head)  # cut ← pace ← on ← was
    for verb in chain:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].lower_ not in ("it", "this", "that", "which", "who"):
            phrase = list(subjects[0].subtree)
            return phrase if len(phrase) <= 8 else []
    return []


def _proposer(sent: Span, actors: ActorIndex, claims: list[Claim]) -> str | None:
    """Who puts the future on the table: the subject of a proposing verb ("Lind proposed
    that…"), else the speaker of a claim whose words hold it, else the actor the future is
    about doing something ("The committee will unveil its plan", "Republicans are preparing
    budget plans"): the subject of the modal's or the intention's verb, when it is an actor."""
    titled = _titled_heads(sent)[:1]  # the outcome the title states
    for verb in sent:
        if verb.lemma_.lower() in PROPOSING_VERBS and verb.pos_ == "VERB" and _governs(verb, titled):
            for child in verb.children:
                if child.dep_ == "nsubj":
                    found = actors.members_of(resolve_speaker(list(child.subtree), actors))[0]
                    if found:
                        return found
    text = " ".join(sent.text.split())
    for claim in claims:
        evidence = " ".join(claim.evidence.split())
        if claim.speaker and (evidence in text or text in evidence):
            return claim.speaker
    heads = _future_heads(sent)
    for head in heads:
        holder = _holder_of(head)
        if holder is not None:
            found = actors.members_of(resolve_speaker(list(holder.subtree), actors))[0]
            if found:
                return found
    for head in heads:
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ != "PRON":
            found = actors.actor_at(subject) or actors.actor_in([t for t in subject.subtree if t.i <= subject.i])
            if found and not actors.records[found].anonymous:  # an actor named, never one made up here
                return found
    return None


def _governs(verb: Token, heads: list[Token]) -> bool:
    """The proposing verb is the one the future hangs on ("Lind proposed that the port be
    sold"), not one told in passing in the same passage ("the governor proposed this to me … you
    will prepare it": the mayor's words, not the governor's proposal)."""
    return not heads or any(verb == head or verb in head.ancestors for head in heads)


def _holds_a_stance(copula: Token) -> bool:
    return any(c.dep_ == "acomp" and c.lower_ in HOLDING_ADJECTIVES for c in copula.children)


def _holder_of(head: Token) -> Token | None:
    """The subject of the verb or stance a future is held under: who warns, projects or
    fears it ("The harbour board projects that the tolls would cut traffic", "The guild is
    worried the tolls would…"), or who pushes for it ("dockers are pushing for a
    strike"). Reached up through clauses, at most two levels; never a pronoun
    ("they are trying…" is left to the claim that holds it, if any)."""
    node = head
    for _ in range(3):
        holds = (
            node.lemma_.lower() in REPORTING_VERBS
            or node.lower_ in HOLDING_ADJECTIVES  # "is concerned (that)…", parsed as a passive
            or (node.lemma_ == "be" and _holds_a_stance(node))
        )
        intends = node.pos_ == "VERB" and FUTURE_VERBS.match(node.text + " to") is not None
        if holds or intends:
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ in ("PRON", "DET"):
                subject = _bound_by_the_main_subject(subject)
            if subject is not None and subject.pos_ not in ("PRON", "DET"):
                return subject  # a pronoun's guess is not worth a name on the card
        if node.dep_ not in ("ccomp", "xcomp", "acomp") or node.head == node:
            return None
        node = node.head
    return None


def _bound_by_the_main_subject(pronoun: Token) -> Token | None:
    """ "Harbour unions are debating how far they need to push": a pronoun in a clause
    under the sentence's main verb is its subject, when that subject is a noun written
    before it and of the same number (never a guess across sentences)."""
    root = pronoun.sent.root
    if pronoun.head == root or root not in pronoun.ancestors:
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ in ("PRON", "DET") or subject.i > pronoun.i:
        return None
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    wanted = {"they": True, "he": False, "she": False, "it": False}.get(pronoun.lower_)
    if pronoun.lower_ == "it" and subject.ent_type_ == "PERSON":
        return None  # "it" is never a person
    return subject if wanted is not None and wanted == plural else None


def _future_heads(sent: Span) -> list[Token]:
    """The verbs that carry a sentence's future: a modal's verb, an intention verb."""
    heads = [t.head for t in sent if t.tag_ == "MD" and t.head.pos_ in ("VERB", "AUX")]
    heads += [t for t in sent if t.pos_ == "VERB" and FUTURE_VERBS.match(t.text + " to")]
    return heads


def _stance(sent: Span) -> str | None:
    for token in sent:
        if token.lower_ in STANCE_WORDS and token.pos_ == "ADJ":
            negation = any(c.dep_ == "neg" for c in token.head.children) or token.doc[token.i - 1].lower_ == "not"
            return f"not {token.lower_}" if negation else token.lower_
    return None


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
BACK_REFERENCE = article_pattern(
    r"^\s*the\s+(first|second|third|fourth|fifth)\s+(?:alternative|option|scenario|proposal|plan)\b", re.I
)
ENUMERATED = article_pattern(r"^\s*\(?(\d{1,2})[.)]|^\s*(?:in\s+)?the\s+(first|second|third|fourth|fifth)\b", re.I)
TRAILING_MARKER = article_pattern(r"\s\(?\d{1,2}[.)]\s*$")


def scenario_units(doc: Doc) -> list[Span]:
    """The stretches of text a scenario can stand in: sentences, with a quotation that runs
    on over several sentences kept whole, and a list marker ("2)") moved to the item it opens."""
    quotes = find_quotations(doc_text(doc))
    units: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        opening = quotation_at(start + 1, quotes)
        opens_quote = opening is not None and opening.start - 1 == start
        after_colon = units and doc_text(doc)[units[-1][0] : units[-1][1]].rstrip().endswith(":")
        around = quotation_at(start, quotes)
        if units and (
            (around is not None and around.start < start and around.start < units[-1][1])
            or (opens_quote and after_colon)
        ):
            units[-1] = (units[-1][0], max(units[-1][1], end))  # the quotation goes on
            continue
        if units:
            previous = doc_text(doc)[units[-1][0] : units[-1][1]]
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
    return int(digits) if digits else ORDINALS[(word or "").lower()]


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
        rule = scenario_rule(unit)
        if rule is None:
            continue
        scenario_id = stable_id("s", used, evidence)
        if scenario_id is None:
            continue  # the same sentence again
        proposer = _proposer(unit, actors, claims)
        scenario = make_item(
            Scenario,
            doc,
            id=scenario_id,
            title=_title(unit, actors.records[proposer].name if proposer in actors.records else None) or evidence[:80],
            text=evidence,
            proposed_by=proposer,
            stance=_stance(unit),
            evidence=evidence,
            confidence=RULE_CONFIDENCE[rule]
            if proposer or rule in NO_PROPOSER_KEEPS
            else _lower(RULE_CONFIDENCE[rule]),
        )
        if scenario is None:
            continue
        scenarios.append(scenario)
        for alternative in _alternatives(unit):
            alternative_id = stable_id("s", used, evidence, alternative)
            if alternative_id is not None:
                scenarios.append(scenario.model_copy(update={"id": alternative_id, "title": alternative}))
        item = ENUMERATED.match(evidence)
        if item:
            enumerated[_ordinal(item)] = scenario
    return scenarios


@component("scenarios")
def scenarios_component(extraction: Extraction) -> list[Scenario]:
    return find_scenarios(extraction.doc, extraction.actors, extraction.found.get("claims") or [])
