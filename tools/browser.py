"""Headless Chromium driven through the Chrome DevTools Protocol, for the site and slide tests.

    with Chromium() as browser:
        page = browser.open("http://127.0.0.1:8000/index.html")
        page.evaluate("document.title"); page.screenshot(Path("shot.png"))
        page.external_requests(allowed=("http://127.0.0.1:8000/",)), page.errors

Offline by construction: Chromium resolves no name but localhost (``--host-resolver-rules``
maps every other host, IP literals included, to "not found", so no DNS query is sent and no
connection is opened outside loopback, whatever a page or Chromium's own services ask for),
and starts with background networking, component and safe-browsing updates, sync, metrics,
network time, QUIC and crash reports off, in a throw-away profile. It writes a net log;
``close`` reads it into ``outside``: every DNS query, TCP connection attempt or UDP datagram
to an address outside loopback (the site and slide tests require it empty). Each ``open``
records what the page requested (``requests``), what failed to load (``failures``: network
errors and HTTP status >= 400) and what it reported as an error (``errors``: console errors,
uncaught exceptions, log entries at level "error"). Needs the Debian package ``chromium`` and
websocket-client.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import websocket

# Name resolution: only localhost (the tests' servers are at 127.0.0.1, an IP literal that the
# EXCLUDE keeps too). Without this rule Chromium 156 resolved update.googleapis.com and
# clients2.google.com at start-up despite --disable-background-networking and
# --disable-component-update (its component updater and network-time queries).
RESOLVER_RULES = "MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1 , EXCLUDE [::1]"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         f"--host-resolver-rules={RESOLVER_RULES}",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps",
         "--disable-component-extensions-with-background-pages",
         "--disable-client-side-phishing-detection", "--safebrowsing-disable-auto-update",
         "--disable-domain-reliability", "--disable-breakpad", "--metrics-recording-only",
         "--no-pings", "--disable-field-trial-config",
         "--disable-features=Translate,MediaRouter,OptimizationHints,NetworkTimeServiceQuerying,"
         "AutofillServerCommunication,CertificateTransparencyComponentUpdater",
         "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0"]


# JavaScript: the Hebrew text on a page that is not laid out right-to-left. Every text node with
# Hebrew (outside code) must sit in an element whose computed direction is rtl, or in a block
# with unicode-bidi: plaintext (HTML tables from cell outputs); every block that is mostly
# Hebrew must itself be rtl. Returns a list of offending snippets.
HEBREW_LAYOUT_JS = r"""(root => {
  const HE = /[\u0590-\u05ff]/g, OTHER = /[A-Za-z\u00c0-\u024f]/g, bad = [];
  const skip = el => el.closest('pre, code, script, style, .jp-InputArea, nav, .bd-sidebar-primary, .bd-sidebar-secondary');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const t = walker.currentNode, el = t.parentElement;
    if (!el || !/[\u0590-\u05ff]/.test(t.data) || skip(el)) continue;
    const block = el.closest('p, li, td, th, h1, h2, h3, h4, h5, h6, blockquote, div');
    if (getComputedStyle(el).direction !== 'rtl' &&
        !(block && getComputedStyle(block).unicodeBidi === 'plaintext'))
      bad.push('not rtl: ' + t.data.trim().slice(0, 50));
  }
  root.querySelectorAll('p, li, blockquote, h1, h2, h3, h4').forEach(el => {
    if (skip(el)) return;
    const he = (el.textContent.match(HE) || []).length, other = (el.textContent.match(OTHER) || []).length;
    if (he > 0 && he >= other && getComputedStyle(el).direction !== 'rtl')
      bad.push('mostly Hebrew but ltr: ' + el.textContent.trim().slice(0, 50));
  });
  return bad;
})"""


KEY_CODES = {"ArrowLeft": 37, "ArrowUp": 38, "ArrowRight": 39, "ArrowDown": 40,
             "PageUp": 33, "PageDown": 34, "Space": 32, "Escape": 27}


def pdf_page_count(path: Path) -> int:
    """The pages of a PDF file (as Chromium writes them): its ``/Type /Page`` objects."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def _host(address: str) -> str:
    """The host of a net log address, "1.2.3.4:53" or "[2001:db8::1]:443"."""
    return address.rsplit(":", 1)[0].strip("[]") if ":" in address else address


