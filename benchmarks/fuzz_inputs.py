"""Fuzz run: random bytes, text and YAML fed to ingest, to the brief checker, to article
front matter and to the three registries, 10,000 cases each by default. Any exception
other than the project's DigestError fails the run; a registry must load or come back
as reported problems, never raise.

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

from generator.articles.ingest import read_article
from generator.content.registry import load_registries
from generator.core.errors import DigestError
from generator.core.model import Brief
from generator.core.project import Project
from generator.core.store import load_model
from tests.strategies import front_matter_articles, registry_documents, yaml_values

COUNTS: Counter = Counter()
FOLDER = Path(tempfile.mkdtemp())
TARGETS = ("article bytes", "article text", "front matter", "YAML text", "YAML structure", "registry")


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


def front_matter(text: str) -> None:
    path = FOLDER / "f.md"
    path.write_text(text, encoding="utf-8")
    attempt("front matter", lambda p: read_article(p, FOLDER), path)


def registry(document: tuple[str, str]) -> None:
    name, text = document
    project = Project(FOLDER / "project")
    project.content.mkdir(parents=True, exist_ok=True)
    for old in project.content.glob("*.yml"):
        old.unlink()
    (project.content / name).write_text(text, encoding="utf-8")
    COUNTS["registry"] += 1
    _, problems = load_registries(project)
    assert all(p.message and p.file == f"content/{name}" for p in problems), problems
    COUNTS["registry refused"] += bool(problems)


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
    run = settings(max_examples=args.cases, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600)
    start = time.perf_counter()
    run(given(st.binary(max_size=3000))(article_bytes))()
    run(given(text)(article_text))()
    run(given(text)(yaml_text))()
    run(given(front_matter_articles())(front_matter))()
    run(given(yaml_values)(yaml_structure))()
    run(given(registry_documents())(registry))()
    elapsed = time.perf_counter() - start
    for target in TARGETS:
        print(f"{target:16} {COUNTS[target]:7} cases, {COUNTS[target + ' refused']:7} refused with a DigestError")
    print(
        f"total {sum(v for k, v in COUNTS.items() if 'refused' not in k)} cases in {elapsed:.0f} s, no other exception"
    )


if __name__ == "__main__":
    main()
