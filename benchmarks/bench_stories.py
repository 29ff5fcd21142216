"""Stories: how well briefs of one event are grouped, beside the references the story set
ships, and how the clustering's cost grows with the digest.

    python benchmarks/bench_stories.py

Quality: the 34 articles of ../shared/stories, extracted as a user would (front matter
from each meta: title, outlet, date, author), grouped by `digest stories`, scored by the
set's own scorer (B-cubed F1 and adjusted Rand index), beside the set's TF-IDF baseline,
leaving every article apart, and one cluster per broad topic.

Cost: the same 34 briefs repeated at later dates (each copy 30 days after the last, so
copies never share a window) at N and 4N briefs; the ratio of the two times and the growth
exponent k (1.0 = linear; all pairs would give 2.0). Ratios measured in this run.
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STORIES = ROOT.parent / "shared" / "stories"

from generator.cli import app  # noqa: E402
from generator.content.briefs import read_briefs  # noqa: E402
from generator.content.stories import cluster_briefs  # noqa: E402
from tests.conftest import add_story_articles, make_project, scorer_json  # noqa: E402


def extract(work: Path) -> Path:
    root = make_project(work)
    add_story_articles(root, STORIES / "articles")
    out = work / "briefs"
    result = CliRunner().invoke(app, ["extract", "--project", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def score(prediction: Path) -> dict:
    return scorer_json(STORIES / "score_clusters.py", prediction, STORIES / "gold.yml")


def timed_clustering(briefs: list, copies: int) -> float:
    many = []
    for k in range(copies):
        for brief in briefs:
            copy = brief.model_copy(deep=True, update={"id": f"{brief.id}-{k}"})
            copy.source.published = brief.source.published.fromordinal(brief.source.published.toordinal() + 30 * k)
            many.append(copy)
    best = math.inf
    for _ in range(3):
        started = time.perf_counter()
        cluster_briefs(many)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = extract(work)
        predicted = work / "pred.yml"
        CliRunner().invoke(app, ["stories", str(out), "--out", str(predicted)])
        rows = {
            "digest stories": score(predicted),
            "TF-IDF baseline (threshold tuned on this set)": score(STORIES / "baseline" / "dev_pred.yml"),
            "every article apart": score(STORIES / "examples" / "all_singletons.yml"),
            "one cluster per broad topic": score(STORIES / "examples" / "topic_lumped.yml"),
        }
        print(f"{'prediction':48} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6}")
        for name, s in rows.items():
            line = f"{s['bcubed_precision']:6.3f} {s['bcubed_recall']:6.3f} {s['bcubed_f1']:6.3f} {s['ari']:6.3f}"
            print(f"{name:48} {line}")
        briefs, _ = read_briefs(out, out)
        small, large = 15, 60
        t_small, t_large = timed_clustering(briefs, small), timed_clustering(briefs, large)
        n_small, n_large = small * len(briefs), large * len(briefs)
        k = math.log(t_large / t_small) / math.log(n_large / n_small)
        print(
            f"\nclustering {n_large} briefs / {n_small} briefs: {t_large / t_small:.2f} (growth exponent k = {k:.2f})"
        )


if __name__ == "__main__":
    main()
