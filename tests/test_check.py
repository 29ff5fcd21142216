"""Bad YAML gets file:line:col errors; one broken brief never takes the site down."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from generator.cli import app
from generator.content.refresh import extract_project
from generator.core.project import Project

from .conftest import make_project

ARTICLE = (
    "Bridge Vote Delayed\n\n"
    "Council leader Ines Falk said that the vote on the bridge would be delayed. "
    "The bridge could cost €40 million, according to the council.\n"
)


def project_with_briefs(tmp_path, count: int = 2):
    articles = {f"a{i}.txt": ARTICLE.replace("Bridge", f"Bridge {chr(65 + i)}") for i in range(count)}
    root = make_project(tmp_path, articles)
    extract_project(Project(root))
    return root, sorted((root / "content" / "briefs").glob("*.yml"))


def break_field(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_check_reports_file_line_column_and_field(tmp_path):
    root, briefs = project_with_briefs(tmp_path)
    break_field(briefs[0], "kind: report", "kind: rumour")
    break_field(briefs[1], "    verb: said", "    verb: said\n    colour: red")
    result = CliRunner().invoke(app, ["check", "--project", str(root)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error")]
    assert any(
        f"content/briefs/{briefs[0].name}:" in line and ":kind:" not in line and "kind: Input should be" in line
        for line in lines
    ), lines
    assert any(
        f"content/briefs/{briefs[1].name}:" in line and "claims[0].colour: Extra inputs are not permitted" in line
        for line in lines
    ), lines
    assert all(line.split(": ", 1)[1].split(":")[1].isdigit() for line in lines), lines


def test_unknown_speaker_and_topic_are_reported(tmp_path):
    root, briefs = project_with_briefs(tmp_path, 1)
    text = briefs[0].read_text()
    speaker = next(line for line in text.splitlines() if line.strip().startswith("speaker: ")).split(": ")[1]
    break_field(briefs[0], f"speaker: {speaker}", f"speaker: {speaker}x")
    result = CliRunner().invoke(app, ["check", "--project", str(root)])
    assert result.exit_code == 1
    assert f"claims[0].speaker: unknown actor '{speaker}x'" in result.output


def test_broken_yaml_is_left_out_and_strict_fails(tmp_path):
    root, briefs = project_with_briefs(tmp_path)
    briefs[0].write_text(briefs[0].read_text() + "\n  bad: [indent\n")
    result = CliRunner().invoke(app, ["build", "--no-extract", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert "YAML syntax" in result.output
    pages = {p.name for p in (root / "site" / "briefs").iterdir() if p.is_dir()}
    assert briefs[1].stem in pages and briefs[0].stem not in pages
    shutil.rmtree(root / "site")
    strict = CliRunner().invoke(app, ["build", "--no-extract", "--strict", "--project", str(root)])
    assert strict.exit_code == 1 and not (root / "site").exists()


def test_an_unexpected_error_on_one_article_spares_the_others(tmp_path, monkeypatch):
    import generator.content.refresh

    root = make_project(tmp_path, {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Bridge", "Tunnel")})
    real = generator.content.refresh.read_article

    def flaky(path, project_root):
        if path.name == "a.txt":
            raise RuntimeError("library broke")
        return real(path, project_root)

    monkeypatch.setattr(generator.content.refresh, "read_article", flaky)
    report = extract_project(Project(root))
    assert [str(p) for p in report.problems] == ["content/articles/a.txt: cannot read: RuntimeError: library broke"]
    assert report.written == ["tunnel-vote-delayed"]
