"""`digest check` names file, line, column and field for each kind of editor mistake,
and reports all problems of all files at once."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.content.refresh import extract_project
from generator.core.project import Project

from .conftest import make_project

ARTICLE = (
    "Bridge Vote Delayed\n\nCouncil leader Ines Falk said that the vote on the bridge would be delayed. "
    "The bridge could cost €40 million, according to the council.\n"
)

# (what to replace, with what, field path reported, words of the message, the line to point at)
MISTAKES = [
    (
        "    speaker: ines-falk",
        "    speaker: ines-fal",
        "claims[0].speaker",
        "unknown actor 'ines-fal' (did you mean 'ines-falk'?)",
        "    speaker: ines-fal",
    ),
    ("kind: report", "kind: rumour", "kind", "Input should be 'report', 'opinion' or 'analysis'", "kind: rumour"),
    (
        "    verb: said",
        "    verb: said\n    tone: calm",
        "claims[0].tone",
        "Extra inputs are not permitted",
        "    tone: calm",
    ),
    ("    value: 40000000", "    value: forty million", "figures[0].value", "valid number", "    value: forty million"),
    ("topics: []", "topics: [bridges]", "topics[0]", "unknown topic 'bridges'", "topics: [bridges]"),
    (
        "    evidence: Council leader Ines Falk said that the vote on the bridge would be delayed.\n    about:",
        "    evidence: Council leader Ines Falk said the vote was cancelled.\n    about:",
        "claims[0].evidence",
        "evidence is not a sentence of the article",
        "    evidence: Council leader Ines Falk said the vote was cancelled.",
    ),
    ("    type: person", "    type: robot", "actors[0].type", "Input should be", "    type: robot"),
    ("  url: null", "  url: javascript:alert(1)", "source.url", "must be an http(s) URL", "  url: javascript:alert(1)"),
    ("  published: null", "  published: last tuesday", "source.published", "valid date", "  published: last tuesday"),
    (
        "    mentions: 1\n    confidence: high\n  - id: council",
        "    mentions: -1\n    confidence: high\n  - id: council",
        "actors[0].mentions",
        "greater than or equal to 0",
        "    mentions: -1",
    ),
    ("    per: null", "    per: fortnight", "figures[0].per", "Input should be", "    per: fortnight"),
    ("  - id: c-2c7f69", "  - id: c-78f0ea", "claims[1].id", "duplicate id 'c-78f0ea'", "  - id: c-78f0ea"),
    ("    quote: false\n    verb: said", "    verb: said", None, None, None),  # a default may be left out: no error
    ("    value: 40000000", "    value: .nan", "figures[0].value", "finite number", "    value: .nan"),
    ("    value: 40000000", "    value: .inf", "figures[0].value", "finite number", "    value: .inf"),
    ("    value: 40000000", "    value: 1e400", "figures[0].value", "finite number", "    value: 1e400"),
    (
        "    quote: false\n    verb: said",
        "    quote: perhaps\n    verb: said",
        "claims[0].quote",
        "write true or false",
        "    quote: perhaps",
    ),
]


@pytest.fixture
def project(tmp_path):
    root = make_project(tmp_path, {"a.txt": ARTICLE})
    extract_project(Project(root))
    return root


def brief_path(root):
    return next((root / "content" / "briefs").glob("*.yml"))


@pytest.mark.parametrize("old, new, field, message, pointed", MISTAKES, ids=[m[2] or "no-error" for m in MISTAKES])
def test_each_mistake_is_named_with_file_line_and_field(project, old, new, field, message, pointed):
    path = brief_path(project)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--project", str(project)])
    if field is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1
    all_lines = text.splitlines()
    expected_line = len(all_lines) - all_lines[::-1].index(pointed)  # the last line that reads so
    lines = [line for line in result.output.splitlines() if line.startswith("error: ")]
    wanted = re.compile(rf"^error: content/briefs/{re.escape(path.name)}:{expected_line}:\d+: {re.escape(field)}: ")
    assert any(wanted.match(line) and message in line for line in lines), lines


def test_syntax_error_points_at_the_line(project):
    path = brief_path(project)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = "source:\n   file: misindented"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--project", str(project)])
    assert result.exit_code == 1
    assert re.search(rf"content/briefs/{re.escape(path.name)}:\d+:\d+: YAML syntax", result.output)


def test_all_problems_of_all_files_at_once(project):
    path = brief_path(project)
    text = path.read_text(encoding="utf-8").replace("kind: report", "kind: rumour")
    text = text.replace("    speaker: ines-falk", "    speaker: nobody")
    path.write_text(text, encoding="utf-8")
    actors = project / "content" / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("type: person", "type: alien", 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--project", str(project)])
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3, errors
    assert any("content/actors.yml:" in line and "actors[0].type" in line for line in errors)


def test_anchors_and_python_tags_are_refused(project):
    path = brief_path(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("title: Bridge Vote Delayed", "title: &t Bridge Vote Delayed\nsummary2: *t"), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["check", "--project", str(project)])
    assert result.exit_code == 1 and "anchors and aliases are not allowed" in result.output
    path.write_text(
        text.replace("title: Bridge Vote Delayed", "title: !!python/object/apply:os.system [echo hi]"), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["check", "--project", str(project)])
    assert result.exit_code == 1 and "content/briefs/" in result.output


def test_odd_yaml_found_by_fuzzing_is_a_clean_error(tmp_path):
    """A lone "=" made the YAML parser hand back a node without a position (fuzz finding)."""
    from generator.core.errors import DigestError
    from generator.core.model import Brief
    from generator.core.store import load_model

    path = tmp_path / "x.yml"
    path.write_text("=")
    with pytest.raises(DigestError) as info:
        load_model(path, Brief)
    assert "x.yml" in str(info.value)


@pytest.mark.parametrize(
    "text, words",
    [
        (
            "title: Talks: day two\nkind: report\n",
            "a colon followed by a space inside a value: put the whole text in quotes",
        ),
        ("claims:\n  - id: a\n\ttext: x\n", "a tab character: YAML indents with spaces only"),
        ("claims:\n  - id: a\n    text: x\n   verb: said\n", "this line is indented 3 spaces and the line above 4"),
        ("a:\n  b: 1\n    c: 2\n", "this line is indented 4 spaces and the line above 2"),
    ],
)
def test_common_yaml_slips_are_said_in_the_editors_words(text, words):
    from generator.core.errors import DigestError
    from generator.core.store import parse_yaml

    with pytest.raises(DigestError) as caught:
        parse_yaml(text, "content/briefs/x.yml")
    assert words in str(caught.value)


def test_an_article_changed_after_a_clean_check_is_checked_again(project):
    """Evidence found in its article is remembered by the article's bytes: a check after
    the article lost the sentence reports it, and a check after it is back is clean."""
    check = ["check", "--project", str(project)]
    assert CliRunner().invoke(app, check).exit_code == 0
    assert CliRunner().invoke(app, check).exit_code == 0  # now from what the first check remembered
    article = project / "content" / "articles" / "a.txt"
    article.write_text(ARTICLE.replace("would be delayed", "might slip"), encoding="utf-8")
    result = CliRunner().invoke(app, check)
    assert result.exit_code == 1 and "evidence is not a sentence of the article" in result.output
    article.write_text(ARTICLE, encoding="utf-8")
    assert CliRunner().invoke(app, check).exit_code == 0
