"""Extraction quality on the seed gold, measured with `digest eval`, which must agree
with the project scorer (shared/eval/score.py) to the count."""

from __future__ import annotations

from pathlib import Path

from generator.evaluate.score import evaluate

from .conftest import ROOT, SHARED, make_project, require_shared, scorer_json

GOLD = Path(__file__).parent / "data" / "gold"
# The targets of the extraction issue, on the seeds and on unseen articles alike.
FLOORS = {"actors": 0.85, "claims_attributed": 0.75, "figures_exact": 0.95, "scenarios": 0.60, "kind": 1.0}
# The ten real articles of ../shared/dev: a ratchet at the level reached (issue 9's targets are
# actors 0.88, claims_attributed 0.80, figures_exact 0.90, scenarios 0.65, kind 0.9). Raise these
# when extraction improves; a change that lowers them must say why.
DEV_FLOORS = {"actors": 0.91, "claims_attributed": 0.915, "figures_exact": 0.945, "scenarios": 0.77, "kind": 1.0}
# The second half, ../shared/dev2 (other outlets, countries and genres): a ratchet at the level
# reached. Issue 20's targets on each half are actors 0.90, claims 0.85, figures 0.92,
# scenarios 0.75, kind 0.9; a change that lifts one half and lowers the other fits articles.
DEV2_FLOORS = {"actors": 0.85, "claims_attributed": 0.855, "figures_exact": 0.85, "scenarios": 0.715, "kind": 1.0}


def test_eval_agrees_with_the_project_scorer():
    scorer = require_shared(SHARED / "eval" / "score.py")
    reference = scorer_json(scorer, ROOT / "content" / "briefs", GOLD)
    tallies, missing = evaluate(ROOT / "content" / "briefs", GOLD)
    assert missing == []
    assert set(tallies) <= set(reference)
    for name, tally in tallies.items():
        if tally.accuracy:
            assert (reference[name]["acc"], reference[name]["n"]) == (round(tally.acc(), 3), tally.gold), name
        else:
            assert (tally.tp, tally.system, tally.gold) == (
                reference[name]["tp"],
                reference[name]["sys"],
                reference[name]["gold"],
            ), name


def test_eval_agrees_with_the_project_scorer_on_real_articles(dev_briefs):
    """The dev set exercises what the seeds do not: anonymous actors, rates in units,
    fractions, optional items, granularity of quotations."""
    reference = scorer_json(SHARED / "eval" / "score.py", dev_briefs, SHARED / "dev" / "gold")
    tallies, missing = evaluate(dev_briefs, SHARED / "dev" / "gold")
    assert missing == []
    assert set(tallies) <= set(reference)
    for name, tally in tallies.items():
        if tally.accuracy:
            assert (reference[name]["acc"], reference[name]["n"]) == (round(tally.acc(), 3), tally.gold), name
        else:
            assert (tally.tp, tally.system, tally.gold) == (
                reference[name]["tp"],
                reference[name]["sys"],
                reference[name]["gold"],
            ), name


def test_misses_name_what_went_wrong(dev_briefs):
    from generator.evaluate.score import Misses

    misses: list[Misses] = []
    tallies, _ = evaluate(dev_briefs, SHARED / "dev" / "gold", misses)
    assert len(misses) == 10
    missed_claims = sum(len(m.missed.get("claims", [])) for m in misses)
    assert missed_claims >= tallies["claims_found"].gold - tallies["claims_found"].tp - 20
    assert all(isinstance(line, str) and line for m in misses for lines in m.missed.values() for line in lines)


def test_fresh_extraction_meets_the_quality_floors(seed_site):
    tallies, missing = evaluate(seed_site / "content" / "briefs", GOLD)
    assert missing == []
    scores = {name: tallies[name].scores()[2] for name in FLOORS}
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, (name, scores[name])


def _scores(tallies) -> dict[str, float]:
    return {name: round(t.acc() if t.accuracy else t.scores()[2], 3) for name, t in tallies.items()}


def test_real_articles_hold_the_ratchet(dev_briefs):
    tallies, missing = evaluate(dev_briefs, SHARED / "dev" / "gold")
    assert missing == []
    scores = _scores(tallies)
    assert all(scores[name] >= floor for name, floor in DEV_FLOORS.items()), scores


def test_the_second_half_holds_its_ratchet_and_agrees_with_the_scorer(dev2_briefs):
    tallies, missing = evaluate(dev2_briefs, SHARED / "dev2" / "gold")
    assert missing == []
    scores = _scores(tallies)
    assert all(scores[name] >= floor for name, floor in DEV2_FLOORS.items()), scores
    reference = scorer_json(SHARED / "eval" / "score.py", dev2_briefs, SHARED / "dev2" / "gold")
    for name, tally in tallies.items():
        expected = (
            (reference[name]["acc"], reference[name]["n"])
            if tally.accuracy
            else (reference[name]["tp"], reference[name]["sys"], reference[name]["gold"])
        )
        assert expected == (
            (round(tally.acc(), 3), tally.gold) if tally.accuracy else (tally.tp, tally.system, tally.gold)
        ), name


UNSEEN = Path(__file__).parent / "data" / "unseen"
UNSEEN_FLOORS = FLOORS


def test_unseen_articles_meet_the_quality_floors(tmp_path):
    """Articles written for the tests, never used to write a rule, scored against their own gold."""
    from typer.testing import CliRunner

    from generator.cli import app

    root = make_project(tmp_path)
    out = tmp_path / "briefs"
    result = CliRunner().invoke(app, ["extract", str(UNSEEN / "articles"), "--out", str(out), "--project", str(root)])
    assert result.exit_code == 0, result.output
    tallies, missing = evaluate(out, UNSEEN / "gold")
    assert missing == []
    for name, floor in UNSEEN_FLOORS.items():
        assert tallies[name].scores()[2] >= floor, (name, tallies[name].scores())
