"""Ages told in a vignette's story, checked against the birth years in its family file.

Why: the genogram counts a person's age from the birth year and the vignette's date; the
story says "four-year-old Onni". When the two disagree (the story says four, the genogram 5)
a trainer in front of a room loses the group's trust. Family files only hold birth years, so
a person counts as born mid-year (`systemsim.genogram.draw.age_at`): in January 2026 a
child born in 2021 is 4. The genogram draws that age at the vignette's date, and the story
must say the same.

The reader finds ages the way a story tells them in Finnish, Swedish and English ("nelivuotias
Onni", "Sannan 12-vuotias tytär Venla", "fyraårige Onni", "twelve-year-old Venla", "Onni, 4 v")
and ties each to the family member named next to it in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from systemsim.training.schema import Text, Vignette, VignetteStage

_FI = str.split("nolla yksi kaksi kolme neli viisi kuusi seitsen kahdeksan yhdeksän kymmen "
                "yksitoista kaksitoista kolmetoista neljätoista viisitoista kuusitoista "
                "seitsentoista kahdeksantoista")
_FI_ALT = {"neljä": 4, "seitsemän": 7, "seitsemäntoista": 17}
_SV = str.split("noll ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton "
                "femton sexton sjutton arton")
_SV_ALT = {"en": 1, "ettår": 1}
_EN = str.split("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen")

NUMBER_WORDS: dict[str, dict[str, int]] = {
    "fi": {w: i for i, w in enumerate(_FI)} | _FI_ALT,
    "sv": {w: i for i, w in enumerate(_SV)} | _SV_ALT,
    "en": {w: i for i, w in enumerate(_EN)},
}

_WORD = r"[^\W\d_]+"
#: An age as an adjective or noun before the person ("nelivuotias Onni", "12-åriga Alva").
AGE_BEFORE = {
    "fi": re.compile(rf"\b(\d{{1,2}}|{_WORD}?)-?vuotia\w*", re.IGNORECASE),
    "sv": re.compile(rf"\b(\d{{1,2}}|{_WORD}?)-?åri?n?g\w*", re.IGNORECASE),
    "en": re.compile(rf"\b(\d{{1,2}}|{_WORD})-year-olds?\b", re.IGNORECASE),
}
#: An age right after the name, as a title writes it ("Onni, 4 v", "Alva, 8 år", "Onni, 4,").
AGE_AFTER = re.compile(r"^,\s*(\d{1,2})(?:\s*(?:v|år|vuotta)\b|\s*[,)])")
_SENTENCE_END = re.compile(r"[.!?;:–]\s|\n")


@dataclass(frozen=True)
class AgeClaim:
    """One age the text gives a person: where it is, in which language, and the words."""

    where: str
    lang: str
    person: str
    age: int
    words: str


def _number(token: str, lang: str) -> int | None:
    token = token.lower().strip("-")
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS[lang].get(token)


def _names(people: dict[str, Any]) -> dict[str, str]:
    """First names of the living people with a birth year -> their id."""
    out: dict[str, str] = {}
    for pid, person in people.items():
        name = (getattr(person, "name", "") or "").strip()
        if name and name != "?" and getattr(person, "born", None) is not None:
            first = name.split()[0]
            out[first] = pid
            if first.endswith("s"):  # Finnish inflects Elias as Eliaksen, Eliakselle
                out[first[:-1] + "ks"] = pid
    return out


def _name_pattern(names: dict[str, str]) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    # a name with its case ending: Onnin, Onnia, Onnis, Sannan
    return re.compile(rf"\b({alternatives})(?:[a-zäöå]{{0,4}})?\b")


def claims_in(text: str, lang: str, where: str, people: dict[str, Any]) -> list[AgeClaim]:
    """The ages `text` (in `lang`) gives members of the family (`people`: id -> Person)."""
    names = _names(people)
    pattern = _name_pattern(names)
    if pattern is None:
        return []
    found: list[AgeClaim] = []
    for match in AGE_BEFORE[lang].finditer(text):
        age = _number(match.group(1), lang)
        if age is None:
            continue
        person = (
            _named_after(text, match.end(), pattern)
            or _named_before(text, match.start(), pattern)
            or _nearest_in_sentence(text, match.start(), pattern)
        )
        if person:
            found.append(AgeClaim(where, lang, names[person], age, match.group(0)))
    for name_match in pattern.finditer(text):
        after = AGE_AFTER.match(text[name_match.end():])
        if after:
            words = name_match.group(0) + after.group(0)
            found.append(AgeClaim(where, lang, names[name_match.group(1)], int(after.group(1)),
                                  words))
    return found


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    end_match = _SENTENCE_END.search(text, pos)
    return start, end_match.start() if end_match else len(text)


def _named_after(text: str, pos: int, pattern: re.Pattern[str]) -> str | None:
    """The first family name within three words after `pos`, in the same sentence."""
    _, end = _sentence_bounds(text, pos)
    words = text[pos:end].split()[:3]
    for word in words:
        m = pattern.match(word.strip("”\"'(),"))
        if m:
            return m.group(1)
    return None


def _named_before(text: str, pos: int, pattern: re.Pattern[str]) -> str | None:
    """The family name just before `pos` ("Venla, 12-vuotias"), in the same sentence."""
    start, _ = _sentence_bounds(text, pos)
    words = text[start:pos].split()[-2:]
    for word in reversed(words):
        m = pattern.fullmatch(word.strip("”\"'(),"))
        if m:
            return m.group(1)
    return None


def _nearest_in_sentence(text: str, pos: int, pattern: re.Pattern[str]) -> str | None:
    """The family name nearest to `pos` in its sentence ("Venlan asemasta ... 12-vuotiaan")."""
    start, end = _sentence_bounds(text, pos)
    found = [(abs(m.start() - pos), m.group(1)) for m in pattern.finditer(text, start, end)]
    return min(found)[1] if found else None


def _texts(value: Any, where: str) -> Iterator[tuple[str, Text]]:
    """Every Text inside a vignette part, with its key path."""
    if isinstance(value, Text):
        yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{where}.{name}" if where else name)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, f"{where}[{i}]")


def stage_claims(stage: VignetteStage, where: str, people: dict[str, Any]) -> list[AgeClaim]:
    """Every age the stage's texts give, in all three languages.

    A reflecting-team role is read as one text ("Elias" in the role, "the 13-year-old's
    place" in the task), so the age in its task belongs to the person the role names.
    """
    claims = [
        claim
        for path, text in _texts(stage, where)
        if ".reflecting_team[" not in path
        for lang in ("fi", "sv", "en")
        for claim in claims_in(text.get(lang), lang, path, people)
    ]
    for i, role in enumerate(stage.reflecting_team):
        for lang in ("fi", "sv", "en"):
            text = f"{role.role.get(lang)} {role.task.get(lang)}"
            claims += claims_in(text, lang, f"{where}.reflecting_team[{i}]", people)
    return claims


def vignette_claims(vignette: Vignette, people: dict[str, Any]) -> list[AgeClaim]:
    """Ages in the vignette's title, setting and aims (read against its first family)."""
    return [
        claim
        for name in ("title", "setting", "teaches")
        for path, text in _texts(getattr(vignette, name), name)
        for lang in ("fi", "sv", "en")
        for claim in claims_in(text.get(lang), lang, path, people)
    ]


def family_claims(family: Any, where: str) -> list[AgeClaim]:
    """Ages the family file's own title gives ("Onni, 4 v")."""
    title = getattr(family, "title", None)
    if not isinstance(title, dict):
        return []
    return [
        claim
        for lang, text in title.items()
        if lang in ("fi", "sv", "en")
        for claim in claims_in(str(text), lang, where, family.people)
    ]


@dataclass(frozen=True)
class AgeMismatch:
    """A told age that is not the age the genogram draws."""

    claim: AgeClaim
    name: str
    year: int
    born: int
    drawn: int

    @property
    def fields(self) -> dict[str, object]:
        return {
            "name": self.name,
            "told": self.claim.age,
            "words": self.claim.words,
            "language": self.claim.lang,
            "drawn": self.drawn,
            "born": self.born,
            "year": self.year,
        }


def mismatches(
    claims: list[AgeClaim], people: dict[str, Any], when: tuple[int, int]
) -> list[AgeMismatch]:
    """The claims whose age is not the one the genogram draws at `when` (year, month)."""
    from systemsim.genogram.draw import age_at

    out = []
    for claim in claims:
        person = people[claim.person]
        drawn = age_at(person, *when)
        if drawn is not None and drawn != claim.age:
            out.append(AgeMismatch(claim, person.name, when[0], person.born, drawn))
    return out


def vignette_mismatches(vignette: Vignette, load_family: Any) -> list[AgeMismatch]:
    """Every age in the vignette (and its family files' titles) that disagrees with the genogram.

    Each stage is read against the family file that holds at that stage and the stage's year
    (its own `date`, else the vignette's). A vignette without a date is not checked.
    """
    when = vignette.when()
    if when is None:
        return []
    first = load_family(vignette.resolve(vignette.family))
    found = mismatches(vignette_claims(vignette, first.people), first.people, when)
    current = vignette.family
    checked_files: set[str] = set()
    for i, stage in enumerate(vignette.stages):
        if stage.family_update:
            current = stage.family_update
        when = vignette.when(stage.id)
        assert when is not None
        family = load_family(vignette.resolve(current))
        claims = stage_claims(stage, f"stages[{i}]", family.people)
        if current not in checked_files:
            checked_files.add(current)
            claims += family_claims(family, current)
        found += mismatches(claims, family.people, when)
    return found
