"""The floor plan holds: generator/ is one package per stage, and no module imports from a
stage after its own (the data flows articles → extract → content → site → evaluate, with
core under all of them and the CLI and the MkDocs plugin on top)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
STAGES = ("core", "articles", "extract", "content", "site", "evaluate")
"""In the order the data flows; the CLI and the plugin sit above all of them."""
TOP = ("cli", "plugin")
DATA = ("data", "schemas")


def rank(module: str) -> int:
    """Where a module of the package stands in the flow (``generator.site.render`` → 4)."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in DATA or parts[1] == "__init__":
        return 0
    if parts[1] in TOP:
        return len(STAGES)
    if parts[1] not in STAGES:
        raise AssertionError(f"{module}: not in any stage; add it to one of {STAGES}")
    return STAGES.index(parts[1])


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, name: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module of the package that module ``name`` imports, with its line, relative
    imports resolved, imports inside functions included."""
    package = name if is_package else name.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "generator"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "generator":
                found.append((node.lineno, target))
                found += [
                    (node.lineno, f"{target}.{alias.name}")
                    for alias in node.names
                    if (PACKAGE.parent / f"{target}.{alias.name}".replace(".", "/")).with_suffix(".py").exists()
                    or (PACKAGE.parent / f"{target}.{alias.name}".replace(".", "/")).is_dir()
                ]
    return found


def against_the_flow(source: str, name: str, is_package: bool = False) -> list[str]:
    own = rank(name)
    return [f"line {line}: {target}" for line, target in imported(source, name, is_package) if rank(target) > own]


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_belongs_to_a_stage() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.stem not in (*TOP, "__init__")]
    assert not loose, f"modules outside every stage package: {loose}"
    for path in modules():
        rank(module_name(path))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_runs_against_the_flow(path: Path) -> None:
    against = against_the_flow(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    assert not against, f"{module_name(path)} imports from a later stage: {against}"


@pytest.mark.parametrize(
    ("source", "name", "caught"),
    [
        ("from generator.site.render import render_pages\n", "generator.core.model", True),
        ("def f():\n    from ..content import merge\n", "generator.extract.claims", True),
        ("from .. import plugin\n", "generator.site.pages", True),
        ("import generator.evaluate.score\n", "generator.content.check", True),
        ("from ..core.model import Brief\n", "generator.site.render", False),
        ("from generator.extract import claims, figures\n", "generator.content.refresh", False),
    ],
)
def test_the_check_catches_an_import_against_the_flow(source: str, name: str, caught: bool) -> None:
    """The test above can fail: imports written every way Python allows are read."""
    assert bool(against_the_flow(source, name)) is caught


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_enters_and_what_leaves(stage: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc) > 120, f"generator/{stage}/__init__.py needs a docstring saying what the stage does"
