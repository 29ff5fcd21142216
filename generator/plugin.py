"""The MkDocs plugin: at build time it reads the briefs and registries,
renders every page through Jinja and hands them to MkDocs as generated files,
so no generated Markdown is ever committed and ``mkdocs serve`` shows an
editor's YAML change on the next reload."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .briefs import read_briefs
from .digest import build_digest
from .errors import DigestError
from .exports import export_files
from .feeds import feed_files
from .ingest import read_article
from .project import Project
from .registry import load_registries
from .render import render_site
from .sanitize import sanitize_html

log = logging.getLogger("mkdocs.plugins.digest")


def _article_texts(project: Project, briefs) -> dict[str, str]:
    """Each brief's article text, for the pages that show evidence in context. An article
    that is gone or unreadable just has no such page (`digest check` reports it)."""
    texts = {}
    root, articles = project.root.resolve(), project.articles.resolve()
    for brief in briefs:
        given = root / brief.source.file
        path = given.resolve()
        # Only a regular file under content/articles is an article: never mkdocs.yml, never a link out.
        if path.is_file() and path.is_relative_to(articles) and not given.is_symlink():
            try:
                texts[brief.id] = read_article(path, root).body
            except DigestError as exc:
                log.warning("%s (article page left out)", exc.problems[0] if exc.problems else exc)
            except Exception as exc:  # a bug on one odd article must not stop the site
                log.warning("%s: cannot read: %s: %s (article page left out)", brief.source.file, type(exc).__name__, exc)
    return texts


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


class DigestConfig(Config):
    content_dir = config_options.Type(str, default="content")
    templates_dir = config_options.Type(str, default="templates")


class DigestPlugin(BasePlugin[DigestConfig]):
    """Adds the digest's pages (front page, briefs, actors, topics, sources, figures, scenarios)."""

    def __init__(self) -> None:
        self.generated: set[str] = set()

    def _project(self, config) -> Project:
        return Project(Path(config.config_file_path).resolve().parent)

    def on_files(self, files: Files, *, config) -> Files:
        project = self._project(config)
        self.generated = set()
        registries, problems = load_registries(project)
        briefs, brief_problems = read_briefs(project.briefs, project.root)
        problems += brief_problems
        for problem in problems:
            # A warning makes `mkdocs build --strict` fail; without it the bad file is left out.
            log.warning("%s (left out of the site)", problem)
        digest = build_digest(registries, briefs)
        templates = project.root / self.config.templates_dir
        if not templates.is_dir():
            raise PluginError(f"digest: templates folder {templates} not found")
        for path, markdown in render_site(digest, templates, _article_texts(project, briefs)).items():
            _replace(files, File.generated(config, path, content=markdown))
            self.generated.add(path)
        for path, text in {**export_files(digest), **feed_files(digest, config.site_url)}.items():
            _replace(files, File.generated(config, path, content=text))  # copied as they are, not pages
        return files

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """A generated page's HTML passes the sanitizer before the theme and search see it."""
        return sanitize_html(html) if page.file.src_uri in self.generated else html

    def on_serve(self, server, *, config, builder):
        project = self._project(config)
        for folder in (project.content, project.root / self.config.templates_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server
