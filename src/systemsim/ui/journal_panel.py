"""Text boxes that save each reflection to the journal, and the journal's own panel.

Why save on leaving the box: the text is written to disk (its own SQLite transaction) as soon
as the trainee moves on or presses Save, so a crashed kernel loses nothing already written.
Each change is a new version; nothing is overwritten. Before saving, the privacy guard looks
for real personal data and asks for an explicit "Save anyway".

Status lines ("saved", "not saved yet", "saving failed") are kept as `Message`s and drawn
again by `relabel`, which the vignette player calls on every language switch; the journal
panel listens to the switch itself.
"""

from __future__ import annotations

import datetime as dt
import html
import warnings
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from systemsim.i18n import get_language, on_language_change, t
from systemsim.training.export import export_journal
from systemsim.training.journal import Journal, JournalPermissionWarning, default_path
from systemsim.training.privacy import find_personal_data
from systemsim.ui.language import Message
from systemsim.ui.lifetime import while_open

DEFAULT_EXPORT_FOLDER = Path.home() / "systemsim_journal"

#: Journal panels that want to show a new entry at once (called with the journal's path).
_saved_listeners: list[Callable[[Path], None]] = []


def on_journal_saved(callback: Callable[[Path], None]) -> Callable[[], None]:
    """Call `callback(path)` whenever an entry is saved; returns a function that unsubscribes."""
    _saved_listeners.append(callback)
    return lambda: _saved_listeners.remove(callback) if callback in _saved_listeners else None


def notify_saved(path: Path) -> None:
    """Tell every journal panel on the page that the journal at `path` has a new entry."""
    for listener in list(_saved_listeners):
        listener(path)


class JournalSource:
    """The journal a page writes to, opened only when first needed."""

    def __init__(self, journal: Journal | str | Path | None = None):
        self._journal = journal if isinstance(journal, Journal) else None
        self.path = self._journal.path if self._journal else Path(journal or default_path())
        #: the journal was readable by others and has been made private; not yet said on the page
        self.untold_tightening = bool(self._journal.tightened) if self._journal else False

    def get(self) -> Journal:
        if self._journal is None:
            with warnings.catch_warnings():  # told on the page in the reader's words instead
                warnings.simplefilter("ignore", JournalPermissionWarning)
                self._journal = Journal(self.path)
            self.untold_tightening = bool(self._journal.tightened)
        return self._journal

    def tell_tightening(self) -> bool:
        """True once after opening a journal whose permissions had to be made private."""
        told, self.untold_tightening = self.untold_tightening, False
        return told

    def peek(self) -> Journal | None:
        """The journal if it exists already (reading never creates a file)."""
        if self._journal is None and not self.path.exists():
            return None
        return self.get()


OK = "#1e8449"
PROBLEM = "#b03a2e"


def _status(text: str, colour: str = OK) -> str:
    return f'<span style="color:{colour};font-size:0.9em">{html.escape(text)}</span>'


def _said(said: tuple[Message, str] | None, lang: str) -> str:
    """A kept status line (message and colour) in `lang`, or nothing."""
    return _status(said[0].text(lang), said[1]) if said else ""


