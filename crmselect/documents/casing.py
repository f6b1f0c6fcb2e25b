"""Upper case by the rules of the text's language, not the document's.

Why: a Turkish name in an English document keeps its dotted capital İ ("Ege Endüstri" →
"EGE ENDÜSTRİ", never "ENDÜSTRI"), and an English word in a Turkish document keeps its I.
"""

from __future__ import annotations

#: Ways a project names Türkiye as the organisation's country.
_TURKEY = frozenset({"TR", "TUR", "TÜRKİYE", "TURKIYE", "TURKEY", "TÜRKIYE"})
#: Letters that only Turkish (of the languages a project uses) writes.
_TURKISH_ONLY = frozenset("ğĞıİşŞ")


def upper(text: str, language: str) -> str:
    """Upper case by the language's rules: Turkish ``i`` → ``İ`` and ``ı`` → ``I``."""
    if language == "tr":
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


def name_language(name: str, country: str = "", project_language: str = "en") -> str:
    """The language whose case rules an organisation's name follows: Turkish for an
    organisation in Türkiye, or a name with a letter only Turkish writes; else the project's
    language."""
    if country.strip().upper() in _TURKEY or (set(name) & _TURKISH_ONLY):
        return "tr"
    return project_language if not country.strip() else "en"
