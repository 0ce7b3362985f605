"""The runs behind one dashboard answer: the base (cached, so moving a lever reruns only
the what-if) and the what-if, each `replications` times.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from systemsim.calibration.posterior import Posterior
from systemsim.experiment import combine
from systemsim.scenario import Scenario
from systemsim.ui.dashboard_tabs import BASE, WHATIF
from systemsim.whatif.levers import BASE_CACHE, base_run, runs_with, whatif_run


def runs_to_do(path: Path, same: bool, years: int, reps: int, seed: int,
               posterior: Posterior | None = None) -> int:
    """How many replications an answer still has to run (for the progress bar): none for a
    cached base, none for a what-if that changes nothing."""
    key = (*BASE_CACHE.key(path, years, reps, seed), *runs_with(posterior))
    cached = BASE_CACHE.get(key) is not None
    return max(reps * ((0 if cached else 1) + (0 if same else 1)), 1)


def run_base_and_whatif(path: Path, whatif: Scenario, same: bool, years: int, reps: int,
                        seed: int, on_progress: Callable[[int, int], None],
                        stop: threading.Event | None, posterior: Posterior | None = None):
    """Both runs; a what-if that is the base is the base's run relabelled, not run again.
    With a `posterior`, both draw their parameters from it (the same draws on both sides).
    Raises `Stopped` when `stop` is set between replications."""
    base = base_run(path, years=years, replications=reps, seed=seed, label=BASE,
                    on_progress=on_progress, stop=stop, posterior=posterior)
    if same:
        other = combine([base])
        other.yearly = other.yearly.assign(scenario=WHATIF)
        other.flows = other.flows.assign(scenario=WHATIF)
        other.caseloads = other.caseloads.assign(scenario=WHATIF)
    else:
        other = whatif_run(path, whatif, years=years, replications=reps, seed=seed,
                           label=WHATIF, on_progress=on_progress, stop=stop,
                           posterior=posterior)
    return base, other


def in_background(work: Callable[[], None], background: bool) -> threading.Thread | None:
    """Run `work` now, or in a daemon thread (a button's long job) and return that thread."""
    if not background:
        work()
        return None
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def button_panel(icon: str, css_class: str, answer: w.Widget,
                 on_click: Callable[[], object]) -> tuple[w.Button, w.HTML, w.VBox]:
    """A button with its status line beside it and its answer under it."""
    button = w.Button(icon=icon, layout=w.Layout(width="auto"))
    button.add_class(css_class)
    status = w.HTML()
    button.on_click(lambda _: on_click())
    return button, status, w.VBox([w.HBox([button, status]), answer])
