"""Training with case vignettes: WAIIT stages, genograms and a journal that keeps every word.

Public API (widgets live in `systemsim.ui`):

- `load_vignette(path)`, `check_file(path)`, `validate_file(path)`: read and check a vignette.
- `vignette_path(id)`, `bundled_vignettes()`: find the vignettes shipped in `scenarios/vignettes/`.
- `all_paths(vignette)`: every way through a vignette's choices.
- `Journal`, `export_journal`, `to_markdown`, `to_html`: the trainee journal.
- `find_personal_data(text)`, `looks_personal(text)`: the privacy guard for identity numbers,
  mobile and landline phone numbers and e-mail addresses (`Journal` refuses such text with
  `PersonalDataError` unless `allow_personal=True`).
- `overview_markdown(lang)`: the bundled vignettes and what each teaches.
- `systemsim.training.template.write_template(folder)`: a starting vignette to edit.
- `systemsim.training.model_stage.family_journeys(vignette, stage)`: the model stage.
- `systemsim.training.notebooks.write_notebooks(folder, ids)`: the training notebooks.
"""

from systemsim.training.export import export_journal, to_html, to_markdown
from systemsim.training.journal import Entry, Journal, PersonalDataError
from systemsim.training.locate import bundled_vignettes, vignette_path
from systemsim.training.overview import overview_markdown
from systemsim.training.paths import all_paths
from systemsim.training.privacy import Finding, find_personal_data, looks_personal
from systemsim.training.problems import Problem, VignetteError
from systemsim.training.schema import GRRAACCEESS, Text, Vignette, VignetteStage
from systemsim.training.vignette import Report, check_file, check_text, load_vignette, validate_file

__all__ = [
    "GRRAACCEESS",
    "Entry",
    "Finding",
    "Journal",
    "PersonalDataError",
    "Problem",
    "Report",
    "Text",
    "Vignette",
    "VignetteError",
    "VignetteStage",
    "all_paths",
    "bundled_vignettes",
    "check_file",
    "check_text",
    "export_journal",
    "find_personal_data",
    "load_vignette",
    "looks_personal",
    "overview_markdown",
    "to_html",
    "to_markdown",
    "validate_file",
    "vignette_path",
]
