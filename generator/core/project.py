"""Where a digest project keeps its files. One place, so no stage guesses a path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import DigestError, Problem, is_utf8_name
from generator.core.store import ResultCache


@dataclass(frozen=True)
class Project:
    """A digest project: the folder that holds ``mkdocs.yml`` and ``content/``."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest folder upwards from ``start`` that has a ``content/`` folder or ``mkdocs.yml``."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() or (folder / "content").is_dir():
                return cls(folder)
        raise DigestError.at(str(here), "not inside a digest project (no mkdocs.yml or content/ folder found)")

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def articles(self) -> Path:
        return self.content / "articles"

    @property
    def briefs(self) -> Path:
        return self.content / "briefs"

    @property
    def extracted(self) -> Path:
        """The extractor's last output per brief: the base that tells an editor's change apart."""
        return self.content / "extracted"

    @property
    def actors_file(self) -> Path:
        return self.content / "actors.yml"

    @property
    def topics_file(self) -> Path:
        return self.content / "topics.yml"

    @property
    def sources_file(self) -> Path:
        return self.content / "sources.yml"

    @property
    def stories_file(self) -> Path:
        return self.content / "stories.yml"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def lock_file(self) -> Path:
        return self.content / ".digest.lock"

    @property
    def registry_journal(self) -> Path:
        """Brief ids an extract run writes, kept until the registries hold their actors and
        outlets: a run killed in between is caught up by the next."""
        return self.root / ".digest-cache" / "registry.pending"

    @property
    def site_fingerprint_file(self) -> Path:
        """What the last site build read, as one digest (``digest build`` skips a build
        that would read the same)."""
        return self.root / ".digest-cache" / "site.fingerprint"

    @property
    def site_pages_file(self) -> Path:
        """What each page of the published site was made from (incremental builds)."""
        return self.root / ".digest-cache" / "site-pages.json"

    @property
    def brief_cache(self) -> ResultCache:
        """Briefs parsed before, by their bytes (see :func:`~generator.content.briefs.read_brief`)."""
        return self._cache("briefs")

    @property
    def check_cache(self) -> ResultCache:
        """Evidence found in its article before, by the brief and the article's bytes (see
        :class:`~generator.content.check.EvidenceCheck`)."""
        return self._cache("checks")

    @property
    def story_cache(self) -> ResultCache:
        """Stories found before, by all the clustering reads of the briefs (see
        :func:`~generator.content.stories.cluster_briefs`)."""
        return self._cache("stories")

    @property
    def export_cache(self) -> ResultCache:
        """Each brief's lines of the exports, by the brief and the names they show (see
        :func:`~generator.site.exports.export_files`)."""
        return self._cache("exports")

    @property
    def feed_cache(self) -> ResultCache:
        """Feeds made before, by all their entries show (see :func:`~generator.site.feeds.feed_xml`)."""
        return self._cache("feeds")

    @property
    def page_cache(self) -> ResultCache:
        """Brief and article pages rendered before, by what they show (see
        :mod:`generator.site.page_cache`)."""
        return self._cache("pages")

    def _cache(self, name: str) -> ResultCache:
        """One of the build's caches: a folder of ``.digest-cache`` (see :class:`ResultCache`)."""
        return ResultCache(self.root / ".digest-cache" / name)

    def refuses(self, path: Path) -> str | None:
        """Why a file under content/ must not be read, or None: a symbolic link that leads
        out of the project (a link to /proc/self/environ would publish the build's
        secrets), or a name that is not UTF-8 (no page, id or log line can carry it)."""
        return refusal(self.root, path)

    @property
    def pages(self) -> Path:
        """Hand-written pages and site assets (MkDocs' docs_dir)."""
        return self.content / "pages"

    def refused_pages(self) -> list[Problem]:
        """A problem for each file of ``content/pages`` that must not be read (:meth:`refuses`)."""
        if not self.pages.is_dir():
            return []
        return [
            Problem(self.relative(p), why)
            for p in sorted(self.pages.rglob("*"))
            if (why := self.refuses(p)) and (p.is_file() or p.is_symlink())
        ]

    def relative(self, path: Path) -> str:
        """``path`` as the user knows it: relative to the project (a link named as itself,
        not as what it points to), else as given."""
        for candidate, root in (
            (Path(os.path.abspath(path)), Path(os.path.abspath(self.root))),
            (path.resolve(), self.root.resolve()),
        ):
            if candidate.is_relative_to(root):
                return candidate.relative_to(root).as_posix()
        return path.as_posix()


def article_text_path(extracted: Path, brief_id: str) -> Path:
    """The article's normalised text as extraction read it, beside the brief's base in
    ``extracted``: the site shows it as the article page without decoding the article again."""
    return extracted / f"{brief_id}.txt"


def refusal(root: Path, path: Path) -> str | None:
    """See :meth:`Project.refuses`; for code that knows only the project's root."""
    if not is_utf8_name(str(path)):
        return "the file name is not valid UTF-8 (shown with \\x escapes); rename the file"
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        inside = False
    return None if inside else "is a symbolic link that leads out of the project; nothing outside it is read"
