"""The privacy guard sees identity and phone numbers however they are typed or pasted."""

from __future__ import annotations

import pytest

from systemsim.training.privacy import find_personal_data


@pytest.mark.parametrize(("text", "kind", "number"), [
    ("Henkilötunnus 131052–308T, ks. liite.", "hetu", "131052–308T"),  # en dash
    ("hetu 131052\u2011308T", "hetu", "131052\u2011308T"),  # non-breaking hyphen
    ("hetu 1310\u200b52-308T", "hetu", "1310\u200b52-308T"),  # zero-width space
    ("hetu 131052\u2212308T", "hetu", "131052\u2212308T"),  # minus sign
    ("personnummer 19121212–1212", "personnummer", "19121212–1212"),
    ("personnummer 121212\u2011\u200b1212", "personnummer", "121212\u2011\u200b1212"),
    ("soita 040.123.4567 illalla", "phone", "040.123.4567"),
    ("soita 040/1234567", "phone", "040/1234567"),
    ("ring +358 (40) 1234567", "phone", "+358 (40) 1234567"),
    ("ring +46 (0)70 123 45 67", "phone", "+46 (0)70 123 45 67"),
    ("ring 070.123.45.67", "phone", "070.123.45.67"),
    ("soita 040\u200b123\u200b4567", "phone", "040\u200b123\u200b4567"),
])
def test_numbers_typed_with_other_characters_are_caught(text, kind, number):
    found = find_personal_data(text)
    assert [(f.kind, f.text) for f in found] == [(kind, number)]
    assert text[found[0].start:found[0].end] == number  # points at what the writer sees


@pytest.mark.parametrize("text", [
    "Tapasimme 12.3.2024–14.3.2024 ja sitten 2.4.2024.",
    "Mötet 2024–03–12 kl. 09.15–11.00.",
    "klo 9.30–11.00, 14.30\u201116.00",
    "Sijoitus maksaa 1 200–3 500 € kuukaudessa, 20.00 € päivässä.",
    "Kostnaden 12 000–15 000 kr, 1.045.000 kr per år.",
    "Hanke 2024–2026, sivut 45–67, 3/4 perheistä, 12/2024.",
    "Dnr 3.5–0123/2024 ja 2024/0123.",
    "Skala 0–10: 7\u200b/10.",
])
def test_dates_times_and_money_stay_unflagged(text):
    assert find_personal_data(text) == []
