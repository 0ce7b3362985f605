"""The Voilà dashboard in headless Chromium: move staffing, ask where the difference came from."""

from __future__ import annotations

import pytest
from repo_paths import ROOT

from .conftest import CHROMIUM_ARGS, chromium_or_skip
from .test_browser_dashboard import voila  # noqa: F401 - the running `systemsim app` page

SHARES = """() => {
  for (const gd of document.querySelectorAll('.systemsim-dashboard .js-plotly-plot')) {
    if (!gd.data) continue;
    const bars = gd.data.filter(t => t.meta && t.meta.kpi === 'caseload_mean');
    if (bars.length && bars[0].meta.role === 'total') return bars.map(t => [t.meta.group, t.y[0]]);
  }
  return null;
}"""


@pytest.mark.browser
def test_dashboard_button_draws_a_bar_per_lever_group(voila):  # noqa: F811
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    shot = ROOT / "out" / "dashboard_decomposition.png"
    shot.parent.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1100})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")) else r.abort())
            page.goto(voila, timeout=90_000)
            page.wait_for_selector(".systemsim-dashboard .js-plotly-plot .main-svg", timeout=90_000)
            handle = page.locator(".systemsim-social-workers .noUi-handle")
            track = page.locator(".systemsim-social-workers .noUi-target").bounding_box()
            box = handle.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.down()
            page.mouse.move(track["x"] + track["width"] * 0.35, box["y"] + box["height"] / 2, steps=8)
            page.mouse.up()
            page.wait_for_function("document.querySelector('.systemsim-changes').innerText.length > 20",
                                   timeout=60_000)
            page.wait_for_timeout(500)
            page.locator(".systemsim-decompose").click()
            page.wait_for_function(f"({SHARES})() !== null", timeout=240_000)
            bars = page.evaluate(SHARES)
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    groups = dict(bars)
    assert set(groups) == {"total", "staffing"}  # only staffing moved
    assert groups["staffing"] == pytest.approx(groups["total"])
    assert groups["total"] < 0  # more workers: fewer children each
