"""Warn before a reflection that looks like real personal data is saved.

Why: trainees write about their own work, and a real client's identity number, phone or
e-mail must not end up in a training journal. We look for a Finnish henkilötunnus and a
Swedish personnummer / samordningsnummer *with their check characters*, Finnish and Swedish
mobile and landline phone numbers, and e-mail addresses. Checksums and dates keep ordinary text
(years, times, ages, "3–5 kertaa", sums of money, dates like 12.3.2024) from raising false alarms.

A landline ("09 310 12345", "(013) 123 456", "08-123 456 78", "031-12 34 56") is recognised by
its shape: a trunk 0 and an area code written as its own group (or the whole number written
without spaces), then a subscriber number of 5–8 digits that does not start with 0, in groups
of at least two digits. Numbers that follow another number ("1 020 300 €"), a dash or slash
("2025-03-12", "2024/0123"), or run on into letters, a hyphen, a slash or decimals are left
alone, and so is a date written "05 12 2025".
Mobile and international numbers keep the kind "phone"; a domestic landline is "landline".

Why normalise first: text pasted from a word processor or a client system writes the hyphen
of "131052-308T" as an en dash or a non-breaking hyphen, and may hide a zero-width space in a
number. Dashes become "-" and invisible characters are dropped before matching (a finding
still points at the original text). Mobile and international numbers may also be written with
dots, slashes or an area code in brackets ("040.123.4567", "040/1234567", "+358 (40) 1234567").
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

KINDS = ("hetu", "personnummer", "phone", "landline", "email")

#: Finnish area codes (with the trunk 0), and the national numbers for companies and the
#: state (010, 020, 029, 030, 075) and free calls (0800): these can be someone's direct line.
FI_AREA_CODES = frozenset(
    ["02", "03", "05", "06", "08", "09"]
    + [f"01{d}" for d in range(3, 10)]
    + ["010", "020", "029", "030", "075", "0800"]
)


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
    r"(?<![\w+])(?:\+|00)(?:358|46)[ .-]?(?:\(0\)[ .-]?)?(?:\(0?\d{1,3}\)[ .-]?)?"
    r"\d(?:[ ./-]?\d){5,11}(?!\d)"
)
# a mobile number never continues another number ("1 045 000 000 €" is a sum of money)
_PHONE_FI = re.compile(
    r"(?<![\w+-])(?<!\d[.,/])(?<!\d[ \u00a0\u202f])0(?:4\d|50)(?:[ ./-]?\d){5,8}(?!\d|[.,]\d)")
_PHONE_SE = re.compile(
    r"(?<![\w+-])(?<!\d[.,/])(?<!\d[ \u00a0\u202f])07[02369](?:[ ./-]?\d){7}(?!\d|[.,]\d)")
#: dashes written for a hyphen, and characters that do not show
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_SP = "[ \u00a0\u202f]"  # a space, a no-break space or a narrow no-break space
_SUBSCRIBER = rf"[1-9]\d+(?:(?:{_SP}|-)\d{{2,}})*"
_LANDLINE = re.compile(
    rf"(?<![\w+\-/–—])(?<!\d{_SP})(?<!\d[.,:])"
    rf"(?:\((?P<paren>0\d{{1,3}})\){_SP}?(?P<psub>{_SUBSCRIBER})"
    rf"|(?P<area>0\d{{1,3}})(?:{_SP}?-{_SP}?|{_SP})(?P<sub>{_SUBSCRIBER})"
    r"|(?P<compact>0[1-9]\d{5,9}))"
    r"(?![\w/-]|[.,:]\d)"
)
_SPACED_DATE = re.compile(rf"(\d\d){_SP}(\d\d){_SP}((?:19|20)\d\d)(?!\d)")
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


def is_landline_area(area: str) -> bool:
    """Whether `area` (with its trunk 0) is a Finnish or Swedish area code.

    Swedish area codes are 08 and every 0NN / 0NNN not starting with 00; Finnish ones are
    `FI_AREA_CODES`. Mobile prefixes (04x, 050, 07x) are found as "phone" before this is asked.
    """
    return area in FI_AREA_CODES or area == "08" or (len(area) in (3, 4) and area[1] != "0")


def _landline_digits_ok(area: str, subscriber: str) -> bool:
    return (
        is_landline_area(area)
        and subscriber[:1] != "0"
        and 5 <= len(subscriber) <= 8
        and len(area) + len(subscriber) <= 10
    )


def _landline_span(m: re.Match[str]) -> tuple[int, int] | None:
    """Where the landline in match `m` is, or None when it is not one after all."""
    if m["compact"]:
        digits = m["compact"]
        ok = any(_landline_digits_ok(digits[:n], digits[n:]) for n in (2, 3, 4))
        return m.span() if ok else None
    area = m["paren"] or m["area"]
    sub_group = "psub" if m["paren"] else "sub"
    start, sub_start = m.start(), m.start(sub_group)
    if _starts_with_spaced_date(m.string, start):
        return None
    # the subscriber's groups; a number right after the phone number ("... 12345 12 kertaa")
    # is dropped one group at a time until what is left is a phone number
    groups = list(re.finditer(r"\d+", m[sub_group]))
    while groups:
        end = sub_start + groups[-1].end()
        digits = "".join(g.group() for g in groups)
        whole = m.string[start:end]
        if _landline_digits_ok(area, digits) and whole.count("-") <= 1:
            return start, end
        groups.pop()
    return None


def _starts_with_spaced_date(text: str, pos: int) -> bool:
    """Whether a date written "05 12 2025" (not a phone number) starts at `pos`."""
    m = _SPACED_DATE.match(text, pos)
    return bool(m) and _valid_date(int(m[3]), int(m[2]), int(m[1]))


def normalise(text: str) -> tuple[str, list[int]]:
    """`text` with dashes as "-" and invisible characters dropped, and for each character of
    the result its position in `text` (plus one past the end)."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        chars.append(ch.translate(_DASHES))
        where.append(i)
    where.append(len(text))
    return "".join(chars), where


def find_personal_data(original: str) -> list[Finding]:
    """Everything in `text` that looks like a real identifier, phone number or e-mail."""
    text, where = normalise(original)
    found: list[Finding] = []

    def add(kind: str, m: re.Match[str]) -> None:
        add_span(kind, *m.span())

    def add_span(kind: str, start: int, end: int) -> None:
        if any(start < f.end and f.start < end for f in found):
            return  # one warning per piece of text is enough
        found.append(Finding(kind, text[start:end], start, end))

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
    # last, so that a valid personnummer (or a mobile number) keeps its own kind
    for m in _LANDLINE.finditer(text):
        span = _landline_span(m)
        if span:
            add_span("landline", *span)
    spans = [(f.kind, where[f.start], where[f.end - 1] + 1) for f in found]
    return sorted((Finding(k, original[a:b], a, b) for k, a, b in spans), key=lambda f: f.start)


def looks_personal(text: str) -> bool:
    """Whether saving `text` should first ask "save anyway?"."""
    return bool(find_personal_data(text))
