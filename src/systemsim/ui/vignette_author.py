"""The "write your own vignette" page: a template to start from and a check that explains.

Why show every problem with its line: a trainer editing YAML in a text editor needs to know
where to look and what to write instead, in her own language, all at once.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets

from systemsim.errors import InputError
from systemsim.i18n import get_language, on_language_change, t
from systemsim.training.paths import all_paths
from systemsim.training.template import TEMPLATE_DIR, default_folder, write_template
from systemsim.training.vignette import check_file, check_text
from systemsim.ui.lifetime import while_open


def _list(items: list[str], colour: str) -> str:
    lis = "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items)
    return f'<ul style="color:{colour}">{lis}</ul>'


def report_html(path: str | Path, lang: str | None = None, *, text: str | None = None) -> str:
    """The verdict on a vignette file as a short HTML report in `lang`."""
    lang = lang or get_language()
    try:
        report = check_text(text, path) if text is not None else check_file(path)
    except InputError as exc:
        return _list([exc.describe(lang)], "#b03a2e")
    out = f"<p><code>{html.escape(str(path))}</code></p>"
    if report.ok:
        assert report.vignette is not None
        v = report.vignette
        ok = t("training.author.ok", lang, n=len(v.stages), paths=len(all_paths(v)))
        out += f'<p style="color:#1e8449"><b>{html.escape(ok)}</b></p>'
    else:
        head = t("training.author.problems", lang, n=len(report.problems))
        out += f'<p style="color:#b03a2e"><b>{html.escape(head)}</b></p>'
        out += _list([p.describe(lang) for p in report.problems], "#b03a2e")
    if report.warnings:
        out += f"<p><b>{html.escape(t('training.author.warnings', lang))}</b></p>"
        out += _list([w.describe(lang) for w in report.warnings], "#7e5109")
    return out


def template_message(folder: str | Path | None = None, name: str = "my_vignette") -> widgets.HTML:
    """Write the template (never over a trainer's file) and say where it is."""
    path, written = write_template(folder, name)
    key = "training.author.template_written" if written else "training.author.template_exists"
    message = widgets.HTML()

    def render(lang: str | None = None) -> None:
        message.value = f"<p>{html.escape(t(key, lang or get_language(), path=path))}</p>"

    while_open(message, on_language_change(render))
    render()
    return message


def vignette_checker(path: str | Path | None = None) -> widgets.VBox:
    """A file field, a Check button and the report (shown at once for the given file)."""
    start = Path(path).expanduser() if path else default_folder() / "my_vignette.yaml"
    field = widgets.Text(value=str(start), layout=widgets.Layout(width="40em"))
    button = widgets.Button(
        icon="check", button_style="primary", layout=widgets.Layout(width="auto")
    )
    result = widgets.HTML()

    def check(_b: object = None) -> None:
        result.value = report_html(Path(field.value.strip()).expanduser())

    def relabel(_lang: str | None = None) -> None:
        field.description = t("training.author.file")
        button.description = t("training.author.check")
        check()

    button.on_click(check)
    panel = widgets.VBox([widgets.HBox([field, button]), result])
    while_open(panel, on_language_change(relabel))
    relabel()
    return panel


def example_problems() -> widgets.HTML:
    """What the check says about a deliberately broken vignette, to show what to expect."""
    broken = TEMPLATE_DIR / "my_vignette.yaml"
    text = broken.read_text(encoding="utf-8")
    text = text.replace("    next: six_months", "    next: six_month", 1)
    text = re.sub(r"\n      sv: Läraren ringer\.[^\n]*", "", text, count=1)
    text = text.replace("grraacceess: [class, employment]", "grraacceess: [class, money]", 1)
    view = widgets.HTML()

    def render(lang: str | None = None) -> None:
        view.value = report_html(broken, lang, text=text)

    while_open(view, on_language_change(render))
    render()
    return view


def try_my_vignette(name_or_path: str | Path = "my_vignette") -> widgets.Widget:
    """Play the trainer's own vignette (by name in her folder, or by path) to try it out."""
    from systemsim.ui.vignette_player import play_vignette

    text = str(name_or_path)
    if "/" in text or text.endswith((".yaml", ".yml")):
        return play_vignette(Path(text).expanduser())
    return play_vignette(default_folder() / f"{text}.yaml")
