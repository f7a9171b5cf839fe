"""Offline and hermetic: the kernels and other Python processes the tests and `make execute`
start cannot reach the network (tools/offline.py, ``block_network``, run at their start by
tools/offline_site/sitecustomize.py), a read-only or empty HOME changes no output, and
`make execute` stores no stderr.

A test here that makes a real connection attempt to an address outside loopback runs it inside
a network namespace with only loopback (as `make test-offline` and CI do), so that even a
broken guard sends nothing; where no namespace can be made it skips and says so. The rest
use closed sockets, on which nothing can be sent whatever happens.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import nbformat
import pytest

import browser
import execute
import nbrun
import offline
from conftest import ROOT

UNWRITABLE_HOME = "/proc/azil-no-home"  # no one, root included, can make a folder there


def isolated() -> bool:
    """This process already runs where only loopback exists (a network namespace). Read
    from /proc/self/net/dev, which is this process's; /sys/class/net is the mounter's."""
    try:
        lines = Path("/proc/self/net/dev").read_text().splitlines()[2:]
    except OSError:
        return False
    return {line.split(":")[0].strip() for line in lines} <= {"lo"}


def in_namespace(command: list[str]) -> list[str]:
    """``command`` run with only loopback: as it is when already isolated, else in a new
    network namespace with loopback up; skips where neither can be had."""
    if isolated():
        return command
    unshare, ip = shutil.which("unshare"), shutil.which("ip") or "/usr/sbin/ip"
    if unshare and Path(ip).exists() and subprocess.run(
            [unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn", "sh", "-c", f'{ip} link set lo up && exec "$@"', "sh", *command]
    pytest.skip("no network namespace can be made here (unshare -rn): a real connection "
                "attempt outside loopback is not made without one")


def python(code: str, env: dict, *, isolate: bool) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", textwrap.dedent(code)]
    return subprocess.run(in_namespace(command) if isolate else command, env=env,
                          capture_output=True, text=True, timeout=60)


# --- the guard ------------------------------------------------------------------------------

@pytest.mark.parametrize("host, expected", [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("LOCALHOST.", True), ("::ffff:127.0.0.1", True), (b"127.0.0.1", True),
    ("192.0.2.1", False), ("10.0.0.1", False), ("2001:db8::1", False), ("example.org", False),
    ("localhost.example.org", False), ("", False), (None, False), (("127.0.0.1",), False),
])
def test_is_loopback(host, expected):
    assert offline.is_loopback(host) is expected


def test_the_guard_refuses_outside_addresses_on_closed_sockets():
    """In a process with the guard (as every kernel of the tests), connect, connect_ex and
    sendto outside loopback raise NetworkBlockedError before reaching the socket: on a closed
    socket the real call would fail with EBADF instead, and send nothing either way."""
    code = """
        import socket
        def attempt(kind, call):
            s = socket.socket(socket.AF_INET, kind)
            s.close()
            try:
                call(s)
            except OSError as e:
                return type(e).__name__
            return "passed"
        print(attempt(socket.SOCK_STREAM, lambda s: s.connect(("192.0.2.1", 9))),
              attempt(socket.SOCK_STREAM, lambda s: s.connect_ex(("192.0.2.1", 9))),
              attempt(socket.SOCK_DGRAM, lambda s: s.sendto(b"x", ("192.0.2.1", 9))),
              attempt(socket.SOCK_DGRAM, lambda s: s.sendto(b"x", 0, ("192.0.2.1", 9))),
              attempt(socket.SOCK_STREAM, lambda s: s.connect(("127.0.0.1", 9))))
    """
    out = python(code, offline.kernel_env(), isolate=False)
    assert out.stdout.split() == ["NetworkBlockedError"] * 4 + ["OSError"], out.stderr
    unguarded = {k: v for k, v in offline.kernel_env().items() if k != "PYTHONPATH"}
    out = python(code, unguarded, isolate=False)
    # without the guard each call reaches the (closed) socket: EBADF, which connect_ex returns
    assert out.stdout.split() == ["OSError", "passed", "OSError", "OSError", "OSError"]


def test_the_guard_blocks_connections_and_look_ups_but_not_loopback():
    code = """
        import socket, time
        server = socket.create_server(("127.0.0.1", 0))
        port = server.getsockname()[1]
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        socket.create_connection(("localhost", port), timeout=5).close()
        print("loopback", socket.getaddrinfo("localhost", port)[0][4][0] in ("127.0.0.1", "::1"))
        start = time.monotonic()
        for target in [("192.0.2.1", 9), ("example.org", 80)]:
            try:
                socket.create_connection(target, timeout=10)
                print("connected", target[0])
            except OSError as error:
                print(type(error).__name__, "blocked" in str(error), time.monotonic() - start < 1)
        for lookup in (lambda: socket.gethostbyname("example.org"),
                       lambda: socket.gethostbyaddr("192.0.2.1")):
            try:
                lookup()
                print("resolved")
            except OSError as error:
                print(type(error).__name__, "blocked" in str(error))
    """
    out = python(code, offline.kernel_env(), isolate=True)
    assert out.stdout.splitlines() == [
        "loopback True", "NetworkBlockedError True True", "gaierror True True",
        "gaierror True", "gaierror True"], out.stdout + out.stderr


# --- kernels under pytest, with no usable HOME ----------------------------------------------

KERNEL_CELLS = [
    # matplotlib writes its cache in MPLCONFIGDIR: no "created a temporary cache directory"
    ("import matplotlib.pyplot as plt\nimport helpers\nhelpers.setup()", ""),
    ("import os\nprint(os.path.realpath(os.environ['MPLCONFIGDIR']).startswith("
     f"{str(ROOT.resolve())!r}))", "True\n"),
    # a TCP connection outside loopback fails at once, refused by the guard
    ("import socket, time\nstart = time.monotonic()\ntry:\n"
     "    socket.create_connection(('192.0.2.1', 9), timeout=10)\n    outcome = 'connected'\n"
     "except OSError as error:\n    outcome = type(error).__name__\n"
     "print(outcome, time.monotonic() - start < 1)", "NetworkBlockedError True\n"),
    ("try:\n    socket.getaddrinfo('example.org', 443)\n    print('resolved')\n"
     "except socket.gaierror as error:\n    print('blocked' in str(error))", "True\n"),
]


def test_notebook_kernels_under_pytest_are_offline_and_ignore_home(tmp_path):
    """`pytest` on a notebook, run as a reader would with HOME unwritable and neither
    MPLCONFIGDIR nor PYTHONPATH set: the project's conftest.py gives the kernel what it
    needs, so nbval finds no stderr in the first cell (matplotlib's warning failed every
    notebook before) and the kernel's connection attempt is refused by the guard."""
    cells = []
    for n, (source, stdout) in enumerate(KERNEL_CELLS, start=1):
        cell = nbformat.v4.new_code_cell(source, execution_count=n)
        if stdout:
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stdout)]
        cells.append(cell)
    folder = ROOT / "build" / f"test-kernel-{uuid.uuid4().hex[:8]}"  # under the project's
    folder.mkdir(parents=True)                                         # conftest.py
    try:
        notebook = folder / "kernel.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=cells), notebook)
        env = {k: v for k, v in os.environ.items()
               if k not in ("MPLCONFIGDIR", "IPYTHONDIR", "PYTHONPATH")
               and not k.startswith(("PYTEST_", "XDG_"))}
        env["HOME"] = UNWRITABLE_HOME
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", str(notebook)]
        out = subprocess.run(in_namespace(command), cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=300)
        assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
        assert f"{len(cells)} passed" in out.stdout
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_nbrun_kernels_are_offline_and_ignore_home(tmp_path, monkeypatch):
    """The kernels of `make execute` and `make bench` (tools/nbrun.py): same guard, same
    matplotlib folder, no input history on disk, whatever HOME and MPLCONFIGDIR the command
    was given."""
    monkeypatch.setenv("HOME", UNWRITABLE_HOME)
    monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    code = (
        "import socket, matplotlib.pyplot\n"
        "s = socket.socket(); s.close()\n"  # closed: whatever happens, nothing is sent
        "try:\n    s.connect(('192.0.2.1', 9))\nexcept OSError as error:\n"
        "    print(type(error).__name__)\n"
        "print(get_ipython().history_manager.hist_file)")
    path = tmp_path / "probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), path)
    nb, _, _ = nbrun.run(path, timeout=120)
    outputs = nb.cells[0].outputs  # a busy machine may deliver the text in pieces
    assert {o.get("name") for o in outputs} == {"stdout"}, outputs  # no stderr: no warning
    assert "".join(o.text for o in outputs) == "NetworkBlockedError\n:memory:\n"


