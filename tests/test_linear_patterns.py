"""Every regular expression that reads article text runs in linear time. A byline pattern
with nested repetition once took 0.3 s on 20 words, 1 s on 22 and over 90 s on 34, so one
line of an article hung every build. Each pattern registered with ``article_pattern`` is
fed adversarial strings of growing length; the time may grow with the length, by ratio,
never with its square or worse. (A ratio measured in the run, never a wall-clock bound.)"""

from __future__ import annotations

import time

import pytest

import generator.articles.ingest
import generator.extract.extractor  # noqa: F401  (declares the extraction patterns)
from generator.core.textpatterns import ARTICLE_PATTERNS

# Pieces that patterns over names, bylines, dates, figures and clauses consume in several
# ways at once: capitalised words, initials, digits with separators, spaces and breaks.
UNITS = [
    "Aa ",
    "A.",
    "aa",
    "A",
    " ",
    "\n ",
    "1,",
    "1.",
    "12 ",
    "(",
    "-",
    "Aa and ",
    "by Aa ",
    "$1 ",
    "the ",
    "a.",
    "“Aa ",
    "Aa, ",
    "10% ",
    "Jan 1 ",
]
ENDINGS = ["", "!", "\u2603", "(", " x"]
SHORT, LONG = 64, 512  # repetitions; linear time grows 8x between them, quadratic 64x


def _seconds(pattern, text: str) -> float:
    """The best of a few timings of the work extraction does with a pattern: search and scan."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        pattern.search(text)
        for _ in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - started)
    return best


def _worst_ratio(pattern) -> tuple[float, str]:
    worst, witness = 0.0, ""
    for unit in UNITS:
        for ending in ENDINGS:
            for prefix in ("", "By ", "BRUSSELS, "):
                short = _seconds(pattern, prefix + unit * SHORT + ending)
                long = _seconds(pattern, prefix + unit * LONG + ending)
                ratio = long / max(short, 2e-6)  # below that, timer noise
                if ratio > worst:
                    worst, witness = ratio, repr(prefix + unit * 3 + ending)
    return worst, witness


def test_the_patterns_are_declared():
    assert len(ARTICLE_PATTERNS) >= 25


@pytest.mark.parametrize("pattern", ARTICLE_PATTERNS, ids=lambda p: p.pattern[:40])
def test_each_pattern_runs_in_linear_time(pattern):
    ratio, witness = _worst_ratio(pattern)
    for _ in range(2):  # a busy machine can slow one long run: a real blow-up repeats, noise does not
        if ratio < 24:
            break
        ratio, witness = min((ratio, witness), _worst_ratio(pattern))
    # 8x longer input: 8x is linear, 64x quadratic; the bound leaves room for noise.
    assert ratio < 24, f"time grew {ratio:.0f}x for 8x the input, e.g. {witness}"
