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


# --- landlines -------------------------------------------------------------------------------

LANDLINES = [
    # Finland: area code 02, 03, 05, 06, 08, 09 or 013–019, then 5–8 digits
    ("soitin numeroon 09 310 12345", "09 310 12345", "landline"),
    ("Toimisto (09) 310 1234, ma–pe.", "(09) 310 1234", "landline"),
    ("puh. 09-3101234", "09-3101234", "landline"),
    ("Koulun numero on 013 123 456.", "013 123 456", "landline"),
    ("Mummolan numero 017 123 4567 on vanha.", "017 123 4567", "landline"),
    ("soita 0931012345", "0931012345", "landline"),
    ("Isän työnumero 02 274 1234", "02 274 1234", "landline"),
    ("kotinumero 018-12 345", "018-12 345", "landline"),
    # Finnish numbers for companies and the state, often someone's direct line
    ("suora numero 029 512 3456", "029 512 3456", "landline"),
    ("vaihde 010 123 4567", "010 123 4567", "landline"),
    ("0800 123 456", "0800 123 456", "landline"),
    # Sweden: area code of 2–4 digits starting with 0, then 5–8 digits
    ("Ring 08-123 456 78 i morgon.", "08-123 456 78", "landline"),
    ("mamman har 08 123 45 67 hemma", "08 123 45 67", "landline"),
    ("skolan: 031-12 34 56.", "031-12 34 56", "landline"),
    ("farmor (08) 123 45 67", "(08) 123 45 67", "landline"),
    ("Växjö 0470-123 45", "0470-123 45", "phone"),  # 047... is also a Finnish mobile prefix
    ("Kiruna 0980-123 45", "0980-123 45", "landline"),
    ("Sundsvall 060-12 34 56", "060-12 34 56", "landline"),
    # with the country code: the international rule finds these, as before
    ("+358 9 310 12345", "+358 9 310 12345", "phone"),
    ("+358 (0)9 310 12345", "+358 (0)9 310 12345", "phone"),
    ("+46 8 123 456 78", "+46 8 123 456 78", "phone"),
    ("+46 (0)31 12 34 56", "+46 (0)31 12 34 56", "phone"),
    # spaces a word processor puts in
    ("numero 09\u00a0310\u00a012345", "09\u00a0310\u00a012345", "landline"),
    # a number after the phone number is not part of it
    ("soitin 09 310 12345 3 kertaa", "09 310 12345", "landline"),
    ("ringde 08-123 45 67 14 gånger", "08-123 45 67", "landline"),
    ("(puh. 013 123 456)", "013 123 456", "landline"),
]


@pytest.mark.parametrize(("text", "number", "kind"), LANDLINES)
def test_landlines_are_caught(text, number, kind):
    found = find_personal_data(text)
    assert [(f.kind, f.text) for f in found] == [(kind, number)]
    assert text[found[0].start : found[0].end] == number


def test_landline_next_to_other_findings():
    text = "Äiti: 040 123 4567, koti 09 310 12345, aino.virtanen@example.fi."
    assert [f.kind for f in find_personal_data(text)] == ["phone", "landline", "email"]


