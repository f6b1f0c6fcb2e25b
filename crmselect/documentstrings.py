"""Per-language document strings: one source for English and Turkish.

Layout: ``templates/strings/<namespace>.yaml`` (``common``, ``rfp``, ``workbook``, …). Every leaf
holds both languages side by side, so a string cannot exist in one language only::

    rfp:
      title: {en: Request for Proposal, tr: Teklif İsteme Dokümanı (RFP)}
      steps:
        en: [Read the requirements, Fill the workbook]
        tr: [Gereksinimleri okuyun, Çalışma kitabını doldurun]

A user's ``DIR/templates/strings/<namespace>.yaml`` overrides single leaves of the bundled
strings (the same shape, both languages required).

Why one file per document: several documents are written by different people; one file each
keeps edits apart, and each file still holds both languages of every string.

Why here and not in :mod:`crmselect.documents`: the input readers find a workbook's sheets and
columns by these labels, and the readers sit below the documents layer (they import nothing
from it); :mod:`crmselect.documents.strings` hands the same names on to the documents.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from crmselect.errors import CrmselectError, Issue, Message, msg
from crmselect.model import LANGUAGES
from crmselect.resources import bundled_dir
from crmselect.yamlfile import Document, read_document

Leaf = str | list[str]


class Strings(Mapping[str, Any]):
    """The strings of one language as a nested mapping (``s["rfp"]["title"]``).

    Jinja templates read them as ``s.rfp.title``; Python code can use :meth:`text` with a dotted
    path and format arguments. A missing key is a ``KeyError`` naming the full path.
    """

    def __init__(self, tree: dict[str, Any], lang: str, path: str = "") -> None:
        self._tree = tree
        self.lang = lang
        self._path = path

    def __getitem__(self, key: str) -> Any:
        try:
            value = self._tree[key]
        except KeyError:
            raise KeyError(f"no document string '{self._path}{key}'") from None
        if isinstance(value, dict):
            return Strings(value, self.lang, f"{self._path}{key}.")
        return value

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError as exc:
            raise AttributeError(str(exc)) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._tree)

    def __len__(self) -> int:
        return len(self._tree)

    def text(self, dotted: str, **kwargs: object) -> str:
        """The string at ``dotted`` (``"rfp.title"``), formatted with ``kwargs``."""
        value: Any = self
        for part in dotted.split("."):
            value = value[part]
        if not isinstance(value, str):
            raise KeyError(f"document string '{dotted}' is not a single text")
        return value.format(**kwargs) if kwargs else value

    def texts(self, dotted: str, **kwargs: object) -> list[str]:
        """The list of strings at ``dotted``, each formatted with ``kwargs``."""
        value: Any = self
        for part in dotted.split("."):
            value = value[part]
        if isinstance(value, str):
            return [value.format(**kwargs) if kwargs else value]
        return [v.format(**kwargs) if kwargs else v for v in value]


def _is_leaf(node: Any) -> bool:
    return isinstance(node, dict) and bool(node) and set(node) <= set(LANGUAGES)


def _check_tree(doc: Document, node: Any, loc: tuple[str | int, ...], issues: list[Issue]) -> None:
    """Every leaf must be ``{en: …, tr: …}`` with text (or lists of text) in both languages."""
    if not isinstance(node, dict):
        issues.append(doc.issue(loc, msg("strings_not_texts")))
        return
    if set(node) & set(LANGUAGES):
        others = [str(k) for k in node if k not in LANGUAGES]
        if others:
            issues.append(doc.issue((*loc, others[0]), msg("strings_extra_key",
                                                           keys=", ".join(others)), key=True))
        missing = [lang for lang in LANGUAGES if lang not in node]
        if missing:
            issues.append(doc.issue(loc, msg("strings_missing_language",
                                                languages=", ".join(missing))))
        for lang in LANGUAGES:
            value = node.get(lang)
            ok = value is None or isinstance(value, str) or (
                isinstance(value, list) and all(isinstance(v, str) for v in value)
            )
            if not ok:
                issues.append(doc.issue((*loc, lang), msg("strings_not_text")))
        return
    for key, child in node.items():
        if not isinstance(key, str):
            issues.append(doc.issue(loc, msg("strings_bad_name", key=repr(key))))
            continue
        _check_tree(doc, child, (*loc, key), issues)


def read_strings_file(path: Path) -> dict[str, Any]:
    """Read and check one strings file; raises :class:`CrmselectError` with every problem.

    The result is cached while the file is unchanged (same size and modification time):
    every document reads the same files, often twice (Word and Markdown).
    """
    stat = path.stat()
    return _copy(_read_strings_file(path, stat.st_mtime_ns, stat.st_size))


def _copy(node: Any) -> Any:
    """A copy of a checked strings tree that shares nothing the caller may change: what
    ``copy.deepcopy`` gives, for the only types a checked tree holds (dicts with text keys,
    texts, lists of texts, None), without its memo of every node (``deepcopy`` took most of
    the time of reading ``validate``'s three strings files from the cache)."""
    if isinstance(node, dict):
        return {key: _copy(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_copy(value) for value in node]
    return node


@lru_cache(maxsize=64)
def _read_strings_file(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    if path.parent == bundled_dir("templates") / "strings":  # never a project's own file
        from crmselect.bundlecache import cached

        return cached(f"document strings {path}", [path], lambda: _read_checked(path),
                      lambda found: isinstance(found, dict))
    return _read_checked(path)


def _read_checked(path: Path) -> dict[str, Any]:
    """The tree of one strings file, checked (the bundled ones are kept in the cache of the
    bundled data, :mod:`crmselect.bundlecache`: ``validate`` reads three of them, 84 KB)."""
    doc = read_document(path)
    issues: list[Issue] = []
    _check_tree(doc, doc.data, (), issues)
    if issues:
        raise CrmselectError(issues, summary=msg("strings_problems", n=len(issues), file=path.name))
    return doc.data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key in merged and not _is_leaf(value) and isinstance(merged[key], dict) and (
            not _is_leaf(merged[key])
        ):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _select(node: dict[str, Any], lang: str) -> dict[str, Any]:
    """The tree in ``lang``: new dicts, and a new list for a list of texts (the cached file's
    own list must not be changed through a document's strings)."""
    return {
        key: (_copy_leaf(value[lang]) if _is_leaf(value) else _select(value, lang))
        for key, value in node.items()
    }


def _copy_leaf(value: Leaf) -> Leaf:
    return list(value) if isinstance(value, list) else value


def string_folders(project_root: Path | None = None) -> list[Path]:
    """The strings folders in load order: bundled first, then the user's (which overrides)."""
    folders = [bundled_dir("templates") / "strings"]
    if project_root is not None:
        folders.append(Path(project_root) / "templates" / "strings")
    return folders


def namespaces(project_root: Path | None = None) -> list[str]:
    """The names of every strings file (``common``, ``rfp``, …), bundled or the user's."""
    return sorted({p.stem for folder in string_folders(project_root) if folder.is_dir()
                   for p in folder.glob("*.yaml")})


def load_namespace(name: str, project_root: Path | None = None) -> dict[str, Any]:
    """One namespace as a bilingual tree: the bundled file overridden by the user's."""
    return _copy(_shared_namespace(name, project_root))


def common_word(kind: str, code: str, lang: str) -> str:
    """The word of the documents' shared vocabulary (``common.yaml``) for ``code`` of ``kind``
    (``priority``, ``compliance``, ``pattern``…) in ``lang``; the code itself when it has none.
    Read from the cached file, not a copy of it (the CLI asks once per printed line)."""
    entry = _shared_namespace("common", None).get(kind, {}).get(code)
    return entry.get(lang, code) if isinstance(entry, dict) else code


def _shared_namespace(name: str, project_root: Path | None) -> dict[str, Any]:
    """:func:`load_namespace` without the copy: its dicts and lists are those of the cached
    files, to be read only. :func:`_merge` and :func:`_select` build new dicts and change
    neither input, so a document's strings are selected from it without copying the files
    (a one-process ``build`` of the sample deep-copied a cached file 16 times)."""
    tree: dict[str, Any] = {}
    found = False
    for folder in string_folders(project_root):
        path = folder / f"{name}.yaml"
        if path.exists():  # a folder or a device of that name is refused by the reader, named
            stat = path.stat()
            override = _read_strings_file(path, stat.st_mtime_ns, stat.st_size)
            if found:
                _check_override(path, tree, override, name)
            tree = _merge(tree, override)
            found = True
    if not found:
        raise KeyError(f"no document string '{name}'")
    return tree


#: Lists a document pairs item by item with figures of its own: a project's file must give as
#: many texts (``contract.default_plan`` names the default payment plan's four instalments).
_COUNTED_LISTS = {"rfp": [("contract", "default_plan")]}


def _check_override(path: Path, base: dict[str, Any], override: dict[str, Any],
                    name: str = "") -> None:
    """Raise :class:`CrmselectError` naming every string of a project's file whose shape is not
    the bundled one's: one text where the bundled file has a group of strings (a document then
    stopped with a traceback), a group for a text, a list for a single text (printed as
    ``['a', 'b']``) or a text for a list. Names the bundled file lacks are the user's own."""
    wrong: list[tuple[tuple[str, ...], Any]] = []
    _compare_shape(base, override, (), wrong)
    counted: list[tuple[tuple[str, ...], int]] = []
    for loc in _COUNTED_LISTS.get(name, []):
        want, got = _at(base, loc), _at(override, loc)
        for lang in LANGUAGES:
            if isinstance(want, dict) and isinstance(got, dict) and isinstance(
                    want.get(lang), list) and isinstance(got.get(lang), list) and len(
                    got[lang]) != len(want[lang]):
                counted.append(((*loc, lang), len(want[lang])))
    if wrong or counted:
        doc = read_document(path)  # only now: the positions of the messages
        issues = [doc.issue(loc, code if isinstance(code, Message) else msg(code))
                  for loc, code in wrong]
        issues += [doc.issue(loc, msg("strings_default_plan_count", n=n)) for loc, n in counted]
        raise CrmselectError(issues, summary=msg("strings_problems", n=len(issues),
                                                 file=path.name))


def _at(tree: Any, loc: tuple[str, ...]) -> Any:
    for key in loc:
        tree = tree.get(key) if isinstance(tree, dict) else None
    return tree


def _compare_shape(base: dict[str, Any], override: dict[str, Any], loc: tuple[str, ...],
                   wrong: list[tuple[tuple[str, ...], str]]) -> None:
    for key, value in override.items():
        if key not in base:
            continue
        expected = base[key]
        if _is_leaf(expected) != _is_leaf(value):
            wrong.append(((*loc, key), "strings_expected_group" if not _is_leaf(expected)
                          else "strings_expected_leaf"))
        elif not _is_leaf(value):
            _compare_shape(expected, value, (*loc, key), wrong)
        else:
            for lang in LANGUAGES:
                want, got = expected.get(lang), value.get(lang)
                if isinstance(want, str) and isinstance(got, list):
                    wrong.append(((*loc, key, lang), "strings_expected_text"))
                elif isinstance(want, list) and isinstance(got, str):
                    wrong.append(((*loc, key, lang), "strings_expected_list"))
                else:
                    problem = _placeholder_problem(want, got)
                    if problem is not None:
                        wrong.append(((*loc, key, lang), problem))


def _placeholders(texts: Any) -> set[tuple[str, str | None, str]] | None:
    """The ``{name}`` fields of a text or list of texts, None if one does not parse."""
    import string

    found: set[tuple[str, str | None, str]] = set()
    try:
        for text_ in [texts] if isinstance(texts, str) else texts or []:
            for _literal, field, spec, conversion in string.Formatter().parse(text_):
                if field is not None:
                    found.add((field, conversion, spec or ""))
    except ValueError:
        return None
    return found


def _placeholder_problem(want: Any, got: Any) -> Any:
    """What is wrong with the placeholders of a project's text ``got`` (None if nothing): the
    documents fill the bundled text's placeholders in, and a brace that opens none, a name the
    document does not give or an attribute of it stopped the document with a traceback (or
    printed what the attribute holds)."""
    known = _placeholders(want)
    if not known:  # a bundled text without placeholders may never be filled in: kept as it is
        return None
    found = _placeholders(got)
    if found is None:
        return msg("strings_bad_brace")
    unknown = sorted("{" + field + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "")
                     + "}" for field, conv, spec in found - known)
    if not unknown:
        return None
    return msg("strings_unknown_placeholder", name=unknown[0],
               known=", ".join(sorted("{" + f + "}" for f, _c, _s in known)))


def unread_names(project_root: Path) -> list[Issue]:
    """A warning for each top-level name of a project's strings file that the bundled file of
    the same name lacks: no document reads it, so its strings are not used (``role:`` written
    for ``user_role:`` left every label in it unused, and the documents showed the codes made
    readable without a word). A file that does not read is skipped: its document says why."""
    from crmselect.errors import did_you_mean

    own = Path(project_root) / "templates" / "strings"
    bundled = bundled_dir("templates") / "strings"
    found: list[Issue] = []
    if not own.is_dir():
        return found
    for path in sorted(own.glob("*.yaml")):
        if not (bundled / path.name).is_file() or not path.is_file():
            continue
        try:
            override = read_strings_file(path)
        except CrmselectError:
            continue
        base = _shared_namespace(path.stem, None)
        unknown = [key for key in override if key not in base]
        if unknown:
            doc = read_document(path)  # only now: the positions of the warnings
            found += [doc.issue((key,), msg("strings_name_unread", file=path.name),
                                hint=did_you_mean(key, base), key=True) for key in unknown]
    return found


def load_bilingual(project_root: Path | None = None) -> dict[str, Any]:
    """Namespace → bilingual tree, bundled strings overridden by the user's."""
    return {name: load_namespace(name, project_root) for name in namespaces(project_root)}


class _LazyTree(dict):
    """Namespace → strings, each file read on first use.

    Why lazy: a document reads only its own namespaces, so a mistake in another document's
    strings file does not stop it (``crmselect validate``-style checks still read them all).
    """

    def __init__(self, lang: str, project_root: Path | None) -> None:
        super().__init__({name: None for name in namespaces(project_root)})
        self._lang = lang
        self._root = project_root

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if value is None:
            value = _select(_shared_namespace(key, self._root), self._lang)
            self[key] = value
        return value


def load_strings(lang: str, project_root: Path | None = None) -> Strings:
    """The document strings in ``lang`` (``en`` or ``tr``), with the user's overrides."""
    if lang not in LANGUAGES:
        raise CrmselectError(msg("strings_unknown_language", lang=lang,
                                 choices=", ".join(LANGUAGES)))
    return Strings(_LazyTree(lang, project_root), lang)
