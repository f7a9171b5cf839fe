"""The check functions: right, wrong and unanswered, and never the answer itself."""

import pandas as pd
import pytest

from helpers import exercises as ex


@pytest.mark.parametrize("answer", [..., None])
def test_unanswered_is_a_reminder_not_an_error(answer, capsys):
    assert not ex.check_number(answer, expected=16, hint="p. 63")
    out = capsys.readouterr().out
    assert out.startswith("⏳ Not answered yet") and "p. 63" in out


def test_number_right_wrong_and_wrong_type(capsys):
    assert ex.check_number(16.04, expected=16, tol=0.05)
    assert not ex.check_number(20, expected=16)
    out = capsys.readouterr().out
    assert "too high" in out and "16" not in out.split("too high")[1]
    assert not ex.check_number(10, expected=16, unit="%")
    assert "too low" in capsys.readouterr().out
    assert not ex.check_number("16", expected=16)
    assert "Expected a number" in capsys.readouterr().out
    assert not ex.check_number(True, expected=1)


def test_relative_tolerance():
    assert ex.check_number(1030, expected=1000, rel=0.05)
    assert not ex.check_number(1100, expected=1000, rel=0.05)


def test_items_counts_without_naming(capsys):
    assert ex.check_items(["IL", "TR"], ["TR", "IL"])
    assert not ex.check_items(["IL"], ["IL", "TR", "GE"], what="states")
    out = capsys.readouterr().out.splitlines()[-1]
    assert "of your states, 2 are missing" in out and "TR" not in out and "GE" not in out
    assert not ex.check_items("IL", ["IL"])
    assert not ex.check_items(..., ["IL"])


def test_choice(capsys):
    opts = ["a", "b", "c"]
    assert ex.check_choice("b", "b", opts)
    assert not ex.check_choice("a", "b", opts)
    assert "Not 'a'" in capsys.readouterr().out.splitlines()[-1]
    assert not ex.check_choice("z", "b", opts)
    assert "not one of the options" in capsys.readouterr().out
    assert not ex.check_choice(..., "b", opts)
    assert "Choose one of" in capsys.readouterr().out


def test_verdict_is_truthy_and_silent_in_notebooks():
    right, wrong = ex.Verdict(True), ex.Verdict(False)
    assert right and not wrong and right == True and wrong == False  # noqa: E712
    assert right._ipython_display_() is None
    assert repr(wrong) == "Verdict(False)"


def test_number_from_arrays_and_series(capsys):
    import numpy as np

    assert ex.check_number(np.array([16.0]), expected=16)
    assert ex.check_number(pd.Series([16]), expected=16)
    assert ex.check_number(np.float64(16), expected=16)
    assert not ex.check_number(np.array([1.0, 2.0]), expected=16)
    assert "with 2 values" in capsys.readouterr().out.splitlines()[-1]
    assert not ex.check_number(float("nan"), expected=16)
    assert "NaN" in capsys.readouterr().out


def test_items_explain_type_case_and_tables(capsys):
    assert not ex.check_items(pd.DataFrame({"a": [1]}), [1])
    assert "whole table" in capsys.readouterr().out
    assert not ex.check_items(["63", "64"], [63, 64], what="pages")
    assert "should be of type int" in capsys.readouterr().out
    assert not ex.check_items(["tehran"], ["Tehran"], what="capitals")
    assert "capital letters" in capsys.readouterr().out
    assert not ex.check_items(["A", "B"], ["A", "C"])
    assert "1 is missing and 1 should not be there" in capsys.readouterr().out


# --- regressions: missing values, booleans, unhashable and repeated items ---------------------

@pytest.mark.parametrize("answer", [pd.NA, pd.Series([pd.NA], dtype="Int64"), pd.NaT,
                                    pd.Series([float("nan")])])
def test_missing_values_get_the_nan_message(answer, capsys):
    import numpy as np

    assert ex.as_number(answer) != ex.as_number(answer)  # NaN
    assert not ex.check_number(answer, expected=16)
    out = capsys.readouterr().out
    assert "NaN (a missing value)" in out and "values" not in out
    assert np.isnan(ex.as_number(pd.NA))


def test_numpy_booleans_are_not_numbers(capsys):
    import numpy as np

    for answer in (np.True_, np.bool_(False), np.array([True]), pd.Series([True])):
        assert ex.as_number(answer) is None
        assert not ex.check_number(answer, expected=1)
        assert "(True or False)" in capsys.readouterr().out
    ex.check_number(np.True_, expected=1)
    assert "got numpy.bool" in capsys.readouterr().out


def test_one_value_that_is_not_a_number_is_named(capsys):
    import numpy as np

    assert not ex.check_number(pd.Series(["16"]), expected=16)
    assert "Series whose one value is a str" in capsys.readouterr().out
    assert not ex.check_number(np.array(["16"]), expected=16)
    assert "ndarray whose one value is a str" in capsys.readouterr().out
    assert not ex.check_number(pd.Series([], dtype=float), expected=16)
    assert "empty Series" in capsys.readouterr().out


def test_as_number_and_say_are_public():
    import numpy as np

    assert ex.as_number(np.int64(3)) == 3.0 and ex.as_number(pd.Series([2.5])) == 2.5
    assert ex.as_number("3") is None and ex.as_number(True) is None and ex.as_number([3]) is None
    assert ex.unanswered(...) and ex.unanswered(None) and not ex.unanswered(0)
    assert ex._say is ex.say and ex._unanswered is ex.unanswered and ex._as_scalar is ex.as_number


def test_say_adds_the_hint_only_after_a_wrong_answer(capsys):
    assert ex.say(True, ex.CORRECT, "a hint")
    assert not ex.say(False, "❌ No.", "a hint")
    assert capsys.readouterr().out.splitlines() == ["✅ Correct.", "❌ No. Hint: a hint"]


def test_items_that_are_not_plain_values_are_refused(capsys):
    assert not ex.check_items([["IL", "TR"]], ["IL", "TR"], what="codes", hint="h")
    out = capsys.readouterr().out
    assert "Expected a list of plain values (text or numbers)" in out and "holding a list" in out
    assert not ex.check_items([{"IL"}], ["IL"])
    assert "plain values" in capsys.readouterr().out


def test_repeated_items_do_not_pass(capsys):
    assert not ex.check_items(["AZ", "AZ"], ["AZ"], what="codes")
    out = capsys.readouterr().out
    assert "each item once" in out and "2 codes given, 1 different" in out
    assert not ex.check_items(pd.Series(["AZ", "TR", "AZ"]), ["AZ", "TR"])
    assert "each item once" in capsys.readouterr().out
    assert ex.check_items(pd.Series(["AZ", "TR"]).unique(), ["AZ", "TR"])
    assert ex.check_items(iter(["TR", "AZ"]), ["AZ", "TR"])  # a one-pass iterator is read once


def test_choice_refuses_arrays_and_a_broken_exercise(capsys):
    import numpy as np

    assert not ex.check_choice(np.array(["b"]), "b", ["a", "b"])
    assert "not one of the options" in capsys.readouterr().out
    with pytest.raises(ValueError, match="not one of the options"):
        ex.check_choice("a", "z", ["a", "b"])
