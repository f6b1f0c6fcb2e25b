"""The web app's door to the scoring engine (filled in when crmselect.scoring lands)."""

from __future__ import annotations

from crmselect.project import LoadedProject


def weights_fingerprint(loaded: LoadedProject) -> str:
    try:
        from crmselect import scoring  # noqa: F401
    except ImportError:
        return ""
    raise NotImplementedError
