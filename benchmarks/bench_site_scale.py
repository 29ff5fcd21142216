"""Site build as the digest grows, against a bare MkDocs Material build, in one run.

    python benchmarks/bench_site_scale.py [--briefs 500]

Builds the digest site for N/4 and N briefs (copies of the committed seed briefs with new
ids) with the real MkDocs + Material + digest plugin, and a bare Material site with the
same number of pages and the same amount of Markdown (generated prose, headings, lists
and links, no plugin) for N briefs. Prints:

- the growth exponent k of the digest build between N/4 and N (1.0 = linear);
- the ratio of the digest build to the bare build of the same size;
- the largest page of the digest site (pages must stay bounded as the digest grows);
- `digest build --no-extract` with nothing changed since that build, against the bare build.

Ratios, not seconds: both builds run on the same machine in the same run.
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "ministers talks ceasefire budget allies pledged support billion percent council harbour agreement "
    "negotiators sanctions report analysts warned figures troops proposal summit"
).split()


def make_project(folder: Path, count: int) -> Path:
    project = folder / f"p{count}"
    shutil.copytree(ROOT / "content", project / "content", ignore=shutil.ignore_patterns("briefs", "extracted"))
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    seeds = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "content" / "briefs").glob("*.yml"))]
    briefs, texts = project / "content" / "briefs", project / "content" / "extracted"
    briefs.mkdir()
    texts.mkdir()
    for n in range(count):
        brief = dict(seeds[n % len(seeds)])
        seed_id = brief["id"]
        brief["id"] = f"{seed_id[:50]}-{n}"
        (briefs / f"{brief['id']}.yml").write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False))
        # The article text extraction keeps for the site, so every brief has its article page.
        shutil.copy(ROOT / "content" / "extracted" / f"{seed_id}.txt", texts / f"{brief['id']}.txt")
    return project


def make_bare_project(folder: Path, pages: int, markdown_bytes: int) -> Path:
    """A Material site of ``pages`` pages holding ``markdown_bytes`` of Markdown in all."""
    project = folder / "bare"
    docs = project / "docs"
    docs.mkdir(parents=True)
    per_page = max(200, markdown_bytes // pages)
    for n in range(pages):
        lines, size, k = [f"# Page {n}", ""], 0, 0
        while size < per_page:
            words = " ".join(WORDS[(n + k + i) % len(WORDS)] for i in range(14))
            line = (
                f"- **{words[:30]}** {words} [link](p{(n + k) % pages}.md)" if k % 3 else f"## {words[:40]}\n\n{words}."
            )
            lines.append(line)
            size += len(line) + 1
            k += 1
        (docs / f"p{n}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# Bare\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Bare\ntheme:\n  name: material\nplugins:\n  - search\nnav:\n  - Home: index.md\n", encoding="utf-8"
    )
    return project


def build_seconds(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, check=True, capture_output=True)
    return time.perf_counter() - start


def noop_rebuild_seconds(project: Path) -> float:
    """`digest build --no-extract` right after the build of the same inputs: the build
    records what it was made from (as `digest build` does), then the command runs again."""
    sys.path.insert(0, str(ROOT))
    from generator.core.project import Project
    from generator.core.store import write_atomic
    from generator.site.publish import site_fingerprint

    digest_project = Project(project)
    fingerprint = site_fingerprint(digest_project, project / "mkdocs.yml", (project / "site").resolve(), False)
    write_atomic(digest_project.site_fingerprint_file, fingerprint + "\n")
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--no-extract", "--project", str(project)],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "is current" in " ".join(result.stderr.split()), result.stderr
    return time.perf_counter() - start


def generated_markdown(project: Path) -> tuple[int, int]:
    """(pages, bytes of Markdown) of the digest site: every page the plugin generates
    (article pages included) and the hand-written pages, as MkDocs builds them."""
    sys.path.insert(0, str(ROOT))
    from generator.core.project import Project
    from generator.site.pages import site_files

    digest_project = Project(project)
    pages = site_files(digest_project, project / "templates").pages
    hand = [
        p
        for p in (digest_project.content / "pages").rglob("*.md")
        if p.relative_to(digest_project.content / "pages").as_posix() not in pages
    ]
    return (
        len(pages) + len(hand),
        sum(len(text.encode("utf-8")) for text in pages.values()) + sum(p.stat().st_size for p in hand),
    )


def largest_page(site: Path) -> tuple[int, str]:
    size, path = max((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html"))
    return size, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=500)
    args = parser.parse_args()
    large, small = args.briefs, max(1, args.briefs // 4)
    with tempfile.TemporaryDirectory() as folder:
        t_small = build_seconds(make_project(Path(folder), small))
        project = make_project(Path(folder), large)
        t_large = build_seconds(project)
        biggest, where = largest_page(project / "site")
        t_noop = noop_rebuild_seconds(project)
        pages, markdown = generated_markdown(project)
        t_bare = build_seconds(make_bare_project(Path(folder), pages, markdown))
    k = math.log(t_large / t_small) / math.log(large / small)
    print(f"digest: {small} briefs {t_small:.1f} s, {large} briefs {t_large:.1f} s; growth exponent k = {k:.2f}")
    print(
        f"bare Material build, {pages} pages, {markdown / 1e6:.1f} MB of Markdown: {t_bare:.1f} s; "
        f"digest / bare = {t_large / t_bare:.2f}"
    )
    print(f"largest page: {biggest / 1024:.0f} KB ({where})")
    print(f"digest build with nothing changed: {t_noop:.1f} s; / bare = {t_noop / t_bare:.3f}")


if __name__ == "__main__":
    main()
