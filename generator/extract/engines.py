"""Where extraction runs: in this process, on a process pool of this machine, or as a
Ray Data job on a Ray cluster. Every engine loads the pipeline once per worker, applies
the same rules (:func:`generator.extract.extractor.extract_brief`) and hands the findings back in
article order; merging hand edits and writing briefs stay with the caller, in one process."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

from generator.core.errors import DigestError
from generator.core.model import Brief

if TYPE_CHECKING:
    from generator.articles.ingest import Article

BATCH_SIZE = 16


class Engine(str, Enum):
    """``local``: this process, or a process pool of this machine; ``ray``: a Ray Data job."""

    local = "local"
    ray = "ray"


class Setup(NamedTuple):
    """What a worker needs to extract: sent once to each worker, so it must pickle."""

    model: str | None
    ruler_entries: list[tuple[str, str, list[str]]]
    topic_terms: list[tuple[str, list[str]]]
    surfaces: dict[str, tuple[str, str]]
    key: str


@dataclass
class Finding:
    """One article's extraction: its brief, or the error that stopped it, and the items
    dropped on the way (reported as warnings)."""

    brief: Brief | None
    error: str | None = None
    dropped: list[str] = field(default_factory=list)


def _find(setup: Setup, article: Article, doc) -> Finding:
    from generator.extract.extractor import extract_brief
    from generator.extract.ids import DROPPED

    try:
        brief = extract_brief(article, doc, setup.topic_terms, setup.surfaces, setup.key)
    except Exception as exc:  # an extractor bug must not take the other articles down
        return Finding(None, f"extraction failed: {type(exc).__name__}: {exc}")
    return Finding(brief, None, list(doc.user_data.get(DROPPED, [])))


def extract_here(setup: Setup, articles: list[Article], texts: list[str]) -> Iterator[Finding]:
    """One process: spaCy parses in batches, the rules run as each document comes."""
    from generator.extract.nlp import load_pipeline

    nlp = load_pipeline(setup.model, setup.ruler_entries)
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True):
        yield _find(setup, article, doc)


_WORKER: dict = {}


def _start_worker(setup: Setup) -> None:
    """Each worker loads the pipeline (and the section plugins) once, then extracts the
    articles it is given."""
    from generator.core.section_plugins import load_section_plugins
    from generator.extract.nlp import load_pipeline

    load_section_plugins()
    _WORKER["setup"], _WORKER["nlp"] = setup, load_pipeline(setup.model, setup.ruler_entries)


def _extract_batch(jobs: list[tuple[Article, str]]) -> list[Finding]:
    nlp, setup = _WORKER["nlp"], _WORKER["setup"]
    docs = nlp.pipe([text for _, text in jobs], batch_size=BATCH_SIZE)
    return [_find(setup, article, doc) for (article, _), doc in zip(jobs, docs, strict=True)]


def extract_in_pool(setup: Setup, articles: list[Article], texts: list[str], workers: int) -> Iterator[Finding]:
    """Every core: a process pool whose workers each hold the pipeline, parsing batches
    with ``nlp.pipe`` (batching is what makes spaCy fast) and applying the rules in
    parallel; briefs come back in article order and are written here, so merging hand
    edits and the registries stay in one process. Batches are small enough that every
    worker gets several, so one slow batch does not leave the other cores idle."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    jobs = list(zip(articles, texts, strict=True))
    size = max(1, min(BATCH_SIZE, -(-len(jobs) // (4 * workers))))
    batches = [jobs[start : start + size] for start in range(0, len(jobs), size)]
    context = multiprocessing.get_context("spawn")  # no fork of a process that holds threads or a lock
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(setup,)) as pool:
        for findings in pool.map(_extract_batch, batches):
            yield from findings


class RayExtractor:
    """The Ray Data map: one instance per Ray worker, holding the pipeline; each batch of
    (index, pickled article and text) rows comes back as (index, pickled finding)."""

    def __init__(self, setup: Setup) -> None:
        from generator.core.section_plugins import load_section_plugins
        from generator.extract.nlp import load_pipeline

        load_section_plugins()
        self.setup, self.nlp = setup, load_pipeline(setup.model, setup.ruler_entries)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        jobs = [pickle.loads(job) for job in batch["job"]]
        docs = self.nlp.pipe([text for _, text in jobs], batch_size=BATCH_SIZE)
        findings = [pickle.dumps(_find(self.setup, article, doc)) for (article, _), doc in zip(jobs, docs, strict=True)]
        return {"index": list(batch["index"]), "finding": findings}


RAY_CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a Ray cluster's address to answer before giving up (Ray itself
retries for minutes, holding the project lock all the while)."""


def reachable(address: str, timeout: float = RAY_CONNECT_TIMEOUT) -> None:
    """Raise a clear error unless something listens at a Ray address (``ray://host:port``
    or ``host:port``; ``auto`` and ``local`` are Ray's own to resolve)."""
    import socket
    from urllib.parse import urlsplit

    if address in ("auto", "local"):
        return
    parts = urlsplit(address if "://" in address else f"gcs://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or not port:
        raise DigestError.at(
            "--ray-address", f"{address!r} is not a Ray address; write ray://HOST:PORT (Ray Client) or HOST:PORT"
        )
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise DigestError.at(
            "--ray-address",
            f"nothing answers at {address} within {timeout:.0f} s "
            f"({exc.strerror or exc}); check the address, or leave --ray-address "
            "out to run on a local Ray instance",
        ) from exc


def extract_on_ray(
    setup: Setup, articles: list[Article], texts: list[str], workers: int, address: str | None = None
) -> Iterator[Finding]:
    """A Ray Data job: the articles as a dataset, mapped by :class:`RayExtractor` on
    ``workers`` actors. ``address`` (or ``RAY_ADDRESS``) names a running cluster, e.g.
    ``ray://head:10001``; without one, a local Ray instance is started for the run and
    stopped after it. Nodes of a cluster need this package and the pipeline installed."""
    import logging

    import ray
    import ray.data

    ray.data.DataContext.get_current().enable_progress_bars = False
    for name in ("ray", "ray.data"):  # Ray Data's per-stage progress lines are not ours to print
        logging.getLogger(name).setLevel(logging.WARNING)
    started_here = not ray.is_initialized()
    if started_here and address:
        reachable(address)
    if started_here:
        ray.init(
            address=address,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
            num_cpus=None if address else workers,
        )
    try:
        rows = [{"index": i, "job": pickle.dumps((a, t))} for i, (a, t) in enumerate(zip(articles, texts, strict=True))]
        dataset = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), 4 * workers)))
        mapped = dataset.map_batches(
            RayExtractor,
            fn_constructor_args=(setup,),
            batch_size=BATCH_SIZE,
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
            batch_format="numpy",
        )
        found = {int(row["index"]): pickle.loads(row["finding"]) for row in mapped.iter_rows()}
    finally:
        if started_here:
            ray.shutdown()
    for index in range(len(articles)):
        yield found[index]
