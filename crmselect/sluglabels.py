"""The project's own codes that no strings file gives a label.

Departments, user roles, licences, migrated entities, channels and system categories are codes
(``hasta_iliskileri``); the documents show each by its label in ``templates/strings/common.yaml``
(bundled, or the project's own). A code without a label is shown made readable from the code —
"Hasta iliskileri" without its Turkish letters, "Patient relations" in English in a Turkish RFP —
so ``crmselect validate`` names them before a document goes out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crmselect.documentstrings import load_namespace
from crmselect.errors import Message, msg

if TYPE_CHECKING:
    from crmselect.project import LoadedProject

#: How many codes the warning names; the rest are counted.
LISTED = 4


def project_slugs(lp: LoadedProject) -> list[tuple[str, str]]:
    """(kind in common.yaml, code) of every code the project uses, in file order, once each."""
    org = lp.project.organisation
    found: list[tuple[str, str]] = [("department", d) for d in org.departments]
    found += [("channel", c) for c in org.channels]
    found += [("system", s.category) for s in org.current_systems]
    found += [("entity", e) for e in org.migrated_entity_slugs]
    for users in lp.project.users:
        found += [("user_role", users.role), ("licence", users.licence)]
        if users.department:
            found.append(("department", users.department))
    found += [("department", p.department) for p in lp.project.evaluators if p.department]
    return list(dict.fromkeys(found))


def unlabelled_slugs(lp: LoadedProject) -> list[tuple[str, str]]:
    """(kind, code) of the project's codes that have no label in either strings file."""
    labels = load_namespace("common", lp.root)
    return [(kind, slug) for kind, slug in project_slugs(lp)
            if slug not in (labels.get(kind) or {})]


def unlabelled_note(lp: LoadedProject, shown_as: Callable[[str], str]) -> Message | None:
    """The warning naming the codes without a label, each with what the documents show for it
    (``shown_as``: the edge's :func:`crmselect.i18n.formatting.humanize`), or None when every
    code has one."""
    missing = unlabelled_slugs(lp)
    if not missing:
        return None
    shown = ", ".join(f"{kind} {slug} → '{shown_as(slug)}'" for kind, slug in missing[:LISTED])
    if len(missing) > LISTED:
        shown += ", …"
    return msg("slug_unlabelled", n=len(missing), codes=shown,
               file=str(lp.root / "templates" / "strings" / "common.yaml"),
               example=f"{missing[0][0]}: {{{missing[0][1]}: {{en: …, tr: …}}}}")
