"""Fuzz run: random bytes, text and YAML fed to ingest and to the brief checker, 10,000
cases each by default. Any exception other than the project's DigestError fails the run.

    python benchmarks/fuzz_inputs.py [--cases N]

Prints the number of cases run per target and how many were refused with a DigestError.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.errors import DigestError  # noqa: E402
from generator.ingest import read_article  # noqa: E402
from generator.model import Brief  # noqa: E402
from generator.store import load_model  # noqa: E402

COUNTS: Counter = Counter()
FOLDER = Path(tempfile.mkdtemp())
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)


def attempt(target: str, function, path: Path) -> None:
    COUNTS[target] += 1
    try:
        function(path)
    except DigestError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        COUNTS[target + " refused"] += 1


def article_bytes(data: bytes) -> None:
    path = FOLDER / "a.txt"
    path.write_bytes(data)
    attempt("article bytes", lambda p: read_article(p, FOLDER), path)


def article_text(text: str) -> None:
    path = FOLDER / "a.md"
    path.write_text(text, encoding="utf-8")
    attempt("article text", lambda p: read_article(p, FOLDER), path)


def yaml_text(text: str) -> None:
    path = FOLDER / "b.yml"
    path.write_text(text, encoding="utf-8")
    attempt("YAML text", lambda p: load_model(p, Brief), path)


def yaml_structure(value) -> None:
    path = FOLDER / "b.yml"
    path.write_text(yaml.safe_dump(value), encoding="utf-8")
    attempt("YAML structure", lambda p: load_model(p, Brief), path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    run = settings(max_examples=args.cases, deadline=None, database=None,
                   suppress_health_check=list(HealthCheck))
    text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600)
    start = time.perf_counter()
    run(given(st.binary(max_size=3000))(article_bytes))()
    run(given(text)(article_text))()
    run(given(text)(yaml_text))()
    run(given(YAML_VALUES)(yaml_structure))()
    elapsed = time.perf_counter() - start
    for target in ("article bytes", "article text", "YAML text", "YAML structure"):
        print(f"{target:16} {COUNTS[target]:7} cases, {COUNTS[target + ' refused']:7} refused with a DigestError")
    print(f"total {sum(v for k, v in COUNTS.items() if 'refused' not in k)} cases in {elapsed:.0f} s, no other exception")


if __name__ == "__main__":
    main()
