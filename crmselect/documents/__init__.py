"""Rendering documents from the plain dicts the reporting layer builds.

Shared infrastructure used by every document (RFP, response workbook, comparison report,
test-drive plan, migration plan):

- :mod:`crmselect.documents.docx_builder` — Word files that stay linear for long tables, with a
  cover page, a real table of contents, page numbers, repeating table headers and landscape
  sections, optionally on top of the user's corporate ``.docx``;
- :mod:`crmselect.documents.strings` — the per-language document strings
  (``templates/strings/*.yaml``, one source for English and Turkish);
- :mod:`crmselect.documents.docmodel` — a document as blocks (headings, paragraphs, lists,
  tables, charts, sections), filled once by each document's writer and rendered by
  :mod:`~crmselect.documents.render_docx`, :mod:`~crmselect.documents.render_markdown` and
  :mod:`~crmselect.documents.render_html`;
- :mod:`crmselect.documents.formatting` — dates, numbers and money in the document language;
- :mod:`crmselect.documents.output` — where documents go and how they are written atomically.
"""
