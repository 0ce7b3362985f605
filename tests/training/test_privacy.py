"""The privacy guard catches real-looking identifiers and leaves ordinary text alone."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from systemsim.training import find_personal_data, looks_personal
from systemsim.training.privacy import (
    HETU_CENTURY,
    hetu_control,
    is_valid_hetu,
    is_valid_personnummer,
    luhn_digit,
)

dates = st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2099, 12, 31))


@st.composite
def hetus(draw) -> str:
    d = draw(dates)
    century = d.year // 100
    sign = draw(st.sampled_from([s for s, c in HETU_CENTURY.items() if c == century]))
    nnn = f"{draw(st.integers(2, 899)):03d}"
    ddmmyy = f"{d.day:02d}{d.month:02d}{d.year % 100:02d}"
    return f"{ddmmyy}{sign}{nnn}{hetu_control(ddmmyy, nnn)}"


@st.composite
def personnummers(draw) -> str:
    d = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)))
    day = d.day + (60 if draw(st.booleans()) else 0)  # samordningsnummer
    first9 = f"{d.year % 100:02d}{d.month:02d}{day:02d}{draw(st.integers(0, 999)):03d}"
    full = first9 + luhn_digit(first9)
    style = draw(st.sampled_from(["dash", "plus", "long", "long_dash", "plain"]))
    if style == "dash":
        return f"{full[:6]}-{full[6:]}"
    if style == "plus":  # 100 years or older
        return f"{full[:6]}+{full[6:]}"
    if style == "long":
        return f"{d.year // 100}{full}"
    if style == "long_dash":
        return f"{d.year // 100}{full[:6]}-{full[6:]}"
    return full


words = st.sampled_from(["Äiti kertoi, että", "Mamman sa att", "I noticed", "—", "ja", "och"])


@settings(max_examples=200, deadline=None)
@given(hetus(), words)
def test_valid_hetu_is_caught(hetu, before):
    assert is_valid_hetu(hetu)
    found = find_personal_data(f"{before} {hetu}, sanoi hän.")
    assert [f.kind for f in found] == ["hetu"]
    assert found[0].text == hetu


@settings(max_examples=200, deadline=None)
@given(hetus())
def test_hetu_with_wrong_control_char_is_not_a_hetu(hetu):
    wrong = hetu[:-1] + ("X" if hetu[-1] != "X" else "Y")
    assert not is_valid_hetu(wrong)


@settings(max_examples=200, deadline=None)
@given(personnummers(), words)
def test_valid_personnummer_is_caught(pnr, before):
    assert is_valid_personnummer(pnr)
    found = find_personal_data(f"{before} {pnr}.")
    assert found and found[0].text == pnr
    # 07... can also be a phone number, and YYMMDD-NNNN can happen to be a valid hetu too
    assert found[0].kind in ("personnummer", "phone", "hetu")


@settings(max_examples=200, deadline=None)
@given(personnummers())
def test_personnummer_with_wrong_check_digit_is_not_one(pnr):
    wrong = pnr[:-1] + str((int(pnr[-1]) + 1) % 10)
    assert not is_valid_personnummer(wrong)


@pytest.mark.parametrize(
    "text",
    [
        "soita 040 123 4567",
        "Soita numeroon 0401234567.",
        "Ring 070-123 45 67, tack.",
        "puh. 050-1234567",
        "+358 40 123 4567",
        "+358401234567",
        "ring 070-123 45 67",
        "+46 70 123 45 67",
        "0046701234567",
        "aino.virtanen@example.fi",
        "skriv till anna.svensson@kommun.se i morgon",
    ],
)
def test_phones_and_emails_are_caught(text):
    assert looks_personal(text)


ORDINARY = [
    "Tapasimme 12.3.2024 klo 14.30 perhekeskuksessa.",
    "Aino on 9-vuotias ja käy koulua 3–5 kertaa viikossa.",
    "Vuonna 2017 asiakasmäärä oli 40–60 lasta työntekijää kohden.",
    "Sijoitus maksaa noin 1 200 € vuorokaudessa, perhehoito 3 500 € kuukaudessa.",
    "Mötet var den 2024-03-12 kl. 09:15, och pojken är 14 år.",
    "Utredningen tog 4 månader och 120 dagar; 30 barn per socialsekreterare.",
    "Skala 0–10: äiti sanoi 7, isä 4.",
    "Meeting at 10:30 with 15 cases instead of 40, 3 out of 5 sessions.",
    "Lastensuojelulain 27 § ja 36 § mukaan.",
    "Kokouksessa oli 12 osallistujaa, kesto 90 minuuttia, budjetti 250000 euroa.",
    "Diaarinumero 2024/123 ja sivut 45–67.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_left_alone(text):
    assert find_personal_data(text) == []


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 31),
    st.integers(1, 12),
    st.integers(1990, 2030),
    st.integers(0, 23),
    st.integers(0, 59),
    st.integers(0, 120),
    st.integers(0, 99999),
)
def test_generated_ordinary_text_is_left_alone(day, month, year, hour, minute, age, money):
    text = (
        f"{day}.{month}.{year} klo {hour}.{minute:02d}: lapsi {age} v, "
        f"{money} € / {money:,} kr, {year}–{year + 3}, {age}–{age + 2} kertaa, {hour}:{minute:02d}"
    )
    assert find_personal_data(text) == []
