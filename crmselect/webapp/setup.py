"""Project setup in the browser: pages under ``/setup`` that build ``project.yaml``.

Served only when the app runs with ``SETUP`` (``crmselect serve DIR --setup`` or ``crmselect
setup DIR``), and only to the facilitator. The blueprint and what the pages share are in
:mod:`.setupcommon`; the pages in :mod:`.setupforms` (organisation, budget and timeline),
:mod:`.setupcatalog` (requirements, vendors, scenarios) and :mod:`.setuppeople` (evaluators,
weights).
"""

from __future__ import annotations

from crmselect.webapp import setupcatalog, setupforms, setuppeople  # noqa: F401 (routes)
from crmselect.webapp.setupcommon import bp

__all__ = ["bp"]
