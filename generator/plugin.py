"""The MkDocs plugin: at build time it reads the briefs and registries,
renders every page through Jinja and hands them to MkDocs as generated files,
so no generated Markdown is ever committed and ``mkdocs serve`` shows an
editor's YAML change on the next reload."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.core.errors import DigestError
from generator.core.fingerprint import digest_of
from generator.core.project import Project
from generator.core.section_plugins import load_section_plugins
from generator.site.pages import SEARCH_SHARDS, search_shards_file, site_files, with_problems_shown
from generator.site.reuse import GeneratedFile, LastBuild, link_from, nav_key, page_key
from generator.site.sanitize import sanitize_html, theme_output_problems
from generator.site.search_index import PART_PAGES, SearchIndex, index_search

log = logging.getLogger("mkdocs.plugins.digest")


WITHHELD = (
    '<!doctype html><html><head><meta charset="utf-8"><title>Withheld</title></head>'
    "<body><p>This page was withheld: the theme printed one of its values as markup. "
    "The build log names the page.</p></body></html>"
)


def heading_id_maker(slugify=None):
    """The toc extension's slugify (or the one configured), with leading underscores
    removed: ids that start with ``_`` are the theme's."""
    from markdown.extensions.toc import slugify as default

    base = slugify or default

    def heading_id(value: str, separator: str) -> str:
        return base(value, separator).lstrip("_") or "section"

    return heading_id


SHARD_ADDRESS = re.compile(r"(https://[^\s\"'<>]+|(\.\./|/)[^\s\"'<>:]*)/")


def search_shards(value) -> list[str]:
    """``extra.search_shards`` of mkdocs.yml: addresses of other shard sites, each ending in
    "/" (``../2024/``, ``/2024/``, ``https://digest.example/2024/``). Anything else stops
    the build with the entry named, so a typo never ships a search that silently skips a year."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and SHARD_ADDRESS.fullmatch(v) for v in value):
        raise PluginError(
            "digest: mkdocs.yml extra.search_shards must be a list of shard addresses ending in '/' "
            f"(../2024/, /2024/ or https://…/2024/); got {value!r}"
        )
    return list(value)


def _toc_items(items) -> list:
    """Every entry of a page's table of contents, nested ones too."""
    return [entry for item in items for entry in (item, *_toc_items(item.children))]


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


class DigestConfig(Config):
    templates_dir = config_options.Type(str, default="templates")
    search_part_pages = config_options.Type(int, default=PART_PAGES)
    """About how many pages each part of the search index holds (0: one index of the whole
    site); see :mod:`generator.site.search_index`."""


class _PageWarnings(logging.Handler):
    """Notes the page MkDocs was working on whenever it warned: such a page is not
    recorded for reuse, so the next build converts it and warns again."""

    def __init__(self, config, warned: set[str]) -> None:
        super().__init__(logging.WARNING)
        self.config, self.warned = config, warned

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(self.config, "_current_page", None)
        if page is not None:
            self.warned.add(page.file.src_uri)


