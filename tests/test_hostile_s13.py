"""Hand-typed and vendor-sent files a user feeds crmselect (helper s13): each is refused in one
line naming the file, the line and the field, in English and Turkish, or read as it was meant."""

from __future__ import annotations

from pathlib import Path

from crmselect.kpi import load_kpis, read_inputs
from tests.clirun import run


def test_a_utf16_kpi_file_is_read_like_every_other_yaml_file(tmp_path: Path):
    """Notepad's "Unicode" is UTF-16: the file was parsed, then read again as UTF-8 (traceback)."""
    path = tmp_path / "anket.yaml"
    path.write_bytes("promoters: 1.200\ndetractors: 30\ntotal_responses: 2.000\n"
                     .encode("utf-16"))
    assert read_inputs(path, load_kpis()["nps"], decimal_comma=True) == {
        "promoters": 1200, "detractors": 30, "total_responses": 2000}
    code, err = run("kpi", "compute", "nps", "--file", path, lang="tr")
    assert (code, err) == (0, "")
