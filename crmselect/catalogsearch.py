"""Catalog search that forgives Turkish spelling and knows the glossary's synonyms.

A Turkish user types "sikayet" on an English keyboard, "şikayet" without the circumflex, or
"IYS" in capitals; the catalog writes "şikâyet" and "İYS". All of them fold to the same key:
Turkish casing first (İ → i, I → ı), then the Turkish letters and circumflexes to plain Latin
(ç → c, ğ → g, ı → i, ö → o, ş → s, ü → u, â → a, î → i, û → u). The catalog itself demands
exactly this of a CRM (NFR-LOC-001), so its own search must do it too.

Synonyms: a query naming a glossary term in one language (or a variant the glossary tells
writers to avoid, which users still type) also finds the other; a few domain synonyms the
glossary does not list (web-to-lead = web form, PBX = santral) are built in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from crmselect.catalog import Catalog, CatalogEntry
from crmselect.model import GlossaryTerm

#: Domain synonyms a user types that the glossary does not list as terms.
EXTRA_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("web-to-lead", "web form", "web formu"),
    ("pbx", "santral"),
    ("cti", "computer telephony", "telephony integration", "bilgisayar-telefon entegrasyonu",
     "santral entegrasyonu"),
)
#: At most this many spelled-out variants of one query are tried.
MAX_VARIANTS = 64

_LETTERS = str.maketrans({"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u"})
_PARENS = re.compile(r"\s*\(([^)]*)\)")
_SEPARATORS = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """The search key of ``text``: Turkish casing, no diacritics, words separated by one space
    ("Şikâyet" → "sikayet", "İYS" and "IYS" → "iys", "web-to-lead (form)" → "web to lead
    form")."""
    text = text.replace("İ", "i").replace("I", "ı").casefold().translate(_LETTERS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", text).strip()


def _variants(term: GlossaryTerm) -> set[str]:
    """Every spelling of a glossary term: both languages, the avoided variants, and each part
    of "name (abbreviation)" on its own."""
    out = set()
    for text in (term.en, term.tr, *term.avoid_en, *term.avoid_tr):
        out.add(fold(text))
        for inner in _PARENS.findall(text):
            out.add(fold(inner))
        out.add(fold(_PARENS.sub("", text)))
    return {v for v in out if len(v) >= 3}


def synonym_groups(glossary: Iterable[GlossaryTerm]) -> list[set[str]]:
    """Groups of folded spellings that mean the same thing."""
    groups = [_variants(term) for term in glossary]
    groups += [{fold(s) for s in extra} for extra in EXTRA_SYNONYMS]
    return [g for g in groups if len(g) > 1]


def expand(query: str, groups: list[set[str]]) -> list[str]:
    """The folded query and its spellings with one synonym it names (the longest) swapped for
    each other spelling of that synonym."""
    folded = fold(query)
    variants = [folded]
    padded = f" {folded} "
    named = []
    for group in groups:
        name = next((n for n in sorted(group, key=len, reverse=True) if f" {n} " in padded),
                    None)
        if name is not None:
            named.append((name, group))
    kept: list[str] = []
    # a synonym inside a longer one ("lead" in "web to lead") is not swapped on its own
    for name, group in sorted(named, key=lambda ng: len(ng[0]), reverse=True):
        if any(f" {name} " in f" {longer} " for longer in kept):
            continue
        kept.append(name)
        for other in sorted(group - {name}):
            swapped = padded.replace(f" {name} ", f" {other} ", 1).strip()
            if swapped not in variants and len(variants) < MAX_VARIANTS:
                variants.append(swapped)
    return variants


def searchable_text(entry: CatalogEntry) -> str:
    """What a search looks in: id, titles, descriptions, example systems and integration
    patterns (such as ``cti``), folded."""
    req = entry.requirement
    need = req.integration
    parts = [req.id, req.title.en, req.title.tr, req.description.en, req.description.tr,
             *(text for x in (need.example_systems if need else [])
               for text in ((x,) if isinstance(x, str) else (x.en, x.tr))),
             *(need.pattern if need else [])]
    return fold(" ".join(parts))


class CatalogSearch:
    """A query over a catalog: an entry matches when every word of the query, or of one of
    its synonym spellings, is in its text (Turkish spellings folded)."""

    def __init__(self, catalog: Catalog, query: str) -> None:
        self.query = query
        # Each word must start a word of the text (Turkish adds suffixes: "limit" finds
        # "limiti"; "cti" does not find "action"). The query's own words may be anywhere;
        # a synonym spelling must appear as a phrase, so "credit limit" does not match a text
        # that speaks of credits and, elsewhere, of limits.
        original, *synonyms = expand(query, synonym_groups(catalog.glossary))
        self.patterns = [[re.compile(r"(?<!\w)" + re.escape(w)) for w in original.split()]]
        self.patterns += [[re.compile(r"(?<!\w)" + r"\w*\s".join(map(re.escape, v.split())))]
                          for v in synonyms]

    def matches(self, entry: CatalogEntry) -> bool:
        hay = searchable_text(entry)
        return any(words and all(p.search(hay) for p in words) for words in self.patterns)

    def in_title(self, entry: CatalogEntry) -> bool:
        """Whether the query matches the entry's id or title (in either language), not only
        its description: such entries are listed first."""
        req = entry.requirement
        hay = fold(" ".join((req.id, req.title.en, req.title.tr)))
        return any(words and all(p.search(hay) for p in words) for words in self.patterns)


def search(catalog: Catalog, query: str) -> list[CatalogEntry]:
    """Catalog entries matching ``query``, in catalog order."""
    finder = CatalogSearch(catalog, query)
    return [entry for entry in catalog.entries.values() if finder.matches(entry)]
