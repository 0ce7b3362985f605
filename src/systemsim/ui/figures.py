"""Figures that follow the page's language switch: genograms, network maps and the network
resource table, drawn again in the new language when the reader switches.

Why: a figure left last in a notebook cell is drawn once, in the language of that moment; in
Voilà nobody can run the cell again, so a Swedish reader kept seeing Finnish genograms. These
panels listen to the switch (`systemsim.i18n.on_language_change`) while they are open.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

import ipywidgets as w
import plotly.graph_objects as go

from systemsim.genogram import (
    GenogramFamily,
    draw_genogram,
    draw_network_map,
    example_family,
    example_names,
    network_strength,
)
from systemsim.genogram.draw import pick_text
from systemsim.i18n import get_language, on_language_change, t
from systemsim.ui.lifetime import while_open
from systemsim.viz.labels import fmt_number
from systemsim.viz.plotly_config import display_output


def live_figure(draw: Callable[[str], go.Figure]) -> w.Output:
    """An output area holding `draw(lang)`, drawn again after every language switch."""
    out = w.Output()
    out.add_class("systemsim-figure")

    def render(lang: str) -> None:
        out.outputs = (display_output(draw(lang), lang),)

    while_open(out, on_language_change(render))
    render(get_language())
    return out


def genogram_figure(family: GenogramFamily, layers: Iterable[str] = ("emotional", "households"),
                    ) -> w.Output:
    """The family's genogram in the page's language (`layers=()`: the family tree only)."""
    layers = tuple(layers)
    return live_figure(lambda lang: draw_genogram(family, lang=lang, layers=layers))


def network_map_figure(family: GenogramFamily) -> w.Output:
    """The family's network map in the page's language."""
    return live_figure(lambda lang: draw_network_map(family, lang=lang))


def strength_table_html(families: dict[str, GenogramFamily], lang: str) -> str:
    """Each family's close-network resource (0–1) as a small table, numbers as the reader
    writes them ('0,55' in Finnish and Swedish)."""
    rows = "".join(
        f"<tr><td style='padding:2px 16px 2px 0'>{html.escape(pick_text(f.title, lang) or name)}"
        f"</td><td style='text-align:right'>{fmt_number(network_strength(f), lang, 2)}</td></tr>"
        for name, f in families.items())
    head = (f"<tr><th style='text-align:left'>{html.escape(t('figures.family', lang))}"
            f"</th><th>{html.escape(t('figures.network_resource', lang))}</th></tr>")
    return f"<table class='systemsim-strength'>{head}{rows}</table>"


def network_strength_table(names: Iterable[str] | None = None) -> w.HTML:
    """The close-network resource of the bundled teaching families, in the page's language."""
    families = {name: example_family(name) for name in (names or example_names())}
    table = w.HTML()

    def render(lang: str) -> None:
        table.value = strength_table_html(families, lang)

    while_open(table, on_language_change(render))
    render(get_language())
    return table