# --- `make execute` refuses stderr ----------------------------------------------------------

def test_execute_stores_no_notebook_that_wrote_to_stderr(tmp_path, capsys):
    """tools/execute.py: a notebook whose run wrote to stderr is left as it was, the command
    fails naming notebook and cell, and the other notebooks are stored."""
    bad, good = tmp_path / "01_bad.ipynb", tmp_path / "02_good.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("import warnings\nwarnings.warn('careful: a library changed')"),
    ]), bad)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")]),
                   good)
    stored = bad.read_bytes()
    with pytest.raises(SystemExit) as stop:
        execute.main([str(bad), str(good)])
    message = str(stop.value.code)
    assert "01_bad.ipynb, cell 1:" in message and "careful: a library changed" in message
    assert "02_good" not in message
    assert bad.read_bytes() == stored, "the notebook with stderr was written"
    outputs = nbformat.read(good, as_version=4).cells[0].outputs
    assert [o.get("text") for o in outputs] == ["42\n"], "the clean notebook was not stored"
    assert "02_good.ipynb: executed" in capsys.readouterr().out


def test_stderr_outputs_finds_every_stderr_stream():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("text"),
        nbformat.v4.new_code_cell("a", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="fine\n")]),
        nbformat.v4.new_code_cell("b", outputs=[
            nbformat.v4.new_output("stream", name="stderr", text="Warning:\n  two lines\n")]),
    ])
    assert execute.stderr_outputs(nb) == ["cell 2: Warning: two lines"]


