"""Every widget of every Voilà page is drawn on every load (no "Error displaying widget:
model not found").

The count of loads per page is `SYSTEMSIM_VOILA_LOADS` (default 20, as the issue asks; set 3
for a quick check). Each load is a fresh kernel running the whole notebook, so this is the
slowest browser test: about 20 × (3–10 s) per page on two cores.
"""

from __future__ import annotations

import os
import re

import pytest

from .conftest import PAGES, SCREENS, WIDGETS_STATE, leave, local_only

LOADS = int(os.environ.get("SYSTEMSIM_VOILA_LOADS", "20"))
FAILED_CELLS = """() => Array.from(document.querySelectorAll('div[cell-index]'))
  .filter(d => d.innerText.includes('Error displaying widget')).map(d => d.getAttribute('cell-index'))"""
WIDGET_OUTPUT = re.compile(r"application/vnd\.jupyter\.widget-view\+json")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("key", list(PAGES))
def test_every_widget_is_drawn_on_every_load(browser, voila_server, key):
    url = voila_server(key)
    seen: list[tuple[int, int]] = []
    for n in range(LOADS):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        local_only(page)
        docs = []
        page.on("response", lambda r, docs=docs: docs.append(r) if r.url == url else None)
        page.goto(url, timeout=240_000)
        expected = len(WIDGET_OUTPUT.findall(docs[0].text()))  # widget outputs voila sent
        page.wait_for_function(
            f"(() => {{ const s = ({WIDGETS_STATE})(); return !s.spinner && s.loading === 0 "
            f"&& (s.failed > 0 || s.outputs >= {expected}); }})()", timeout=240_000)
        state = page.evaluate(WIDGETS_STATE)
        state["cells"] = page.evaluate(FAILED_CELLS)  # which cells' widgets failed, if any
        if state["failed"]:
            SCREENS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENS / f"ui_voila_failed_{key}_{n}.png"), full_page=True)
        leave(page)
        seen.append((state["outputs"], state["failed"]))
        assert state["failed"] == 0, f"load {n + 1} of {key}: {state}"
        assert expected > 0 and state["outputs"] >= expected, (n, state, expected)
    print(f"voila {key}: {LOADS} loads, widget outputs drawn each time: "
          f"{sorted({s[0] for s in seen})}")
