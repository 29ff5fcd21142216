"""One bad file never takes down the others, in every command (issue: a broken brief stopped
`digest extract` and `digest build`; an impossible date crashed check, build and mkdocs)."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from generator.cli import app

from .conftest import make_project

GOOD = "Harbour Deal\n\nMayor Ines Dahl said the harbour would reopen in May.\n"
OTHER = "Bridge Vote\n\nCouncillor Ola Berg said the bridge would cost $5 million.\n"


def _run(root, *args):
    return CliRunner().invoke(app, [*args, "--project", str(root)])


def test_a_broken_brief_spares_extraction_and_the_site(tmp_path):
    root = make_project(tmp_path, {"a.txt": GOOD, "b.txt": OTHER})
    assert _run(root, "extract").exit_code == 0
    broken = root / "content" / "briefs" / "harbour-deal.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: report", "kind: [report"), encoding="utf-8")
    (root / "content" / "articles" / "b.txt").write_text(OTHER + "\nHe added that the vote was close.\n")
    result = _run(root, "build")
    assert result.exit_code == 0, result.output
    assert "error: content/briefs/harbour-deal.yml" in result.output and "brief left as it is" in result.output
    assert "kind: [report" in broken.read_text(encoding="utf-8")  # the editor's file is not overwritten
    assert (root / "site" / "briefs" / "bridge-vote" / "index.html").is_file()
    assert "He added" in (root / "content" / "briefs" / "bridge-vote.yml").read_text(encoding="utf-8")
    assert _run(root, "build", "--strict").exit_code == 1


def test_an_impossible_date_is_an_error_with_its_line_everywhere(tmp_path):
    root = make_project(
        tmp_path, {"a.md": "---\ntitle: Harbour Deal\npublished: 2024-03-05\n---\n" + GOOD, "b.txt": OTHER}
    )
    assert _run(root, "build").exit_code == 0
    article = root / "content" / "articles" / "a.md"
    article.write_text(article.read_text(encoding="utf-8").replace("2024-03-05", "2024-02-30"), encoding="utf-8")
    for args in (("extract",), ("check",), ("build",)):
        result = _run(root, *args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    result = _run(root, "build")
    assert result.exit_code == 0 and "a.md:3: front matter: day is out of range" in result.output
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True, text=True)
    assert mkdocs.returncode == 0 and "Traceback" not in mkdocs.stderr, mkdocs.stderr
    assert (root / "site" / "briefs" / "bridge-vote" / "index.html").is_file()


def test_reserved_and_non_latin_names_get_their_own_pages(tmp_path):
    """An article titled "Index" (any spelling) cannot replace a listing page; outlets in
    Cyrillic or Chinese get transliterated ids instead of an empty one."""
    root = make_project(
        tmp_path,
        {
            "a.md": "---\ntitle: Index\noutlet: ТАСС\n---\n" + GOOD,
            "b.md": "---\ntitle: ＩＮＤＥＸ\noutlet: 新华社\n---\n" + OTHER,
        },
    )
    result = _run(root, "build", "--strict")
    assert result.exit_code == 0, result.output
    ids = sorted(p.stem for p in (root / "content" / "briefs").glob("*.yml"))
    assert len(ids) == 2 and "index" not in ids and all(i.startswith("index-") for i in ids)
    listing = (root / "site" / "briefs" / "index.html").read_text(encoding="utf-8")
    assert "briefs, newest first" in listing and "<h1" in listing
    sources = sorted(p.name for p in (root / "site" / "sources").iterdir() if p.is_dir())
    assert sources == ["tass", "xin-hua-she"]
    (root / "content" / "topics.yml").write_text("topics:\n  - id: index\n    title: Everything\n", encoding="utf-8")
    check = _run(root, "check")
    assert check.exit_code == 1 and "topics.yml:2" in check.output and "reserved" in check.output


def test_only_regular_files_under_articles_are_published(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private Note\n\nThe safe code is 4711, said Mayor Ines Dahl.\n", encoding="utf-8")
    root = make_project(tmp_path, {"a.txt": GOOD})
    (root / "content" / "articles" / "link.txt").symlink_to(secret)
    result = _run(root, "build")
    assert result.exit_code == 0, result.output
    assert not any("4711" in p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html"))
    brief = root / "content" / "briefs" / "harbour-deal.yml"
    brief.write_text(
        brief.read_text(encoding="utf-8").replace("file: content/articles/a.txt", "file: mkdocs.yml"), encoding="utf-8"
    )
    assert _run(root, "build", "--no-extract").exit_code == 0
    assert not (root / "site" / "articles" / "harbour-deal").exists()


def test_a_nesting_bomb_is_refused_before_any_parser_sees_it(tmp_path):
    """30,000 "[" made PyYAML's C parser crash the process (exit 139) in check, extract and build."""
    root = make_project(tmp_path, {"a.txt": GOOD, "b.md": "---\ntitle: " + "[" * 30000 + "\n---\n" + OTHER})
    assert _run(root, "extract").exit_code == 0
    (root / "content" / "briefs" / "bomb.yml").write_text("id: bomb\nkind: " + "[" * 30000 + "\n", encoding="utf-8")
    (root / "content" / "topics.yml").write_text("topics: " + "{a: " * 30000 + "\n", encoding="utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--project", str(root)], capture_output=True, text=True
    )
    assert check.returncode == 1, check.stderr
    assert check.stderr.count("nested more than 100 levels deep") == 2
    build = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--project", str(root)], capture_output=True, text=True
    )
    assert build.returncode == 0, build.stderr
    assert "b.md" in build.stderr and build.stderr.count("nested more than 100 levels deep") >= 2
    assert (root / "site" / "briefs" / "harbour-deal" / "index.html").is_file()


