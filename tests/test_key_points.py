"""Key points: chosen by rules a reader can check, on briefs written for the test."""

from __future__ import annotations

from generator.content.merge import build_digest
from generator.content.registry import Registries
from generator.core.model import Brief
from generator.site.key_points import key_points


def _brief(brief_id: str, kind: str = "report", **sections) -> Brief:
    return Brief.model_validate(
        {
            "id": brief_id,
            "title": brief_id,
            "kind": kind,
            "source": {"file": f"content/articles/{brief_id}.txt", "sha256": "0" * 64},
            "actors": [
                {"id": "mayor", "name": "Lina Berg", "type": "person", "role": "mayor"},
                {"id": "blogger", "name": "Sam Quill", "type": "person"},
                {"id": "officials", "name": "officials", "type": "group", "anonymous": True},
                {"id": "council", "name": "City Council", "type": "organization"},
            ],
            **sections,
        }
    )


def _points(*briefs: Brief, **quota):
    digest = build_digest(Registries(), list(briefs))
    return key_points(digest, list(briefs), **quota)


def test_quoted_officials_lead_and_unnamed_or_unattributed_claims_never_count():
    brief = _brief(
        "b",
        claims=[
            {"id": "c-1", "speaker": "blogger", "text": "the plan is bad", "evidence": "e1"},
            {"id": "c-2", "speaker": "mayor", "quote": True, "text": "We will rebuild the pier", "evidence": "e2"},
            {"id": "c-3", "speaker": "officials", "quote": True, "text": "it is over", "evidence": "e3"},
            {"id": "c-4", "text": "nobody said this", "evidence": "e4"},
        ],
    )
    points = _points(brief)
    assert [p.item.id for p in points] == ["c-2", "c-1"]
    assert points[0].reason == "named speaker, direct quotation, official"


def test_money_and_harm_figures_count_trivial_counts_and_restatements_do_not():
    brief = _brief(
        "b",
        figures=[
            {
                "id": "f-1",
                "text": "three options",
                "value": 3,
                "unit": "options",
                "measures": "options",
                "evidence": "e",
            },
            {
                "id": "f-2",
                "text": "£8bn",
                "value": 8e9,
                "unit": "GBP",
                "measures": "pier repairs",
                "equals": "f-3",
                "evidence": "e",
            },
            {"id": "f-3", "text": "$10bn", "value": 1e10, "unit": "USD", "measures": "pier repairs", "evidence": "e"},
            {
                "id": "f-4",
                "text": "40 people",
                "value": 40,
                "unit": "people",
                "measures": "people injured",
                "evidence": "e",
            },
            {"id": "f-5", "text": "$5m", "value": 5e6, "unit": "USD", "evidence": "e"},
        ],
    )
    assert {p.item.id: p.reason for p in _points(brief, figures=5)} == {"f-2": "money", "f-4": "people harmed"}


def test_scenarios_need_a_proposer_and_one_brief_cannot_fill_a_topic():
    scenarios = [
        {"id": f"s-{i}", "title": f"plan {i}", "text": "t", "proposed_by": "council", "evidence": "e"} for i in range(4)
    ]
    first, second = (
        _brief("a", scenarios=scenarios),
        _brief(
            "b",
            scenarios=[
                {"id": "s-9", "title": "other plan", "text": "t", "proposed_by": "mayor", "evidence": "e"},
                {"id": "s-8", "title": "no one's plan", "text": "t", "evidence": "e"},
            ],
        ),
    )
    points = _points(first, second, scenarios=4)
    assert sorted(p.item.id for p in points) == ["s-0", "s-1", "s-9"]


def test_an_opinion_piece_yields_to_a_report_of_equal_weight():
    claim = {"id": "c-1", "speaker": "mayor", "quote": True, "text": "We will rebuild", "evidence": "e"}
    opinion, report = _brief("a-opinion", "opinion", claims=[claim]), _brief("b-report", claims=[claim])
    assert [p.brief.id for p in _points(opinion, report, claims=1)] == ["b-report"]


def test_whats_on_the_table_lists_a_proposal_once_with_who_backs_and_who_rejects_it():
    from generator.core.model import Topic
    from generator.site.render import on_the_table

    def brief(brief_id, title, stance, proposer):
        return _brief(
            brief_id,
            topics=["port"],
            scenarios=[
                {
                    "id": "s-1",
                    "title": title,
                    "text": f"the council could {title}",
                    "proposed_by": proposer,
                    "stance": stance,
                    "evidence": f"The council could {title}.",
                }
            ],
        )

    briefs = [
        brief("a", "sell the harbour to a private operator", "untenable", "council"),
        brief("b", "sell harbour to private operator", "necessary", "mayor"),
        brief("c", "build a second ferry pier", None, "council"),
    ]
    topic = Topic(id="port", title="Port", terms=["harbour", "pier"])
    digest = build_digest(Registries(topics=[topic]), briefs)
    items = on_the_table(digest, digest.topics["port"])
    assert [len(item.reports) for item in items] == [2, 1]
    sale = items[0]
    assert sorted(a.name for a in sale.proposers(digest)) == ["City Council", "Lina Berg"]
    assert {polarity: [b.id for b, _ in judged] for polarity, judged in sale.judgments().items()} == {
        "rejects": ["a"],
        "backs": ["b"],
    }


def test_only_items_the_extractor_is_sure_of_become_key_points(brief_of):
    from generator.site.key_points import is_sure

    brief = brief_of(
        "Minister Ola Berg said the ferry fund would grow by $5 billion next year. "
        '"It is a good day," he added. The council could sell the harbour one day.'
    )
    assert all(
        item.confidence in ("high", "medium", "low")
        for section in (brief.claims, brief.figures, brief.scenarios, brief.actors)
        for item in section
    )
    follow_up = next(c for c in brief.claims if c.verb == "added")
    assert follow_up.confidence == "medium" and not is_sure(follow_up)
    assert is_sure(brief.claims[0]) and brief.claims[0].confidence == "high"
    from generator.content.merge import build_digest
    from generator.content.registry import Registries
    from generator.site.key_points import key_points

    digest = build_digest(Registries(), [brief])
    assert all(is_sure(point.item) for point in key_points(digest, [brief]))
    assert is_sure(brief.claims[0].model_copy(update={"confidence": None}))  # an editor's item


def test_digest_eval_prints_precision_per_confidence_level(dev_briefs, dev2_briefs):
    """Each level is surer than the next, over both halves of the real articles together
    (one half's ten articles can tip two levels of one section either way)."""
    from collections import Counter

    from typer.testing import CliRunner

    from generator.cli import app

    from .conftest import SHARED

    right, total = Counter(), Counter()
    for briefs, half in ((dev_briefs, "dev"), (dev2_briefs, "dev2")):
        result = CliRunner().invoke(app, ["eval", str(briefs), str(SHARED / half / "gold"), "--by-confidence"])
        assert result.exit_code == 0
        for line in result.output.splitlines():
            words = line.split()
            if len(words) > 5 and words[1] in ("high", "medium", "low"):
                right[words[0], words[1]] += int(words[4])
                total[words[0], words[1]] += int(words[5])

    def precision(section: str, level: str) -> float:
        return right[section, level] / total[section, level]

    assert precision("claims", "high") > precision("claims", "medium")
    assert precision("actors", "high") > precision("actors", "medium")
