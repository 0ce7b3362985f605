"""Network maps in a real browser: no member's label is cut off at the edge of the figure."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from systemsim.genogram import draw_network_map, load_family

FAMILIES = sorted((Path(__file__).parents[2] / "scenarios" / "families").glob("*.yaml"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing on CI: .ci/run must apt-get install chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        yield b
        b.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_no_network_label_is_clipped(browser, tmp_path, lang):
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    for path in FAMILIES:
        fig = draw_network_map(load_family(path), lang=lang)
        fig.update_layout(width=1000)
        html = tmp_path / f"{path.stem}.html"
        fig.write_html(str(html), include_plotlyjs=True)
        page.goto(html.as_uri())
        page.wait_for_selector(".textpoint text")
        clipped = page.evaluate("""() => {
            const plot = document.querySelector('.draglayer .xy .nsewdrag').getBoundingClientRect();
            return [...document.querySelectorAll('.textpoint text')]
              .filter(el => el.textContent.trim())
              .map(el => [el.textContent, el.getBoundingClientRect()])
              .filter(([_, r]) => r.left < plot.left - 1 || r.right > plot.right + 1)
              .map(([text, _]) => text);
        }""")
        assert clipped == [], f"{path.stem}: {clipped}"
    page.close()
