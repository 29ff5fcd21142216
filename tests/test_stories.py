"""Stories: briefs from different outlets that report the same event. Unit tests on briefs
written here (never the development articles), editors' corrections, the pages, and a
ratchet on ../shared/stories with its own scorer."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.content.merge import build_digest
from generator.content.registry import Registries, load_registries, write_stories
from generator.content.stories import WINDOW_DAYS, cluster_briefs, find_stories
from generator.core.model import Brief, Story
from generator.core.project import Project

from .conftest import SHARED, add_story_articles, make_project, require_shared, scorer_json

# ../shared/stories (B-cubed F1, adjusted Rand index): 1.000/1.000 measured, floors a
# little below; the targets are 0.96 and 0.90, the TF-IDF baseline reads 0.889/0.703.
STORIES_FLOORS = {"bcubed_f1": 0.98, "ari": 0.95}


def brief(brief_id: str, title: str, summary: str, day: str | None, outlet: str, *evidence: str) -> Brief:
    """A brief as an extractor would write it: a lead and the sentences its claims cite."""
    claims = [
        {"id": f"c{n}", "text": sentence, "evidence": sentence, "speaker": None} for n, sentence in enumerate(evidence)
    ]
    return Brief.model_validate(
        {
            "id": brief_id,
            "title": title,
            "summary": summary,
            "source": {
                "file": f"content/articles/{brief_id}.txt",
                "sha256": "0" * 64,
                "outlet": outlet,
                "published": day,
            },
            "claims": claims,
        }
    )


HARBOUR_A = brief(
    "harbour-a",
    "Port of Velmar sold to Castor Shipping for 1.2 billion",
    "The city council of Velmar approved the sale of its container port to Castor Shipping on Tuesday.",
    "2031-05-06",
    "Velmar Post",
    "The council voted 31 to 12 for the sale of the container port to Castor Shipping.",
    "Castor Shipping will pay 1.2 billion for the container port, the mayor said.",
)
HARBOUR_B = brief(
    "harbour-b",
    "Velmar council votes to sell container port to Castor",
    "Velmar's councillors backed the sale of the city's container port to Castor Shipping in a 31-12 vote.",
    "2031-05-07",
    "Coastal Wire",
    "Castor Shipping agreed to pay 1.2 billion for the container port.",
    "Dockworkers protested outside the council before the vote on the port sale.",
)
HARBOUR_SHARES = brief(
    "harbour-shares",
    "Castor Shipping shares rise after Velmar port sale vote",
    "Shares in Castor Shipping rose 4% after the Velmar council approved the sale of its container port.",
    "2031-05-07",
    "Markets Daily",
    "Investors welcomed the container port sale approved by the Velmar council.",
)
# The same city and company, another event: a strike at the same port.
HARBOUR_STRIKE = brief(
    "harbour-strike",
    "Velmar dockworkers strike over night shifts",
    "Dockworkers at the Velmar container port walked out on Wednesday in a dispute over night shifts and pay.",
    "2031-05-08",
    "Coastal Wire",
    "The union said the strike over night shifts would last two days.",
    "Night shift pay has not changed since 2024, the union said.",
)


def test_reports_of_one_event_are_one_story_whatever_their_angle():
    groups = cluster_briefs([HARBOUR_A, HARBOUR_B, HARBOUR_SHARES])
    assert [[b.id for b in g] for g in groups] == [["harbour-a", "harbour-b", "harbour-shares"]]


def test_stories_found_before_are_read_back_until_what_they_compare_changes(tmp_path, monkeypatch):
    """A claim reworded or given another speaker leaves every lead and cited sentence as it
    was: the groups are read back, not clustered again. A new title clusters again."""
    import generator.content.stories as stories
    from generator.core.store import ResultCache

    runs = []
    clusters = stories._clusters
    monkeypatch.setattr(stories, "_clusters", lambda briefs: runs.append(1) or clusters(briefs))
    cache = ResultCache(tmp_path / "stories")
    briefs = [HARBOUR_A, HARBOUR_B, HARBOUR_SHARES, HARBOUR_STRIKE]
    uncached = [[b.id for b in g] for g in clusters(briefs)]
    assert [[b.id for b in g] for g in cluster_briefs(briefs, cache)] == uncached and len(runs) == 1
    reworded = HARBOUR_B.model_copy(
        update={"claims": [c.model_copy(update={"text": "Reworded by an editor."}) for c in HARBOUR_B.claims]}
    )
    again = cluster_briefs([HARBOUR_A, reworded, HARBOUR_SHARES, HARBOUR_STRIKE], cache)
    assert [[b.id for b in g] for g in again] == uncached and len(runs) == 1
    assert again[0][1] is reworded  # the briefs handed in, not the ones cached
    retitled = HARBOUR_STRIKE.model_copy(update={"title": "Velmar dockers strike over the port sale"})
    cluster_briefs([HARBOUR_A, HARBOUR_B, HARBOUR_SHARES, retitled], cache)
    assert len(runs) == 2


def test_the_same_place_and_company_in_another_event_is_another_story():
    groups = cluster_briefs([HARBOUR_A, HARBOUR_B, HARBOUR_STRIKE])
    assert [[b.id for b in g] for g in groups] == [["harbour-a", "harbour-b"]]


# Two decisions of one court on the same sale, a day apart: opposite outcomes.
HARBOUR_NOT_HALTED = brief(
    "harbour-not-halted",
    "Court declines to halt sale of Velmar container port to Castor Shipping",
    "A Velmar court on Wednesday declined to halt the sale of the city's container port to Castor Shipping.",
    "2031-05-07",
    "Coastal Wire",
    "The dockworkers' union had asked the court to halt the port sale to Castor Shipping.",
)
HARBOUR_HALTED = brief(
    "harbour-halted",
    "Court halts sale of Velmar container port to Castor Shipping",
    "A Velmar court on Thursday temporarily halted the sale of the city's container port to Castor Shipping.",
    "2031-05-08",
    "Velmar Post",
    "The dockworkers' union had asked the court to halt the port sale to Castor Shipping.",
)
# Castor's own results a day after the vote: the body retells the sale, the headline does not.
CASTOR_RESULTS = brief(
    "castor-results",
    "Castor profit falls 20% as freight rates weaken",
    "The shipping group reported a 20% fall in first-quarter profit on Thursday, hit by weaker freight rates.",
    "2031-05-08",
    "Markets Daily",
    "The results follow the Velmar council's 31 to 12 vote for the sale of the container port to Castor Shipping.",
    "Castor Shipping will pay 1.2 billion for the container port.",
)


def test_opposite_outcomes_of_one_action_are_two_stories(monkeypatch):
    from generator.content import stories

    assert stories._outcomes("Court declines to halt the sale") == ({"court", "sal"}, {"halt"})
    assert stories._outcomes("Senate won't be voting on the budget") == ({"senat", "budget"}, {"vot"})
    assert cluster_briefs([HARBOUR_NOT_HALTED, HARBOUR_HALTED]) == []
    monkeypatch.setattr(stories, "_opposite", lambda a, b: False)  # the words alone would join them
    assert len(cluster_briefs([HARBOUR_NOT_HALTED, HARBOUR_HALTED])) == 1


def test_a_report_that_retells_an_event_only_in_its_body_is_another_story(monkeypatch):
    from generator.content import stories

    assert cluster_briefs([HARBOUR_A, CASTOR_RESULTS]) == []
    monkeypatch.setattr(stories, "HEADLINE_SHARED", 0.0)  # the words alone would join them
    assert len(cluster_briefs([HARBOUR_A, CASTOR_RESULTS])) == 1


def test_reports_further_apart_than_the_window_are_never_compared():
    late = HARBOUR_B.model_copy(deep=True, update={"id": "harbour-late"})
    late.source.published = dt.date(2031, 5, 6) + dt.timedelta(days=WINDOW_DAYS + 1)
    assert cluster_briefs([HARBOUR_A, late]) == []
    close = HARBOUR_B.model_copy(deep=True, update={"id": "harbour-close"})
    close.source.published = dt.date(2031, 5, 6) + dt.timedelta(days=WINDOW_DAYS)
    assert len(cluster_briefs([HARBOUR_A, close])) == 1


def test_an_undated_brief_joins_no_story():
    undated = HARBOUR_B.model_copy(deep=True, update={"id": "harbour-undated"})
    undated.source.published = None
    assert cluster_briefs([HARBOUR_A, undated]) == []


def test_briefs_without_a_word_to_compare_join_no_story():
    empty = [
        HARBOUR_A.model_copy(update={"id": f"e{n}", "title": "The", "summary": "", "claims": []}) for n in range(2)
    ]
    assert cluster_briefs(empty) == []


def test_a_found_story_is_named_after_its_first_report():
    (story,) = find_stories([HARBOUR_B, HARBOUR_A])
    assert story.title == HARBOUR_A.title and story.briefs == ["harbour-a", "harbour-b"] and not story.reviewed
    assert story.id == "port-of-velmar-sold-to-castor-shipping-for-1-2-billion"


def test_an_editors_story_is_kept_as_written_and_its_briefs_join_no_other():
    split = [
        Story(id="port-sale", title="Velmar sells its port", briefs=["harbour-a", "harbour-b"], reviewed=True),
        Story(id="shares-alone", title="Castor shares", briefs=["harbour-shares"], reviewed=True),
        Story(id="ignored", title="Machine story", briefs=["harbour-a", "harbour-strike"], reviewed=False),
    ]
    stories = find_stories([HARBOUR_A, HARBOUR_B, HARBOUR_SHARES, HARBOUR_STRIKE], split)
    assert [(s.id, s.briefs) for s in stories] == [
        ("port-sale", ["harbour-a", "harbour-b"]),
        ("shares-alone", ["harbour-shares"]),
    ]


def test_a_brief_two_editors_stories_claim_stays_with_the_first():
    stories = find_stories(
        [HARBOUR_A, HARBOUR_B],
        [
            Story(id="first", title="First", briefs=["harbour-a", "harbour-b"], reviewed=True),
            Story(id="second", title="Second", briefs=["harbour-b", "gone"], reviewed=True),
        ],
    )
    assert [(s.id, s.briefs) for s in stories] == [("first", ["harbour-a", "harbour-b"])]


def test_a_found_story_never_takes_an_editors_id_or_a_reserved_name():
    reserved = HARBOUR_A.model_copy(update={"title": "Index"})
    twin = HARBOUR_B.model_copy(update={"title": "Index"})
    (story,) = find_stories([reserved, twin])
    assert story.id not in {"index"}


def test_the_digest_links_briefs_to_their_story():
    digest = build_digest(Registries(), [HARBOUR_A, HARBOUR_B, HARBOUR_STRIKE])
    (story,) = digest.shown_stories()
    assert digest.story_of(HARBOUR_A) is story and digest.story_of(HARBOUR_STRIKE) is None
    assert digest.story_sources(story) == ["Velmar Post", "Coastal Wire"]


def _write_briefs(root, briefs: list[Brief]) -> None:
    """Each brief with the article it cites (title, lead, then its evidence sentences)."""
    import hashlib

    from generator.content.briefs import write_brief

    folder = root / "content" / "briefs"
    for item in briefs:
        text = "\n\n".join([item.title, item.summary, *(c.evidence for c in item.claims)]) + "\n"
        article = root / "content" / "articles" / f"{item.id}.txt"
        article.write_text(text, encoding="utf-8")
        item = item.model_copy(deep=True)
        item.source.sha256 = hashlib.sha256(article.read_bytes()).hexdigest()
        write_brief(folder / f"{item.id}.yml", root / "content" / "extracted" / f"{item.id}.yml", item, text)


def test_editors_corrections_in_stories_yml_survive_every_rewrite(tmp_path):
    """`digest stories` writes every story; an editor renames one and splits a brief off by
    setting reviewed: true, with a comment; the next run keeps all three."""
    root = make_project(tmp_path)
    _write_briefs(root, [HARBOUR_A, HARBOUR_B, HARBOUR_SHARES])
    project = Project(root)
    assert CliRunner().invoke(app, ["stories", "--project", str(root)]).exit_code == 0
    written = yaml.safe_load(project.stories_file.read_text())["stories"]
    assert [s["briefs"] for s in written] == [["harbour-a", "harbour-b", "harbour-shares"]]
    project.stories_file.write_text(
        "# yaml-language-server: $schema=../generator/schemas/stories.schema.json\n"
        "stories:\n"
        "  # the market piece is a story of its own (editor, May 2031)\n"
        "  - id: port-sale\n    title: Velmar sells its container port\n"
        "    briefs: [harbour-a, harbour-b]\n    reviewed: true\n"
        "  - id: castor-shares\n    title: Castor shares\n    briefs: [harbour-shares]\n    reviewed: yes\n"
    )
    result = CliRunner().invoke(app, ["stories", "--project", str(root)])
    assert result.exit_code == 0, result.output
    text = project.stories_file.read_text()
    assert "# the market piece is a story of its own (editor, May 2031)" in text
    registries, problems = load_registries(project)
    assert problems == []
    assert [(s.id, s.title, s.briefs) for s in registries.stories] == [
        ("port-sale", "Velmar sells its container port", ["harbour-a", "harbour-b"]),
        ("castor-shares", "Castor shares", ["harbour-shares"]),
    ]
    assert write_stories(project, find_stories([HARBOUR_A, HARBOUR_B, HARBOUR_SHARES], registries.stories)) is False


def test_check_warns_of_a_reviewed_story_that_names_a_brief_gone(tmp_path):
    root = make_project(tmp_path)
    _write_briefs(root, [HARBOUR_A, HARBOUR_B])
    (root / "content" / "stories.yml").write_text(
        "stories:\n  - id: port-sale\n    title: Port sale\n    briefs: [harbour-a, harbour-gone]\n    reviewed: true\n"
    )
    result = CliRunner().invoke(app, ["check", "--project", str(root)])
    assert "story 'port-sale' names briefs that do not exist: harbour-gone" in result.output


@pytest.mark.slow
def test_story_pages_show_each_outlet_side_by_side(tmp_path):
    from generator.site.pages import site_files

    root = make_project(tmp_path)
    _write_briefs(root, [HARBOUR_A, HARBOUR_B, HARBOUR_STRIKE])
    project = Project(root)
    pages = site_files(project, root / "templates").pages
    story_page = pages["stories/port-of-velmar-sold-to-castor-shipping-for-1-2-billion.md"]
    assert story_page.count('class="digest-source-card"') == 2
    assert "Velmar Post" in story_page and "Coastal Wire" in story_page and "Velmar dockworkers" not in story_page
    assert "Port of Velmar sold" in pages["stories/index.md"]
    assert "Part of the story [Port of Velmar sold" in pages["briefs/harbour-b.md"]
    assert "Part of the story" not in pages["briefs/harbour-strike.md"]


@pytest.fixture(scope="module")
def stories_briefs(tmp_path_factory):
    """The 34 articles of ../shared/stories extracted as a user would: each article with the
    front matter its meta gives (title, outlet, date, author; what a clusterer may read)."""
    root = make_project(tmp_path_factory.mktemp("stories"))
    add_story_articles(root, require_shared(SHARED / "stories" / "articles"))
    out = root / "briefs-out"
    result = CliRunner().invoke(app, ["extract", "--project", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return root, out


def test_stories_hold_the_ratchet_on_the_shared_set(stories_briefs, tmp_path):
    _, out = stories_briefs
    predicted = tmp_path / "pred.yml"
    result = CliRunner().invoke(app, ["stories", str(out), "--out", str(predicted)])
    assert result.exit_code == 0, result.output
    scorer = require_shared(SHARED / "stories" / "score_clusters.py")
    scores = scorer_json(scorer, predicted, SHARED / "stories" / "gold.yml")
    assert scores["missing_from_pred"] == [] and scores["unknown_in_pred"] == []
    for name, floor in STORIES_FLOORS.items():
        assert scores[name] >= floor, (name, scores)
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_story_pages_read_well_in_the_browser(browser, node_tools, tmp_path, width):
    """A built story page and the Stories page: no serious or critical axe issue, nothing
    scrolls sideways, each outlet's card in full, on a desktop and on a phone."""
    import functools
    import http.server
    import threading

    from .test_browser import ARTIFACTS, axe_violations, open_page

    root = make_project(tmp_path)
    _write_briefs(root, [HARBOUR_A, HARBOUR_B, HARBOUR_SHARES, HARBOUR_STRIKE])
    built = CliRunner().invoke(app, ["build", "--no-extract", "--strict", "--project", str(root)])
    assert built.exit_code == 0, built.output
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        for name, path in (
            ("story", "/stories/port-of-velmar-sold-to-castor-shipping-for-1-2-billion/"),
            ("stories", "/stories/"),
        ):
            page, messages = open_page(browser, base + path, width=width)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
            found = axe_violations(page, node_tools / "axe-core" / "axe.min.js") + messages
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert found == [] and overflow <= 0, (path, found, overflow)
            if name == "story":
                cards = page.locator(".digest-source-card")
                assert cards.count() == 3
                for k in range(3):
                    box = cards.nth(k).bounding_box()
                    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
            page.close()
    finally:
        httpd.shutdown()
