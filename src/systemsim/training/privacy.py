"""Warn before a reflection that looks like real personal data is saved.

Why: trainees write about their own work, and a real client's identity number, phone or
e-mail must not end up in a training journal. We look for a Finnish henkilötunnus and a
Swedish personnummer / samordningsnummer *with their check characters*, Finnish and Swedish
phone numbers, and e-mail addresses. Checksums and dates keep ordinary text (years, times,
ages, "3–5 kertaa", sums of money, dates like 12.3.2024) from raising false alarms.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: The henkilötunnus control character for (DDMMYYNNN mod 31).
HETU_CONTROL = "0123456789ABCDEFHJKLMNPRSTUVWXY"
#: Century sign -> first two digits of the year.
HETU_CENTURY = {"+": 18, "-": 19, "Y": 19, "X": 19, "W": 19, "V": 19, "U": 19}
HETU_CENTURY.update({c: 20 for c in "ABCDEF"})

KINDS = ("hetu", "personnummer", "phone", "email")


@dataclass(frozen=True)
class Finding:
    """Something in the text that looks like personal data."""

    kind: str  # one of KINDS
    text: str
    start: int
    end: int


_HETU = re.compile(
    r"(?<![\w+-])(\d{2})(\d{2})(\d{2})([-+ABCDEFYXWVU])(\d{3})([0-9A-Z])(?!\w)", re.IGNORECASE
)
_PNR = re.compile(r"(?<![\w+-])(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?![\w-])")
_PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)(?:358|46)[ -]?(?:\(0\)[ -]?)?\d(?:[ -]?\d){5,11}(?!\d)"
)
_PHONE_FI = re.compile(r"(?<![\w+-])(?<!\d[.,])0(?:4\d|50)(?:[ -]?\d){5,8}(?!\d|[.,]\d)")
_PHONE_SE = re.compile(r"(?<![\w+-])(?<!\d[.,])07[02369](?:[ -]?\d){7}(?!\d|[.,]\d)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?!\w)")


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def hetu_control(ddmmyy: str, nnn: str) -> str:
    """The control character of a henkilötunnus from its date and individual number."""
    return HETU_CONTROL[int(ddmmyy + nnn) % 31]


def is_valid_hetu(text: str) -> bool:
    """Whether `text` is exactly a henkilötunnus with a real date and a correct control char."""
    m = _HETU.fullmatch(text.strip())
    return bool(m) and _hetu_ok(m)


def _hetu_ok(m: re.Match[str]) -> bool:
    dd, mm, yy, sign, nnn, control = m.groups()
    year = HETU_CENTURY[sign.upper()] * 100 + int(yy)
    if not _valid_date(year, int(mm), int(dd)):
        return False
    return hetu_control(dd + mm + yy, nnn) == control.upper()


def luhn_ok(digits: str) -> bool:
    """The Luhn check used by Swedish personnummer (over YYMMDDNNNN)."""
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def luhn_digit(first_nine: str) -> str:
    """The check digit that makes `first_nine` + digit pass the Luhn check."""
    for d in "0123456789":
        if luhn_ok(first_nine + d):
            return d
    raise AssertionError("unreachable")  # pragma: no cover


def is_valid_personnummer(text: str) -> bool:
    """Whether `text` is exactly a personnummer / samordningsnummer with a correct check."""
    m = _PNR.fullmatch(text.strip())
    return bool(m) and _pnr_ok(m)


def _pnr_ok(m: re.Match[str]) -> bool:
    cc, yy, mm, dd, _sep, nnnn = m.groups()
    day = int(dd)
    if day > 60:  # samordningsnummer: day + 60
        day -= 60
    year = int(cc + yy) if cc else 2000 + int(yy)  # 2000 is a leap year: 29 Feb allowed
    if cc and int(cc) not in (18, 19, 20):
        return False
    if not _valid_date(year, int(mm), day):
        return False
    return luhn_ok(yy + mm + dd + nnnn)


def find_personal_data(text: str) -> list[Finding]:
    """Everything in `text` that looks like a real identifier, phone number or e-mail."""
    found: list[Finding] = []

    def add(kind: str, m: re.Match[str]) -> None:
        if any(m.start() < f.end and f.start < m.end() for f in found):
            return  # one warning per piece of text is enough
        found.append(Finding(kind, m.group(0), m.start(), m.end()))

    for m in _HETU.finditer(text):
        if _hetu_ok(m):
            add("hetu", m)
    for m in _EMAIL.finditer(text):
        add("email", m)
    for pattern in (_PHONE_INTL, _PHONE_FI, _PHONE_SE):
        for m in pattern.finditer(text):
            add("phone", m)
    for m in _PNR.finditer(text):
        if _pnr_ok(m):
            add("personnummer", m)
    return sorted(found, key=lambda f: f.start)


def looks_personal(text: str) -> bool:
    """Whether saving `text` should first ask "save anyway?"."""
    return bool(find_personal_data(text))
