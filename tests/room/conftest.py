"""A Voilà server over the repository's notebooks and a headless Chromium, for the browser
tests of "in front of a room" (what a trainer or a leader sees on a projected page)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from systemsim.cli.app_cmd import voila_command
from tests.leaders.conftest import CHROMIUM_ARGS, chromium_or_skip

ROOT = Path(__file__).resolve().parents[2]
SCREENS = Path(os.environ.get("SYSTEMSIM_SCREENS", ROOT / "out" / "screens"))
#: pages a trainer or a leader opens in Voilà, by their path under notebooks/
PAGES = {
    "dashboard": "simulations/dashboard.ipynb",
    "genograms": "training/genograms_and_network_maps.ipynb",
    "vignette": "training/vignette_mantsala_early_support.ipynb",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    """Voilà serving notebooks/ on 127.0.0.1 as `systemsim app` does (no code, no tracebacks);
    yields the URL of a page by its key in PAGES."""
    folder = tmp_path_factory.mktemp("voila")
    port = free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["SYSTEMSIM_JOURNAL"] = str(folder / "journal.sqlite")
    log = (folder / "voila.log").open("w")
    # the app's own command line (kernels over Unix sockets), over all notebooks; a closed
    # page's kernel goes after a minute (the app waits 10), so 60 loads in a row do not keep
    # 60 kernels (20 s culled a loaded page's kernel that was merely slow)
    proc = subprocess.Popen(
        voila_command(ROOT / "notebooks", port, cull_after=60),
        cwd=ROOT / "notebooks", env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        deadline = time.time() + 90
        while not _listening(port):  # a port check: asking for a page would start a kernel
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail("voila did not start:\n" + (folder / "voila.log").read_text())
            time.sleep(0.3)
        def url(page: str) -> str:
            return f"http://127.0.0.1:{port}/voila/render/{PAGES[page]}"

        url.log = folder / "voila.log"  # what Voilà said (kernels started, culled)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # voila and the kernels it started
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="package")
def browser():
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def local_only(page) -> list[str]:
    """Abort every request that would leave the machine; returns the list of those asked."""
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:",
                                     "file:")):
            r.continue_()
        else:  # voila's template asks a CDN for icons; never leave the machine
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return outside


#: JavaScript: every plotly toolbar button on the page, as [title, attr]
TOOLBAR = """() => Array.from(document.querySelectorAll('.js-plotly-plot .modebar-btn'))
  .map(b => [b.getAttribute('data-title') || '', b.getAttribute('data-attr') || '',
             b.getAttribute('data-val') || ''])"""

#: JavaScript: whether every widget output on the page is drawn (none loading or failed)
WIDGETS_STATE = """() => {
  const text = document.body.innerText;
  return {failed: (text.match(/Error displaying widget/g) || []).length,
          loading: (text.match(/Loading widget/g) || []).length,
          outputs: document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets, '
                                             + '.jp-OutputArea-output.jupyter-widgets').length,
          spinner: !!(document.querySelector('#loading') &&
                      getComputedStyle(document.querySelector('#loading')).display !== 'none')};
}"""


def leave(page) -> None:
    """Close a page as a browser does, so Voilà shuts its kernel down (on `beforeunload`);
    a closed tab would otherwise leave one running kernel per load."""
    try:
        page.goto("about:blank", timeout=30_000)
        page.wait_for_timeout(300)
    finally:
        page.close()
