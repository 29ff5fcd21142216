"""Stories: briefs from different outlets that report the same event, found at build from
the briefs and corrected by editors in ``content/stories.yml``.

Two briefs are one story when they tell the same specific event: the same decision,
ruling, deal or announcement, within days. Sharing a topic or the same actors is not
enough, so the test is what the reports say, not who is in them: the words of the lead
(title and summary) and of the evidence sentences, weighted by how rare each word is in
the digest (TF-IDF, scikit-learn), compared only between briefs at most
:data:`WINDOW_DAYS` apart. Briefs are grouped by complete linkage: every two reports of a
story must be alike, so a chain of near neighbours (a ruling, then another ruling against
the same agency) never joins two events. Two reports of one event name it in their
headlines (title and first sentence), so two whose headlines share next to nothing are
never alike, and two headlines that give opposite outcomes of one action ("court
declines to halt the sale", "court halts the sale") report two decisions, however alike
their words.
The comparison runs per window of days (pairs
further apart are never scored), so its cost grows with the digest's busiest days, not
with the square of the digest.

Measured on ../shared/stories (34 articles, 10 stories, 8 hard negatives): B-cubed F1
1.000 and adjusted Rand index 1.000 (0.957 and 0.893 by the words alone), against 0.889
and 0.703 for the TF-IDF baseline there (README, "Stories"). Nothing here names an article, an outlet or an event."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from generator.core.fingerprint import code_digest
from generator.core.model import Brief, Story
from generator.core.slugs import is_reserved, slugify
from generator.core.store import ResultCache

WINDOW_DAYS = 3
"""Reports of one event (a follow-up on the same deal included) fall within three days."""
SIMILAR = 0.16
"""The least similarity of every two reports of a story: the middle of the range
(0.14–0.18) over which the development set scores the same; below it topics merge,
above it an angle piece (the market's reaction) splits from its event."""
HEADLINE_SHARED = 0.12
"""The least similarity of two reports' headlines (title and first sentence): a report
names its event there, so two whose headlines share next to nothing report two events,
however much one's body retells the other's (a shipping firm's results that recall
yesterday's port sale). The middle of the range (0.08–0.18) over which the development set scores
the same."""
LEAD_WEIGHT = 0.5
"""Half the lead (what the article is about), half the evidence (what it reports)."""
WORD = re.compile(r"[^\W\d_][\w'’.-]*\w|\d+(?:[.,]\d+)*%?")
NEGATORS = frozenset(
    "not no never nor won't wont don't doesn't didn't can't cannot isn't aren't wasn't shouldn't "
    "decline declines declined declining refuse refuses refused refusing fail fails failed failing".split()
)
"""Words that deny the action after them: the adverbs of negation and the verbs of a
declined action ("declines to halt", "refuses to sign", "fails to pass")."""
SKIPPED_AFTER_NEGATOR = frozenset("to be been the a an yet".split())
"""Words between a negator and the action it denies ("declines *to* halt", "won't *be* sold")."""


def _stem(word: str) -> str:
    """A light plural fold ("tariffs" → "tariff", "rulings" → "ruling"): reports of one event
    use the same nouns in the singular and the plural."""
    word = word.casefold().removesuffix("'s").removesuffix("’s")
    if len(word) > 4 and not word.endswith("ss"):
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("s"):
            return word[:-1]
    return word


def _words(text: str) -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # imported when clustering, not on a cache hit

    return [_stem(w) for w in WORD.findall(text) if w.casefold() not in ENGLISH_STOP_WORDS]


def _action(word: str) -> str:
    """A verb's inflections folded to one key ("halts", "halted", "halting" → "halt";
    "raises", "raised" → "rais"), so a headline's action is found in another's."""
    word = word.casefold()
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix) and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e")


