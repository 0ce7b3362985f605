"""How long a panel listens: until it is closed, or until its notebook cell is run again.

Why: the language switch, trainer mode and the journal keep their listeners in module-level
lists. A panel that stayed in them after it was closed, or after a trainer re-ran its cell in
JupyterLab (the old output is gone from the page, but its widgets live on in the kernel), would
be kept in memory and relabelled, sending messages to the browser, on every switch: ten re-runs
and every click of the language switch redraws ten invisible panels. `while_open` ties a
panel's listeners to the panel, and closes the panels of a cell's earlier run when the same cell
makes new ones.

A cell is known by the `cellId` JupyterLab sends with each run. Voilà, nbval and plain Python
send none, so there nothing is closed for them: only `close()` ends a panel.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import ipywidgets as widgets

#: the panels the latest run of each cell made: cell id -> (that run's message id, panels)
_made_in_cell: dict[str, tuple[str, list[weakref.ref[widgets.Widget]]]] = {}


def current_run() -> tuple[str, str] | None:
    """(cell id, message id) of the notebook cell running now, or None when the front end does
    not say (Voilà, nbval, scripts, a button's callback)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None:
        return None
    parent = kernel.get_parent() or {}
    cell = (parent.get("metadata") or {}).get("cellId")
    message = (parent.get("header") or {}).get("msg_id")
    return (cell, message) if cell and message else None


def close_tree(widget: widgets.Widget) -> None:
    """Close `widget` and every widget inside it (a box's `close()` leaves its children open)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


def while_open(panel: widgets.Widget, *on_close: Callable[[], None]) -> None:
    """Call each of `on_close` (unsubscribe functions, a stop) once, when `panel` closes; and
    close the panels an earlier run of this notebook cell made."""
    done = False

    def closed(change: dict) -> None:
        nonlocal done
        if change["new"] is None and not done:
            done = True
            for call in on_close:
                call()

    panel.observe(closed, names="comm")
    run = current_run()
    if run is None:
        return
    cell, message = run
    earlier_message, panels = _made_in_cell.get(cell, (message, []))
    if earlier_message != message:
        for ref in panels:
            old = ref()
            if old is not None:
                close_tree(old)
        panels = []
    panels.append(weakref.ref(panel))
    _made_in_cell[cell] = (message, panels)
