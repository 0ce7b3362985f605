"""What a page or report says about its intervals, in the reader's language.

Apart from `uncertainty` (the runs) because a leader's page and a board report need only
these words, not the machinery that draws parameters.
"""

from __future__ import annotations

from systemsim.calibration.posterior import Posterior
from systemsim.i18n import t


def intervals_note(lang: str, posterior: Posterior | None) -> str:
    """What a page or report says its intervals include, in the reader's language."""
    if posterior is None:
        return t("calibration.intervals.stochastic", lang)
    name = posterior.path.name if posterior.path else "posterior"
    return t("calibration.intervals.parameters", lang, posterior=name)
