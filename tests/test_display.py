"""Figures on pages read as people write them, whatever the stored value looks like."""

from __future__ import annotations

import re

import pytest

from generator.core.model import Figure
from generator.site.display import amount, figure_value


@pytest.mark.parametrize(
    "value, unit, shown",
    [
        (3.5e11, "USD", "$350bn"),
        (1.06e10, "USD", "$10.6bn"),
        (8e9, "GBP", "£8bn"),
        (2.5e12, "EUR", "€2.5tn"),
        (4e7, "CHF", "CHF 40m"),
        (725, "USD/ton", "$725 per ton"),
        (3.7, "percent", "3.7%"),
        (31680, "troops", "31,680 troops"),
        (1.2e6, "people", "1.2 million people"),
        (0.25, "fraction", "25%"),
        (2, "ratio", "2 to 1"),
        (3, "times", "3×"),
        (12345678.9, None, "12.35 million"),
    ],
)
def test_amounts_read_as_written(value, unit, shown):
    assert amount(value, unit) == shown


def _figure(**fields) -> Figure:
    return Figure(**{"id": "f-1", "text": "x", "evidence": "x", "value": 1.0, **fields})


def test_ranges_rates_and_hedges():
    assert figure_value(_figure(value=10, value_max=20, unit="years")) == "10–20 years"
    assert figure_value(_figure(value=2, value_max=3, unit="percent")) == "2–3%"
    assert figure_value(_figure(value=5e9, value_max=8e9, unit="USD")) == "$5bn–$8bn"
    assert figure_value(_figure(value=5e9, unit="USD", per="year", approx=True)) == "≈ $5bn per year"


def test_no_exponent_in_any_value():
    for exponent in range(-3, 16):
        for unit in ("USD", "percent", "people", None):
            assert not re.search(r"\de[+-]?\d", amount(1.2345 * 10**exponent, unit))


def test_the_figures_page_shows_no_exponent_and_sorts_within_a_unit(seed_site):
    page = (seed_site / "site" / "figures" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="digest-sortable digest-table"') : page.index("</table>")]
    cells = re.findall(r"<td data-label=\"Value\" data-value=\"[^\"]*\">([^<]*)</td>", table)
    assert cells and not any(re.search(r"\de\+?\d", cell) for cell in cells)
    assert 'class="digest-table-scroll"' in page


def test_evidence_is_shown_only_where_it_adds_to_the_claim():
    from generator.site.display import evidence_adds

    assert not evidence_adds("We will not back down.", "“We will not back down,” Kolding said.")
    assert not evidence_adds("the port must stay public", "The port must stay public.")
    assert evidence_adds(
        "the port must stay public",
        "Speaking after a tense council meeting on Monday night, Kolding said the port must stay public.",
    )


def test_a_quotation_is_printed_once_on_the_brief_page(tmp_path):
    from generator.content.refresh import extract_project
    from generator.core.project import Project
    from generator.site.pages import site_files

    from .conftest import ROOT, make_project

    root = make_project(tmp_path, {"a.txt": "Harbour Vote\n\n“The port must stay public,” Mayor Ines Dahl said.\n"})
    extract_project(Project(root))
    pages = site_files(Project(root), ROOT / "templates").pages
    claims = pages["briefs/harbour-vote.md"].split("## Claims", 1)[1].split("\n## ", 1)[0]
    assert claims.count("port must stay public") == 1, claims  # the quotation, not the sentence again
    assert pages["articles/harbour-vote.md"].startswith('---\ntitle: "Article text: Harbour Vote"')


def test_an_opinion_piece_says_so_first_and_its_figures_are_the_authors(tmp_path):
    from generator.content.refresh import extract_project
    from generator.core.project import Project
    from generator.site.pages import site_files

    from .conftest import ROOT, make_project

    text = (
        "Harbour Views\n\nI think the council should sell the harbour. I believe the port must change. "
        "The sale could raise $40 million for the town, and we should spend it on schools.\n"
    )
    root = make_project(tmp_path, {"a.txt": text})
    extract_project(Project(root))
    page = site_files(Project(root), ROOT / "templates").pages["briefs/harbour-views.md"]
    assert page.index('!!! warning "Opinion"') < page.index("Machine brief, not reviewed") < page.index("## Summary")
    assert "the author (opinion)" in page.split("## Figures", 1)[1]


def test_an_outlets_kind_and_owner_are_shown(tmp_path):
    from generator.content.refresh import extract_project
    from generator.core.project import Project
    from generator.site.pages import site_files

    from .conftest import ROOT, make_project

    article = "---\noutlet: Harbour Herald\n---\nHarbour Deal\n\nMayor Ines Dahl said the harbour would reopen.\n"
    root = make_project(tmp_path, {"a.md": article})
    project = Project(root)
    extract_project(project)
    project.sources_file.write_text(
        "sources:\n  - id: harbour-herald\n    name: Harbour Herald\n    kind: state media\n"
        "    owner: Port Authority of Example\n",
        encoding="utf-8",
    )
    pages = site_files(project, ROOT / "templates").pages
    assert (
        'class="digest-source-kind"' in pages["briefs/harbour-deal.md"]
        and "state media" in pages["briefs/harbour-deal.md"]
    )
    assert "**Owner:** Port Authority of Example" in pages["sources/harbour-herald.md"]
