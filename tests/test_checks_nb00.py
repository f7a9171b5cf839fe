from helpers import load
from helpers.checks import nb00


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
