"""The words a genogram shows: a note in the reader's language, a person's age and hover
text, a couple's years and a household's label.

Kept apart from the drawing because the network map, the editor and the vignettes' age
check read the same words (an age in a story must be the age the genogram draws).
"""

from __future__ import annotations

from systemsim.genogram.model import GenogramFamily, Person, Union
from systemsim.i18n import t


def pick_text(text: str | dict | None, lang: str) -> str:
    """A note or label in `lang`, falling back to another language rather than nothing."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for key in (lang, "en", "fi", "sv"):
        if text.get(key):
            return text[key]
    return next(iter(text.values()), "")


def age_at(p: Person, year: int, month: int | None = None) -> int | None:
    """The age drawn for `p` at `year` (and `month`); at death, the age then.

    Why the month: files hold birth years only, so a person counts as born mid-year; in
    January 2026 a child born in 2021 is 4, not 5. Without a month: `year - born`.
    """
    age = p.age(year)
    if age is None or p.died is not None or month is None or month >= 7:
        return age
    return max(0, age - 1)


def hover_text(family: GenogramFamily, p: Person, lang: str, year: int,
               month: int | None = None) -> str:
    """What a pointer on a person's symbol shows: name, kind, years, age, index, note."""
    lines = [f"<b>{p.name or p.id}</b>"]
    if p.type != "person":
        lines.append(t(f"genogram.type.{p.type}", lang))
    else:
        lines.append(t(f"genogram.sex.{p.sex}", lang))
    if p.born is not None:
        lines.append(t("genogram.hover.born", lang, year=p.born))
    if p.died is not None:
        lines.append(t("genogram.hover.died", lang, year=p.died))
    age = age_at(p, year, month)
    if age is not None:
        lines.append(t("genogram.hover.age", lang, age=age))
    if p.id == family.index:
        lines.append(t("genogram.hover.index", lang))
    note = pick_text(p.note, lang)
    if note:
        lines.append(f"<i>{note}</i>")
    return "<br>".join(lines)


def age_text(p: Person, year: int, month: int | None) -> str:
    """The text inside a symbol: the age, '?' for someone of whom nothing is known."""
    if p.sex == "unknown" and p.type == "person" and p.born is None:
        return "?"
    age = age_at(p, year, month)
    return "" if age is None else str(age)


def years_text(p: Person) -> str:
    """Birth and death years above a symbol ('1950–2019', '1984' or nothing)."""
    if p.born is not None and p.died is not None:
        return f"{p.born}–{p.died}"
    if p.born is not None:
        return str(p.born)
    return ""


def union_label(u: Union, lang: str) -> str:
    """A couple's years under its line: since when, separated, divorced."""
    parts = []
    if u.start is not None:
        parts.append(t(f"genogram.year.start.{u.type}", lang, year=u.start))
    if u.separated is not None:
        parts.append(t("genogram.year.separated", lang, year=u.separated))
    if u.divorced is not None:
        parts.append(t("genogram.year.divorced", lang, year=u.divorced))
    return "<br>".join(parts)


def household_label(family: GenogramFamily, h_i: int, lang: str) -> str:
    """A household's own label, else the names of the people who live there."""
    h = family.households[h_i]
    label = pick_text(h.label, lang)
    if label:
        return label
    names = [family.people[m].name or m for m in h.members if m in family.people]
    return t("genogram.household.named", lang, names=", ".join(names))
