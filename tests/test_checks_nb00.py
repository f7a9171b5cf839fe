import pytest

from helpers import load
from helpers.checks import nb00
from near_miss import assert_tolerance


def test_visit_count(capsys):
    n = len(load("visits"))
    assert nb00.check_visit_count(n)
    assert not nb00.check_visit_count(n + 1)
    assert not nb00.check_visit_count(...)
    out = capsys.readouterr().out
    assert "too high" in out and "Not answered yet" in out


def test_israeli_visits():
    v = load("visits")
    n = int((v["from_code"] == "IL").sum())
    assert 0 < n < len(v)
    assert nb00.check_israeli_visits(n)
    assert not nb00.check_israeli_visits(len(v))


# --- tolerances: the margin each check allows, as the exercise states it ----------------------

def _israeli_visits():
    v = load("visits")
    return int((v["from_code"] == "IL").sum()), 0


NEAR_MISSES = {  # check -> () -> (expected answer, margin)
    "check_visit_count": lambda: (len(load("visits")), 0),  # a count: exact
    "check_israeli_visits": _israeli_visits,
}
NO_TOLERANCE: dict[str, str] = {}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_just_inside_and_outside_the_tolerance(name):
    expected, margin = NEAR_MISSES[name]()
    assert_tolerance(getattr(nb00, name), expected, margin)
