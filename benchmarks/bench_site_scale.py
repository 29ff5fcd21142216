"""Site build time as the digest grows: N briefs against N/5 briefs, same machine, same run.

    python benchmarks/bench_site_scale.py [--briefs 1000]

Copies of the committed seed briefs (new ids, same content) are built with the real
MkDocs + Material + digest plugin. Navigation holds sections and listing pages only, so
the build should grow linearly: the ratio of time per brief should stay near 1.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def make_project(folder: Path, count: int) -> Path:
    project = folder / f"p{count}"
    shutil.copytree(ROOT / "content", project / "content", ignore=shutil.ignore_patterns("briefs", "extracted"))
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    seeds = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "content" / "briefs").glob("*.yml"))]
    briefs = project / "content" / "briefs"
    briefs.mkdir()
    for n in range(count):
        brief = dict(seeds[n % len(seeds)])
        brief["id"] = f"{brief['id'][:50]}-{n}"
        (briefs / f"{brief['id']}.yml").write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False))
    return project


def build_seconds(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small, large = args.briefs // 5, args.briefs
        t_small = build_seconds(make_project(Path(folder), small))
        t_large = build_seconds(make_project(Path(folder), large))
    print(f"{small} briefs: {t_small:.1f} s; {large} briefs: {t_large:.1f} s")
    print(f"time ratio {t_large / t_small:.2f} for {large / small:.0f}x the briefs; "
          f"per-brief ratio {(t_large / large) / (t_small / small):.2f} (1.0 = linear)")


if __name__ == "__main__":
    main()