class DigestPlugin(BasePlugin[DigestConfig]):
    """Adds the digest's pages (front page, briefs, actors, topics, sources, figures, scenarios)."""

    def __init__(self) -> None:
        self.generated: set[str] = set()
        self.serving = False
        self.shown: set[str] = set()  # problems the caller printed already (``digest build``)
        # Incremental builds (set by ``digest build``; see generator.site.reuse): what every
        # page shares, the last build's keys, and this build's keys of what it may record.
        self.shared_inputs: str | None = None
        self.last_build: LastBuild | None = None
        self.keys: dict[str, str] = {}
        self.reused = 0
        self.search = SearchIndex()
        self._warned: set[str] = set()
        self._warnings: _PageWarnings | None = None

    def on_startup(self, *, command, dirty) -> None:
        """A preview (``mkdocs serve``, ``digest serve``) shows problems on the pages."""
        self.serving = command == "serve"

    def _project(self, config) -> Project:
        return Project(Path(config.config_file_path).resolve().parent)

    def on_config(self, config):
        """Heading ids never take a name the theme's own elements use (Material's start
        with ``__``: a heading "__config" once shadowed the theme's configuration script)."""
        toc = config.mdx_configs.setdefault("toc", {})
        toc["slugify"] = heading_id_maker(toc.get("slugify"))
        return config

    def on_files(self, files: Files, *, config) -> Files:
        project = self._project(config)
        try:
            load_section_plugins()
            templates = project.root / self.config.templates_dir
            rendered = site_files(project, templates, config.site_url, project.page_cache)
        except DigestError as exc:
            raise PluginError(f"digest: {exc}") from exc
        docs = Path(config.docs_dir)
        for file in list(files):  # hand-written pages never read what the project refuses (reported below)
            source = Path(file.abs_src_path) if file.abs_src_path and not file.generated_by else None
            if source is not None and source.is_relative_to(docs) and project.refuses(source):
                files.remove(file)
        for problem in rendered.problems:
            # A warning makes `mkdocs build --strict` fail; without it the bad file is left out.
            # `digest build` printed the check's problems already: those are not told twice.
            if str(problem) not in self.shown:
                log.warning("%s (left out of the site)", problem)
        pages = with_problems_shown(rendered.pages, rendered.problems) if self.serving else rendered.pages
        self.generated = set(pages)
        for path, markdown in pages.items():
            _replace(files, GeneratedFile.generated(config, path, content=markdown))
        for path, text in rendered.assets.items():
            _replace(files, GeneratedFile.generated(config, path, content=text))  # copied as they are, not pages
        shards = search_shards(config.extra.get("search_shards"))
        _replace(files, GeneratedFile.generated(config, SEARCH_SHARDS, content=search_shards_file(shards)))
        return files

    def on_nav(self, nav, *, config, files: Files):
        """Each generated file's key, once the navigation is known; a file whose key the
        last build recorded is linked from the last site and skipped by MkDocs."""
        self.keys, self.reused, self._warned, self.search = {}, 0, set(), SearchIndex()
        if self.shared_inputs is None:
            return nav
        shared = digest_of(self.shared_inputs, nav_key(nav.items))
        paths = {file.src_uri for file in files}
        last = self.last_build
        for file in files:
            if not isinstance(file, GeneratedFile):
                continue
            key = self.keys[file.src_uri] = page_key(shared, file, paths)
            if last is not None and last.keys.get(file.src_uri) == key:
                file.reused = link_from(last.site / file.dest_uri, Path(file.abs_dest_path))
                self.reused += file.reused
        self._warnings = _PageWarnings(config, self._warned)
        logging.getLogger("mkdocs").addHandler(self._warnings)
        return nav

    def recordable_keys(self) -> dict[str, str]:
        """This build's keys of the files it published as converted: not a withheld page, not
        one MkDocs warned about."""
        return {path: key for path, key in self.keys.items() if path not in self._warned}

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """A generated page's HTML passes the sanitizer before the theme and search see it."""
        return sanitize_html(html) if page.file.src_uri in self.generated else html

    def on_post_page(self, output: str, *, page, config) -> str:
        """A generated page as the theme finished it is read back (see
        :func:`theme_output_problems`); one whose title or labels the theme printed as
        markup is withheld and reported, never published."""
        if page.file.src_uri not in self.generated:
            return output
        title = html.unescape(str((page.meta or {}).get("title") or ""))
        labels = [html.unescape(str(item.title)) for item in _toc_items(page.toc)]
        problems = theme_output_problems(output, title, labels)
        if not problems:
            return output
        self._warned.add(page.file.src_uri)
        log.warning("%s: withheld: %s", page.file.src_uri, "; ".join(problems))
        return WITHHELD

    def on_post_build(self, *, config) -> None:
        """Search is Pagefind's, indexed once the pages are written (build and serve alike);
        the parts whose pages the last site holds unchanged are taken from it."""
        self._stop_noting_warnings()
        last = self.last_build
        try:
            self.search = index_search(
                Path(config.site_dir),
                last.site if last else None,
                last.search if last else None,
                self.config.search_part_pages,
            )
        except DigestError as exc:
            raise PluginError(f"digest: {exc}") from exc
        log.info(
            "digest: search index of %d pages, %d of %d part(s) indexed again",
            self.search.pages,
            self.search.indexed,
            len(self.search.parts),
        )

    def on_build_error(self, *, error) -> None:
        self._stop_noting_warnings()

    def _stop_noting_warnings(self) -> None:
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)
            self._warnings = None

    def on_serve(self, server, *, config, builder):
        project = self._project(config)
        for folder in (project.content, project.root / self.config.templates_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server
