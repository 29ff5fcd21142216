"""The malformed-input fixture set (tests/fixtures/malformed/, made by make_malformed.py):
each bad article or YAML file gets its own clear message naming the file, and everything
else still builds. `--strict` fails with the full list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.content.refresh import MAX_EXTRACT_CHARS
from generator.core.store import MAX_YAML_BYTES

from .conftest import make_project

FIXTURES = Path(__file__).parent / "fixtures" / "malformed"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Extract the fixture articles, add the fixture briefs and huge files, build once."""
    root = make_project(tmp_path_factory.mktemp("malformed"))
    for path in (FIXTURES / "articles").iterdir():
        shutil.copy(path, root / "content" / "articles" / path.name)
    paragraph = "The harbour board said that the quay would be repaired. " * 40 + "\n\n"
    (root / "content" / "articles" / "huge.txt").write_text("Huge Article\n\n" + paragraph * 2200)
    runner = CliRunner()
    extracted = runner.invoke(app, ["extract", "--project", str(root)])
    for path in (FIXTURES / "briefs").iterdir():
        shutil.copy(path, root / "content" / "briefs" / path.name)
    with (root / "content" / "briefs" / "fifty-megabytes.yml").open("w") as handle:
        handle.write("id: fifty-megabytes\n" + "# padding\n" * (MAX_YAML_BYTES // 10 + 10))
    build = runner.invoke(app, ["build", "--no-extract", "--project", str(root)])
    strict = runner.invoke(app, ["build", "--no-extract", "--strict", "--project", str(root)])
    return root, extracted.output + build.output, build.exit_code, strict


def lines_about(output: str, name: str) -> list[str]:
    """The error and warning lines whose subject (not just their message) is the file."""
    return [line for line in output.splitlines() if line.startswith((f"error: {name}:", f"warning: {name}:"))]


def test_fixture_set_has_at_least_thirty_malformed_inputs():
    bad = [m for group in EXPECTED.values() for m in group.values() if m != "ok"]
    assert len(bad) >= 30


CASES = [(folder, name) for folder in ("articles", "briefs") for name in sorted(EXPECTED[folder])]


@pytest.mark.parametrize("folder, name", CASES, ids=[f"{f}/{n}" for f, n in CASES])
def test_fixture(built, folder, name):
    root, output, _, _ = built
    message = EXPECTED[folder][name]
    about = lines_about(output, f"content/{folder}/{name}")
    if message == "ok":
        assert about == []
        if folder == "briefs":
            assert (root / "site" / "briefs" / Path(name).stem / "index.html").is_file()
        return
    assert any(message in line for line in about), (message, about)
    if folder == "briefs" and "evidence" not in message and "topic" not in message:
        page = root / "site" / "briefs" / Path(name).stem
        if any("this item is left out" in line for line in about):  # the fault is in items: the rest builds
            assert (page / "index.html").is_file()
        else:
            assert not page.exists()


def test_huge_yaml_and_huge_article(built):
    root, output, _, _ = built
    assert any("the limit is" in line for line in lines_about(output, "content/briefs/fifty-megabytes.yml"))
    warning = lines_about(output, "content/articles/huge.txt")
    assert any("extraction read the first" in line for line in warning)
    huge = next((root / "content" / "briefs").glob("huge-article*.yml"))
    assert huge.stat().st_size < 5 * MAX_EXTRACT_CHARS


def test_the_rest_builds_and_strict_fails_with_the_full_list(built):
    root, _, exit_code, strict = built
    assert exit_code == 0
    good = [p for p in (root / "site" / "briefs").iterdir() if p.is_dir()]
    assert len(good) >= 10
    assert strict.exit_code == 1
    assert sum(1 for line in strict.output.splitlines() if line.startswith("error")) >= 20
    assert not (Path.cwd() / "PWNED").exists() and not (root / "PWNED").exists()
