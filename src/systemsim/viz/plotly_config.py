"""One plotly configuration for every figure and export: nothing leaves the machine from a chart.

Why: plotly.js 4 puts a "Share chart..." button on every chart that uploads it to Plotly's
cloud, so a participant's genogram would be two clicks from a third party. Every figure the
package shows (dashboard, notebook cells, genograms, network maps, the editor) and every HTML
it writes (board report, `genogram --html`) goes through `plotly_config`: no cloud button, no
server address, no plotly logo; download-as-image stays; the toolbar speaks the figure's
language (the Finnish and Swedish words are ours, in `systemsim/i18n/plotly.yaml`, given to
plotly.js with the figure, so nothing has to be registered or fetched).

In a notebook, importing `systemsim.viz` or `systemsim.genogram` makes the "systemsim"
renderer the default, so a figure left last in a cell gets the same configuration.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import PlotlyRenderer

from systemsim.i18n import LANGUAGES, catalogue, get_language, t

#: toolbar buttons that send a chart away; removed by name as well as switched off
CLOUD_BUTTONS = ("sendChartToCloud", "sendDataToCloud", "editInChartStudio")
RENDERER = "systemsim"
MIME = "application/vnd.plotly.v1+json"

_FORMATS = {
    "fi": {"days": ["sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai",
                    "lauantai"],
           "shortDays": ["su", "ma", "ti", "ke", "to", "pe", "la"],
           "months": ["tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu",
                      "heinäkuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu"],
           "shortMonths": ["tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo",
                           "syys", "loka", "marras", "joulu"],
           "date": "%d.%m.%Y", "decimal": ",", "thousands": "\u00a0"},
    "sv": {"days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
           "shortDays": ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
           "months": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                      "september", "oktober", "november", "december"],
           "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt",
                           "nov", "dec"],
           "date": "%Y-%m-%d", "decimal": ",", "thousands": "\u00a0"},
}


@cache
def _locale(lang: str) -> dict[str, Any]:
    """plotly.js's locale for `lang`: its English words mapped to ours, and date/number format."""
    words = {texts["en"]: texts[lang] for key, texts in catalogue().items()
             if key.startswith("plotly.")}
    return {"dictionary": words, "format": _FORMATS[lang]}


def _file_name(title: str) -> str:
    """A download name from a figure's title: letters, digits and '_' (ä and å kept)."""
    plain = re.sub(r"<[^>]+>", "", title or "")
    name = re.sub(r"\W+", "_", plain).strip("_")
    return name[:60] or "systemsim"


def plotly_config(lang: str | None = None, fig: go.Figure | dict | None = None) -> dict[str, Any]:
    """The configuration every figure is shown and exported with, in `lang` (default: the
    figure's own language, else the page's)."""
    lang = lang or figure_language(fig) or get_language()
    config: dict[str, Any] = {
        "showSendToCloud": False,
        "plotlyServerURL": "",
        "displaylogo": False,
        "modeBarButtonsToRemove": list(CLOUD_BUTTONS),
        "responsive": True,
        "locale": lang,
        "toImageButtonOptions": {"format": "png", "filename": _file_name(_title(fig)), "scale": 2},
    }
    if lang != "en" and lang in LANGUAGES:
        config["locales"] = {lang: _locale(lang)}
    return config


def _title(fig: go.Figure | dict | None) -> str:
    if fig is None:
        return ""
    layout = fig.get("layout", {}) if isinstance(fig, dict) else fig.layout.to_plotly_json()
    title = layout.get("title") or {}
    return (title.get("text") if isinstance(title, dict) else str(title)) or ""


def figure_language(fig: go.Figure | dict | None) -> str | None:
    """The language a figure was drawn in (`layout.meta.lang`), when it says."""
    if fig is None:
        return None
    layout = fig.get("layout", {}) if isinstance(fig, dict) else fig.layout.to_plotly_json()
    meta = layout.get("meta")
    lang = meta.get("lang") if isinstance(meta, dict) else None
    return lang if lang in LANGUAGES else None


def mark_language(fig: go.Figure, lang: str) -> go.Figure:
    """Record the language a figure is drawn in, so its toolbar is in that language too."""
    meta = fig.layout.meta
    fig.update_layout(meta={**(meta if isinstance(meta, dict) else {}), "lang": lang})
    return fig


def figure_bundle(fig: go.Figure, lang: str | None = None) -> dict[str, Any]:
    """The MIME bundle JupyterLab and Voilà draw with plotly's renderer, with our config."""
    spec = json.loads(fig.to_json())
    spec["config"] = plotly_config(lang, fig)
    title = _title(fig) or "figure"
    return {MIME: spec, "text/plain": f"<plotly figure: {re.sub(r'<[^>]+>', '', title)}>"}


def display_output(fig: go.Figure, lang: str | None = None) -> dict[str, Any]:
    """A display_data output (for `Output.outputs`) of `fig` with our config."""
    return {"output_type": "display_data", "metadata": {}, "data": figure_bundle(fig, lang)}


def show(fig: go.Figure, lang: str | None = None) -> None:
    """Display `fig` in the notebook with our config (what `display(fig)` would do)."""
    from IPython.display import display

    display(figure_bundle(fig, lang), raw=True)


def figure_html(fig: go.Figure, lang: str | None = None, **kwargs: Any) -> str:
    """`fig.to_html(...)` with our config (for reports and exported files)."""
    return fig.to_html(config=plotly_config(lang, fig), **kwargs)


def toolbar_word(english: str, lang: str) -> str:
    """The toolbar's word for plotly.js's `english` text in `lang` (for tests and docs)."""
    for key, texts in catalogue().items():
        if key.startswith("plotly.") and texts["en"] == english:
            return t(key, lang)
    return english


class _Renderer(PlotlyRenderer):
    """plotly's own notebook renderer, with our config chosen per figure."""

    def to_mimebundle(self, fig_dict: dict) -> dict:
        self.config = plotly_config(None, fig_dict)
        return super().to_mimebundle(fig_dict)


def use_in_notebooks() -> None:
    """Make a figure left last in a notebook cell show with our config (JupyterLab, Voilà)."""
    if RENDERER not in pio.renderers:
        pio.renderers[RENDERER] = _Renderer()
    default = pio.renderers.default or ""
    if "plotly_mimetype" in default or "notebook" in default:
        pio.renderers.default = RENDERER


use_in_notebooks()
