"""The small pieces a vignette page is made of: headings, paragraphs, lists, notes, the red
error box, and the family's drawings.

Why apart from the player: each piece escapes its own text, so the player and the stage pages
never build HTML from a trainer's words by hand.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from systemsim.errors import describe_error
from systemsim.genogram import draw_genogram, draw_network_map, load_family
from systemsim.i18n import get_language, on_language_change, t
from systemsim.training.schema import Text
from systemsim.ui.lifetime import while_open


def escaped_text(key: str, lang: str, **fields: object) -> str:
    """A catalogue text, escaped for HTML."""
    return html.escape(t(key, lang, **fields))


def note_panel(title: str, text: str, border: str, background: str) -> widgets.HTML:
    """A coloured note: a bold title and a text (both escaped here)."""
    body = html.escape(text).replace("\n", "<br>")
    return widgets.HTML(
        f'<div style="{border};padding:.4em .8em;background:{background}">'
        f"<b>{html.escape(title)}</b> {body}</div>"
    )


def heading(level: int, text: str) -> widgets.HTML:
    """A heading of `level` (escaped here)."""
    return widgets.HTML(f"<h{level}>{html.escape(text)}</h{level}>")


def paragraph(text: str, style: str = "") -> widgets.HTML:
    """A paragraph whose line breaks stay line breaks (escaped here)."""
    body = html.escape(text).replace("\n", "<br>")
    return widgets.HTML(f'<p style="{style}">{body}</p>', layout=widgets.Layout(width="98%"))


def bullet_list(texts: list[Text], lang: str) -> widgets.HTML:
    """The texts as a bulleted list in `lang`."""
    lis = "".join(f"<li>{html.escape(x.get(lang))}</li>" for x in texts)
    return widgets.HTML(f"<ul>{lis}</ul>", layout=widgets.Layout(width="98%"))


class ErrorBox(widgets.HTML):
    """A problem told plainly in a red box instead of a traceback, in the page's language.

    It keeps the error itself, not its words, and tells it again on every language switch
    (an `InputError` raised with a text key or a `VignetteError` is told in the new language;
    other errors have only their own words).
    """

    def __init__(self, exc: BaseException, lang: str | None = None):
        super().__init__()
        self.exc = exc
        while_open(self, on_language_change(self.relabel))
        self.relabel(lang)

    def relabel(self, lang: str | None = None) -> None:
        lang = lang or get_language()
        self.value = (
            '<div style="border-left:5px solid #b03a2e;padding:.5em 1em;background:#fdedec">'
            f"<b>{html.escape(t('training.ui.error_heading', lang))}</b><br>"
            f"{html.escape(describe_error(self.exc, lang))}</div>"
        )


def error_box(exc: BaseException, lang: str | None = None) -> ErrorBox:
    """A problem in a red box, drawn in `lang` (default: the page's) and following the switch."""
    return ErrorBox(exc, lang)


def family_figures(path: Path, lang: str, when: tuple[int, int] | None = None) -> list[Any]:
    """The genogram and network map of the family file, or a note saying why not.

    `when` (year, month) is the story's date: the genogram's ages are counted to it.
    """
    try:
        family = load_family(path)
        dated = {"year": when[0], "month": when[1]} if when else {}
        return [draw_genogram(family, lang=lang, **dated), draw_network_map(family, lang=lang)]
    except Exception as exc:  # noqa: BLE001 - shown to the trainer in words
        error = describe_error(exc, lang)
        return [widgets.HTML(html.escape(t("training.ui.genogram_failed", lang, error=error)))]
