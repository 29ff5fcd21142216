"""Which actors an item names (``about``) and which topics it is on (``topics``) are
judged once, at extraction, and stored in the brief: editors see and correct them, the
site follows the brief, and re-extraction keeps the correction."""

from __future__ import annotations

import csv
import io

from generator.articles.ingest import Article
from generator.content.check import check_project
from generator.content.refresh import extract_project
from generator.core.project import Project
from generator.extract.extractor import extract_brief
from generator.site.pages import site_files

from .conftest import make_project
from .test_reextract import edit, load

ARTICLE = (
    "Harbour Sale Stalls\n\n"
    "Port director Hanna Ek said that Norway would block the sale of the harbour. "
    "Council leader Olle Berg said the harbour was worth more than Norway offered. "
    "Mayor Lisa Holm said the budget for schools was balanced.\n"
)
TOPICS = (
    "topics:\n"
    "  - id: harbours\n    title: Harbours\n    terms: [harbour]\n"
    "  - id: schools\n    title: Schools\n    terms: [schools, teachers]\n"
)


def project_with_topics(tmp_path) -> Project:
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    (root / "content" / "topics.yml").write_text(TOPICS, encoding="utf-8")
    return Project(root)


def section(page: str, heading: str) -> str:
    """The part of a generated page under the heading that starts with ``heading``."""
    parts = page.split("\n## ")
    return next((part for part in parts if part.startswith(heading)), "")


def claim_saying(brief: dict, words: str) -> dict:
    return next(c for c in brief["claims"] if words in c["evidence"])


def test_extraction_stores_the_actors_an_item_names_and_its_topics(nlp):
    article = Article(
        id="t",
        file="content/articles/t.txt",
        sha256="0" * 64,
        title="Harbour Sale Stalls",
        body=ARTICLE.split("\n\n", 1)[1],
    )
    brief = extract_brief(article, nlp(article.body), [("harbours", ["harbour"]), ("schools", ["schools"])])
    assert brief.topics == ["harbours"]  # "schools" occurs once: the article is not on it
    by_speaker = {c.speaker: c for c in brief.claims}
    assert by_speaker["hanna-ek"].about == ["norway"] and by_speaker["hanna-ek"].topics == ["harbours"]
    assert by_speaker["lisa-holm"].about == [] and by_speaker["lisa-holm"].topics == []
    assert all(c.speaker not in (c.about or []) for c in brief.claims)


def test_the_site_follows_an_editors_correction_and_re_extraction_keeps_it(tmp_path):
    project = project_with_topics(tmp_path)
    extract_project(project, jobs=1)
    path = project.briefs / "harbour-sale-stalls.yml"
    pages = site_files(project, project.templates).pages
    said_about = section(pages["actors/norway.md"], "What others said")
    assert "block the sale" in said_about and "worth more" in said_about
    assert "*said*: Norway would block" in section(pages["topics/harbours.md"], "Side by side")

    def correct(data) -> None:
        claim = claim_saying(data, "block the sale")
        claim["about"] = []
        claim["topics"] = []

    edit(path, correct)
    pages = site_files(project, project.templates).pages
    said_about = section(pages["actors/norway.md"], "What others said")
    assert "block the sale" not in said_about and "worth more" in said_about  # the untouched claim still names Norway
    side_by_side = section(pages["topics/harbours.md"], "Side by side")
    assert "*said*: Norway would block" not in side_by_side and "*said*: the harbour was worth" in side_by_side

    (project.articles / "harbour.txt").write_text(ARTICLE + "Officials expect a decision by March.\n")
    extract_project(project, jobs=1)
    corrected = claim_saying(load(path), "block the sale")
    assert corrected["about"] == [] and corrected["topics"] == []


def test_deleting_an_actor_takes_it_off_about_lists_and_keeps_the_items(tmp_path):
    project = project_with_topics(tmp_path)
    extract_project(project, jobs=1)
    path = project.briefs / "harbour-sale-stalls.yml"

    def delete_norway_after_editing_a_claim(data) -> None:
        claim_saying(data, "block the sale")["text"] = "Norway would block the sale (edited)"  # the editor's item now
        del data["actors"][next(i for i, a in enumerate(data["actors"]) if a["id"] == "norway")]

    edit(path, delete_norway_after_editing_a_claim)
    (project.articles / "harbour.txt").write_text(ARTICLE + "Officials expect a decision by March.\n")
    report = extract_project(project, jobs=1)
    assert not report.problems, report.problems
    after = load(path)
    assert "norway" in after["deleted"]["actors"] and "norway" not in [a["id"] for a in after["actors"]]
    edited = claim_saying(after, "block the sale")
    assert edited["text"] == "Norway would block the sale (edited)" and edited["about"] == []
    assert claim_saying(after, "worth more")["about"] == []


def test_check_and_exports_read_the_stored_judgments(tmp_path):
    project = project_with_topics(tmp_path)
    extract_project(project, jobs=1)
    path = project.briefs / "harbour-sale-stalls.yml"
    exported = site_files(project, project.templates).assets["exports/claims.csv"]
    row = next(r for r in csv.DictReader(io.StringIO(exported)) if "block the sale" in r["evidence"])
    assert row["about"] == "norway" and row["about_names"] == "Norway" and row["topics"] == "harbours"

    edit(path, lambda data: claim_saying(data, "block the sale")["topics"].append("harbors"))
    problems = [p for p in check_project(project) if "harbors" in p.message]
    assert len(problems) == 1 and "did you mean 'harbours'" in problems[0].message
    assert problems[0].field.startswith("claims[") and problems[0].field.endswith("].topics[1]") and problems[0].line

    edit(path, lambda data: claim_saying(data, "block the sale")["about"].append("sweden"))
    problems = [p for p in check_project(project) if "sweden" in p.message]
    assert problems and "unknown actor" in problems[0].message
