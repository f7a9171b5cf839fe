"""The pins agree: pyproject.toml, both locks and environment.yml name the same versions, and
the Pythons the collection promises are those every locked package accepts.

pyproject.toml pins the direct dependencies in three sets: ``dependencies`` (what helpers and
the notebooks import), the group ``lab`` (JupyterLab and the kernel) and the group ``dev``
(tests, builds, lint). requirements-lab.lock holds the first two with everything they need,
and nothing of ``dev`` that they do not need; requirements.lock holds all three. A package in
both locks has one version. The promise ("Python 3.11 or newer, not 3.14.1") is written three
times, as requires-python, in environment.yml and in the Makefile's check, and they agree.

The Makefile's setup is checked too, with a stand-in Python and uv that only record what they
are asked (so nothing is installed or fetched): a venv made in another folder is made anew,
one made here is kept, helpers' editable install is built without build isolation (no
setuptools fetched), and uv's cache moves into the venv when HOME cannot be written.
"""

import importlib.metadata as md
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROMISE = SpecifierSet(PYPROJECT["project"]["requires-python"])


def _name(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock(filename):
    pins = {}
    for line in (ROOT / filename).read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            pins[_name(m[1])] = m[2]
    return pins


def _pins(requirements):
    pins = {}
    for req in requirements:
        assert isinstance(req, str) and "==" in req, f"not pinned exactly: {req!r}"
        name, version = req.split("==")
        pins[_name(name)] = version
    return pins


def _sets():
    groups = PYPROJECT["dependency-groups"]
    assert set(groups) == {"lab", "dev"}, "the Makefile and the locks know two groups"
    return (_pins(PYPROJECT["project"]["dependencies"]), _pins(groups["lab"]),
            _pins(groups["dev"]))


def test_every_direct_dependency_is_pinned_exactly_and_named_once():
    deps, lab, dev = _sets()
    assert len(deps) + len(lab) + len(dev) == len(deps | lab | dev), "a package in two sets"


def test_full_lock_matches_pyproject():
    lock = _lock("requirements.lock")
    assert len(lock) > 50
    deps, lab, dev = _sets()
    for name, version in (deps | lab | dev).items():
        assert lock.get(name) == version, f"{name}: pyproject {version}, lock {lock.get(name)}"


def test_lab_lock_has_the_notebook_stack_and_jupyterlab():
    lock = _lock("requirements-lab.lock")
    deps, lab, _ = _sets()
    for name, version in (deps | lab).items():
        assert name in lock, f"{name} is in the lab set of pyproject.toml but not in the lab lock"
        assert lock[name] == version, f"{name}: pyproject {version}, lab lock {lock[name]}"


def test_lab_lock_is_lean_and_agrees_with_the_full_lock():
    lab, full = _lock("requirements-lab.lock"), _lock("requirements.lock")
    assert set(lab) < set(full), f"only in the lab lock: {sorted(set(lab) - set(full))}"
    differ = {n: (v, full[n]) for n, v in lab.items() if full[n] != v}
    assert not differ, f"lab lock and full lock disagree (lab, full): {differ}"
    for tool in ("pytest", "nbval", "sphinx", "ruff", "jupytext", "frictionless"):
        assert tool not in lab, f"{tool} is for tests and builds, not for the lab install"


def _conda_pins():
    """environment.yml's packages as {name: spec}; every string entry but ``pip`` must be
    ``name=version`` (or, for python, ``python`` and a version specifier), so no pin is
    written in a form this test would not read."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    pins = {}
    for dep in env["dependencies"]:
        if not isinstance(dep, str) or dep == "pip":
            continue
        python = re.fullmatch(r"python\s*((?:[<>!=]=?|~=)\s*\d.*)", dep)
        pinned = re.fullmatch(r"([A-Za-z0-9_.\-]+)=(\d[^=\s,]*)", dep)
        assert python or pinned, f"environment.yml: {dep!r} is not name=version"
        name, spec = ("python", python[1]) if python else (pinned[1], pinned[2])
        assert _name(name) not in pins, f"environment.yml names {name} twice"
        pins[_name(name)] = spec
    return env, pins


def test_environment_yml_matches_pyproject_and_lock():
    env, conda = _conda_pins()
    python = conda.pop("python")
    deps, lab, dev = _sets()
    assert set(conda) == set(deps | lab | dev), \
        "environment.yml and pyproject.toml list different packages"
    lock = _lock("requirements.lock")
    for name, version in conda.items():  # every pinned package, each against the lock
        assert lock.get(name) == version, f"{name}: environment.yml {version}, lock {lock.get(name)}"
    assert SpecifierSet(python.replace(" ", "")) == PROMISE, \
        f"environment.yml's python {python} is not requires-python {PROMISE}"
    pip = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert "-e ." in pip


def _candidates(specs):
    """Python 3 versions to try: the promise's and every package's boundaries, each with its
    neighbours, and a few releases to come. (Python 4 is beyond the promise: nbval and fqdn,
    among others, declare <4.)"""
    found = {Version(v) for v in ("3.11.0", "3.11.7", "3.12.0", "3.13.0", "3.14.0", "3.14.2",
                                  "3.15.0", "3.16.0", "3.20.0")}
    for spec in specs:
        for clause in spec:
            release = (list(Version(clause.version.rstrip(".*")).release) + [0, 0])[:3]
            major, minor, micro = release
            for m, n, o in ((major, minor, micro), (major, minor, micro + 1),
                            (major, minor, max(micro - 1, 0)), (major, minor + 1, 0),
                            (major, max(minor - 1, 0), 0)):
                found.add(Version(f"{m}.{n}.{o}"))
    return sorted(v for v in found if v.major == 3)


def _marker_env(version: Version) -> dict:
    env = {"python_version": f"{version.major}.{version.minor}",
           "python_full_version": str(version)}
    return env


def test_every_locked_package_accepts_every_promised_python():
    """requires-python is the promise; each package of the lock installed here at its locked
    version declares a Requires-Python: on every Python the promise admits and for which the
    lock's line applies (its marker), the package must install. (Lines for other platforms
    or Pythons are not installed here, so their metadata cannot be read offline; they are
    few, and counted.)"""
    lines = []
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.+))?$", line)
        if m:
            lines.append((_name(m[1]), m[2], Marker(m[3]) if m[3] else None))
    declared = {}
    for name, version, marker in lines:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        if dist.version == version:
            declared[(name, version, str(marker))] = (
                SpecifierSet(dist.metadata.get("Requires-Python") or ""), marker)
    assert len(declared) >= 0.9 * len(lines), \
        f"only {len(declared)} of {len(lines)} locked packages are installed here to check"
    assert ("networkx", "3.6.1", "None") in declared
    broken = []
    for version in _candidates([PROMISE, *(spec for spec, _ in declared.values())]):
        if version not in PROMISE:
            continue
        for (name, pinned, _), (spec, marker) in declared.items():
            applies = marker is None or marker.evaluate(_marker_env(version))
            if applies and not spec.contains(version, prereleases=True):
                broken.append(f"{name}=={pinned} (Requires-Python {spec}) on Python {version}")
    assert not broken, f"requires-python {PROMISE} promises Pythons the lock does not hold on: " \
        + "; ".join(broken)


def test_the_makefiles_python_check_is_the_promise():
    """The Makefile refuses a Python outside requires-python, and only those."""
    makefile = (ROOT / "Makefile").read_text()
    check = re.search(r"^PYTHONS_PROMISED := (.+)$", makefile, re.M)[1]
    assert "$(PYTHONS_PROMISED)" in makefile
    for version in _candidates([PROMISE]) + [Version("3.10.9"), Version("3.9.0")]:
        v = tuple(version.release[:3])
        ok = eval(check, {"v": v})  # the Makefile's own expression
        assert ok == (version in PROMISE), f"Makefile and requires-python differ on {version}"


# --- make setup, with a stand-in Python and uv ----------------------------------------------

FAKE_PYTHON = r"""#!/bin/sh
# Records its arguments; "-m venv DIR" makes a venv-looking folder with a copy of itself,
# "-m pip install uv==..." gives that venv the stand-in uv.
echo "python $*" >> "$FAKE_LOG"
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && echo "home = /x" > "$3/pyvenv.cfg"
  printf '#!%s/bin/python
