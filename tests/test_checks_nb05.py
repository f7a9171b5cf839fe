from helpers.argument import behind, load_graph, pages_behind
from helpers.checks import nb05


def test_pressures_behind_doubts(capsys):
    right = sorted(behind(load_graph(), "doubts_stability", kind="counter_pressure"))
    assert nb05.check_pressures_behind_doubts(right)
    assert nb05.check_pressures_behind_doubts(set(right))
    assert not nb05.check_pressures_behind_doubts(right[:1])
    assert not nb05.check_pressures_behind_doubts(right + ["neighbours"])
    assert not nb05.check_pressures_behind_doubts(...)
    out = capsys.readouterr().out
    assert "missing" in out and "should not be there" in out and "Not answered yet" in out
    assert "energy_future" not in out and "regime_dependence" not in out, "never the answer"


def test_pages_behind_gains(capsys):
    right = pages_behind(load_graph(), "gains_justify_risk")
    assert nb05.check_pages_behind_gains(right)
    assert not nb05.check_pages_behind_gains(right + [68])
    assert not nb05.check_pages_behind_gains("63")
    assert not nb05.check_pages_behind_gains(...)
    assert "Not answered yet" in capsys.readouterr().out


def test_change_of_government(capsys):
    assert nb05.check_change_of_government("turkey")
    assert not nb05.check_change_of_government("iran")
    assert not nb05.check_change_of_government("Turkey")
    assert not nb05.check_change_of_government(...)
    out = capsys.readouterr().out
    assert "not one of the options" in out and "Not answered yet" in out