GOOD_ARTICLE = "Talks\n\nMinister Ola Berg said that Norway would join the fund.\n"


def test_a_file_name_that_is_not_utf8_is_named_and_spares_the_rest(tmp_path):
    """One such name once crashed every build (a traceback in the fingerprint, --force too).
    It is reported with readable escapes, never reaches the terminal raw (an escape
    sequence in a name would rewrite it), and every other article and page builds."""
    import os

    root = make_project(tmp_path, {"good.txt": GOOD_ARTICLE})
    bad_name = b"caf\xe9\x1b[31m.txt"
    with open(os.path.join(os.fsencode(root / "content" / "articles"), bad_name), "wb") as handle:
        handle.write(b"Cafe Talks\n\nMinister Ola Berg said that Norway would leave the fund.\n")
    (root / "content" / "pages").mkdir(parents=True, exist_ok=True)
    with open(os.path.join(os.fsencode(root / "content" / "pages"), b"p\xff.md"), "wb") as handle:
        handle.write(b"# A page\n")
    for flags in ([], ["--force"]):
        built = subprocess.run(
            [sys.executable, "-m", "generator.cli", "build", *flags, "--project", str(root)], capture_output=True
        )
        output = built.stdout + built.stderr
        assert built.returncode == 0, output.decode("utf-8", "replace")
        assert b"Traceback" not in output and b"\x1b[31m.txt" not in output
        assert b"caf\\xe9\\x1b[31m.txt: the file name is not valid UTF-8" in output
        assert b"p\\xff.md: the file name is not valid UTF-8" in output
    assert (root / "site" / "briefs" / "talks" / "index.html").is_file()
    strict = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--strict", "--force", "--project", str(root)],
        capture_output=True,
    )
    assert strict.returncode == 1


def test_links_out_of_the_project_are_never_read(tmp_path):
    """A link in content/pages to /proc/self/environ published the build's environment."""
    root = make_project(tmp_path, {"good.txt": GOOD_ARTICLE})
    secret = tmp_path / "secret.txt"
    secret.write_text("CI_TOKEN=hunter2\n", encoding="utf-8")
    (root / "content" / "pages").mkdir(parents=True, exist_ok=True)
    (root / "content" / "pages" / "env.md").symlink_to(secret)
    (root / "content" / "pages" / "inside.md").symlink_to(root / "content" / "articles" / "good.txt")
    (root / "content" / "actors.yml").symlink_to(secret)
    result = CliRunner().invoke(app, ["build", "--project", str(root)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "content/pages/env.md: is a symbolic link that leads out of the project" in output
    assert "content/actors.yml: is a symbolic link that leads out of the project" in output
    assert not any(
        "hunter2" in p.read_text(encoding="utf-8", errors="replace") for p in (root / "site").rglob("*") if p.is_file()
    )
    assert (root / "site" / "inside" / "index.html").is_file()  # a link inside the project is fine
    out = tmp_path / "docs"
    assert CliRunner().invoke(app, ["render", "--out", str(out), "--project", str(root)]).exit_code == 0
    assert not (out / "env.md").exists() and (out / "inside.md").is_file()


def test_one_bad_item_is_left_out_and_the_brief_builds(tmp_path):
    """A typo in one speaker id once removed the whole brief, its article page and its
    actors' pages from the site, with the message only in the terminal."""
    root = make_project(tmp_path, {"a.txt": GOOD, "b.txt": OTHER})
    assert _run(root, "extract").exit_code == 0
    brief = root / "content" / "briefs" / "harbour-deal.yml"
    text = brief.read_text(encoding="utf-8")
    assert "    speaker: ines-dahl" in text
    brief.write_text(text.replace("    speaker: ines-dahl", "    speaker: ines-dahll", 1), encoding="utf-8")
    result = _run(root, "build")
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "content/briefs/harbour-deal.yml:" in output and "unknown actor 'ines-dahll'" in output
    assert "this item is left out; the rest of the brief builds" in output
    page = root / "site" / "briefs" / "harbour-deal" / "index.html"
    assert page.is_file() and (root / "site" / "articles" / "harbour-deal" / "index.html").is_file()
    assert "ines-dahll" in brief.read_text(encoding="utf-8")  # the editor's file is untouched
    assert _run(root, "build", "--strict", "--force").exit_code == 1
