"""Nothing leaves the machine from a chart: one plotly config for every figure and export,
with the toolbar in the figure's language."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from systemsim.genogram import draw_genogram, draw_network_map, example_family, save_figure
from systemsim.viz.plotly_config import (
    RENDERER,
    figure_bundle,
    plotly_config,
    toolbar_word,
    use_in_notebooks,
)


def _config_in_html(doc: str) -> list[dict]:
    """The config object of each `Plotly.newPlot(...)` call in an HTML file."""
    found = []
    for match in re.finditer(r"Plotly\.newPlot\(\s*\"[^\"]+\",\s*", doc):
        decoder = json.JSONDecoder()
        rest = doc[match.end():]
        _data, n = decoder.raw_decode(rest)  # data
        rest = rest[n:].lstrip(", \n")
        _layout, n = decoder.raw_decode(rest)  # layout
        rest = rest[n:].lstrip(", \n")
        config, _ = decoder.raw_decode(rest)
        found.append(config)
    return found


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_config_has_no_cloud_and_keeps_the_image_download(lang):
    config = plotly_config(lang)
    assert config["showSendToCloud"] is False
    assert config["plotlyServerURL"] == ""
    assert "sendChartToCloud" in config["modeBarButtonsToRemove"]
    assert "toImage" not in config["modeBarButtonsToRemove"]
    assert config["displaylogo"] is False
    assert config["locale"] == lang


@pytest.mark.parametrize(("lang", "word"), [("fi", "Lataa kuva PNG-tiedostona"),
                                             ("sv", "Ladda ned bilden som PNG")])
def test_the_toolbar_speaks_finnish_and_swedish(lang, word):
    locale = plotly_config(lang)["locales"][lang]
    assert locale["dictionary"]["Download plot as a PNG"] == word == toolbar_word(
        "Download plot as a PNG", lang)
    assert locale["format"]["decimal"] == ","
    assert "locales" not in plotly_config("en")  # plotly.js's own English


def test_a_figure_keeps_its_language_in_its_toolbar():
    fig = draw_genogram(example_family("virtanen"), lang="sv")
    bundle = figure_bundle(fig)
    spec = bundle["application/vnd.plotly.v1+json"]
    assert spec["config"]["locale"] == "sv"
    assert spec["config"]["showSendToCloud"] is False
    assert spec["config"]["toImageButtonOptions"]["filename"].startswith("Genogram_Familjen")
    assert spec["layout"]["separators"] == ", "


def test_a_figure_left_last_in_a_cell_gets_the_config(monkeypatch):
    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype+notebook")
    use_in_notebooks()
    assert pio.renderers.default == RENDERER
    fig = draw_network_map(example_family("korhonen"), lang="fi")
    bundle = pio.renderers[RENDERER].to_mimebundle(fig.to_dict())
    config = bundle["application/vnd.plotly.v1+json"]["config"]
    assert config["showSendToCloud"] is False and config["locale"] == "fi"


def test_outside_a_notebook_the_renderer_is_left_alone(monkeypatch):
    monkeypatch.setattr(pio.renderers, "default", "browser")
    use_in_notebooks()
    assert pio.renderers.default == "browser"


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_genogram_html_is_written_with_the_config(tmp_path, lang):
    out = save_figure(draw_genogram(example_family("virtanen"), lang=lang), tmp_path / "g.html",
                      lang=lang)
    configs = _config_in_html(out.read_text(encoding="utf-8"))
    assert len(configs) == 1
    assert configs[0]["showSendToCloud"] is False and configs[0]["locale"] == lang


def test_the_dashboard_shows_figures_with_the_config():
    from systemsim.ui.dashboard import plotly_bundle

    fig = go.Figure(go.Bar(x=[1], y=[2]))
    fig.update_layout(meta={"lang": "fi"})
    out = plotly_bundle(fig)
    assert out["output_type"] == "display_data"
    assert out["data"]["application/vnd.plotly.v1+json"]["config"]["showSendToCloud"] is False
