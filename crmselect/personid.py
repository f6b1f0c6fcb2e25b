"""The id (user name) a person gets from their name, where nobody typed one.

Why: the id is the name a person signs in with and reads on their invitation; ``crmselect
setup`` made every new project's facilitator ``facilitator`` whatever her name, and a row of
the setup pages' evaluators with a name and no id was refused for the missing id.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from crmselect.countries import fold


def person_id(name: str, taken: Collection[str] = ()) -> str:
    """The first word of ``name`` in lower case, without Turkish letters or accents (``Şule
    Öztürk`` → ``sule``), with a number added when ``taken`` has it (``sule2``); '' when no
    word of the name can be one (a name in another script)."""
    folded = re.sub("['\u2019]", "", fold(name))  # O'Neil, O’Neil: one word
    words = [w for w in re.findall(r"[a-z0-9]+", folded) if w[0].isalpha()]
    if not words:
        return ""
    base = found = words[0][:60]
    n = 1
    while found in taken:
        n += 1
        found = f"{base}{n}"
    return found