def outside_traffic(netlog: dict) -> list[str]:
    """What a Chromium net log (the parsed JSON of --log-net-log) shows leaving the machine:
    DNS queries and resolver tasks for a name other than localhost, TCP connection attempts
    to an address outside loopback, and UDP datagrams sent to one. (A UDP "connect" alone
    sends nothing: Chromium's IPv6 reachability probe does one at start-up.)"""
    from offline import is_loopback

    types = {v: k for k, v in netlog["constants"]["logEventTypes"].items()}
    found, udp_peer = [], {}
    for event in netlog["events"]:
        kind, params = types.get(event["type"], "?"), event.get("params") or {}
        source = event.get("source", {}).get("id")
        host = params.get("hostname") or params.get("host")
        if kind.startswith("DNS_TRANSACTION") or kind in ("HOST_RESOLVER_SYSTEM_TASK",
                                                          "HOST_RESOLVER_DNS_TASK"):
            if not (host and is_loopback(str(host).split("://")[-1])):
                found.append(f"{kind}: {host}" if host else kind)
        elif kind == "TCP_CONNECT_ATTEMPT" and "address" in params:
            if not is_loopback(_host(params["address"])):
                found.append(f"{kind}: {params['address']}")
        elif kind == "UDP_CONNECT" and "address" in params:
            udp_peer[source] = params["address"]
        elif kind == "UDP_BYTES_SENT":
            peer = params.get("address") or udp_peer.get(source, "?")
            if not is_loopback(_host(peer)):
                found.append(f"{kind}: {peer}")
    return list(dict.fromkeys(found))


def read_netlog(path: Path) -> dict:
    """A net log file, also when Chromium stopped before it finished writing it.

    Chromium writes the constants, then one event per line, then closes the events
    array, then "polledData" and the final brace. It can be stopped anywhere in
    that order, even in the middle of an event line: each such point is closed
    here, and an unfinished last line is dropped. Anything else is an error.
    """
    text = path.read_text(encoding="utf-8", errors="replace").rstrip()
    for candidate in (text, text + "}", text.rstrip(",") + "]}"):
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            pass
    head, _, _ = text.rpartition("\n")  # the last line was cut mid-event
    try:
        return json.loads(head.rstrip().rstrip(",") + "]}")
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not a Chromium net log ({error})") from None


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class CDPError(RuntimeError):
    pass


