"""The section registry: a new kind of brief item is one SectionSpec and one component,
and every stage (model and schema, extraction, merge, check, pages, exports) picks it up."""

from __future__ import annotations

import json

import pytest
from pydantic import Field
from ruamel.yaml import YAML

from generator.content.check import check_project
from generator.content.refresh import extract_project
from generator.core.model import (
    ITEM_ID_PATTERN,
    SECTIONS,
    Brief,
    SectionSpec,
    Slug,
    StrictModel,
    register_section,
    unregister_section,
)
from generator.core.project import Project
from generator.core.schema import schema_text
from generator.evaluate.score import SCORERS, ArticleScoring, evaluate, pair_greedily, scorer
from generator.extract.components import COMPONENTS, Extraction, component
from generator.extract.ids import make_item, stable_id
from generator.site.pages import site_files

from .conftest import make_project

ARTICLE = (
    "Harbour Talks Stall\n\n"
    "Port director Hanna Ek said that the harbour would close on Friday. "
    "The union will hold a ballot in March. "
    "The council could sell the harbour to a private operator.\n"
)


class Event(StrictModel):
    id: str = Field(pattern=ITEM_ID_PATTERN)
    when: str = Field(min_length=1)
    text: str = Field(min_length=1)
    announced_by: Slug | None = None
    evidence: str = Field(min_length=1)


@pytest.fixture
def events_section():
    """A toy "events" section: every sentence with a date."""
    register_section(SectionSpec("events", Event, "Dated events.", references=("announced_by",)))

    @component("events")
    def find_events(extraction: Extraction) -> list[Event]:
        used: set[str] = set()
        events = []
        for sent in extraction.doc.sents:
            for date in [e for e in sent.ents if e.label_ == "DATE"][:1]:
                events.append(
                    make_item(
                        Event,
                        extraction.doc,
                        id=stable_id("e", used, sent.text),
                        when=date.text,
                        text=sent.text.strip(),
                        evidence=sent.text.strip(),
                    )
                )
        return [e for e in events if e is not None]

    @scorer("events")
    def score_events(run: ArticleScoring) -> None:
        system, gold = run.items("events")
        matched = pair_greedily(system, gold, lambda s, g: float(s.get("when") == g.get("when")))
        run.tallies["events"].add(len(matched), len(system), len(gold))

    yield
    unregister_section("events")
    COMPONENTS.pop("events", None)
    SCORERS.pop("events", None)


def test_a_registered_section_is_extracted_merged_checked_and_rendered(tmp_path, events_section):
    assert "events" in Brief.model_fields and "events" in json.loads(schema_text(Brief))["properties"]
    project = Project(make_project(tmp_path, {"harbour.txt": ARTICLE}))
    assert not extract_project(project, jobs=1).problems
    path = project.briefs / "harbour-talks-stall.yml"
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    assert [e["when"] for e in data["events"]] == ["Friday", "March"]

    # Merged like any section: an edit and a deletion survive re-extraction.
    data["events"][0]["text"] = "The harbour closes on Friday (edited)."
    deleted_id = data["events"][1]["id"]
    del data["events"][1]
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    extract_project(project, force=True, jobs=1)
    data = yaml.load(path.read_text(encoding="utf-8"))
    assert [e["text"] for e in data["events"]] == ["The harbour closes on Friday (edited)."]
    assert list(data["deleted"]["events"]) == [deleted_id]
    assert check_project(project) == []

    # Checked: its evidence must be in the article, its actor references must resolve.
    data["events"][0]["evidence"] = "Nothing of the sort was written."
    data["events"][0]["announced_by"] = "nobody-known"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    problems = [str(p) for p in check_project(project)]
    assert any("events[0].announced_by" in p and "unknown actor" in p for p in problems), problems
    data["events"][0]["announced_by"] = None
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    problems = [str(p) for p in check_project(project)]
    assert any("events[0].evidence" in p and "not a sentence of the article" in p for p in problems), problems

    # Rendered on the brief page (generic list) and exported.
    data["events"][0]["evidence"] = "Port director Hanna Ek said that the harbour would close on Friday."
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    rendered = site_files(project, project.root / "templates")
    assert rendered.problems == []
    page = rendered.pages["briefs/harbour-talks-stall.md"]
    assert "## Events" in page and "The harbour closes on Friday (edited)." in page
    assert page.index("## Scenarios") < page.index("## Events")
    assert "The harbour closes on Friday (edited)." in rendered.assets["exports/events.csv"]

    # Scored against gold with the scorer registered for it, beside the contract's sections.
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "harbour.yml").write_text("article: harbour.txt\nevents:\n  - when: Friday\n  - when: June\n")
    tallies, missing = evaluate(project.briefs, gold)
    assert missing == [] and list(tallies)[-2:] == ["events", "kind"]
    assert (tallies["events"].tp, tallies["events"].system, tallies["events"].gold) == (1, 1, 2)


def test_unregistering_restores_the_contract(events_section):
    assert "events" in SECTIONS
    unregister_section("events")
    assert "events" not in Brief.model_fields
    assert list(SECTIONS) == ["actors", "claims", "figures", "scenarios"]
    with pytest.raises(ValueError, match="cannot be unregistered"):
        unregister_section("actors")
