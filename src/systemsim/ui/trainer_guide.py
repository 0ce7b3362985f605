"""The trainer's start page: how a course day runs, and which vignettes there are.

Why widgets and not Markdown cells: the guide's text lives in the i18n catalogue, so the one
language switch at the top of the notebook changes it with everything else.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from systemsim.errors import InputError, describe_error
from systemsim.i18n import get_language, on_language_change, t
from systemsim.training.locate import bundled_vignettes
from systemsim.training.vignette import load_vignette
from systemsim.ui.lifetime import while_open

SECTIONS = ("intro", "day", "roles", "trainer_mode", "journal")


def text_to_html(text: str) -> str:
    """Paragraphs from blank lines, bullet lists from lines starting with '- '; all escaped."""
    out = []
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{html.escape(line[2:])}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        elif lines:
            out.append(f"<p>{html.escape(' '.join(lines))}</p>")
    return "".join(out)


def _relabelled(render) -> widgets.HTML:
    view = widgets.HTML(layout=widgets.Layout(max_width="900px"))

    def update(lang: str | None = None) -> None:
        view.value = render(lang or get_language())

    while_open(view, on_language_change(update))
    update()
    return view


def trainer_guide() -> widgets.HTML:
    """The guide: what the notebooks are, a course day, roles, trainer mode, journal."""

    def render(lang: str) -> str:
        parts = [f"<h2>{html.escape(t('training.guide.title', lang))}</h2>"]
        for section in SECTIONS:
            parts.append(f"<h3>{html.escape(t(f'training.guide.{section}.title', lang))}</h3>")
            parts.append(text_to_html(t(f"training.guide.{section}.body", lang)))
        return "".join(parts)

    return _relabelled(render)


def vignette_overview() -> widgets.HTML:
    """Every bundled vignette: title, setting, length, what it teaches, its notebook."""
    found = bundled_vignettes()
    loaded = {}
    for vid, path in found.items():
        try:
            loaded[vid] = load_vignette(path)
        except InputError as exc:
            loaded[vid] = exc

    def render(lang: str) -> str:
        parts = [f"<h3>{html.escape(t('training.guide.vignettes.title', lang))}</h3>"]
        if not loaded:
            parts.append(f"<p><i>{html.escape(t('training.guide.no_vignettes', lang))}</i></p>")
        for vid, v in loaded.items():
            if isinstance(v, Exception):
                error = html.escape(describe_error(v, lang))
                parts.append(f'<p style="color:#b03a2e">{error}</p>')
                continue
            teaches = "".join(f"<li>{html.escape(x.get(lang))}</li>" for x in v.teaches)
            parts.append(
                f"<h4>{html.escape(v.title.get(lang))}</h4>"
                f"<p>{html.escape(v.setting.get(lang))} · "
                f"{html.escape(t('training.ui.duration', lang, n=v.duration_minutes))}<br>"
                f"{html.escape(t('training.guide.notebook', lang, name=f'vignette_{vid}.ipynb'))}"
                f"</p><ul>{teaches}</ul>"
            )
        return "".join(parts)

    return _relabelled(render)
