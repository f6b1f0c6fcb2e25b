"""Currency codes: the ISO 4217 codes of currencies in use.

A project's currency, its exchange rates and a vendor's price currency are three-letter codes
(``TRY``, ``EUR``). A code that names no currency (``TLL``, or the Turkish lira's old ``TRL``)
would reach the cost table and the documents as it is, or fail later at the vendor's price
("no exchange rate for TRY"), far from the line that is wrong; it is refused where it is typed.
"""

from __future__ import annotations

#: Currencies in use (ISO 4217, CLDR's list of 2026), without the codes for precious metals,
#: testing and "no currency" (XAU, XTS, XXX …), which no bid is made in.
ISO_CODES = frozenset("""
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN
BZD CAD CDF CHE CHF CHW CLF CLP CNH CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP
TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER
ZAR ZMW ZWG
""".split())

#: Codes a user may write for one in use: replaced currencies (the Turkish lira before 2005 and
#: 2009, the euro's predecessors) and the common slips of the two currencies bids come in most.
_REPLACED = {"TRL": "TRY", "YTL": "TRY", "TLL": "TRY", "TRK": "TRY", "TUR": "TRY",
             "DEM": "EUR", "FRF": "EUR", "ITL": "EUR", "ESP": "EUR", "NLG": "EUR",
             "GRD": "EUR", "ATS": "EUR", "HRK": "EUR", "BGN": "EUR", "EUO": "EUR",
             "RUR": "RUB", "USA": "USD"}


def meant_currency(code: str) -> str | None:
    """The code in use that an unknown ``code`` probably means (``TRL`` → ``TRY``), or None."""
    meant = _REPLACED.get(code)
    return meant if meant in ISO_CODES else None
