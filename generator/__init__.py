"""Briefing Digest: news articles → YAML briefs → a searchable MkDocs site.

One package per stage, the data flowing one way (no module imports from a stage after
its own; ``tests/test_layout.py`` holds it):

- :mod:`generator.core`: what every stage reads (the brief model and section registry,
  errors, slugs, names, units, stance words, relevance, YAML on disk, the project's paths).
- :mod:`generator.articles`: article files in → :class:`~generator.articles.ingest.Article`.
- :mod:`generator.extract`: an article and its spaCy doc → a :class:`~generator.core.model.Brief`
  (and where that runs: this process, a pool, Ray).
- :mod:`generator.content`: the content store, briefs and registries on disk; brought up to
  date by :func:`~generator.content.refresh.extract_project`, merged into one
  :class:`~generator.content.merge.Digest`, checked.
- :mod:`generator.site`: the digest → Markdown pages, feeds, exports, search, and the built
  site (:func:`~generator.site.pages.write_markdown`, :func:`~generator.site.publish.build_site`).
- :mod:`generator.evaluate`: briefs against gold annotations.

On top, thin: :mod:`generator.cli` (the ``digest`` command) and :mod:`generator.plugin`
(the MkDocs plugin).
"""

__version__ = "0.1.0"
