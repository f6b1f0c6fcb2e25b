"""The documents' per-language strings, as the documents layer names them.

The loader lives in :mod:`crmselect.documentstrings`, below this layer: the input readers
(:mod:`crmselect.responseimport`, :mod:`crmselect.scoringsheetreader`) read the workbooks'
labels with it and import nothing from :mod:`crmselect.documents`.
"""

from crmselect.documentstrings import (
    Leaf,
    Strings,
    load_bilingual,
    load_namespace,
    load_strings,
    namespaces,
    read_strings_file,
    string_folders,
)

__all__ = ["Leaf", "Strings", "load_bilingual", "load_namespace", "load_strings", "namespaces",
           "read_strings_file", "string_folders"]
