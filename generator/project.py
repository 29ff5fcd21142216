"""Where a digest project keeps its files. One place, so no stage guesses a path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DigestError


@dataclass(frozen=True)
class Project:
    """A digest project: the folder that holds ``mkdocs.yml`` and ``content/``."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
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
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def lock_file(self) -> Path:
        return self.content / ".digest.lock"

    @property
    def site_fingerprint_file(self) -> Path:
        """What the last site build read, as one digest (``digest build`` skips a build
        that would read the same)."""
        return self.root / ".digest-cache" / "site.fingerprint"

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def article_text_path(extracted: Path, brief_id: str) -> Path:
    """The article's normalised text as extraction read it, beside the brief's base in
    ``extracted``: the site shows it as the article page without decoding the article again."""
    return extracted / f"{brief_id}.txt"
