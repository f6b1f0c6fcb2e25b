"""Values vendors type by hand (crmselect/typedvalues.py): VAT words beside a price, currency names
in either language, two currencies in one amount, and the words that mean "nothing to pay".
"""

from __future__ import annotations

import pytest

from crmselect.typedvalues import (
    currency_marks,
    marked_currency,
    means_no_amount,
    parse_number,
    without_vat,
)


@pytest.mark.parametrize("typed, amount", [
    ("18.500 TL + KDV", "18.500 TL"), ("18.500 TL+KDV", "18.500 TL"), ("18.500 +KDV", "18.500"),
    ("18.500 (KDV hariç)", "18.500"), ("18.500 TL KDV HARİÇ", "18.500 TL"),
    ("18.500 KDV’siz", "18.500"), ("1,200 + VAT", "1,200"), ("1,200 excl. VAT", "1,200"),
])
def test_a_price_marked_without_vat_is_read_as_the_price(typed, amount):
    assert without_vat(typed) == (amount, False)


@pytest.mark.parametrize("typed", ["21.830 TL KDV dahil", "21.830 KDV dâhil", "21.830 KDV'li",
                                   "21.830 KDV’li", "1,200 incl. VAT", "1,200 including VAT"])
def test_a_price_with_vat_is_recognised(typed):
    assert without_vat(typed) == (typed, True)


def test_an_amount_without_a_vat_word_is_unchanged():
    assert without_vat("18.500 TL") == ("18.500 TL", None)


@pytest.mark.parametrize("typed, number, code", [
    ("1.000 Euro", 1000.0, "EUR"), ("1000 euro", 1000.0, "EUR"), ("1.000 Avro", 1000.0, "EUR"),
    ("100 dolar", 100.0, "USD"), ("Dollars 100", 100.0, "USD"), ("1.234,56 TL", 1234.56, "TRY"),
])
def test_a_currency_written_as_a_word_is_read_and_named(typed, number, code):
    assert parse_number(typed, "tr") == number
    assert marked_currency(typed) == code


def test_an_amount_with_two_currencies_is_not_a_number():
    assert currency_marks("€ 1.200 TL") == {"EUR", "TRY"}
    assert parse_number("€ 1.200 TL", "tr") is None
    assert parse_number("€ 1.200 €", "tr") == 1200.0  # the same one twice is still one


@pytest.mark.parametrize("typed", ["N/A", "n.a.", "-", "—", "Yok", "YOK", "Ücretsiz", "ÜCRETSİZ",
                                   "included", "Dahil", "FİYATA DAHİL", "free"])
def test_words_for_nothing_are_recognised(typed):
    assert means_no_amount(typed)


@pytest.mark.parametrize("typed", ["12", "abc", "yok değil", "TL"])
def test_other_text_is_not_a_word_for_nothing(typed):
    assert not means_no_amount(typed)
