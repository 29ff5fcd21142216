"""Extraction. Enters: an :class:`~generator.articles.ingest.Article` and its spaCy doc
(``nlp`` loads the pipeline with the gazetteers, ``provenance`` checks it is the one this
project tested). Leaves: a :class:`~generator.core.model.Brief` (:func:`~generator.extract.extractor.extract_brief`).

Each section has its own module (``actors``, ``claims``, ``figures``, ``scenarios``,
``judgments`` for the article's kind, summary and topics), registered as components;
``extractor`` wires them together in the order they depend on. ``engines`` says where it
runs: this process, a process pool or Ray. The run over a project, with editors' edits
kept, is the content store's (:func:`generator.content.refresh.extract_project`)."""
