"""Document contexts: the plain dicts that document templates and builders receive.

The reporting layer reads a loaded project (and, for reports, the scoring results) and returns
plain data — texts already in the document language, dates and numbers left raw so that each
renderer formats them the same way. It imports nothing from :mod:`crmselect.documents`.
"""
