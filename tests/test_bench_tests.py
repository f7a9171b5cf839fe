"""tools/bench_tests.py (make bench-tests): pytest's duration lines read back and summed by
tier and by file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import bench_tests

OUTPUT = """\
============================= slowest durations ==============================
60.33s setup    tests/test_handouts.py::test_every_handout_is_written_on_a4
7.09s call     tests/test_student.py::test_student_version_runs[01_background]
0.82s setup    notebooks/04_weaknesses.ipynb::Cell 0
0.50s teardown tests/test_handouts.py::test_every_handout_is_written_on_a4
2726 passed in 324.02s (0:05:24)
"""


def test_every_phase_is_read_with_its_node_id():
    assert bench_tests.durations(OUTPUT) == [
        (60.33, "tests/test_handouts.py::test_every_handout_is_written_on_a4"),
        (7.09, "tests/test_student.py::test_student_version_runs[01_background]"),
        (0.82, "notebooks/04_weaknesses.ipynb::Cell 0"),
        (0.50, "tests/test_handouts.py::test_every_handout_is_written_on_a4"),
    ]


def test_seconds_are_summed_by_tier_and_file():
    slow = {"tests/test_handouts.py::test_every_handout_is_written_on_a4"}
    tiers = bench_tests.tally(bench_tests.durations(OUTPUT), slow)
    assert dict(tiers["slow"]) == {"tests/test_handouts.py": pytest.approx(60.83)}
    assert dict(tiers["quick"]) == {"tests/test_student.py": pytest.approx(7.09),
                                    "notebooks/04_weaknesses.ipynb": pytest.approx(0.82)}


def test_the_command_is_make_tests():
    makefile = (Path(bench_tests.ROOT) / "Makefile").read_text(encoding="utf-8")
    pytest = re.search(r"^PYTEST := .*? -m pytest (.*)$", makefile, re.M)[1].split()
    assert bench_tests.pytest_command()[3:] == pytest
