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
    "responses_imported": {
        "en": "{path}: {answered} requirement(s) answered, {unanswered} without an answer.",
        "tr": "{path}: {answered} gereksinim yanıtlandı, {unanswered} gereksinim yanıtsız.",
    },
    "interrupted": {"en": "Interrupted; nothing more was written.",
                    "tr": "Kesildi; başka bir şey yazılmadı."},
    # --- KPI calculator (crmselect/kpi.py, crmselect/cli/kpi.py) ---
    "kpi_unknown": {"en": "no such KPI '{name}'", "tr": "'{name}' adında bir KPI yok"},
    "kpi_did_you_mean": {"en": "did you mean {name}?", "tr": "{name} mi demek istediniz?"},
    "kpi_known": {"en": "known KPIs: {names}", "tr": "tanımlı KPI'lar: {names}"},
    "kpi_unknown_input": {"en": "unknown input '{name}' for KPI {kpi}",
                          "tr": "'{name}', {kpi} KPI'sının girdilerinden biri değil"},
    "kpi_takes": {"en": "it takes {names}", "tr": "girdileri: {names}"},
    "kpi_not_number": {"en": "input '{name}' must be a number, got {value}",
                       "tr": "'{name}' girdisi sayı olmalı, verilen değer: {value}"},
    "kpi_decimal_dot": {"en": "use a dot as the decimal separator, e.g. 12.5",
                        "tr": "ondalık ayırıcı olarak nokta kullanın, örneğin 12.5"},
    "kpi_negative": {"en": "input '{name}' must not be negative, got {value}",
                     "tr": "'{name}' girdisi negatif olamaz, verilen değer: {value}"},
    "kpi_missing_input": {
        "en": "KPI {kpi}: missing input {names}; it needs {needed}",
        "tr": "{kpi} KPI'sı için eksik girdi: {names}; gereken girdiler: {needed}",
    },
    "kpi_missing_inputs": {
        "en": "KPI {kpi}: missing inputs {names}; it needs {needed}",
        "tr": "{kpi} KPI'sı için eksik girdiler: {names}; gereken girdiler: {needed}",
    },
    "kpi_division_by_zero": {"en": "division by zero: {what} is 0 (KPI {kpi})",
                             "tr": "sıfıra bölme: {what} değeri 0 ({kpi} KPI'sı)"},
    "kpi_too_large": {"en": "KPI {kpi}: the result is too large to compute",
                      "tr": "{kpi} KPI'sı: sonuç hesaplanamayacak kadar büyük"},
    "kpi_file_not_mapping": {
        "en": "expected a mapping of input names to numbers, like 'customers_start: 900'",
        "tr": "girdi adlarını sayılara eşleyen bir yapı bekleniyordu, örneğin "
        "'customers_start: 900'",
    },
    "kpi_not_computed": {"en": "the KPI was not computed", "tr": "KPI hesaplanmadı"},
    "kpi_input_format": {"en": "expected NAME=VALUE, got '{value}'",
                         "tr": "AD=DEĞER bekleniyordu, verilen: '{value}'"},
    "kpi_input_twice": {"en": "input '{name}' is given twice",
                        "tr": "'{name}' girdisi iki kez verilmiş"},
    "kpi_formula": {"en": "formula", "tr": "formül"},
    "kpi_inputs": {"en": "inputs", "tr": "girdiler"},
    "kpi_direction": {"en": "direction", "tr": "yön"},
    "higher_is_better": {"en": "higher is better", "tr": "yüksek olması iyidir"},
    "lower_is_better": {"en": "lower is better", "tr": "düşük olması iyidir"},
    "kpi_list_headers": {"en": "id|unit|direction|name", "tr": "kimlik|birim|yön|ad"},
    "kpi_count": {"en": "{n} KPIs", "tr": "{n} KPI"},
    "unit_percent": {"en": "percent", "tr": "yüzde"},
    "unit_score": {"en": "score", "tr": "puan"},
    "unit_currency": {"en": "currency", "tr": "para birimi"},
    "unit_ratio": {"en": "ratio", "tr": "oran"},
    "unit_count": {"en": "count", "tr": "adet"},
    "unit_days": {"en": "days", "tr": "gün"},
    "unit_hours": {"en": "hours", "tr": "saat"},
    "unit_minutes": {"en": "minutes", "tr": "dakika"},
    # web form (crmselect serve / invite)
    "web_serving": {
        "en": "Serving '{project}' at {url} (evaluation database: {db}). Press Ctrl+C to stop.",
        "tr": "'{project}' {url} adresinde yayında (değerlendirme veritabanı: {db}). Durdurmak "
        "için Ctrl+C.",
    },
    "web_not_loopback": {
        "en": "Warning: listening on {host} without --behind-https: passwords and session "
        "cookies travel unencrypted. Put an https proxy in front and use --behind-https.",
        "tr": "Uyarı: {host} üzerinde --behind-https olmadan dinleniyor: parolalar ve oturum "
        "çerezleri şifrelenmeden taşınır. Önüne bir https vekil sunucu koyun ve "
        "--behind-https kullanın.",
    },
    "web_stopped": {"en": "Server stopped.", "tr": "Sunucu durduruldu."},
    "invite_expiry": {
        "en": "{n} invitation link(s); each works once and expires on {date}. Send each "
        "person only their own link.",
        "tr": "{n} davet bağlantısı; her biri bir kez kullanılabilir ve {date} tarihinde "
        "geçerliliğini yitirir. Her kişiye yalnızca kendi bağlantısını gönderin.",
    },
    "invite_nobody": {
        "en": "project.yaml lists no evaluators to invite",
        "tr": "project.yaml davet edilecek değerlendirici içermiyor",
    },
    "invite_no_such_person": {
        "en": "no evaluator '{id}' in project.yaml",
        "tr": "project.yaml içinde '{id}' adlı değerlendirici yok",
    },
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
