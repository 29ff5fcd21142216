"""`digest build` with nothing changed does no work; any change to what the site is made
from (a brief, a template, the strict flag) builds again."""

from __future__ import annotations

import shutil
from pathlib import Path

from ruamel.yaml import YAML
from typer.testing import CliRunner

from generator.cli import app

from .conftest import copy_of_repository


def _project(tmp_path: Path) -> Path:
    return copy_of_repository(tmp_path)


def build(root: Path, *flags: str) -> str:
    result = CliRunner().invoke(app, ["build", "--no-extract", *flags, "--project", str(root)])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_a_build_with_nothing_changed_is_skipped_and_any_change_builds(tmp_path):
    root = _project(tmp_path)
    assert "site built" in build(root)
    index = root / "site" / "index.html"
    stamp = index.stat().st_mtime_ns
    assert "is current" in build(root)
    assert index.stat().st_mtime_ns == stamp  # not rebuilt

    brief = sorted((root / "content" / "briefs").glob("*.yml"))[0]
    yaml = YAML()
    data = yaml.load(brief.read_text(encoding="utf-8"))
    data["title"] = "Edited " + data["title"]
    with brief.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    assert "site built" in build(root)
    assert "Edited " in (root / "site" / "briefs" / brief.stem / "index.html").read_text(encoding="utf-8")
    assert "is current" in build(root)

    (root / "templates" / "index.md.j2").write_text(
        (root / "templates" / "index.md.j2").read_text(encoding="utf-8") + "\nA line added to the template.\n",
        encoding="utf-8",
    )
    assert "site built" in build(root)
    assert "A line added to the template." in index.read_text(encoding="utf-8")
    assert "site built" in build(root, "--strict")  # another flag, another build
    assert "site built" in build(root, "--force")
    shutil.rmtree(root / "site")
    assert "site built" in build(root)


def test_a_build_that_left_files_out_is_not_recorded(tmp_path):
    root = _project(tmp_path)
    broken = sorted((root / "content" / "briefs").glob("*.yml"))[0]
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    first = build(root)
    assert "left out" in first and broken.name in first
    second = build(root)
    assert "is current" not in second and broken.name in second  # the problem is reported again


def test_a_site_changed_since_it_was_recorded_is_rebuilt(tmp_path):
    root = _project(tmp_path)
    assert "site built" in build(root)
    page = next((root / "site" / "briefs").glob("*/index.html"))
    page.unlink()  # a half-published or tampered site no longer matches its record
    assert "site built" in build(root)
    assert page.is_file()
    assert "is current" in build(root)


def test_two_builds_at_once_publish_one_whole_site(tmp_path):
    """The second build waits for the first (the project's build lock), then builds or finds
    the site current; neither deletes the other's work, and what is recorded is what is there."""
    import subprocess
    import sys

    root = _project(tmp_path)
    command = [sys.executable, "-m", "generator.cli", "build", "--no-extract", "--force", "--project", str(root)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate()[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all("site built" in output for output in outputs)
    briefs = {p.stem for p in (root / "content" / "briefs").glob("*.yml")}
    assert {p.parent.name for p in (root / "site" / "briefs").glob("*/index.html")} == briefs
    assert (root / "site" / "pagefind").is_dir()
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []
    assert "is current" in build(root)


def test_bytecode_python_writes_beside_the_package_never_makes_the_site_stale(tmp_path):
    """Python writes __pycache__ files whenever a module is first imported (another command,
    a benchmark, a test): they are not what the site is made from."""
    from generator.core.fingerprint import PACKAGE_DIR

    root = _project(tmp_path)
    assert "site built" in build(root)
    probe = PACKAGE_DIR / "__pycache__" / "bytecode-probe.cpython-311.pyc"
    probe.parent.mkdir(exist_ok=True)
    try:
        probe.write_bytes(b"not the package's code")
        assert "is current" in build(root)
    finally:
        probe.unlink(missing_ok=True)
