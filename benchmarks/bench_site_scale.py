"""Site build as the digest grows, against the bare tools building the same site, in one run.

    python benchmarks/bench_site_scale.py [--briefs 2000] [--repeats 3]

Like for like:
- **Corpus**: briefs extracted from real articles (the seeds, ../shared/dev, dev2 and
  stories: 59 articles of many outlets and subjects), repeated with new ids until there are
  N, each repetition dated a week after the last so that copies never form one story.
- **Digest**: the whole `digest build --no-extract --force` (the check, the render through
  the plugin, MkDocs, Pagefind), timed from the command's start.
- **Bare**: the same pages written once by `digest render --out` (with content/pages),
  built by plain `mkdocs build` with the project's theme, Markdown extensions, CSS and nav
  but no digest plugin, then indexed by the same Pagefind: what any MkDocs site of these
  pages costs.
- Runs alternate (digest, bare, digest, bare, …); medians are printed, and each build's
  peak memory (the largest resident size of any process it ran).
- **Incremental**: then one claim of one brief is reworded, and a plain `digest build`
  (which converts only the pages whose inputs changed) is timed against the full build.

Prints the growth exponent k of the digest build from N/4 to N (1.0 = linear), the ratio
of the digest build to the bare build at N, both peak memories, the largest page, and a
`digest build` with nothing changed. Ratios, not seconds: both sides run on this machine in
this run.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from tests.conftest import add_story_articles  # noqa: E402
from tests.conftest import make_project as make_test_project  # noqa: E402

MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)
if done.returncode:
    sys.exit(done.stdout + done.stderr)
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
"""
"""A build in a process of its own, so its children's peak memory is its alone."""


def real_briefs(work: Path) -> Path:
    """The corpus: every real article this checkout can see, extracted once."""
    (work / "corpus").mkdir()
    root = make_test_project(work / "corpus")
    articles = root / "content" / "articles"
    for source in [ROOT / "content" / "articles", SHARED / "dev" / "articles", SHARED / "dev2" / "articles"]:
        for path in sorted(source.glob("*")) if source.is_dir() else ():
            shutil.copy(path, articles / path.name)
    if (SHARED / "stories" / "articles").is_dir():
        add_story_articles(root, SHARED / "stories" / "articles")
    run([sys.executable, "-m", "generator.cli", "extract", "--project", str(root)], root)
    return root


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True)


def make_project(corpus: Path, folder: Path, count: int) -> Path:
    """A project of ``count`` briefs: the corpus repeated, each round dated a week later."""
    project = folder / f"p{count}"
    shutil.copytree(ROOT / "content", project / "content", ignore=shutil.ignore_patterns("briefs", "extracted"))
    for name in ("actors.yml", "sources.yml", "topics.yml"):
        shutil.copy(corpus / "content" / name, project / "content" / name)
    shutil.rmtree(project / "content" / "articles")
    shutil.copytree(corpus / "content" / "articles", project / "content" / "articles")  # what the briefs cite
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    seeds = [
        yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((corpus / "content" / "briefs").glob("*.yml"))
    ]
    briefs, texts = project / "content" / "briefs", project / "content" / "extracted"
    briefs.mkdir()
    texts.mkdir()
    for n in range(count):
        brief = dict(seeds[n % len(seeds)])
        seed_id, round_ = brief["id"], n // len(seeds)
        brief["id"] = f"{seed_id[:50]}-{n}"
        source = dict(brief["source"])
        day = date.fromisoformat(str(source.get("published") or brief.get("ingested") or "2025-01-01"))
        source["published"] = (day + timedelta(days=7 * round_)).isoformat()
        brief["source"] = source
        (briefs / f"{brief['id']}.yml").write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False))
        shutil.copy(corpus / "content" / "extracted" / f"{seed_id}.txt", texts / f"{brief['id']}.txt")
    return project


def make_bare_project(project: Path, folder: Path) -> Path:
    """The digest's own pages, written once, as a plain MkDocs project: the same theme,
    extensions, CSS, JavaScript and nav, no digest plugin."""
    bare = folder / "bare"
    run([sys.executable, "-m", "generator.cli", "render", "--out", str(bare / "docs"), "--project", str(project)], ROOT)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [
        p for p in config.get("plugins", []) if p != "digest" and not (isinstance(p, dict) and "digest" in p)
    ]
    config["docs_dir"] = "docs"
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return bare


