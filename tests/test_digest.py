"""The merge stage: actors resolved across briefs by the registry and by spelling."""

from __future__ import annotations

from generator.content.merge import build_digest
from generator.content.registry import Registries
from generator.core.model import Actor, Brief, Claim, RegistryActor, Source
from generator.core.names import name_key


def brief(brief_id: str, actor: Actor) -> Brief:
    claim = Claim(id="c-1", speaker=actor.id, verb="said", text="it rained", evidence=f"{actor.name} said it rained.")
    return Brief(
        id=brief_id,
        title=brief_id,
        source=Source(file=f"content/articles/{brief_id}.txt", sha256="0" * 64),
        actors=[actor],
        claims=[claim],
    )


def test_spelling_variants_meet_on_one_actor_page():
    one = brief("one", Actor(id="volodymyr-zelensky", name="Volodymyr Zelensky", type="person"))
    two = brief("two", Actor(id="volodymyr-zelenskyy", name="Volodymyr Zelenskyy", type="person"))
    digest = build_digest(Registries(), [one, two])
    assert len(digest.actors) == 1
    assert len(next(iter(digest.actors.values())).briefs) == 2


def test_editor_merges_actors_by_alias():
    one = brief("one", Actor(id="acme-corp", name="Acme Corp", type="organization"))
    two = brief("two", Actor(id="acme", name="Acme", type="organization"))
    registry = Registries(
        actors=[RegistryActor(id="acme-corp", name="Acme Corp", type="organization", aliases=["Acme"])]
    )
    digest = build_digest(registry, [one, two])
    assert list(digest.actors) == ["acme-corp"]
    assert [c.text for _, c in digest.actors["acme-corp"].claims] == ["it rained", "it rained"]


def test_name_keys():
    assert name_key("Zelenskyy") == name_key("Zelensky") == name_key("Zelenskiy")
    assert name_key("Jüri Luik") == "jury luik"
    assert name_key("Kyiv") != name_key("Kiev")  # places are joined by the gazetteer, not by spelling


def test_surname_alone_joins_the_one_full_name():
    one = brief("one", Actor(id="zelensky", name="Zelensky", type="person"))
    two = brief("two", Actor(id="volodymyr-zelenskyy", name="Volodymyr Zelenskyy", type="person"))
    three = brief("three", Actor(id="smith", name="Smith", type="person"))
    four = brief("four", Actor(id="anna-smith", name="Anna Smith", type="person"))
    five = brief("five", Actor(id="john-smith", name="John Smith", type="person"))
    digest = build_digest(Registries(), [one, two, three, four, five])
    assert set(digest.actors) == {"volodymyr-zelenskyy", "smith", "anna-smith", "john-smith"}


def test_an_anonymous_source_has_no_actor_page_but_is_named_on_its_claims(tmp_path):
    from typer.testing import CliRunner

    from generator.cli import app

    from .conftest import make_project

    root = make_project(
        tmp_path,
        {
            "a.txt": "Port Talks Stall\n\nLocal officials said that the port would stay closed "
            "until March. Mayor Ines Dahl said the city would pay the workers."
        },
    )
    result = CliRunner().invoke(app, ["build", "--strict", "--project", str(root)])
    assert result.exit_code == 0, result.output
    brief = next((root / "content" / "briefs").glob("*.yml")).read_text(encoding="utf-8")
    assert "anonymous: true" in brief
    assert not (root / "site" / "actors" / "local-officials").exists()
    assert (root / "site" / "actors" / "ines-dahl" / "index.html").exists()
    page = next((root / "site" / "briefs").glob("port-talks-stall*/index.html")).read_text(encoding="utf-8")
    assert "local officials" in page.lower() and "unnamed source" in page


def test_article_pages_keep_each_line_a_paragraph_and_never_run_sentences_together():
    from generator.core.model import Brief
    from generator.site.render import article_html

    body = (
        "Harbour Talks Stall\nThe port will close on Friday.\nUnions said they would strike. Ships wait.\n\n"
        "No one else spoke."
    )
    brief = Brief.model_validate(
        {
            "id": "b",
            "title": "t",
            "source": {"file": "content/articles/b.txt", "sha256": "0" * 64},
            "claims": [
                {"id": "c-1", "text": "x", "evidence": "The port will close on Friday."},
                {"id": "c-2", "text": "y", "evidence": "Unions said they would strike."},
                {"id": "c-3", "text": "z", "evidence": "Ships wait."},
            ],
        }
    )
    html = str(article_html(body, brief))
    assert html.count("<p>") == 4
    assert "Friday.</mark></p>" in html and "Friday.Unions" not in html
    assert html.count('<mark class="digest-evidence-mark">') == 3 and 'id="c-2"' in html
    assert "strike.</mark> <mark" in html  # two marked sentences keep the space between them
