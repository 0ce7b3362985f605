"""The dashboard's controls: a base scenario to start from, the four levers a leader moves
(staffing, caseload cap, way of working, early support) and how long and how often to run.

Ranges come from `systemsim.whatif.levers`, the one place for them; each control carries a
CSS class (``systemsim-social-workers``, ...) that the browser tests find it by.
"""

from __future__ import annotations

import ipywidgets as w

from systemsim.i18n import get_language
from systemsim.ui.number_slider import NumberSlider
from systemsim.whatif.levers import UNCERTAINTIES, WAYS_OF_WORKING, slider_limits

#: the controls in their two columns
LEFT = ("base", "social_workers", "caseload_cap", "way_of_working")
RIGHT = ("early_support_places", "years", "replications", "uncertainty")


def slider_range(name: str) -> tuple[float, float, float]:
    """A lever's slider range (`whatif.levers`, the one place for ranges) as low, high, step."""
    lim = slider_limits(name)
    return lim["min"], lim["max"], lim["step"]


def lever_controls(bases: list[str], base: str, years: int,
                   replications: int) -> dict[str, w.ValueWidget]:
    """Every control, by the name of the value it sets (labels come with the language)."""
    style = {"description_width": "19em"}
    wide = w.Layout(width="40em")
    controls = {
        "base": w.Dropdown(options=bases, value=base, style=style, layout=wide),
        "social_workers": NumberSlider(*slider_range("social_workers"), 1, get_language(),
                                       style=style, layout=wide, continuous_update=False),
        "caseload_cap": w.IntSlider(**slider_limits("caseload_cap"), style=style, layout=wide,
                                    continuous_update=False),
        "way_of_working": w.ToggleButtons(options=[("", k) for k in WAYS_OF_WORKING],
                                          style=style),
        "early_support_places": w.IntSlider(**slider_limits("early_support_places"), style=style,
                                            layout=wide, continuous_update=False),
        "years": w.IntSlider(value=years, **slider_limits("years"), style=style, layout=wide,
                             continuous_update=False),
        "replications": w.IntSlider(value=replications, **slider_limits("replications"),
                                    style=style, layout=wide, continuous_update=False),
        # chance only, or chance and what the calibration leaves unknown (issue: calibration)
        "uncertainty": w.ToggleButtons(options=[("", k) for k in UNCERTAINTIES],
                                       style={**style, "button_width": "14em"}),
    }
    for key, control in controls.items():
        control.add_class(f"systemsim-{key.replace('_', '-')}")
    return controls
