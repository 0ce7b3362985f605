"""Export a journal to Markdown or HTML that a trainee can keep or hand in.

Why escape: a trainee's text is text. `<script>` written in a reflection must show as those
characters in the exported page, never run. HTML is escaped with `html.escape`; Markdown
escapes `<`, `>` and `&` too, because Markdown viewers pass raw HTML through.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from systemsim.errors import InputError
from systemsim.i18n import get_language, t
from systemsim.training.journal import Entry, Journal
from systemsim.training.schema import Vignette
from systemsim.yamlio import write_text_atomic

FORMATS = ("md", "html")


def _group(entries: Iterable[Entry]) -> list[tuple[tuple[str, str], list[Entry]]]:
    """Entries grouped by (vignette, stage), in the order each stage was first written in."""
    entries = list(entries)
    first: dict[tuple[str, str], int] = {}
    for e in entries:
        key = (e.vignette_id, e.stage_id)
        first[key] = min(first.get(key, e.thread), e.thread)
    ordered = sorted(
        entries, key=lambda e: (first[(e.vignette_id, e.stage_id)], e.thread, e.version)
    )
    return [(k, list(g)) for k, g in groupby(ordered, key=lambda e: (e.vignette_id, e.stage_id))]


def place_name(vignette_id: str, stage_id: str, lang: str) -> str:
    """"Vignette title · stage title" for a bundled vignette; the ids when it is not found."""
    from systemsim.training.locate import vignette_path

    try:
        path = vignette_path(vignette_id)
        v = _load(str(path), path.stat().st_mtime)
        return f"{v.title.get(lang)} · {v.stage(stage_id).title.get(lang)}"
    except (InputError, KeyError, OSError):
        return f"{vignette_id} · {stage_id}"


@lru_cache(maxsize=32)
def _load(path: str, _mtime: float) -> Vignette:
    """A vignette read once per export session (read again when the file changes)."""
    from systemsim.training.vignette import load_vignette

    return load_vignette(path)


def to_markdown(
    entries: Iterable[Entry], *, title: str | None = None, lang: str | None = None
) -> str:
    """The entries as a Markdown document (text escaped, line breaks kept)."""
    lang = lang or get_language()
    lines = [f"# {_md(title or t('training.journal.export_title', lang))}", ""]
    for (vignette_id, stage_id), group in _group(entries):
        lines += [f"## {_md(place_name(vignette_id, stage_id, lang))}", ""]
        for e in group:
            heading = _md(e.prompt or e.prompt_key)
            lines.append(f"### {heading}")
            meta = [e.created[:16].replace("T", " ") + " UTC", e.language]
            if e.author:
                meta.append(_md(e.author))
            if e.version > 1:
                meta.append(t("training.journal.version", lang, n=e.version))
            lines += [f"*{' · '.join(meta)}*", ""]
            lines += [f"> {_md(line)}" if line else ">" for line in e.text.splitlines() or [""]]
            lines.append("")
    return "\n".join(lines)


def to_html(entries: Iterable[Entry], *, title: str | None = None, lang: str | None = None) -> str:
    """The entries as a self-contained HTML page; every trainee text is escaped."""
    lang = lang or get_language()
    esc = html.escape
    head = esc(title or t("training.journal.export_title", lang))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8"><title>{head}</title>',
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}"
        "blockquote{white-space:pre-wrap;border-left:4px solid #8ab;margin:0;padding:.2em 1em}"
        ".meta{color:#555;font-size:.9em}</style></head><body>",
        f"<h1>{head}</h1>",
    ]
    for (vignette_id, stage_id), group in _group(entries):
        out.append(f"<h2>{esc(place_name(vignette_id, stage_id, lang))}</h2>")
        for e in group:
            meta = [e.created[:16].replace("T", " ") + " UTC", e.language]
            if e.author:
                meta.append(e.author)
            if e.version > 1:
                meta.append(t("training.journal.version", lang, n=e.version))
            out.append(f"<h3>{esc(e.prompt or e.prompt_key)}</h3>")
            out.append(f'<p class="meta">{esc(" · ".join(meta))}</p>')
            out.append(f"<blockquote>{esc(e.text)}</blockquote>")
    out.append("</body></html>")
    return "\n".join(out)


def _md(text: str) -> str:
    return html.escape(text, quote=False)


def export_journal(
    journal: Journal,
    path: str | Path,
    *,
    fmt: str | None = None,
    vignette_id: str | None = None,
    all_versions: bool = False,
    lang: str | None = None,
) -> Path:
    """Write the journal to `path` (format from `fmt` or the file ending), atomically."""
    p = Path(path).expanduser()
    fmt = fmt or p.suffix.lstrip(".").lower()
    if fmt == "markdown":
        fmt = "md"
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; allowed: md, html", file=p)
    entries = journal.entries(vignette_id=vignette_id, all_versions=all_versions)
    text = to_markdown(entries, lang=lang) if fmt == "md" else to_html(entries, lang=lang)
    write_text_atomic(p, text)
    return p
