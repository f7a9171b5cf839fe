"""The pins agree: pyproject.toml, both locks and environment.yml name the same versions.

pyproject.toml pins the direct dependencies in three sets: ``dependencies`` (what helpers and
the notebooks import), the group ``lab`` (JupyterLab and the kernel) and the group ``dev``
(tests, builds, lint). requirements-lab.lock holds the first two with everything they need,
and nothing of ``dev`` that they do not need; requirements.lock holds all three. A package in
both locks has one version.
"""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


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


def test_environment_yml_matches_pyproject_and_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    conda = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "=" in dep:
            name, version = dep.split("=", 1)
            conda[_name(name)] = version
    assert conda.pop("python") == "3.11"
    deps, lab, dev = _sets()
    assert set(conda) == set(deps | lab | dev), \
        "environment.yml and pyproject.toml list different packages"
    lock = _lock("requirements.lock")
    for name, version in conda.items():
        assert lock[name] == version, f"{name}: environment.yml {version}, lock {lock[name]}"
    pip = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert "-e ." in pip


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