def _outcomes(headline: str) -> tuple[frozenset[str], frozenset[str]]:
    """The actions a headline asserts and those it denies: in "Court declines to halt the
    merger", *halt* is denied; in "Court halts the merger" it is asserted."""
    words = [w.casefold().replace("’", "'").removesuffix("'s") for w in WORD.findall(headline)]
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    denied: set[str] = set()
    asserted: set[str] = set()
    negated = False
    for word in words:
        if word in NEGATORS:
            negated = True
        elif negated and (word in SKIPPED_AFTER_NEGATOR or word.endswith("ly")):
            continue
        elif word not in ENGLISH_STOP_WORDS:
            (denied if negated else asserted).add(_action(word))
            negated = False
    return frozenset(asserted), frozenset(denied)


def _opposite(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether one headline denies an action the other asserts."""
    return bool(a[1] & b[0] or b[1] & a[0])


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def _headline(brief: Brief) -> str:
    """The title and the lead's first sentence: where a report names its event."""
    return f"{brief.title}\n{SENTENCE_END.split(brief.summary, maxsplit=1)[0]}"


def _lead(brief: Brief) -> str:
    return f"{brief.title}\n{brief.summary}"


def _reported(brief: Brief) -> str:
    """The lead and every sentence the brief's items cite, each once."""
    sentences = [brief.title, brief.summary]
    for section in ("claims", "figures", "scenarios"):
        sentences += [item.evidence for item in getattr(brief, section, [])]
    return "\n".join(dict.fromkeys(sentences))


def _vectors(texts: list[str]):
    """Rows of unit length, so a dot product is the cosine."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True, tokenizer=_words, lowercase=False, token_pattern=None).fit_transform(
        texts
    )


def _day(brief: Brief) -> dt.date | None:
    return brief.shown_date()[0]


def _compared(brief: Brief) -> str:
    """All that :func:`cluster_briefs` reads of a brief."""
    return json.dumps([brief.id, str(_day(brief)), _lead(brief), _reported(brief), _headline(brief)])


def cluster_briefs(briefs: Iterable[Brief], cache: ResultCache | None = None) -> list[list[Brief]]:
    """Groups of two or more briefs that report the same event, each in date order, the
    groups in the order of their first report. Undated briefs join none.

    With ``cache``, the groups found before for the same briefs (as far as the comparison
    reads them: ids, days, leads, cited sentences) are read back: an edit to a claim's
    wording or a speaker does not cluster the digest again."""
    briefs = list(briefs)
    if cache is None:
        return _clusters(briefs)
    import sklearn

    key = cache.key(code_digest(("core", "content")), sklearn.__version__, *sorted(_compared(b) for b in briefs))
    by_id = {b.id: b for b in briefs}
    if (text := cache.get(key)) is not None:
        try:
            return [[by_id[i] for i in group] for group in json.loads(text)]
        except (ValueError, KeyError, TypeError):
            pass  # a torn or foreign entry is a miss
    groups = _clusters(briefs)
    cache.put(key, json.dumps([[b.id for b in group] for group in groups]))
    return groups


def _clusters(briefs: list[Brief]) -> list[list[Brief]]:
    dated = sorted(((day, b) for b in briefs if (day := _day(b)) is not None), key=lambda p: (p[0], p[1].id))
    if len(dated) < 2:
        return []
    days = [day for day, _ in dated]
    try:
        lead, reported = _vectors([_lead(b) for _, b in dated]), _vectors([_reported(b) for _, b in dated])
    except ValueError:  # not one word that is not a stop word in any brief: nothing to compare
        return []
    headline = _vectors([_headline(b) for _, b in dated])
    outcomes = [_outcomes(b.title) for _, b in dated]
    parent = list(range(len(dated)))
    similar: dict[tuple[int, int], float] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(dated)):
        j = i + 1
        while j < len(dated) and (days[j] - days[i]).days <= WINDOW_DAYS:
            j += 1
        if j == i + 1:
            continue
        scores = (
            LEAD_WEIGHT * (lead[i] @ lead[i + 1 : j].T).toarray()[0]
            + (1 - LEAD_WEIGHT) * (reported[i] @ reported[i + 1 : j].T).toarray()[0]
        )
        named = (headline[i] @ headline[i + 1 : j].T).toarray()[0]
        for k, score in enumerate(scores, start=i + 1):
            if score > SIMILAR and named[k - i - 1] >= HEADLINE_SHARED and not _opposite(outcomes[i], outcomes[k]):
                similar[(i, k)] = float(score)
                parent[root(k)] = root(i)
    components: dict[int, list[int]] = {}
    for i in range(len(dated)):
        components.setdefault(root(i), []).append(i)
    groups = []
    for members in components.values():
        for group in _complete_linkage(members, similar):
            groups.append([dated[i][1] for i in group])
    return sorted((g for g in groups if len(g) > 1), key=lambda g: (_day(g[0]), g[0].id))


def _complete_linkage(members: list[int], similar: dict[tuple[int, int], float]) -> list[list[int]]:
    """Split one connected group of alike briefs into stories whose every two reports are
    alike (scikit-learn's agglomerative clustering, complete linkage)."""
    if len(members) < 2:
        return [members]
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    distance = np.ones((len(members), len(members)))
    np.fill_diagonal(distance, 0.0)
    for a, i in enumerate(members):
        for b in range(a + 1, len(members)):
            score = similar.get((i, members[b]), 0.0)
            distance[a, b] = distance[b, a] = 1.0 - score
    labels = (
        AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="complete", distance_threshold=1.0 - SIMILAR
        )
        .fit(distance)
        .labels_
    )
    out: dict[int, list[int]] = {}
    for label, i in zip(labels, members, strict=True):
        out.setdefault(int(label), []).append(i)
    return list(out.values())


def find_stories(briefs: list[Brief], curated: Iterable[Story] = (), cache: ResultCache | None = None) -> list[Story]:
    """The digest's stories: every story an editor has reviewed, as the editor set it (its
    briefs join no other story), then the stories found among the other briefs. A found
    story is named after its first report and gets the first free id. ``cache``: see
    :func:`cluster_briefs`."""
    known = {b.id for b in briefs}
    kept: list[Story] = []
    settled: set[str] = set()
    for story in (s for s in curated if s.reviewed):  # a brief two stories claim stays with the first
        members = [i for i in dict.fromkeys(story.briefs) if i in known and i not in settled]
        if members:
            kept.append(story.model_copy(update={"briefs": members}))
            settled.update(members)
    taken = {s.id for s in kept}
    found = []
    for group in cluster_briefs((b for b in briefs if b.id not in settled), cache):
        story_id = _free_id(slugify(group[0].title) or group[0].id, taken)
        found.append(Story(id=story_id, title=group[0].title, briefs=[b.id for b in group]))
    return kept + found


def _free_id(wanted: str, taken: set[str]) -> str:
    story_id, n = wanted, 2
    while story_id in taken or is_reserved(story_id):
        story_id, n = f"{wanted}-{n}", n + 1
    taken.add(story_id)
    return story_id


def scorer_clusters(briefs: list[Brief]) -> dict:
    """Stories in the format of ../shared/stories/score_clusters.py: clusters of article
    file names, as the gold names them."""
    clusters = [
        {"id": story.id, "articles": [PurePosixPath(b.source.file).name for b in group]}
        for story, group in _with_briefs(find_stories(briefs), briefs)
    ]
    clustered = {name for cluster in clusters for name in cluster["articles"]}
    alone = sorted(PurePosixPath(b.source.file).name for b in briefs)
    return {"clusters": clusters, "singletons": [name for name in alone if name not in clustered]}


def _with_briefs(stories: list[Story], briefs: list[Brief]) -> list[tuple[Story, list[Brief]]]:
    by_id = {b.id: b for b in briefs}
    return [(s, [by_id[i] for i in s.briefs if i in by_id]) for s in stories]