NOT_PHONES = [
    "2024",
    "Hanke kestää 2024–2026.",
    "Projektet pågår 2024-2026.",
    "Tapasimme 12.3.2025 klo 9.30.",
    "Mötet 2025-03-12 kl. 09:15.",
    "Päätös 05.03.2025, tarkistus 09.09.2025.",
    "Sijoitus maksaa 1 200 € vuorokaudessa.",
    "Kostnaden är 12 000 kr per månad, 1 020 300 kr per år.",
    "Budjetti 1 020 300 400 € ja 12\u00a0000\u00a0€.",
    "LSL 26 § ja 27 §:n mukaan.",
    "Enligt SoL 11 kap. 1 § och LVU 2 §.",
    "HE 088/2006 ja laki 417/2007.",
    "Asiakkaista 45 % ja 12,5 % oli uusia.",
    "Selvitys valmistuu 7 arkipäivää myöhemmin.",
    "Utredningen tar 14 dagar.",
    "Perheessä on 3 lasta.",
    "Työntekijällä on 40–60 asiakasta.",
    "Diaarinumero 2024/0123, Dnr 3.5-0123/2024.",
    "ärende 0312-2024-00123",
    "Dnr SN 2024/0345",
    "Postiosoite 00100 Helsinki, 02100 Espoo.",
    "Lukuvuosina 2008–09 12 345 oppilasta.",
    "Tapaaminen 05 12 2025 klo 10.",
    "IBAN FI21 1234 5600 0007 85",
    "0358 9 310 12345",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_ordinary_numbers_are_not_landlines(text):
    assert find_personal_data(text) == []


SP = st.sampled_from([" ", "\u00a0", "\u202f"])


@st.composite
def ordinary_fragments(draw) -> str:
    """A year, a date, a time, a sum of money, a statute reference, a share or a count."""
    year = draw(st.integers(1900, 2099))
    d = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)))
    n = draw(st.integers(0, 999))
    money = draw(st.integers(0, 99_999_999))
    grouped = f"{money:,}".replace(",", draw(SP))
    sp = draw(SP)
    return draw(
        st.sampled_from(
            [
                f"{year}",
                f"vuonna {year}",
                f"{year}–{year + n % 10 + 1}",
                f"{year}-{year + n % 10 + 1}",
                f"{year}–{(year + 1) % 100:02d}",
                f"{d.day}.{d.month}.{d.year}",
                f"{d.day:02d}.{d.month:02d}.{d.year}",
                f"{d.day}.{d.month}.",
                d.isoformat(),
                f"{d.day:02d}/{d.month:02d}/{d.year}",
                f"{d.day:02d} {d.month:02d} {d.year}",
                f"klo {n % 24}.{n % 60:02d}",
                f"kl. {n % 24:02d}:{n % 60:02d}",
                f"{n % 24:02d}.{n % 60:02d}–{(n + 1) % 24:02d}.{n % 60:02d}",
                f"{grouped}{sp}€",
                f"{grouped} kr",
                f"{grouped} euroa",
                f"{money}{sp}€",
                f"LSL {n} §",
                f"SoL {n % 30} kap. {n % 12 + 1} §",
                f"{n} § {n % 5 + 1} mom.",
                f"{n}{sp}%",
                f"{n % 100},{n % 10}{sp}%",
                f"{n} arkipäivää",
                f"{n} dagar",
                f"{n % 10} lasta",
                f"{n % 50}–{n % 50 + 20} asiakasta",
                f"Dnr {year}/{n:04d}",
            ]
        )
    )


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.lists(ordinary_fragments(), min_size=1, max_size=6),
    st.sampled_from([", ", " ja ", " och ", " – ", "; ", ". ", " "]),
)
def test_generated_years_dates_money_and_statutes_are_never_flagged(fragments, joiner):
    text = joiner.join(fragments)
    assert find_personal_data(text) == []


FI_AREAS = ["02", "03", "05", "06", "08", "09", "013", "014", "015", "016", "017", "018", "019"]
SE_AREAS = ["08", "011", "031", "046", "054", "090", "0470", "0498", "0980"]


@st.composite
def landlines(draw) -> tuple[str, str]:
    """A landline as people write it, and its digits."""
    area = draw(st.sampled_from(FI_AREAS + SE_AREAS))
    longest = min(8, 10 - len(area))
    sub = str(draw(st.integers(1, 9))) + "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=4, max_size=longest - 1))
    )
    style = draw(st.sampled_from(["space", "hyphen", "paren", "compact"]))
    if style == "compact":
        return area + sub, area + sub
    # the subscriber in groups of 2–4 digits, as printed on business cards
    groups, rest = [], sub
    while rest:
        size = draw(st.integers(2, 4))
        if len(rest) - size == 1:
            size += 1
        groups.append(rest[:size])
        rest = rest[size:]
    grouped = " ".join(groups) if draw(st.booleans()) else sub
    head = {"space": f"{area} ", "hyphen": f"{area}-", "paren": f"({area}) "}[style]
    return head + grouped, area + sub


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(landlines(), words)
def test_generated_landlines_are_caught(landline, before):
    number, digits = landline
    found = find_personal_data(f"{before} {number}, kiitos.")
    assert [f.text for f in found] == [number]
    assert "".join(c for c in found[0].text if c.isdigit()) == digits
    expected = {"landline"}
    if digits.startswith(("04", "050")):  # Finnish mobile prefixes: Swedish 04.. may be a phone
        expected.add("phone")
    if is_valid_personnummer(number):  # ten digits can be both; the personnummer wins
        expected.add("personnummer")
    assert found[0].kind in expected


def test_a_large_sum_is_not_a_mobile_number_but_a_mobile_number_is():
    assert find_personal_data("Sijoitusten kustannukset olivat 1 045 000 000 € vuodessa.") == []
    assert find_personal_data("Kostnaden var 2 070 000 000 kr.") == []
    found = find_personal_data("Soita äidille numeroon 040 123 4567 huomenna.")
    assert [f.kind for f in found] == ["phone"]