# --- Chromium's net log ----------------------------------------------------------------------

def _netlog(*events):
    names = ["DNS_TRANSACTION", "HOST_RESOLVER_SYSTEM_TASK", "TCP_CONNECT_ATTEMPT",
             "UDP_CONNECT", "UDP_BYTES_SENT", "URL_REQUEST_START_JOB"]
    types = {name: i for i, name in enumerate(names)}
    return {"constants": {"logEventTypes": types},
            "events": [{"type": types[kind], "source": {"id": source}, "params": params}
                       for kind, source, params in events]}


def test_outside_traffic_reads_dns_tcp_and_udp_out_of_a_net_log():
    log = _netlog(
        ("DNS_TRANSACTION", 1, {"hostname": "update.googleapis.com"}),
        ("HOST_RESOLVER_SYSTEM_TASK", 2, {}),
        ("TCP_CONNECT_ATTEMPT", 3, {"address": "127.0.0.1:8000"}),  # the test server
        ("TCP_CONNECT_ATTEMPT", 4, {"address": "142.250.0.1:443"}),
        ("UDP_CONNECT", 5, {"address": "[2001:4860:4860::8888]:443"}),  # probe: sends nothing
        ("UDP_CONNECT", 6, {"address": "10.255.255.53:53"}),
        ("UDP_BYTES_SENT", 6, {"byte_count": 40}),
        ("UDP_CONNECT", 7, {"address": "[::1]:5353"}),
        ("UDP_BYTES_SENT", 7, {"byte_count": 40}),
        ("URL_REQUEST_START_JOB", 8, {"url": "https://update.googleapis.com/x"}),  # failed
    )
    assert browser.outside_traffic(log) == [
        "DNS_TRANSACTION: update.googleapis.com", "HOST_RESOLVER_SYSTEM_TASK",
        "TCP_CONNECT_ATTEMPT: 142.250.0.1:443", "UDP_BYTES_SENT: 10.255.255.53:53"]
    assert browser.outside_traffic(_netlog(
        ("TCP_CONNECT_ATTEMPT", 1, {"address": "127.0.0.1:8000"}),
        ("UDP_CONNECT", 2, {"address": "[2001:4860:4860::8888]:443"}))) == []