def measured(cwd: Path, *commands: list[str]) -> tuple[float, int]:
    """Seconds and peak bytes of ``commands`` run one after the other."""
    seconds, peak = 0.0, 0
    for command in commands:
        line = run([sys.executable, "-c", MEASURE, str(cwd), *command], cwd).stdout.split()
        seconds, peak = seconds + float(line[0]), max(peak, int(line[1]))
    return seconds, peak


def digest_build(project: Path) -> tuple[float, int]:
    return measured(project, [sys.executable, "-m", "generator.cli", "build", "--no-extract", "--full"])


def edit_one_claim(project: Path, round_: int) -> None:
    """An editor's fix: the first claim of one brief reworded (a different brief each round)."""
    from ruamel.yaml import YAML

    yaml = YAML()
    with_claims = [
        p for p in sorted((project / "content" / "briefs").glob("*.yml")) if "\nclaims:\n- " in p.read_text()
    ]
    path = with_claims[(round_ * 37) % len(with_claims)]
    data = yaml.load(path.read_text(encoding="utf-8"))
    data["claims"][0]["text"] = f"Reworded by an editor ({round_}): " + data["claims"][0]["text"]
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def incremental_build(project: Path) -> tuple[float, int]:
    return measured(project, [sys.executable, "-m", "generator.cli", "build", "--no-extract"])


def bare_build(bare: Path) -> tuple[float, int]:
    index = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
        "from generator.site.search_index import index_search; index_search(Path('site'), part_pages=0)"
    )
    return measured(bare, [sys.executable, "-m", "mkdocs", "build", "-q"], [sys.executable, "-c", index])


def median_pair(runs: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(s for s, _ in runs), max(m for _, m in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    large, small = args.briefs, max(1, args.briefs // 4)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = real_briefs(folder)
        small_project, project = make_project(corpus, folder, small), make_project(corpus, folder, large)
        bare = make_bare_project(project, folder)
        digest_small, digest_large, bare_large = [], [], []
        for _ in range(args.repeats):  # interleaved, so a slow moment of the machine hits both sides
            digest_small.append(digest_build(small_project))
            digest_large.append(digest_build(project))
            bare_large.append(bare_build(bare))
        (t_small, _), (t_large, m_large), (t_bare, m_bare) = map(median_pair, (digest_small, digest_large, bare_large))
        edits = []
        for round_ in range(args.repeats):  # each after a build that recorded every page
            edit_one_claim(project, round_)
            edits.append(incremental_build(project))
        t_edit, m_edit = median_pair(edits)
        biggest = max(
            (p.stat().st_size, str(p.relative_to(project / "site"))) for p in (project / "site").rglob("*.html")
        )
        noop = [sys.executable, "-m", "generator.cli", "build", "--no-extract"]
        t_noop, _ = measured(project, noop)
        said = run(noop, project).stderr
        assert "is current" in " ".join(said.split()), said  # the timing above is of a skipped build
        pages = sum(1 for _ in (bare / "docs").rglob("*.md"))
        articles = len(list((corpus / "content" / "briefs").glob("*.yml")))
    k = math.log(t_large / t_small) / math.log(large / small)
    print(json.dumps({"corpus_articles": articles, "pages": pages}))
    print(f"digest build: {small} briefs {t_small:.1f} s, {large} briefs {t_large:.1f} s; growth exponent k = {k:.2f}")
    print(f"bare MkDocs + Pagefind of the same {pages} pages: {t_bare:.1f} s; digest / bare = {t_large / t_bare:.2f}")
    print(f"peak memory: digest {m_large / 1e9:.2f} GB, bare {m_bare / 1e9:.2f} GB; ratio {m_large / m_bare:.2f}")
    print(
        f"one claim edited, incremental digest build: {t_edit:.1f} s; / full digest build = {t_edit / t_large:.2f}; "
        f"peak memory {m_edit / 1e9:.2f} GB"
    )
    print(f"largest page: {biggest[0] / 1024:.0f} KB ({biggest[1]})")
    print(f"digest build with nothing changed: {t_noop:.1f} s; / bare = {t_noop / t_bare:.3f}")


if __name__ == "__main__":
    main()
