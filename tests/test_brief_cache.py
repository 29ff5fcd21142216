"""Briefs parsed once per content: a brief read back from the cache is the brief its YAML
gives, a changed or torn entry is only a miss, and entries of briefs gone are dropped."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from generator.content.briefs import read_briefs
from generator.core.store import ResultCache

from .conftest import copy_of_repository


def test_cached_briefs_equal_parsed_ones_and_a_changed_brief_is_parsed_again(tmp_path):
    root = copy_of_repository(tmp_path)
    folder, cache = root / "content" / "briefs", ResultCache(tmp_path / "cache")
    parsed, problems = read_briefs(folder, root)
    first, _ = read_briefs(folder, root, cache=cache)
    entries = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert len(entries) == len(parsed) > 0 and problems == []
    cached, _ = read_briefs(folder, root, cache=cache)
    assert cached == first == parsed

    path = sorted(folder.glob("*.yml"))[0]
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    data["title"] = "Changed " + data["title"]
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    again, _ = read_briefs(folder, root, cache=cache)
    changed = next(b for b in again if b.id == path.stem)
    assert changed.title.startswith("Changed ")
    assert len(list((tmp_path / "cache").iterdir())) == len(parsed)  # the old entry is dropped


def test_a_torn_or_foreign_cache_entry_is_a_miss(tmp_path):
    root = copy_of_repository(tmp_path)
    folder, cache_dir = root / "content" / "briefs", tmp_path / "cache"
    parsed, _ = read_briefs(folder, root, cache=ResultCache(cache_dir))
    for n, entry in enumerate(sorted(cache_dir.iterdir())):
        entry.write_text(['{"brief": {"id": ', '{"brief": {"id": "someone-else"}}', "[]"][n % 3], encoding="utf-8")
    assert read_briefs(folder, root, cache=ResultCache(cache_dir))[0] == parsed


def test_a_brief_that_fails_is_reported_with_its_line_whatever_the_cache_holds(tmp_path):
    root = copy_of_repository(tmp_path)
    folder = root / "content" / "briefs"
    cache = ResultCache(tmp_path / "cache")
    read_briefs(folder, root, cache=cache)
    path: Path = sorted(folder.glob("*.yml"))[0]
    path.write_text("id: [unclosed\n", encoding="utf-8")
    briefs, problems = read_briefs(folder, root, cache=cache)
    assert path.stem not in {b.id for b in briefs}
    assert any(p.file.endswith(path.name) and p.line for p in problems)


def test_a_second_pass_in_one_process_validates_no_brief_again(tmp_path, monkeypatch):
    """`digest build` reads the briefs for the check and again for the render: the second
    pass takes them from the first, and a brief changed between the two is read anew."""
    import generator.content.briefs as briefs_module
    from generator.core.model import Brief

    root = copy_of_repository(tmp_path)
    folder, cache = root / "content" / "briefs", ResultCache(tmp_path / "cache")
    first, _ = read_briefs(folder, root, cache=cache)
    briefs_module._VALIDATED.clear()  # as in a new process: the cache on disk only
    validated = []
    validate = Brief.model_validate
    monkeypatch.setattr(Brief, "model_validate", lambda data, **kw: validated.append(1) or validate(data, **kw))
    checked, _ = read_briefs(folder, root, cache=ResultCache(tmp_path / "cache"))
    assert len(validated) == len(first) > 0 and checked == first
    rendered, _ = read_briefs(folder, root, cache=ResultCache(tmp_path / "cache"))
    assert len(validated) == len(first) and rendered == first

    path = sorted(folder.glob("*.yml"))[0]
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    data["title"] = "Changed between the check and the render"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    again, _ = read_briefs(folder, root, cache=ResultCache(tmp_path / "cache"))
    assert next(b for b in again if b.id == path.stem).title == "Changed between the check and the render"
    assert len(list((tmp_path / "cache").iterdir())) == len(first)


def test_briefs_read_through_another_cache_are_written_to_it(tmp_path):
    """The briefs validated in this process are kept per cache folder: a second project (or
    a cache cleared) with the same briefs still gets its own entries."""
    root = copy_of_repository(tmp_path)
    folder = root / "content" / "briefs"
    first, _ = read_briefs(folder, root, cache=ResultCache(tmp_path / "one"))
    second, _ = read_briefs(folder, root, cache=ResultCache(tmp_path / "two"))
    assert second == first
    assert len(list((tmp_path / "two").iterdir())) == len(first) > 0