class Chromium:
    """One headless Chromium; ``open`` gives a fresh tab per URL."""

    def __init__(self, binary: str | None = None, *, width: int = 1280, height: int = 900,
                 timeout: float = 30):
        binary = binary or find_chromium()
        if binary is None:
            raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="azil-chromium-"))
        self.log = open(self.profile / "chromium.log", "wb")
        self.netlog = self.profile / "netlog.json"
        self.outside: list[str] | None = None  # set by close()
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--window-size={width},{height}",
             f"--user-data-dir={self.profile}", f"--log-net-log={self.netlog}", "about:blank"],
            stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise CDPError("chromium did not start: "
                               + (self.profile / "chromium.log").read_text(errors="replace")[-2000:])
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=timeout,
                                              suppress_origin=True)
        self._id = 0
        self._events: list[dict] = []

    # --- protocol ---------------------------------------------------------------------------
    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)
        raise CDPError(f"{method}: no reply in {self.timeout} s")

    def events(self, seconds: float = 0.0) -> list[dict]:
        """Every event received so far, plus those arriving within ``seconds``."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            self.ws.settimeout(left)
            try:
                self._events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
            finally:
                self.ws.settimeout(self.timeout)
        out, self._events = self._events, []
        return out

    # --- pages ------------------------------------------------------------------------------
    def open(self, url: str, *, settle: float = 0.3) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        self.send("Network.setCacheDisabled", {"cacheDisabled": True}, session=session)
        page.navigate(url, settle=settle)
        return page

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()
        if self.outside is None and self.netlog.exists():
            self.outside = outside_traffic(read_netlog(self.netlog))
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Page:
    def __init__(self, browser: Chromium, target: str, session: str):
        self.browser, self.target, self.session = browser, target, session
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        self._urls: dict[str, str] = {}

    def _record(self, events: list[dict]) -> bool:
        """Sort this page's events into requests, failures and errors; True on load."""
        loaded = False
        for ev in events:
            if ev.get("sessionId") != self.session:  # the browser's own or another tab's
                continue
            method, p = ev.get("method"), ev.get("params", {})
            if method == "Page.loadEventFired":
                loaded = True
            elif method == "Network.requestWillBeSent":
                self.requests.append(p["request"]["url"])
                self._urls[p["requestId"]] = p["request"]["url"]
            elif method == "Network.responseReceived" and p["response"]["status"] >= 400:
                self.failures.append(f"HTTP {p['response']['status']}: {p['response']['url']}")
            elif method == "Network.loadingFailed" and not p.get("canceled"):
                self.failures.append(f"{p.get('errorText')}: {self._urls.get(p['requestId'], '?')}")
            elif method == "Runtime.exceptionThrown":
                d = p["exceptionDetails"]
                self.errors.append("exception: " + d.get("exception", {}).get("description", d.get("text", "")))
            elif method == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                self.errors.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                                          for a in p.get("args", [])))
            elif method == "Log.entryAdded" and p["entry"]["level"] == "error":
                self.errors.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
        return loaded

    def navigate(self, url: str, *, settle: float = 0.3) -> None:
        b = self.browser
        self._record(b.events())
        reply = b.send("Page.navigate", {"url": url}, session=self.session)
        if reply.get("errorText"):
            raise CDPError(f"{url}: {reply['errorText']}")
        deadline = time.monotonic() + b.timeout
        while not self._record(b.events(0.1)):
            if time.monotonic() > deadline:
                raise CDPError(f"{url}: no load event in {b.timeout} s")
        self._record(b.events(settle))

    def evaluate(self, expression: str, *, await_promise: bool = True):
        reply = self.browser.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": await_promise},
            session=self.session)
        if "exceptionDetails" in reply:
            raise CDPError(f"evaluate: {reply['exceptionDetails'].get('exception', {}).get('description')}")
        self._record(self.browser.events())
        return reply["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float = 10) -> object:
        """Poll a JavaScript expression until it is truthy; returns its value (or the last)."""
        deadline = time.monotonic() + timeout
        value = self.evaluate(expression)
        while not value and time.monotonic() < deadline:
            time.sleep(0.1)
            value = self.evaluate(expression)
        return value

    def screenshot(self, path: Path) -> Path:
        data = self.browser.send("Page.captureScreenshot", {"format": "png"}, session=self.session)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def print_pdf(self, path: Path, **options) -> Path:
        """Print the page to a PDF file (DevTools ``Page.printToPDF``; ``options`` are its
        parameters, e.g. ``preferCSSPageSize=True``, ``printBackground=True``)."""
        params = {"printBackground": True, "preferCSSPageSize": True, **options}
        data = self.browser.send("Page.printToPDF", params, session=self.session)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def set_viewport(self, width: int, height: int) -> None:
        """Lay the page out as on a screen of ``width`` x ``height`` CSS pixels."""
        self.browser.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=self.session)

    def press(self, key: str = "ArrowRight") -> None:
        """Press and release a key as a keyboard (or a clicker, which sends arrow keys) does:
        DevTools ``Input.dispatchKeyEvent``, so the page's own key handlers run."""
        params = {"key": key, "code": key, "windowsVirtualKeyCode": KEY_CODES.get(key, 0),
                  "nativeVirtualKeyCode": KEY_CODES.get(key, 0)}
        for kind in ("rawKeyDown", "keyUp"):
            self.browser.send("Input.dispatchKeyEvent", {"type": kind, **params},
                              session=self.session)
        self._record(self.browser.events())

    def external_requests(self, allowed: tuple[str, ...]) -> list[str]:
        """Requested URLs that are neither local (data:, blob:, about:) nor under ``allowed``."""
        local = ("data:", "blob:", "about:", "chrome-extension:", "file:", *allowed)
        return [u for u in self.requests if not u.startswith(local)]

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