_NETLOG_HEAD = '{"constants": {"logEventTypes": {"DNS_TRANSACTION": 0}},\n"events": [\n'
_NETLOG_EVENT = '{"type": 0, "source": {"id": 1}, "params": {"hostname": "a.example"}}'


@pytest.mark.parametrize("text", [
    _NETLOG_HEAD + _NETLOG_EVENT + ",\n",                       # stopped between events
    _NETLOG_HEAD + _NETLOG_EVENT + ",\n" + '{"type": 0, "sou',  # stopped mid-event
    _NETLOG_HEAD + _NETLOG_EVENT + "]\n",                       # events closed, no polledData
    _NETLOG_HEAD + _NETLOG_EVENT + '],\n"polledData": {}',      # polledData, no final brace
    _NETLOG_HEAD + _NETLOG_EVENT + '],\n"polledData": {}}\n',   # finished
], ids=["between-events", "mid-event", "events-closed", "polled-data", "finished"])
def test_read_netlog_reads_a_log_stopped_anywhere(tmp_path, text):
    path = tmp_path / "netlog.json"
    path.write_text(text)
    assert browser.outside_traffic(browser.read_netlog(path)) == ["DNS_TRANSACTION: a.example"]


def test_read_netlog_refuses_what_is_not_a_net_log(tmp_path):
    path = tmp_path / "netlog.json"
    path.write_text("<html>\n<body>")
    with pytest.raises(ValueError, match="not a Chromium net log"):
        browser.read_netlog(path)


def test_chromium_resolves_no_name_but_localhost():
    rules = [f for f in browser.FLAGS if f.startswith("--host-resolver-rules=")]
    assert rules == ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , "
                     "EXCLUDE 127.0.0.1 , EXCLUDE [::1]"]
    assert "--disable-background-networking" in browser.FLAGS


@pytest.mark.browser
def test_an_idle_chromium_stays_on_loopback():
    """Chromium's own services, left alone on a blank page (with the flags of before it
    resolved update.googleapis.com and clients2.google.com within seconds). Run in a network
    namespace, so that with a regressed flag it still sends nothing."""
    if browser.find_chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    code = """
        import json, sys, time
        sys.path.insert(0, sys.argv[1])
        import browser
        with browser.Chromium() as b:
            b.open("about:blank")
            time.sleep(4)
        print(json.dumps(b.outside))
    """
    command = [sys.executable, "-c", textwrap.dedent(code), str(ROOT / "tools")]
    out = subprocess.run(in_namespace(command), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]", out.stdout


def test_kernel_env_keeps_other_paths_and_is_idempotent(tmp_path):
    env = offline.kernel_env({"PYTHONPATH": os.pathsep.join(["/a", str(offline.SITE), "/b"])})
    assert env["PYTHONPATH"].split(os.pathsep) == [str(offline.SITE), "/a", "/b"]
    assert offline.kernel_env(env)["PYTHONPATH"] == env["PYTHONPATH"]
    for name in ("MPLCONFIGDIR", "IPYTHONDIR"):
        folder = Path(env[name])
        assert folder.is_dir() and os.access(folder, os.W_OK)
