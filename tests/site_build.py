"""The site, built once for the site tests and served from loopback.

Every tests/test_site*.py module asks for the same build: ``built()`` makes it in
build/test-site/ (the student site in build/test-site-student/), under a file lock, so two
pytest-xdist workers never build into one folder at once, and the second module to ask gets
Sphinx's incremental build of an unchanged source (a few seconds) instead of a new one.
"""

from __future__ import annotations

import contextlib
import functools
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


def built(student: bool = False) -> Path:
    """The folder of the built site (the instructor's, or with ``student`` the student's)."""
    if student not in _BUILT:
        name = "test-site-student" if student else "test-site"
        OUT.mkdir(exist_ok=True)
        with open(OUT / f".{name}.lock", "w") as lock:
            if fcntl:
                fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                build_site.build(out=OUT / name, src=OUT / f"{name}-src", notebooks=NOTEBOOKS,
                                 student=student)
            finally:
                if fcntl:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        _BUILT[student] = OUT / name
    return _BUILT[student]


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
