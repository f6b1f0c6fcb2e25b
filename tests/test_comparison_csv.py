"""comparison.csv: every coded cell is written as the label of the document's language."""

from __future__ import annotations

import csv
import io

from crmselect.documents.report import comparison_csv

CTX = {"appendix": {"vendors": [{"id": "acme", "name": "Acme"}],
                    "rows": [{"requirement": "OPS-SFA-001", "title": "Lead", "area": "operational",
                              "group": "sales", "priority": "must", "weight": 0.125,
                              "cells": [{"score": 2.5, "contribution": 0.3125,
                                         "source": "evaluated", "declared": "native",
                                         "shown": "live"}]},
                             {"requirement": "OPS-SFA-002", "title": "Quote", "area": "operational",
                              "group": "sales", "priority": "should", "weight": 0.1,
                              "cells": [{"score": 0.0, "contribution": 0.0,
                                         "source": "no_answer", "shown": "not_shown"}]}]},
       "ranking": [{"vendor": "acme", "rank": 1, "knocked_out": False}]}


def _rows(lang: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(comparison_csv(CTX, lang)),
                           delimiter=";" if lang == "tr" else ","))


def test_turkish_csv_writes_the_source_and_the_test_drive_mark_in_turkish():
    rows = _rows("tr")
    assert rows[0][12] == "Kaynak" and rows[0][15] == "Canlı gösterildi"
    assert (rows[1][12], rows[1][15]) == ("değerlendirici", "canlı gösterildi")
    assert (rows[2][12], rows[2][15]) == ("yanıt yok", "gösterilmedi")
    codes = {"evaluated", "no_answer", "live", "not_shown"}
    assert not codes & {cell for row in rows[1:] for cell in row}


def test_english_csv_writes_the_same_cells_as_english_labels():
    rows = _rows("en")
    assert (rows[1][12], rows[1][15]) == ("evaluated", "shown live")
    assert (rows[2][12], rows[2][15]) == ("no answer", "not shown")
