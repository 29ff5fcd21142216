"""Publish: run MkDocs on the project, which renders the pages through the digest plugin."""

from __future__ import annotations

from pathlib import Path

from .errors import DigestError
from .project import Project


def build_site(project: Project, strict: bool = False) -> Path:
    """``mkdocs build`` for the project; returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = project.root / "mkdocs.yml"
    if not config_file.is_file():
        raise DigestError.at(project.relative(config_file), "mkdocs.yml not found")
    try:
        config = load_config(str(config_file), strict=strict)
        build(config)
    except MkDocsException as exc:
        raise DigestError.at(project.relative(config_file), f"mkdocs build failed: {exc}") from exc
    return Path(config["site_dir"])


def serve_site(project: Project, address: str) -> None:
    from mkdocs.commands.serve import serve

    serve(str(project.root / "mkdocs.yml"), dev_addr=address, livereload=True)
