"""The two column readers of ``scores.yaml`` (crmselect/scoresyaml.py) on a file saved with a
byte order mark, and with spaces after ``demo:`` (cases the property test of
tests/test_scoresyaml_lines.py drew at random and failed on):

- libyaml counts its marks from after the byte order mark, Python's strings from before it: the
  event reader blanked the ``scores`` list one character short, and with no line break at the
  end of the file the fingerprint was read as ``'abc\\n}'``;
- ``demo: `` with a space after it was not the line reader's ``demo:``, so the marks were read
  into the rest of the file by one reader and beside it by the other.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import crmselect.scoresyaml as scoresyaml
from crmselect.model import ScoresFile
from crmselect.yamlfile import SCORES_LIMITS, parse_text

PATH = Path("scores.yaml")
RECORD = "- {evaluator: murat, vendor: suitecrm, target: OPS-SFA-001, score: 4%s}"
MARK = ("- {evaluator: murat, vendor: suitecrm, scenario: SCN-LEAD2DEAL, "
        "requirement: OPS-SFA-001, shown: live}\n")


def _full(text: str) -> ScoresFile:
    return ScoresFile.model_validate(parse_text(text, PATH, SCORES_LIMITS).data)


@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["no-bom", "bom"])
@pytest.mark.parametrize("end", ["", "\n", "\r\n"], ids=["no-break", "lf", "crlf"])
@pytest.mark.parametrize("extra", ["", ", note: a:b"], ids=["line-form", "event-form"])
def test_the_event_reader_reads_the_fingerprint_after_a_byte_order_mark(bom, end, extra):
    text = f"{bom}weights_fingerprint: abc\nscores:\n{RECORD % extra}{end}"
    read = scoresyaml._read_events(PATH, text)
    assert read.rest.weights_fingerprint == "abc" == _full(text).weights_fingerprint
    lines = scoresyaml._read_lines(PATH, text)
    if lines is not None:  # (a plain value with a colon is left to the event reader)
        assert lines.rest == read.rest


@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["no-bom", "bom"])
@pytest.mark.parametrize("after", ["", " ", "   ", " \r"], ids=["none", "space", "spaces", "cr"])
def test_demo_with_spaces_after_it_is_the_marks_for_both_readers(bom, after):
    text = (f"{bom}weights_fingerprint: abc\nscores:\n{RECORD % ''}\n"
            f"demo:{after}\n{MARK}")
    lines = scoresyaml._read_lines(PATH, text)
    events = scoresyaml._read_events(PATH, text)
    assert lines is not None
    assert lines.rest == events.rest
    assert lines.demo == events.demo == _full(text).demo
