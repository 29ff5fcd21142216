"""Extraction killed mid-run (SIGKILL, SIGINT) leaves every file old or new, never torn;
a second extract at the same time is refused; a restart finishes the rest."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.content.briefs import read_briefs
from generator.content.refresh import extract_project
from generator.core.errors import DigestError
from generator.core.project import Project
from generator.core.store import load_yaml

from .conftest import make_project

TEMPLATE = (
    "Port Talks Round {n}\n\nPort director Hanna Ek said that berth {n} would close on Friday. "
    "According to the union, about {w} workers will lose shifts every week. "
    "The council could sell berth {n} to a private operator by March.\n"
)


def articles(count: int, extra: str = "") -> dict[str, str]:
    return {f"a{n:02}.txt": TEMPLATE.format(n=n, w=100 + n) + extra for n in range(count)}


def start_extract(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "extract", "--project", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_first_write(root: Path, before: dict[str, float], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        briefs = (root / "content" / "briefs").glob("*.yml")
        if any(p.stat().st_mtime != before.get(p.name) for p in briefs):
            return
        time.sleep(0.01)


def check_every_file_whole(root: Path, old: dict[str, str], new: dict[str, str]) -> int:
    """Every YAML file parses; every brief is from the old or the new article text."""
    content = root / "content"
    for path in [*content.glob("*.yml"), *(content / "extracted").glob("*.yml")]:
        load_yaml(path)
    briefs, problems = read_briefs(content / "briefs", root)
    assert problems == []
    hashes = {hashlib.sha256(t.encode()).hexdigest(): "old" for t in old.values()}
    hashes.update({hashlib.sha256(t.encode()).hexdigest(): "new" for t in new.values()})
    assert all(b.source.sha256 in hashes for b in briefs)
    return sum(hashes[b.source.sha256] == "new" for b in briefs)


def test_killed_extraction_leaves_no_torn_file_and_resumes(tmp_path):
    old = articles(24)
    root = make_project(tmp_path, old)
    project = Project(root)
    extract_project(project)
    new = articles(24, "Officials expect a decision by May.\n")
    for name, text in new.items():
        (root / "content" / "articles" / name).write_text(text)
    before = {p.name: p.stat().st_mtime for p in project.briefs.glob("*.yml")}
    for sig in (signal.SIGKILL, signal.SIGINT):
        process = start_extract(root)
        wait_for_first_write(root, before)
        time.sleep(0.05)
        process.send_signal(sig)
        process.wait(timeout=60)
        done = check_every_file_whole(root, old, new)
        assert 0 <= done <= 24
    report = extract_project(project)
    assert check_every_file_whole(root, old, new) == 24
    assert len(report.skipped) + len(report.written) + len(report.unchanged) == 24
    assert not list(project.briefs.glob(".*.tmp"))
    from generator.content.check import check_warnings  # kill -9 between briefs and registries: caught up (the journal)

    assert [str(w) for w in check_warnings(project) if "missing from" in str(w)] == []


def test_a_second_extract_at_the_same_time_is_refused(tmp_path):
    root = make_project(tmp_path, articles(24))
    process = start_extract(root)
    try:
        deadline = time.monotonic() + 30
        while not (root / "content" / ".digest.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        second = subprocess.run(
            [sys.executable, "-m", "generator.cli", "extract", "--project", str(root)], capture_output=True, text=True
        )
        assert second.returncode == 1, second.stderr
        assert "another digest extract is running" in second.stderr
    finally:
        process.wait(timeout=120)
    assert process.returncode == 0, process.stderr.read()


def test_disk_full_keeps_the_old_file(tmp_path, monkeypatch):
    from generator.core import store

    path = tmp_path / "brief.yml"
    path.write_text("old: true\n")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "fsync", full)
    with pytest.raises(
        DigestError, match=r"brief.yml: cannot write: No space left on device \(the previous file is kept\)"
    ):
        store.write_atomic(path, "new: true\n")
    assert path.read_text() == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.yml"]


def test_disk_full_during_extract_is_a_message_per_brief_not_a_traceback(tmp_path, monkeypatch):
    from generator.core import store

    root = make_project(tmp_path, articles(2))
    monkeypatch.setattr(store.os, "fsync", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    result = CliRunner().invoke(app, ["extract", "--project", str(root)])
    assert isinstance(result.exception, DigestError), result.exception  # `digest` prints it as file: message
    assert "cannot write: No space left on device (the previous file is kept)" in str(result.exception)


def test_read_only_content_builds_when_nothing_needs_extracting(tmp_path, monkeypatch):
    """A read-only checkout (a CI cache, a mounted volume) builds what it has; a build that
    would need to extract says so and what to do."""
    from generator.content import refresh

    root = make_project(tmp_path, articles(2))
    assert CliRunner().invoke(app, ["extract", "--project", str(root)]).exit_code == 0
    content = root / "content"
    monkeypatch.setattr(refresh.os, "access", lambda path, mode: Path(path) != content)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    built = CliRunner().invoke(app, ["build", "--strict", "--project", str(root)])
    assert built.exit_code == 0, built.output
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before
    (content / "articles" / "new.txt").write_text(TEMPLATE.format(n=99, w=7), encoding="utf-8")
    refused = CliRunner().invoke(app, ["build", "--project", str(root)])
    assert isinstance(refused.exception, DigestError)
    assert "content: is read-only, and 1 article(s) need extracting" in str(refused.exception)


def _site_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_a_killed_build_leaves_the_previous_site_whole(tmp_path):
    """The site is built beside site/ and swapped in: SIGKILL at any moment of a build leaves
    site/ complete (the previous one or the new one), and the next build tidies up."""
    root = make_project(tmp_path, articles(30))
    first = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--project", str(root)], capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    site = root / "site"
    complete = _site_pages(site)
    assert "briefs/index.html" in complete and (site / "sitemap.xml").is_file()
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--no-extract", "--project", str(root)],
        capture_output=True,
        check=True,
    )
    duration = time.monotonic() - started
    for fraction in (0.5, 0.65, 0.8, 0.9, 0.97):  # the pages are written in the second half
        delay = duration * fraction
        build = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "build", "--no-extract", "--project", str(root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.wait()
        if site.exists():
            assert _site_pages(site) == complete and (site / "sitemap.xml").is_file(), delay
        else:  # killed between the two renames of the swap: the previous site waits beside it
            assert (root / ".site.previous").is_dir()
    again = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--no-extract", "--project", str(root)],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    assert _site_pages(site) == complete
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_a_crash_between_a_brief_and_its_base_is_repaired(tmp_path, monkeypatch):
    """The base (the extractor's last output) is written beside the old one first, then the
    brief, then renamed in. A crash after the brief leaves a pending base that the next run
    completes, so a later --force cannot take the machine's values for an editor's edits."""
    from generator.content import briefs
    from generator.content.refresh import extract_project
    from generator.core.project import Project

    root = make_project(tmp_path, articles(1))
    project = Project(root)
    extract_project(project)
    article = root / "content" / "articles" / "a00.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nThe mayor said talks would resume in June.\n")
    real_replace = briefs.os.replace

    def crash_on_base(src, dst):
        if str(src).endswith(".next"):
            raise KeyboardInterrupt  # killed right after the brief was written
        return real_replace(src, dst)

    monkeypatch.setattr(briefs.os, "replace", crash_on_base)
    with pytest.raises(KeyboardInterrupt):
        extract_project(project)
    monkeypatch.setattr(briefs.os, "replace", real_replace)
    brief = root / "content" / "briefs" / "port-talks-round-0.yml"
    base = root / "content" / "extracted" / "port-talks-round-0.yml"
    assert "resume in June" in brief.read_text(encoding="utf-8")
    assert "resume in June" not in base.read_text(encoding="utf-8") and base.with_name(base.name + ".next").exists()
    extract_project(project)  # the next run settles the pending base first
    assert "resume in June" in base.read_text(encoding="utf-8") and not base.with_name(base.name + ".next").exists()
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load(brief.read_text(encoding="utf-8"))
    for section in ("claims", "scenarios"):
        data[section] = [item for item in data[section] if "June" not in item["evidence"]]
    with brief.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    report = extract_project(project, force=True)
    assert "resume in June" not in brief.read_text(encoding="utf-8").split("claims:")[1]  # deletions stay deleted
    assert report.problems == []


def test_disk_full_during_a_build_is_a_message_and_the_old_site_stays(tmp_path, monkeypatch):
    import errno

    import mkdocs.commands.build as mkdocs_build

    root = make_project(tmp_path, articles(2))
    assert CliRunner().invoke(app, ["build", "--project", str(root)]).exit_code == 0
    before = _site_pages(root / "site")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(root / "site" / "x.html"))

    monkeypatch.setattr(mkdocs_build, "build", full)
    result = CliRunner().invoke(app, ["build", "--force", "--project", str(root)])
    assert isinstance(result.exception, DigestError)
    assert "cannot write the site: No space left on device; the previous site is kept" in str(result.exception)
    assert _site_pages(root / "site") == before
