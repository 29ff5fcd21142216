"""Articles in. Enters: a file in ``content/articles`` (text, Markdown or HTML, any common
encoding). Leaves: an :class:`~generator.articles.ingest.Article`, its body cleaned and
its metadata (outlet, date, author) read from front matter or the text (``metadata``).
"""
