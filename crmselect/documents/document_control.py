"""The document-control block of every cover (version, date, author, approval) and the
closing "generated with crmselect" line, from ``project.yaml › documents:``.

Why after the writers: the settings are the same for every document, so they are applied to
the finished :class:`~crmselect.documents.docmodel.Document` in one place instead of in each
writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from crmselect.documents.casing import name_language
from crmselect.documents.docmodel import Colophon, Cover, Document
from crmselect.documents.formatting import format_date
from crmselect.model import DocumentSettings, Project


def control_pairs(settings: DocumentSettings, common: Any, lang: str,
                  generated: dt.date | None) -> list[tuple[str, str]]:
    """The block's rows: version, date, prepared by, approved by (with the date) — "—" for
    what the project does not say."""
    c = common.control
    approved = settings.approved_by or ""
    if approved and settings.approved_on:
        approved = f"{approved}, {format_date(settings.approved_on, lang)}"
    return [(c.version, settings.version or "—"),
            (c.date, format_date(generated or dt.date.today(), lang)),
            (c.author, settings.author or "—"),
            (c.approved_by, approved or c.not_approved)]


def apply_document_settings(document: Document, project: Project, common: Any) -> None:
    """Put the document-control block on the cover and upper-case the organisation's name by
    its own language's rules; drop the closing line when ``documents.footer`` is false."""
    settings = project.documents
    pairs = tuple(control_pairs(settings, common, document.language, document.generated))
    org = project.organisation
    kicker_language = name_language(org.name, org.country, project.language)
    blocks = []
    for block in document.blocks:
        if isinstance(block, Cover):
            block = replace(block, approval_title=common.control.heading, approval=pairs,
                            kicker_language=kicker_language)
        elif isinstance(block, Colophon) and not settings.footer:
            continue
        blocks.append(block)
    document.blocks = blocks
