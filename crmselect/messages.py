"""Per-language strings for the CLI and core messages that a user reads.

Why a dict and not gettext here: CLI and core messages are few and must work from a plain
checkout without compiled catalogs; the web app uses Flask-Babel catalogs for its pages.
"""

from __future__ import annotations

import os

MESSAGES: dict[str, dict[str, str]] = {
    "error": {"en": "Error", "tr": "Hata"},
    "problems_summary": {
        "en": "{n} problem{s} in {files} file{fs}; {what}.",
        "tr": "{files} dosyada {n} sorun; {what}.",
    },
    "problems": {"en": "{n} problems.", "tr": "{n} sorun."},
    "nothing_loaded": {"en": "nothing was loaded", "tr": "hiçbir şey yüklenmedi"},
    "catalog_not_loaded": {"en": "the catalog was not loaded", "tr": "katalog yüklenmedi"},
    "vendor_not_loaded": {"en": "the vendor was not loaded", "tr": "tedarikçi yüklenmedi"},
    "valid": {
        "en": "{path}: valid — {requirements} requirements, {vendors} vendors, {scenarios} "
        "scenarios, {evaluators} evaluators.",
        "tr": "{path}: geçerli — {requirements} gereksinim, {vendors} tedarikçi, {scenarios} "
        "senaryo, {evaluators} değerlendirici.",
    },
    "interrupted": {"en": "Interrupted; nothing more was written.",
                    "tr": "Kesildi; başka bir şey yazılmadı."},
}


def current_language(default: str = "en") -> str:
    """The CLI language: ``CRMSELECT_LANG``, else the locale (``tr_TR…`` → tr), else ``default``."""
    for var in ("CRMSELECT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "tr" if value.lower().startswith("tr") else "en"
    return default


def t(key: str, lang: str | None = None, **kwargs: object) -> str:
    """The message ``key`` in ``lang`` (current language by default), formatted with kwargs."""
    lang = lang or current_language()
    entry = MESSAGES[key]
    return entry.get(lang, entry["en"]).format(**kwargs)
