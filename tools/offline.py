"""Offline, two ways.

Built pages: ``external_assets`` finds what a page would fetch from the network (used by the
site and slide builds and their tests): scripts, style sheets, images, fonts, frames and CSS
imports with an http(s) or protocol-relative URL. Plain links (<a href>) are not assets.

Processes: ``kernel_env`` is the environment the tests (conftest.py) and `make execute`
(nbrun.py) give the kernels and other Python processes they start: ``block_network`` runs in
each as it starts (tools/offline_site/sitecustomize.py), so nothing but loopback can be
reached, and matplotlib and IPython keep their files in the project, not in HOME.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ASSET_HTML = re.compile(
    r"<(?:script|img|link|iframe|source|video|audio|embed|object)\b[^>]*?"
    r"\b(?:src|href|srcset|data)\s*=\s*[\"']\s*((?:https?:)?//[^\"'\s]+)", re.I)
ASSET_CSS = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])\s*((?:https?:)?//[^\"')\s]+)", re.I)
ASSET_JS_IMPORT = re.compile(r"\bimport\b[^;'\"]*[\"']((?:https?:)?//[^\"']+)[\"']")


def html_assets(text: str) -> list[str]:
    """Network URLs that an HTML text loads: tags, inline <style> and inline module imports."""
    found = ASSET_HTML.findall(text)
    for style in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S | re.I):
        found += ASSET_CSS.findall(style)
    for script in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S | re.I):
        found += ASSET_JS_IMPORT.findall(script)
    return found


def external_assets(folder: Path) -> list[tuple[str, str]]:
    """(file, URL) for every network asset referenced by the .html and .css files in folder."""
    found = []
    for f in sorted(folder.rglob("*")):
        if f.suffix not in (".html", ".css") or ".doctrees" in f.parts:
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        urls = html_assets(text) if f.suffix == ".html" else ASSET_CSS.findall(text)
        found += [(str(f.relative_to(folder)), url) for url in urls]
    return found


# --- no network but loopback, for every Python process the tests or `make execute` start ---

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost",
                            "ip6-loopback"})
SITE = Path(__file__).resolve().parent / "offline_site"  # holds sitecustomize.py
ROOT = Path(__file__).resolve().parent.parent


def is_loopback(host) -> bool:
    """True for an address or name that stays on this machine: 127.0.0.0/8, ::1, localhost."""
    import ipaddress

    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    host = host.strip().strip("[]").split("%")[0].rstrip(".").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def _numeric(host) -> bool:
    """An IP address written out (no look-up needed to use it)."""
    import ipaddress

    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    try:
        ipaddress.ip_address(str(host).strip("[]").split("%")[0])
    except ValueError:
        return False
    return True


class NetworkBlockedError(ConnectionRefusedError):
    """A connection or name look-up outside loopback, refused before any packet is sent.
    A ConnectionError (so an OSError), so code that copes with being offline copes here."""


def block_network() -> None:
    """Refuse, in this process, every connection, datagram and name look-up that would leave
    the machine: ``socket.connect``/``connect_ex``/``sendto`` to a non-loopback address, and
    ``getaddrinfo``/``gethostbyname``/``gethostbyaddr`` of a non-loopback name (so no DNS
    query is sent). Unix sockets and loopback are untouched. Idempotent."""
    import errno
    import socket

    if getattr(socket.socket.connect, "_azil_offline", False):
        return
    real = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex", "sendto")}
    real_lookup = {name: getattr(socket, name)
                   for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex",
                                "gethostbyaddr")}
    inet = (socket.AF_INET, socket.AF_INET6)

    def refuse(what: str, host) -> NetworkBlockedError:
        return NetworkBlockedError(
            errno.ECONNREFUSED,
            f"network blocked (tests and `make execute` run offline): {what} {host!r}; "
            "only loopback (127.0.0.1, ::1, localhost) is allowed")

    def check(sock, address, what: str) -> None:
        if sock.family in inet and isinstance(address, tuple) and not is_loopback(address[0]):
            raise refuse(what, address[0])

    def connect(self, address):
        check(self, address, "connect to")
        return real["connect"](self, address)

    def connect_ex(self, address):
        check(self, address, "connect to")
        return real["connect_ex"](self, address)

    def sendto(self, data, *args):
        check(self, args[-1] if args else None, "send to")
        return real["sendto"](self, data, *args)

    def name_guard(name: str):
        def guarded(host, *args, **kwargs):
            if host and not is_loopback(host) and (name == "gethostbyaddr"
                                                   or not _numeric(host)):
                # a name (or, for gethostbyaddr, any address) would be sent to a resolver
                raise socket.gaierror(socket.EAI_NONAME,
                                      f"name look-up blocked (offline): {host!r}")
            return real_lookup[name](host, *args, **kwargs)
        guarded._azil_offline = True
        return guarded

    for fn in (connect, connect_ex, sendto):
        fn._azil_offline = True
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    for name in real_lookup:
        setattr(socket, name, name_guard(name))


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.touch()
        probe.unlink()
        return True
    except OSError:
        return False


def cache_dir(name: str) -> Path:
    """A writable folder for a tool's cache and configuration, whatever HOME is:
    build/cache/NAME in the project, else one in the system's temporary folder."""
    import tempfile

    user = getattr(os, "getuid", lambda: 0)()
    for folder in (ROOT / "build" / "cache" / name,
                   Path(tempfile.gettempdir()) / f"azil-{user}" / name):
        if _writable(folder):
            return folder
    raise OSError(f"no writable folder for {name}'s cache")


def kernel_env(base: dict | None = None) -> dict:
    """The environment for Python processes that the tests and `make execute` start (kernels
    above all): ``base`` (default: this process's) with

    - ``PYTHONPATH`` led by tools/offline_site, whose sitecustomize.py calls
      ``block_network()`` as the interpreter starts: a kernel cannot reach the network;
    - ``MPLCONFIGDIR`` and ``IPYTHONDIR`` in writable folders of the project, so a read-only,
      empty or absent HOME changes nothing (matplotlib would warn in the first cell, and a
      reader's own matplotlibrc or IPython start-up files would be read); the kernels keep
      no input history on disk.
    """
    env = dict(os.environ if base is None else base)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(SITE)]
    env["PYTHONPATH"] = os.pathsep.join([str(SITE), *paths])
    env["MPLCONFIGDIR"] = str(cache_dir("matplotlib"))
    env["IPYTHONDIR"] = str(_ipython_dir())
    return env


KERNEL_CONFIG = """\
# Written by tools/offline.py for the kernels of the tests and `make execute`: no input history
# on disk (kernels running side by side would share one sqlite file).
c.HistoryManager.hist_file = ":memory:"
"""


def _ipython_dir() -> Path:
    folder = cache_dir("ipython")
    config = folder / "profile_default" / "ipython_kernel_config.py"
    if not config.exists() or config.read_text(encoding="utf-8") != KERNEL_CONFIG:
        config.parent.mkdir(parents=True, exist_ok=True)
        part = config.with_name(f".{config.name}.{os.getpid()}")
        part.write_text(KERNEL_CONFIG, encoding="utf-8")
        os.replace(part, config)  # whole, even with two test workers at once
    return folder
