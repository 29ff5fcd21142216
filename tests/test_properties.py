"""Property tests: random text, bytes and YAML fed to ingest, extract, check and render.
Every outcome is a result or the project's own DigestError with a message, never a crash."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.articles.ingest import read_article
from generator.content.merge import build_digest
from generator.content.registry import Registries, load_registries
from generator.core.errors import DigestError
from generator.core.model import Actor, Brief, Claim, Source
from generator.core.project import Project
from generator.core.store import load_model
from generator.extract.extractor import extract_brief
from generator.site.render import escape_text, render_pages

from .strategies import (
    front_matter_articles,
    news_text,
    registry_documents,
    yaml_values,
)

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(data: bytes, suffix: str = ".txt"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        return read_article(path, Path(folder))


def only_our_errors(function, *args):
    try:
        return function(*args)
    except DigestError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return None


@SETTINGS
@given(st.binary(max_size=2000))
def test_ingest_random_bytes(data):
    only_our_errors(read, data)


@SETTINGS
@given(news_text, st.sampled_from([".txt", ".md"]))
def test_ingest_random_text(text, suffix):
    article = only_our_errors(read, text.encode("utf-8"), suffix)
    if article is not None:
        assert article.id and article.body.strip()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(news_text.filter(lambda t: t.strip()))
def test_extract_random_text(nlp, text):
    article = only_our_errors(read, text.encode("utf-8"))
    if article is None:
        return
    brief = extract_brief(article, nlp(article.body))
    Brief.model_validate(brief.model_dump())
    for item in [*brief.claims, *brief.figures, *brief.scenarios]:
        assert item.evidence in article.body


@SETTINGS
@given(news_text)
def test_check_random_yaml_text(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yml"
        path.write_text(text, encoding="utf-8")
        only_our_errors(load_model, path, Brief)


@SETTINGS
@given(yaml_values)
def test_check_random_yaml_structures(value):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yml"
        path.write_text(yaml.safe_dump(value), encoding="utf-8")
        only_our_errors(load_model, path, Brief)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip()), st.text(min_size=1, max_size=80).filter(str.strip))
def test_render_random_text_stays_text(title, said):
    actor = Actor(id="a-b", name=said, type="person")
    claim = Claim(id="c-1", speaker="a-b", verb="said", text=said, evidence=said)
    brief = Brief(
        id="x",
        title=title,
        source=Source(file="content/articles/x.txt", sha256="0" * 64),
        actors=[actor],
        claims=[claim],
    )
    pages = render_pages(build_digest(Registries(), [brief]), ROOT / "templates")
    page = pages["briefs/x.md"]
    assert str(escape_text(title)) in page and str(escape_text(said)) in page
    inert = re.sub(r"&#\d+;", "", str(escape_text(title + said)))
    assert not set(inert) & set("<>[]|{}`*_#\\&")


@SETTINGS
@given(front_matter_articles())
def test_front_matter_gives_an_article_or_an_error_with_a_line(text):
    """Hostile or careless front matter (YAML 1.1 booleans, impossible dates, unknown keys,
    markup in URLs) is read as YAML 1.2 or refused with a message naming the line."""
    try:
        article = read(text.encode("utf-8"), ".md")
    except DigestError as exc:
        assert exc.problems and all(p.message and p.file for p in exc.problems)
        return
    for value in (article.title, article.outlet, article.author):
        assert value is None or isinstance(value, str)
    assert article.url is None or ("\n" not in article.url and article.url.startswith(("http://", "https://")))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registry_documents())
def test_a_registry_loads_or_is_reported_never_crashes_the_site(document):
    """Any registry text: loaded, or reported with its file; the digest and its pages
    are built either way (a broken registry counts as empty)."""
    name, text = document
    with tempfile.TemporaryDirectory() as folder:
        project = Project(Path(folder))
        project.content.mkdir()
        (project.content / name).write_text(text, encoding="utf-8")
        registries, problems = load_registries(project)
    assert all(p.file == f"content/{name}" and p.message for p in problems)
    actor = Actor(id="ines-dahl", name="Ines Dahl", type="person")
    brief = Brief(
        id="x",
        title="Harbour",
        source=Source(file="content/articles/x.txt", sha256="0" * 64),
        actors=[actor],
        claims=[Claim(id="c-1", speaker="ines-dahl", verb="said", text="t", evidence="e")],
    )
    pages = render_pages(build_digest(registries, [brief]), ROOT / "templates")
    assert "briefs/x.md" in pages


FILE_NAME_BYTES = st.binary(min_size=1, max_size=80).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_"))


@settings(max_examples=60, deadline=None)
@given(name=FILE_NAME_BYTES)
def test_any_file_name_is_read_or_refused_with_a_readable_message(name):
    """File names as bytes: any name (not UTF-8, control characters, escape sequences, dots)
    is read, or refused with a DigestError whose message a terminal prints as it is."""
    import os

    from generator.articles.ingest import find_articles
    from generator.core.errors import Problem

    if name in (b".", b".."):
        return
    with tempfile.TemporaryDirectory() as folder:
        articles = Path(folder) / "content" / "articles"
        articles.mkdir(parents=True)
        path = Path(os.fsdecode(os.path.join(os.fsencode(articles), name + b".txt")))
        try:
            path.write_text("Talks\n\nMinister Ola Berg said that Norway would join the fund.\n", encoding="utf-8")
        except OSError:
            return  # a name the file system itself refuses (too long)
        for found in find_articles([articles]):
            try:
                read_article(found, Path(folder))
            except DigestError as exc:
                shown = str(exc)
                assert not any(ord(c) < 32 or 0xDC80 <= ord(c) <= 0xDCFF for c in shown.replace("\n", "")), shown
            str(Problem(os.fsdecode(os.fsencode(found)), "x"))  # printable whatever the name
