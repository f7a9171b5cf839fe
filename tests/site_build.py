"""The site, built once for the site tests and served from loopback.

Every tests/test_site*.py module asks for the same build: ``built()`` makes it in
build/test-site/ (the student site in build/test-site-student/), under a file lock, once per
test run: the first module to ask builds it, and the others, in any pytest-xdist worker, use
that build as it stands.
"""

from __future__ import annotations

import contextlib
import functools
import os
import http.server
import threading
from pathlib import Path

import build_site
from conftest import NOTEBOOKS, ROOT

try:
    import fcntl
except ImportError:  # Windows: no fcntl; one worker builds at a time there only without xdist
    fcntl = None

OUT = ROOT / "build"
_BUILT: dict[bool, Path] = {}

#: axe-core, vendored (tools/vendor/axe-core/), injected into a page so nothing is fetched.
AXE = ROOT / "tools" / "vendor" / "axe-core" / "axe.min.js"
RUN_AXE = """axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v =>
    v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))"""
#: Every page of either site, relative to its folder.
PAGES = (["index.html", "search.html", "genindex.html"]
         + [f"notebooks/{p.stem}.html" for p in NOTEBOOKS])
#: The viewports the site is read at: (width, height, mobile).
WIDTHS = {"desktop": (1280, 900, False), "phone": (390, 844, True)}


def built(student: bool = False) -> Path:
    """The folder of the built site (the instructor's, or with ``student`` the student's)."""
    if student not in _BUILT:
        name = "test-site-student" if student else "test-site"
        OUT.mkdir(exist_ok=True)
        # One build per test run: pytest-xdist gives all its workers one run id. A second
        # build, even an incremental one, would rewrite the pages while another worker's
        # browser reads them, and a page caught half-written fails its checks.
        run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
        stamp = OUT / name / ".built-for-test-run"
        with open(OUT / f".{name}.lock", "w") as lock:
            if fcntl:
                fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not (run and stamp.exists() and stamp.read_text() == run):
                    build_site.build(out=OUT / name, src=OUT / f"{name}-src",
                                     notebooks=NOTEBOOKS, student=student)
                    if run:
                        stamp.write_text(run)
            finally:
                if fcntl:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        _BUILT[student] = OUT / name
    return _BUILT[student]


def _emulate(chromium, page, width: str) -> None:
    w, h, mobile = WIDTHS[width]
    chromium.send("Emulation.setDeviceMetricsOverride",
                  {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": mobile},
                  session=page.session)


def reopen_at(chromium, page, url: str, width: str) -> None:
    """Load ``url`` again in the same tab at another viewport ``width``."""
    _emulate(chromium, page, width)
    page.navigate(url)


def open_at(chromium, url: str, width: str):
    """A page opened at a viewport of ``width`` ("desktop" or "phone")."""
    page = chromium.open("about:blank")
    _emulate(chromium, page, width)
    page.navigate(url)
    return page


#: Before axe looks: transitions and animations ended at their final state (the theme
#: fades parts of the page in), the theme's floating "Back to top" button out of the way,
#: the fonts loaded, and two frames drawn. The button appears once a page is scrolled, and
#: axe scrolls to each text it measures: where the orange button floats over a line of
#: code, axe measured the code's colour against the button's and reported low contrast
#: (the code is 7.5:1 on its own background). The button is the theme's own and is left
#: out of these runs.
SETTLE = """(async () => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after {transition: none !important; animation: none !important}'
    + ' #pst-back-to-top {display: none !important}';
  document.head.appendChild(style);
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
})()"""


def axe_violations(page) -> list[str]:
    """What axe-core finds wrong with the page as it is laid out now (one line each), once
    it has settled (:data:`SETTLE`)."""
    page.evaluate(SETTLE)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE)


def scrolls_sideways(page, width: str) -> str | None:
    """Why the page scrolls sideways at the viewport ``width`` it was opened at, or None.

    Measured against the viewport's own width, not ``window.innerWidth``: a page on a phone
    that is too wide widens its layout viewport to fit (the browser zooms out), so
    innerWidth grows with it and would hide the fault."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    view = WIDTHS[width][0]
    return f"scrolls sideways at {view} px ({scroll} px wide)" if scroll > view else None


def pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (search and index pages included)."""
    return sorted(p for p in site.rglob("*.html")
                  if p.parent.name not in ("_static", "_sources")
)


@contextlib.contextmanager
def serve(directory: Path):
    """A loopback HTTP server for ``directory``; yields its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
