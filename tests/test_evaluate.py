"""Extraction quality on the seed gold, measured with `digest eval`, which must agree
with the project scorer (shared/eval/score.py) to the count."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.evaluate import evaluate

from .conftest import ROOT, SHARED

GOLD = Path(__file__).parent / "data" / "gold"
# Floors a little under today's figures: a change that loses quality fails here.
FLOORS = {"actors": 0.78, "claims_attributed": 0.62, "figures_exact": 0.90, "scenarios": 0.55, "kind": 1.0}


def test_eval_agrees_with_the_project_scorer():
    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    result = subprocess.run([sys.executable, str(scorer), str(ROOT / "content" / "briefs"), str(GOLD), "--json"],
                            capture_output=True, text=True, check=True)
    reference = json.loads(result.stdout)
    tallies, missing = evaluate(ROOT / "content" / "briefs", GOLD)
    assert missing == []
    for name, tally in tallies.items():
        if name == "kind":
            assert reference[name]["acc"] == pytest.approx(tally.tp / tally.gold, abs=1e-3)
        else:
            assert (tally.tp, tally.system, tally.gold) == (reference[name]["tp"], reference[name]["sys"],
                                                           reference[name]["gold"]), name


def test_fresh_extraction_meets_the_quality_floors(seed_site):
    tallies, missing = evaluate(seed_site / "content" / "briefs", GOLD)
    assert missing == []
    scores = {name: tallies[name].scores()[2] for name in FLOORS}
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, (name, scores[name])
