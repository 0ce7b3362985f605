"""What a page or report says about its intervals: to a leader in words (which uncertainty they
include and what the model was calibrated against), to a modeller the files behind them.

Apart from `uncertainty` (the runs) because a leader's page and a board report need only
these words, not the machinery that draws parameters.
"""

from __future__ import annotations

from pathlib import Path

from systemsim.calibration.posterior import Posterior
from systemsim.errors import InputError
from systemsim.i18n import t


def intervals_note(lang: str, posterior: Posterior | None) -> str:
    """What a page or report says its intervals include, in the reader's language; with a
    posterior, what the model was calibrated against in words, never a file name."""
    if posterior is None:
        return t("calibration.intervals.stochastic", lang)
    note = t("calibration.intervals.parameters", lang)
    against = calibrated_against(posterior, lang)
    return f"{note} {t('calibration.intervals.against', lang, against=against)}" if against else note


def targets_path(posterior: Posterior) -> Path | None:
    """The target file the posterior was fitted to (calibrate writes it relative to the
    posterior's folder), or None when the posterior does not say."""
    name = posterior.meta.get("targets_file")
    if not isinstance(name, str) or not name or posterior.path is None:
        return None
    return Path(posterior.path).parent / name


def calibrated_against(posterior: Posterior, lang: str) -> str:
    """The target file's title in `lang` (as the posterior recorded it, else from the file;
    its English name when it has no title); "" when neither can be found."""
    title = posterior.meta.get("targets_title")
    if not title:
        path = targets_path(posterior)
        if path is None or not path.exists():
            return ""
        from systemsim.calibration.targets import load_targets

        try:
            targets = load_targets(path)
        except InputError:
            return ""  # the modeller's reference still names the file
        title = targets.title or targets.name
    if isinstance(title, str):
        return title
    return next((title[k] for k in (lang, "en", "fi", "sv") if title.get(k)), "")


def shown_path(path: Path) -> str:
    """A file as a modeller finds it: relative to the working folder when inside it, else by
    name (a report leaves the machine; its folders say nothing to the reader)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return Path(path).name


def calibration_reference(lang: str, posterior: Posterior | None) -> str:
    """For the modeller: the posterior file the parameters were drawn from and its targets
    ("" without a posterior). Kept out of the leader's sentence."""
    if posterior is None:
        return ""
    file = shown_path(posterior.path) if posterior.path else "—"
    text = t("calibration.reference.file", lang, file=file)
    path = targets_path(posterior)
    if path is not None:
        text += " " + t("calibration.reference.targets", lang, targets=shown_path(path))
    return text
