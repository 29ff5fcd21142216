"""`digest extract --engine ray`: the same extraction as a Ray Data job on a real local
Ray instance, briefs written and hand edits merged as with the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from generator.cli import app
from generator.content.refresh import extract_project
from generator.core.project import Project

from .conftest import make_project

ray = pytest.importorskip("ray", reason="the 'ray' extra is part of the test extras")

ARTICLES = {
    "harbour.txt": (
        "Harbour Talks Stall\n\nPort director Hanna Ek said that the harbour would close on Friday. "
        "According to the union, about 300 workers will lose shifts every week.\n"
    ),
    "grain.txt": (
        "Grain Prices Climb\n\nThe farmers' federation said wheat prices rose 12% in October. "
        "Minister Paolo Reni warned that bread could cost €3 a loaf by spring.\n"
    ),
    "rail.txt": (
        "Rail Strike Called\n\nThe drivers' union announced a strike for 14 March. "
        "Operator Nordbahn said it would run a reduced timetable.\n"
    ),
    "council.txt": (
        "Council Budget Vote\n\nMayor Ines Alder said the council would cut €40 million from its budget. "
        "The opposition said the cuts could close two libraries.\n"
    ),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yml"))}


def test_ray_engine_writes_what_the_local_engine_writes_and_keeps_hand_edits(tmp_path):
    (tmp_path / "local").mkdir()
    (tmp_path / "ray").mkdir()
    local = Project(make_project(tmp_path / "local", ARTICLES))
    on_ray = Project(make_project(tmp_path / "ray", ARTICLES))
    assert not extract_project(local, jobs=1).problems
    report = CliRunner().invoke(app, ["extract", "--engine", "ray", "--jobs", "2", "--project", str(on_ray.root)])
    assert report.exit_code == 0, report.output
    assert "4 brief(s) written" in report.output
    assert snapshot(on_ray.briefs) == snapshot(local.briefs) and len(snapshot(local.briefs)) == 4
    assert not ray.is_initialized()  # the local instance started for the run is stopped after it

    path = on_ray.briefs / "harbour-talks-stall.yml"
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    data["summary"] = "Edited by hand."
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    (on_ray.articles / "rail.txt").write_text(
        ARTICLES["rail.txt"] + "Commuters were told to work from home.\n", encoding="utf-8"
    )
    again = extract_project(on_ray, engine="ray", jobs=2)
    assert again.written == ["rail-strike-called"]  # only the changed article is extracted again
    assert sorted(again.skipped) == ["council-budget-vote", "grain-prices-climb", "harbour-talks-stall"]
    assert yaml.load(path.read_text(encoding="utf-8"))["summary"] == "Edited by hand."


def test_unknown_engine_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["extract", "--engine", "spark", "--project", str(tmp_path)])
    assert result.exit_code == 2 and "spark" in result.output


def test_an_address_where_nothing_listens_fails_fast_and_frees_the_project(tmp_path):
    """Ray retried such an address forever while holding the project lock."""
    import socket

    from generator.core.errors import DigestError
    from generator.extract.engines import reachable

    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = make_project(tmp_path, ARTICLES)
    result = CliRunner().invoke(
        app, ["extract", "--engine", "ray", "--ray-address", f"ray://127.0.0.1:{port}", "--project", str(root)]
    )
    assert isinstance(result.exception, DigestError)
    assert f"nothing answers at ray://127.0.0.1:{port}" in str(result.exception)
    with pytest.raises(DigestError, match="not a Ray address"):
        reachable("ray://nowhere")
    import ray.util.client  # noqa: F401  (the extra installs Ray Client, which ray:// addresses need)

    assert CliRunner().invoke(app, ["extract", "--project", str(root)]).exit_code == 0  # the lock was freed
