"""Saving a drawing: standalone HTML always, PNG/SVG only where a browser engine exists.

HTML with plotly.js inside opens on any laptop without internet, so it is the default for
trainers. Static images need kaleido and a Chrome engine; where they are missing the user
gets one clear sentence instead of a stack trace.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go

from systemsim.errors import InputError
from systemsim.i18n import t
from systemsim.viz.plotly_config import figure_html
from systemsim.yamlio import write_bytes_atomic, write_text_atomic

FORMATS = ("html", "png", "svg")


def save_figure(fig: go.Figure, path: str | Path, lang: str | None = None) -> Path:
    """Write `fig` as .html (standalone), .png or .svg, chosen by the file's suffix."""
    p = Path(path)
    fmt = p.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        formats = ", ".join("." + f for f in FORMATS)
        if p.suffix:
            raise InputError(key="genogram.export.bad_suffix",
                             fields={"suffix": repr(p.suffix), "formats": formats}, file=p)
        raise InputError(key="genogram.export.no_suffix", fields={"formats": formats}, file=p)
    if fmt == "html":
        write_text_atomic(p, figure_html(fig, lang, include_plotlyjs=True, full_html=True))
        return p
    try:
        import kaleido  # noqa: F401
    except ImportError:
        raise _no_engine("genogram.export.no_kaleido", {}, p, lang) from None
    try:
        image = fig.to_image(format=fmt)
    except Exception as exc:  # kaleido raises various errors when Chrome is missing
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise _no_engine("genogram.export.no_engine", {"reason": reason}, p, lang) from None
    write_bytes_atomic(p, image)  # whole or not at all, 0600 like every genogram export
    return p


def _no_engine(key: str, fields: dict[str, str], path: Path, lang: str | None) -> InputError:
    """The error for a missing image engine: `str()` is the English line the CLI prints, as
    every other CLI error (`--lang` is the drawing's language, not the CLI's); a notebook
    tells it in its reader's language with `describe` (kaleido's reason stays in its own
    words)."""
    return InputError(t(key, "en", **fields), key=key, fields=fields, file=path)
