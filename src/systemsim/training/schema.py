"""The shape of a vignette file, as pydantic models.

Why a separate module: the schema is the contract with the content writers. It only says what
keys exist and what they hold; whether the story hangs together (stage ids, paths to an end,
family files) is checked in `vignette.py` and `paths.py`, which give friendlier messages.
Every model forbids unknown keys so that a typo (`narative:`) is caught, not silently ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from systemsim.i18n import LANGUAGES

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$")]
#: When the story happens, as year and month ("2026-01"): ages are counted to this year.
YearMonth = Annotated[str, StringConstraints(pattern=r"^(19|20)\d\d-(0[1-9]|1[0-2])$")]



#: Burnham's Social GRRAACCEESS, as the keys a vignette may list.
GRRAACCEESS: tuple[str, ...] = (
    "gender",
    "race",
    "religion",
    "age",
    "ability",
    "appearance",
    "class",
    "culture",
    "ethnicity",
    "education",
    "employment",
    "sexuality",
    "sexual_orientation",
    "spirituality",
)
Aspect = Literal[GRRAACCEESS]  # the same names as the tuple above


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Dated(_Strict):
    """Something with an optional `date` ("YYYY-MM"), read as year and month."""

    date: YearMonth | None = None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def month(self) -> int | None:
        return int(self.date[5:7]) if self.date else None


class Text(_Strict):
    """One text in Finnish, Swedish and English; all three are required and non-empty."""

    fi: NonEmpty
    sv: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        """The text in `lang` (one of fi, sv, en)."""
        if lang not in LANGUAGES:
            raise ValueError(f"language {lang!r} is not available; choose one of fi, sv, en")
        return getattr(self, lang)


class Choice(_Strict):
    """A decision the group takes; its consequence is told and the story moves on."""

    label: Text
    consequence: Text
    next: Slug


class SignsOfSafety(_Strict):
    """Signs of Safety mapping: three columns and a 0-10 scale question."""

    worries: list[Text] = Field(default_factory=list)
    working_well: list[Text] = Field(default_factory=list)
    needs_to_happen: list[Text] = Field(default_factory=list)
    scale_question: Text | None = None


class ReflectingRole(_Strict):
    """A role in a reflecting-team role play and what the person in it listens for."""

    role: Text
    task: Text


class ModelRun(_Strict):
    """Run the simulation model for this family at two (or more) caseloads.

    `children`, `severity`, `seed` and `weeks` are optional; the player fills in the number
    of children from the family file when it can and uses the model's defaults otherwise.
    """

    scenario: NonEmpty
    caseloads: Annotated[list[Annotated[int, Field(gt=0, le=200)]], Field(min_length=1)]
    children: Annotated[int, Field(gt=0, le=8)] | None = None
    severity: NonEmpty = "moderate"
    seed: int = 1
    weeks: Annotated[int, Field(gt=0, le=1040)] = 156


class VignetteStage(_Dated):
    """One step of the story: what happens, what to reflect on, where it goes next."""

    id: Slug
    title: Text
    narrative: Text
    facts: list[Text] = Field(default_factory=list)
    family_update: NonEmpty | None = None
    waiit: list[Text] = Field(default_factory=list)
    grraacceess: list[Aspect] = Field(default_factory=list)
    hypotheses: list[Text] = Field(default_factory=list)
    circular_questions: list[Text] = Field(default_factory=list)
    signs_of_safety: SignsOfSafety | None = None
    reflecting_team: list[ReflectingRole] = Field(default_factory=list)
    facilitator_notes: Text | None = None
    model_run: ModelRun | None = None
    choices: list[Choice] | None = None
    next: Slug | None = None
    end: bool = False
    # date: this stage's own (None: the vignette's date holds)


class Vignette(_Dated):
    """A whole case vignette: a fictional family and the stages its story unfolds in."""

    kind: Literal["vignette"]
    id: Slug
    title: Text
    setting: Text
    sources: list[NonEmpty] = Field(default_factory=list)
    teaches: Annotated[list[Text], Field(min_length=1)]
    duration_minutes: Annotated[int, Field(gt=0, le=600)]
    # date (from _Dated): the year and month the story happens in; the genogram counts ages to it
    #: where the story happens: its Swedish follows Finland's words (socialarbetare,
    #: barnskyddsanmälan) or Sweden's (socialsekreterare, orosanmälan); docs/glossary.md
    country: Literal["FI", "SE"] = "FI"
    family: NonEmpty
    start: Slug
    stages: Annotated[list[VignetteStage], Field(min_length=1)]
    _source: Path | None = PrivateAttr(default=None)

    def when(self, stage_id: str | None = None) -> tuple[int, int] | None:
        """(year, month) of a stage: its own date, else the vignette's (None: no date)."""
        stage = self.stage(stage_id) if stage_id else None
        date = (stage.date if stage else None) or self.date
        return (int(date[:4]), int(date[5:7])) if date else None

    @property
    def source(self) -> Path | None:
        """The file this vignette was read from (None when built in memory)."""
        return self._source

    def resolve(self, relative: str, where: str = "family") -> Path:
        """A path written in the vignette (family, scenario), relative to the vignette file.

        It must stay in the vignette's tree (the folder holding `vignettes/` and `families/`),
        the bundled scenarios or a folder the user allowed (`systemsim.yamlio`), else InputError.
        """
        from systemsim.yamlio import resolve_included

        source = self._source or Path.cwd() / "vignette.yaml"
        return resolve_included(source, relative, root=source.parent.parent, where=where)

    def stage(self, stage_id: str) -> VignetteStage:
        """The stage with `stage_id` (KeyError if the vignette has none)."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    @property
    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]