class ReflectionBox(widgets.VBox):
    """A prompt, a text box saved to the journal, and the privacy warning when needed."""

    def __init__(
        self,
        source: JournalSource,
        *,
        vignette_id: str,
        stage_id: str,
        prompt_key: str,
        prompt: Callable[[str], str],
        author: Callable[[], str | None] = lambda: None,
        rows: int = 3,
    ):
        self.source = source
        self.place = {"vignette_id": vignette_id, "stage_id": stage_id, "prompt_key": prompt_key}
        self.prompt = prompt
        self.author = author
        self.label = widgets.HTML()
        self.area = widgets.Textarea(
            rows=rows, continuous_update=False, layout=widgets.Layout(width="98%")
        )
        self.save_button = widgets.Button(icon="save", layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self.warning = widgets.HTML()
        self.anyway = widgets.Button(button_style="warning", layout=widgets.Layout(width="auto"))
        self.warning_row = widgets.HBox(
            [self.warning, self.anyway], layout=widgets.Layout(display="none")
        )
        self._said: tuple[Message, str] | None = None  # the status line, told again on relabel
        self._found: tuple[str, ...] = ()  # kinds of personal data the guard found
        journal = source.peek()
        current = journal.current(**self.place, author=author()) if journal else None
        if current is not None:
            self.area.value = current.text
            self._said = (Message("training.box.unchanged"), OK)
        self.area.observe(lambda _ch: self.commit(), names="value")
        self.save_button.on_click(lambda _b: self.commit())
        self.anyway.on_click(lambda _b: self.commit(force=True))
        self.relabel()
        super().__init__(
            [self.label, self.area, widgets.HBox([self.save_button, self.status]), self.warning_row]
        )

    def relabel(self, lang: str | None = None) -> None:
        """Draw every text of the box in `lang`, the status and privacy warning included."""
        lang = lang or get_language()
        self.label.value = f"<b>{html.escape(self.prompt(lang))}</b>"
        self.area.placeholder = t("training.box.placeholder", lang)
        self.save_button.description = t("training.box.save", lang)
        self.anyway.description = t("training.box.save_anyway", lang)
        self.status.value = _said(self._said, lang)
        if self._found:
            kinds = ", ".join(t(f"training.privacy.{kind}", lang) for kind in self._found)
            warning = t("training.box.privacy_warning", lang, what=kinds)
            self.warning.value = _status(warning, PROBLEM)
        else:
            self.warning.value = ""
        self.warning_row.layout.display = "flex" if self._found else "none"

    def commit(self, force: bool = False) -> None:
        """Save what the box holds now, unless it looks like real personal data."""
        text = self.area.value
        lang = get_language()
        findings = [] if force else find_personal_data(text)
        if findings:
            self._found = tuple(dict.fromkeys(f.kind for f in findings))
            self._said = None
            self.relabel(lang)
            return
        try:
            entry = self.source.get().write(
                text,
                language=lang,
                prompt=self.prompt(lang),
                author=self.author(),
                allow_personal=force,
                **self.place,
            )
        except Exception as exc:  # noqa: BLE001 - the trainee must see it, not a traceback
            self._said = (Message("training.box.error", {"error": exc}), PROBLEM)
            self.relabel(lang)
            return
        self._found = ()
        if entry is not None:
            notify_saved(self.source.path)
        if entry is None:
            self._said = (Message("training.box.unchanged"), OK)
        else:
            local = dt.datetime.fromisoformat(entry.created).astimezone().strftime("%H:%M")
            key = "training.box.saved_private" if self.source.tell_tightening() else "training.box.saved"
            self._said = (Message(key, {"time": local, "n": entry.version}), OK)
        self.relabel(lang)


class ScaleBox(widgets.VBox):
    """A 0-10 scale question whose answer is saved to the journal when moved."""

    def __init__(
        self,
        source: JournalSource,
        *,
        vignette_id: str,
        stage_id: str,
        prompt: Callable[[str], str],
        author: Callable[[], str | None] = lambda: None,
    ):
        self.source = source
        self.place = {"vignette_id": vignette_id, "stage_id": stage_id, "prompt_key": "sos.scale"}
        self.prompt = prompt
        self.author = author
        self.label = widgets.HTML()
        self.slider = widgets.IntSlider(min=0, max=10, value=5, continuous_update=False)
        self.status = widgets.HTML()
        self._said: tuple[Message, str] | None = None  # the status line, told again on relabel
        journal = source.peek()
        current = journal.current(**self.place, author=author()) if journal else None
        if current is not None and current.text.isdigit():
            self.slider.value = int(current.text)
            self._said = (Message("training.ui.sos.scale_saved", {"value": current.text}), OK)
        self.slider.observe(lambda _ch: self.commit(), names="value")
        self.relabel()
        super().__init__([self.label, widgets.HBox([self.slider, self.status])])

    def relabel(self, lang: str | None = None) -> None:
        lang = lang or get_language()
        self.label.value = f"<b>{html.escape(self.prompt(lang))}</b>"
        self.slider.description = t("training.ui.sos.scale", lang)
        self.slider.style.description_width = "initial"
        self.status.value = _said(self._said, lang)

    def commit(self) -> None:
        lang = get_language()
        value = str(self.slider.value)
        try:
            self.source.get().write(
                value, language=lang, prompt=self.prompt(lang), author=self.author(), **self.place
            )
        except Exception as exc:  # noqa: BLE001
            self._said = (Message("training.box.error", {"error": exc}), PROBLEM)
        else:
            self._said = (Message("training.ui.sos.scale_saved", {"value": value}), OK)
        self.status.value = _said(self._said, lang)


def journal_panel(
    journal: Journal | JournalSource | str | Path | None = None,
    *,
    vignette_id: str | None = None,
    folder: str | Path | None = None,
) -> widgets.VBox:
    """The journal: where it is saved, what is in it, and export to Markdown or HTML."""
    source = journal if isinstance(journal, JournalSource) else JournalSource(journal)
    view = _JournalView(source, vignette_id, folder)
    panel = widgets.VBox(
        [
            view.heading,
            view.info,
            view.listing,
            view.refresh,
            view.folder_box,
            widgets.HBox([view.export_md, view.export_html]),
            view.status,
        ]
    )
    while_open(
        panel,
        on_language_change(view.render),
        on_journal_saved(lambda path: view.render() if path == source.path else None),
    )
    view.render()
    return panel


class _JournalView:
    """The panel's widgets, drawn again on a language switch or a new entry."""

    def __init__(self, source: JournalSource, vignette_id: str | None,
                 folder: str | Path | None):
        self.source, self.vignette_id = source, vignette_id
        self.heading = widgets.HTML()
        self.info = widgets.HTML()
        self.listing = widgets.HTML()
        self.folder_box = widgets.Text(
            value=str(folder or DEFAULT_EXPORT_FOLDER), layout=widgets.Layout(width="30em")
        )
        self.refresh = widgets.Button(icon="refresh")
        self.export_md = widgets.Button(icon="file-text")
        self.export_html = widgets.Button(icon="globe")
        self.status = widgets.HTML()
        #: the last export's result, told again on a switch
        self.said: list[tuple[Message, str]] = []
        for button in (self.refresh, self.export_md, self.export_html):
            button.layout = widgets.Layout(width="auto")
        self.refresh.on_click(lambda _b: self.render())
        self.export_md.on_click(lambda _b: self.export("md"))
        self.export_html.on_click(lambda _b: self.export("html"))

    def render(self, _lang: str | None = None) -> None:
        lang = get_language()
        self.status.value = _said(self.said[-1] if self.said else None, lang)
        self.heading.value = f"<h3>{html.escape(t('training.journal.title', lang))}</h3>"
        j = self.source.peek()
        entries = j.entries(vignette_id=self.vignette_id) if j else []
        self.info.value = (
            html.escape(t("training.journal.file", lang, path=self.source.path))
            + "<br>"
            + (html.escape(t("training.journal.count", lang, n=len(entries))))
        )
        if not entries:
            self.listing.value = f"<i>{html.escape(t('training.journal.empty', lang))}</i>"
        else:
            items = "".join(
                f"<li><b>{html.escape(e.prompt or e.prompt_key)}</b><br>"
                f'<span style="white-space:pre-wrap">{html.escape(e.text)}</span></li>'
                for e in entries[-20:]
            )
            self.listing.value = f"<ul>{items}</ul>"
        self.folder_box.description = t("training.journal.folder", lang)
        self.refresh.description = t("training.journal.refresh", lang)
        self.export_md.description = t("training.journal.export_md", lang)
        self.export_html.description = t("training.journal.export_html", lang)

    def export(self, fmt: str) -> None:
        lang = get_language()
        stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M")
        name = f"journal_{self.vignette_id or 'all'}_{stamp}.{fmt}"
        try:
            path = export_journal(
                self.source.get(),
                Path(self.folder_box.value).expanduser() / name,
                vignette_id=self.vignette_id,
                lang=lang,
            )
        except Exception as exc:  # noqa: BLE001
            self.said[:] = [(Message("training.journal.export_failed", {"error": exc}), PROBLEM)]
        else:
            self.said[:] = [(Message("training.journal.exported", {"path": path}), OK)]
        self.status.value = _said(self.said[-1], lang)
