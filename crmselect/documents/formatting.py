"""Moved to :mod:`crmselect.i18n.formatting` (one formatting module for CLI, web and documents)."""

from crmselect.i18n.formatting import *  # noqa: F401,F403
from crmselect.i18n.formatting import (  # noqa: F401
    amount,
    currency_label,
    decimal,
    format_date,
    format_money,
    format_number,
    format_percent,
    format_short_date,
    humanize,
    slug_label,
)