' "$(cd "$3" && pwd)" > "$3/bin/pip"
elif [ "$1" = "-m" ] && [ "$2" = "pip" ]; then
  case "$*" in *uv==*) cp "$FAKE_UV" "$(dirname "$0")/uv" ;; esac
fi
exit 0
"""
FAKE_UV = r"""#!/bin/sh
if [ "$1" = "cache" ] && [ "$2" = "dir" ]; then echo "${UV_CACHE_DIR:-$HOME/.cache/uv}"; exit 0; fi
echo "uv cache=${UV_CACHE_DIR:-default} $*" >> "$FAKE_LOG"
exit 0
"""


@pytest.fixture
def fake_setup(tmp_path):
    """A folder with the project's Makefile, locks and pyproject.toml, and ``make(home)``
    running ``make setup`` there with the stand-ins; returns (folder, make)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "pyproject.toml", "requirements.lock", "requirements-lab.lock"):
        shutil.copy(ROOT / name, project / name)
    tools = tmp_path / "stand-ins"
    tools.mkdir()
    for name, text in (("python3", FAKE_PYTHON), ("uv", FAKE_UV)):
        (tools / name).write_text(text)
        (tools / name).chmod(0o755)
    log = tmp_path / "log"

    def make(home: Path) -> tuple[str, list[str]]:
        before = log.read_text().splitlines() if log.exists() else []
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "UV_"))}
        env.update(HOME=str(home), FAKE_LOG=str(log), FAKE_UV=str(tools / "uv"))
        out = subprocess.run(["make", "-s", "setup", f"PYTHON={tools / 'python3'}"],
                             cwd=project, env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stdout + out.stderr
        return out.stdout, log.read_text().splitlines()[len(before):] if log.exists() else []

    return project, make


def _old_venv(project: Path, made_in: str | None, shebang: str) -> Path:
    venv = project / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /x\n")
    (venv / "bin" / "pip").write_text(f"#!{shebang}/bin/python\n")
    if made_in is not None:
        (venv / ".made-in").write_text(made_in + "\n")
    (venv / "sentinel").write_text("from the old venv")
    return venv


@pytest.mark.parametrize("record", ["made-in", "pip shebang"])
def test_setup_makes_anew_a_venv_made_in_another_folder(fake_setup, tmp_path, record):
    project, make = fake_setup
    elsewhere = "/somewhere/else/project/.venv"
    venv = _old_venv(project, elsewhere if record == "made-in" else None, elsewhere)
    out, calls = make(tmp_path)
    assert f".venv was made in {elsewhere}, not here: making it anew" in out
    assert not (venv / "sentinel").exists(), "the old venv was kept"
    assert any(c.startswith("python -m venv .venv") for c in calls)
    assert (venv / ".made-in").read_text().strip() == str(project / ".venv")
    assert make(tmp_path) == ("", []), "a second `make setup` does something again"


@pytest.mark.parametrize("record", ["made-in", "pip shebang"])
def test_setup_keeps_a_venv_made_here(fake_setup, tmp_path, record):
    project, make = fake_setup
    here = str(project / ".venv")
    venv = _old_venv(project, here if record == "made-in" else None, here)
    shutil.copy(tmp_path / "stand-ins" / "python3", venv / "bin" / "python")
    out, calls = make(tmp_path)
    assert "making it anew" not in out
    assert (venv / "sentinel").exists()
    assert not any(" -m venv " in f" {c} " for c in calls)


def test_setup_builds_helpers_without_fetching_a_build_backend(fake_setup, tmp_path):
    """The editable install uses the venv's setuptools (no isolated build, which fetches
    setuptools from the index even when everything is installed), with uv and with pip."""
    project, make = fake_setup
    _, calls = make(tmp_path)
    editable = [c for c in calls if c.endswith("-e .")]
    assert editable and all("--no-build-isolation" in c for c in editable), editable
    assert any(c.startswith("uv ") and "setuptools==" in c for c in calls), \
        "the venv gets its pinned setuptools"
    makefile = (ROOT / "Makefile").read_text()
    assert makefile.count("--no-build-isolation -e .") == 2, "uv's and pip's editable install"


def test_setup_moves_uvs_cache_into_the_venv_when_home_cannot_be_written(fake_setup, tmp_path):
    project, make = fake_setup
    home = tmp_path / "home-is-a-file"
    home.write_text("")  # no folder can be made under it, whoever runs the test
    _, calls = make(home)
    uv = [c for c in calls if c.startswith("uv ")]
    assert uv and all(c.startswith(f"uv cache={project}/.venv/.uv-cache ") for c in uv), uv
    (project / "requirements.lock").write_text((ROOT / "requirements.lock").read_text() + "\n")
    _, calls = make(tmp_path)  # a writable HOME: uv's usual cache
    uv = [c for c in calls if c.startswith("uv ")]
    assert uv and all(c.startswith("uv cache=default ") for c in uv), uv


def test_what_the_notebooks_and_helpers_import_is_in_the_lab_install():
    """`make lab` installs only the lab lock: every module a notebook or ``helpers`` imports
    must come from a package in it (or from Python itself)."""
    import ast
    import importlib.metadata as md
    import sys

    import nbformat

    root = Path(__file__).resolve().parent.parent
    sources = [p.read_text(encoding="utf-8") for p in (root / "helpers").rglob("*.py")]
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        sources += [c.source for c in nbformat.read(path, as_version=4).cells
                    if c.cell_type == "code"]
    modules = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    modules -= set(sys.stdlib_module_names) | {"helpers"}
    where = md.packages_distributions()
    lab = _lock("requirements-lab.lock")
    for module in sorted(modules):
        dists = {_name(d) for d in where.get(module, [])}
        assert dists & set(lab), f"{module} ({', '.join(dists) or 'unknown'}) is not in the lab lock"


# --- Setting up without make (README, "Without make") --------------------------------------

def _without_make_blocks() -> list[list[str]]:
    """The README's command blocks for Windows, as lines."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("**Without `make`**", 1)[1].split("Conda users:", 1)[0]
    return [b.strip().splitlines() for b in re.findall(r"```bat\n(.*?)```", section, re.S)]


def _makefile_value(name: str) -> str:
    return re.search(rf"^{name}\s*:=\s*(\S+)", (ROOT / "Makefile").read_text(), re.M)[1]


def test_the_commands_without_make_name_the_makefiles_locks_and_real_files():
    setup, tests = _without_make_blocks()
    assert setup[0] == "py -m venv .venv", "the venv is made first, with Python's own venv"
    locks = [re.search(r"-r (\S+)", line)[1] for line in setup + tests if " -r " in line]
    assert locks == [_makefile_value("LAB_LOCK"), _makefile_value("FULL_LOCK")]
    assert any(line.endswith("pip install --no-deps -e .") for line in setup), \
        "helpers installed as the Makefile installs it: editable, its pins from the lock"
    for line in setup + tests:
        assert line.startswith(("py ", ".venv\\Scripts\\")), f"not a Windows path: {line}"
        for word in line.split()[1:]:
            if "\\" in word or word.endswith((".lock", ".ipynb", ".py")):
                path = ROOT / word.replace("\\", "/")
                if not word.startswith(".venv"):
                    assert path.exists(), f"the README names {word}, which does not exist"
    assert tests[-1] == ".venv\\Scripts\\python -m pytest"


def test_pip_accepts_the_lab_lock_as_it_stands():
    """The route without make installs with pip, not uv: pip reads the lab lock (markers and
    all) and finds it satisfied by this environment, without the network (--no-index)."""
    out = subprocess.run([sys.executable, "-m", "pip", "install",
                          "--no-index", "--dry-run", "-q", "-r",
                          str(ROOT / _makefile_value("LAB_LOCK"))],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]


def test_the_quick_tier_leaves_out_what_opens_chromium_or_builds_a_deliverable():
    """``make test-quick`` (-m "not slow") runs no test that opens Chromium, whether by the
    module's ``site`` mark, the ``chromium`` fixture or a ``browser`` mark, and no build of a
    deck; the rest stays in it."""
    files = ["tests/test_site.py", "tests/test_slides_browser.py", "tests/test_slides.py",
             "tests/test_offline.py", "tests/test_markdown_dollars.py"]

    def collected(*marks):
        out = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:xdist", "-q",
                              "--collect-only", *marks, *files], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        return {line.split("::")[0] + "::" + line.split("::")[1].split("[")[0]
                for line in out.splitlines() if "::" in line}

    quick, slow = collected("-m", "not slow"), collected("-m", "slow")
    assert not {t for t in quick if t.startswith(("tests/test_site.py", "tests/test_slides"))}
    assert "tests/test_offline.py::test_an_idle_chromium_stays_on_loopback" in slow
    assert "tests/test_offline.py::test_an_idle_chromium_stays_on_loopback" not in quick
    assert {t.split("::")[0] for t in slow} >= set(files[:3])
    assert any(t.startswith("tests/test_markdown_dollars.py") for t in quick)
    assert not quick & slow
