"""Country codes: ISO 3166-1 alpha-2, and the names and alpha-3 codes that stand for one.

``organisation.country`` is a two-letter code (the KVKK tasks, the holiday calendar and the
proposals look for ``TR``). A project may write the country's name in English or Turkish
(``Türkiye``, ``Almanya``) or its three-letter code (``TUR``): each is read as its code.
Anything else is refused, with the code a near miss probably meant.
"""

from __future__ import annotations

import unicodedata
from functools import cache

#: The 249 officially assigned ISO 3166-1 alpha-2 codes (no reserved ones such as EU, UN, XK).
ISO_CODES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())

#: Names in common use that CLDR does not give (compared folded, see :func:`fold`).
_OTHER_NAMES = {"turkiye": "TR", "turkey": "TR", "turkiye cumhuriyeti": "TR",
                "republic of turkiye": "TR", "republic of turkey": "TR", "tc": "TR",
                "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
                "ingiltere": "GB", "usa": "US", "abd": "US", "amerika": "US"}


def fold(text: str) -> str:
    """``  Türkiye `` → ``turkiye``: no case, no marks, single spaces (``İ`` and ``ı`` too)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").casefold())
    return " ".join("".join(c for c in decomposed if c.isascii()).split())


@cache
def _names() -> dict[str, str]:
    """Folded name (English and Turkish, CLDR's) or alpha-3 code → alpha-2 code. Built on
    the first name written (Babel's locale data), never for a project that writes a code."""
    from babel import Locale
    from babel.core import get_global

    names: dict[str, str] = {}
    for lang in ("en", "tr"):
        for code, name in Locale(lang).territories.items():
            if code in ISO_CODES:
                names.setdefault(fold(name), code)
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and targets[0] in ISO_CODES:
            names.setdefault(fold(alias), targets[0])
    names.update(_OTHER_NAMES)
    return names


def country_code(value: str) -> str | None:
    """The alpha-2 code ``value`` stands for (a code in any case, a name, an alpha-3 code);
    None when it stands for none."""
    code = value.strip().upper()
    if code in ISO_CODES:
        return code
    return _names().get(fold(value)) if value.strip() else None


def meant_code(value: str) -> str | None:
    """The code of the name closest to ``value`` (``Germny`` → DE), when one is close (a code
    of two or three letters is too short to guess from)."""
    import difflib

    if len(fold(value)) < 4:
        return None
    names = _names()
    close = difflib.get_close_matches(fold(value), list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


def country_name(code: str, lang: str) -> str:
    """The country's name in ``lang`` (``DE`` → Germany, Almanya)."""
    from babel import Locale

    return str(Locale(lang).territories.get(code, code))
