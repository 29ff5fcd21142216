"""Speed and memory of the slow stages, as ratios against baselines measured in the same run.

    python benchmarks/bench_pipeline.py [--copies N]

- extraction: our pipeline (spaCy + entity ruler + every extractor) over the seed articles
  repeated N times, against the bare spaCy pipeline parsing the same texts;
- the whole `digest extract` on every core (process pool, and the Ray engine on a local
  Ray instance), from reading the articles to the briefs written, against bare
  `nlp.pipe` of the same texts in one process and with ``n_process`` = every core
  (model loading left out of the baselines, included in ours);
- rendering: the digest's Markdown pages from the committed briefs, against just loading
  those briefs with PyYAML;
- scaling: extraction of one article made of the seed corpus repeated 4N times, against
  one made of it N times (linear in the article's length gives 4.0; the quadratic
  token scans this replaced gave over 20).
Each measurement runs in its own process so peak memory (max RSS) is its own.
Absolute times depend on the machine; the ratios are what to compare across commits.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    copies = {copies}
    seeds = [p.read_text(encoding="utf-8") for p in sorted(Path({root!r}, "content", "articles").glob("*.txt"))]
    texts = [text + "\\n\\nCopy " + str(n) + "." for n in range(copies) for text in seeds]  # distinct texts
    start = time.perf_counter()
    {body}
    elapsed = time.perf_counter() - start
    print(json.dumps({{"seconds": elapsed, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
""")

CASES = {
    "spacy_baseline": """
    import spacy
    from generator.extract.nlp import resolve_model
    nlp = spacy.load(resolve_model(None))
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=16):
        pass
    """,
    "spacy_all_cores": """
    import os, spacy
    from generator.extract.nlp import resolve_model
    nlp = spacy.load(resolve_model(None))
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=16, n_process=os.cpu_count()):
        pass
    """,
    "digest_extract": """
    import os, shutil, tempfile
    from generator.core.project import Project
    from generator.content.refresh import extract_project
    folder = Path(tempfile.mkdtemp())
    shutil.copytree(Path({root!r}, "templates"), folder / "templates")
    shutil.copy(Path({root!r}, "mkdocs.yml"), folder / "mkdocs.yml")
    (folder / "content" / "articles").mkdir(parents=True)
    for n, text in enumerate(texts):
        (folder / "content" / "articles" / ("a" + str(n) + ".txt")).write_text(text, encoding="utf-8")
    start = time.perf_counter()
    report = extract_project(Project(folder), out_dir=folder / "out", jobs=os.cpu_count(), engine={engine!r})
    assert len(report.written) == len(texts), report.problems[:3]
    """,
    "extract": """
    from generator.extract.nlp import load_pipeline
    from generator.articles.ingest import Article
    from generator.extract.extractor import extract_brief
    nlp = load_pipeline()
    start = time.perf_counter()
    for i, doc in enumerate(nlp.pipe(texts, batch_size=16)):
        extract_brief(Article(id="a" + str(i), file="x", sha256="0" * 64, title="t", body=doc.text), doc)
    """,
    "extract_long_1x": """
    from generator.extract.nlp import load_pipeline
    from generator.articles.ingest import Article
    from generator.extract.extractor import extract_brief
    nlp = load_pipeline()
    nlp.max_length = 10_000_000
    body = "\\n\\n".join(texts)
    doc = nlp(body)
    start = time.perf_counter()
    extract_brief(Article(id="long", file="x", sha256="0" * 64, title="t", body=body), doc)
    """,
    "yaml_load_baseline": """
    import yaml
    files = sorted(Path({root!r}, "content", "briefs").glob("*.yml")) * copies
    start = time.perf_counter()
    for f in files:
        yaml.safe_load(f.read_text(encoding="utf-8"))
    """,
    "render": """
    from generator.core.project import Project
    from generator.content.briefs import read_briefs
    from generator.content.registry import load_registries
    from generator.content.merge import build_digest
    from generator.site.render import render_pages
    project = Project(Path({root!r}))
    start = time.perf_counter()
    for _ in range(copies):
        registries, _ = load_registries(project)
        briefs, _ = read_briefs(project.briefs, project.root)
        render_pages(build_digest(registries, briefs), project.templates)
    """,
}


def run(case: str, copies: int, engine: str = "local") -> dict:
    body = textwrap.dedent(CASES[case]).format(root=str(ROOT), engine=engine).strip()
    code = MEASURE.format(root=str(ROOT), copies=copies, body=body)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


SMALL_ARTICLE = "Ferry Service Resumes\n\nMayor Ines Dahl said the ferry would cost $5 million and resume on Monday.\n"


def one_small_article(repeats: int = 3) -> tuple[float, float]:
    """An editor adds one article: the whole `digest extract` of it (a process of its own,
    model load, registries and writing included) against a process that loads the same
    pipeline and parses the same text. Interleaved runs, medians of wall-clock seconds."""
    import statistics
    import tempfile
    import time

    sys.path.insert(0, str(ROOT))
    from generator.extract.nlp import resolve_model
    from tests.conftest import make_project

    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp), {"ferry.txt": SMALL_ARTICLE})
        ours = [sys.executable, "-m", "generator.cli", "extract", "--force", "--project", str(project)]
        bare = [sys.executable, "-c", f"import spacy; spacy.load({resolve_model(None)!r})({SMALL_ARTICLE!r})"]
        timings: dict[str, list[float]] = {"ours": [], "bare": []}
        for _ in range(repeats):
            for name, command in (("ours", ours), ("bare", bare)):
                started = time.perf_counter()
                subprocess.run(command, capture_output=True, check=True, cwd=ROOT)
                timings[name].append(time.perf_counter() - started)
    return statistics.median(timings["ours"]), statistics.median(timings["bare"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="repeat the seed corpus this many times")
    args = parser.parse_args()
    results = {case: run(case, args.copies) for case in CASES}
    results["extract_long_4x"] = run("extract_long_1x", args.copies * 4)
    results["digest_extract_ray"] = run("digest_extract", args.copies, engine="ray")
    rows = [
        ("extract / spaCy parse", "extract", "spacy_baseline"),
        ("digest extract, all cores / nlp.pipe", "digest_extract", "spacy_baseline"),
        ("  / nlp.pipe n_process=all", "digest_extract", "spacy_all_cores"),
        ("--engine ray / nlp.pipe", "digest_extract_ray", "spacy_baseline"),
        ("render / YAML load", "render", "yaml_load_baseline"),
        ("long article 4x / 1x", "extract_long_4x", "extract_long_1x"),
    ]
    print(f"{'stage':38} {'time ratio':>10} {'memory ratio':>13} {'seconds':>9} {'baseline s':>11}")
    for label, case, base in rows:
        r, b = results[case], results[base]
        print(
            f"{label:38} {r['seconds'] / b['seconds']:10.2f} {r['max_rss_mb'] / b['max_rss_mb']:13.2f} "
            f"{r['seconds']:9.3f} {b['seconds']:11.3f}"
        )
    ours, bare = one_small_article()
    print(f"{'one small article / spacy.load + parse':38} {ours / bare:10.2f} {'':13} {ours:9.3f} {bare:11.3f}")


if __name__ == "__main__":
    main()
