"""The check functions: right, wrong and unanswered, and never the answer itself."""

import numpy as np
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
    assert "should be whole numbers (int), got text (str)" in capsys.readouterr().out
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
        assert "True or False" in capsys.readouterr().out
    ex.check_number(np.True_, expected=1)
    out = capsys.readouterr().out
    assert "got True or False" in out and "numpy" not in out


def test_one_value_that_is_not_a_number_is_named(capsys):
    import numpy as np

    assert not ex.check_number(pd.Series(["16"]), expected=16)
    assert "Series whose one value is text" in capsys.readouterr().out
    assert not ex.check_number(np.array(["16"]), expected=16)
    assert "an array whose one value is text" in capsys.readouterr().out
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

    assert not ex.check_choice(np.array(["a", "b"]), "b", ["a", "b"])
    out = capsys.readouterr().out
    assert "An array is not one of the options" in out and "array(" not in out
    with pytest.raises(ValueError, match="not one of the options"):
        ex.check_choice("a", "z", ["a", "b"])


# --- one policy for every notebook (the module docstring of helpers/exercises.py) -----------

def test_precision_words_mean_what_they_say():
    assert ex.ONE_DECIMAL == 0.05 and ex.WHOLE == 0.5
    assert ex.check_number(4.8, expected=4.848, tol=ex.ONE_DECIMAL)
    assert not ex.check_number(4.9, expected=4.848, tol=ex.ONE_DECIMAL)  # the next decimal


@pytest.mark.parametrize("answer, expected, unit, slips, named", [
    (0.857, 85.71, "%", (), "looks like a share"),                      # a fraction for a percentage
    (0.3, 30.0, "percentage points", (), "multiply by 100"),
    (86_600.0 * 1e6, 86_600.0, "km²", (), "looks like square metres"),  # m² for km²
    (0.206, 4.848, "", ("inverse",), "ratio upside down"),              # an inverted ratio
    (0.2, 4.848, "", ("inverse",), "ratio upside down"),                # ... rounded to one decimal
])
def test_slips_are_named(answer, expected, unit, slips, named, capsys):
    assert not ex.check_number(answer, expected=expected, tol=0.05, unit=unit, slips=slips)
    out = capsys.readouterr().out
    assert named in out and ("too low" in out or "too high" in out)
    assert "e+" not in out and "e-" not in out, "no scientific notation"


@pytest.mark.parametrize("answer, expected, unit, slips", [
    (0.5, 85.71, "%", ()),              # a fraction, but not of this percentage
    (40.0, 85.71, "%", ()),             # plainly wrong
    (3.0, 4.848, "", ("inverse",)),
    (5_000.0, 86_600.0, "km²", ()),
])
def test_a_wrong_answer_no_slip_explains_is_not_given_one(answer, expected, unit, slips, capsys):
    assert not ex.check_number(answer, expected=expected, tol=0.05, unit=unit, slips=slips)
    out = capsys.readouterr().out
    assert "looks like" not in out and ("too low" in out or "too high" in out)


def test_a_slip_never_makes_a_wrong_answer_pass():
    assert not ex.check_number(0.8571, expected=85.71, tol=0.5, unit="%")
    assert not ex.check_number(1 / 4.848, expected=4.848, tol=0.05, slips=("inverse",))


def test_a_number_written_as_text_is_named(capsys):
    assert not ex.check_number("4.8", expected=4.8)
    out = capsys.readouterr().out
    assert 'the text "4.8"' in out and "without quotes" in out


@pytest.mark.parametrize("answer", [
    np.int64(7), np.float64(1e12), np.True_,
    pd.Series([1.5, 2.5]), pd.Series([], dtype="float64"), pd.Series(["a"]),
    np.array([1, 2, 3]), [1, 2], {"a": 1}, pd.Timestamp("2014-01-01"), 1e-9, 8.66e10,
])
def test_messages_have_no_scientific_notation_and_no_raw_reprs(answer, capsys):
    ex.check_number(answer, expected=16, unit="km²")
    ex.check_items(answer, ["x"])
    ex.check_choice(answer, "x", ["x", "y"])
    ex.check_pages(answer, [63])
    out = capsys.readouterr().out
    for raw in ("numpy", "int64", "float64", "dtype", "bool_", "Name:", "e+", "e-0", "array("):
        assert raw not in out, f"{raw!r} in a message: {out!r}"


def test_show_writes_numbers_plainly():
    assert ex.show(8.66e10) == "86,600,000,000" and ex.show(2025) == "2025"
    assert ex.show(1e-5) == "0.00001" and ex.show(86_600.5) == "86,600.5"


def test_pages_as_int_or_numeric_text_the_same_way(capsys):
    import numpy as np

    for same in ([63, 64], ["63", "64"], [" 64", 63], np.array([63, 64]), pd.Series([64.0, 63.0]),
                 {63, 64}):
        assert ex.check_pages(same, [63, 64]), same
    assert not ex.check_pages([63, "63"], [63])
    assert "each item once" in capsys.readouterr().out
    assert not ex.check_pages(["p. 63"], [63])
    assert not ex.check_pages([63.5], [63])


def test_one_value_series_counts_as_its_value_for_numbers_and_choices():
    assert ex.check_number(pd.Series([16.0]), expected=16)
    assert ex.check_choice(pd.Series(["b"]), "b", ["a", "b"])
    assert ex.check_items(pd.Series(["a", "b"]), ["b", "a"])
    assert ex.check_items(pd.Index(["a", "b"]), ["b", "a"])


def test_case_is_compared_exactly_everywhere_with_its_own_message(capsys):
    assert not ex.check_items(["il"], ["IL"], what="codes")
    assert "capital letters included" in capsys.readouterr().out
    assert not ex.check_choice("Turkey", "turkey", ["iran", "turkey"])
    out = capsys.readouterr().out
    assert "capital letters included" in out and "not one of the options" not in out


# --- an answer that is not set: the exercise cell raised before assigning it ---------------

@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    assert ex.install(sh)
    yield sh
    sh.run_cell("pass")  # leave no failed cell behind for later tests in this process
    ex.uninstall(sh)
    sh.user_ns.pop("answer_3", None)


def test_a_check_whose_answer_is_not_set_prints_a_reminder(shell, capsys):
    shell.run_cell("answer_3 = 1 / 0")  # the student's cell raises before assigning
    capsys.readouterr()
    result = shell.run_cell("from helpers.exercises import check_number\n"
                            "check_number(answer_3, expected=5.1)")
    out = capsys.readouterr().out
    assert out.startswith("⏳ Not answered yet: answer_3 is not set")
    assert "Traceback" not in out and not result.success


def test_a_check_cell_of_two_answers_names_both_when_neither_is_set(shell, capsys):
    for name in ("answer_3a", "answer_3b"):
        shell.user_ns.pop(name, None)
    shell.run_cell("from helpers.exercises import check_number")
    capsys.readouterr()
    shell.run_cell("check_number(answer_3a, expected=5.1)\ncheck_number(answer_3b, expected=2)")
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" is not set")[0] for line in lines] == \
        ["⏳ Not answered yet: answer_3a", "⏳ Not answered yet: answer_3b"]
    shell.run_cell("answer_3b = 2")  # one set: only the other is named
    shell.run_cell("check_number(answer_3a, expected=5.1)\ncheck_number(answer_3b, expected=2)")
    out = capsys.readouterr().out
    assert "answer_3a is not set" in out and "answer_3b" not in out
    shell.user_ns.pop("answer_3b", None)


def test_other_name_errors_keep_their_traceback(shell, capsys):
    shell.run_cell("answr_3")
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "NameError" in out and "Not answered yet" not in out


def test_a_placeholder_left_after_a_failed_cell_is_explained(shell, capsys):
    shell.run_cell("answer_3 = ...")
    shell.run_cell("answer_3 = int('five')")  # raised: answer_3 is still the placeholder
    capsys.readouterr()
    shell.run_cell("from helpers.exercises import check_number\n"
                   "check_number(answer_3, expected=5.1)")
    out = capsys.readouterr().out
    assert out.startswith("⏳ Not answered yet") and "stopped with a ValueError" in out
    shell.run_cell("answer_3 = ...")  # the cell runs through again: a plain reminder
    shell.run_cell("check_number(answer_3, expected=5.1)")  # the previous cell ran through
    assert "stopped with" not in capsys.readouterr().out


@pytest.mark.parametrize("failing", ["answer_3 = pd.Series([7])",   # NameError: no pandas
                                     "answer_3 = {'a': 1}['nope']",  # KeyError
                                     "answer_3 = 5.1\n1 / 0",        # raises after assigning
                                     "answer_3 = (5.1"])              # SyntaxError
def test_a_failed_exercise_cell_never_leaves_its_old_answer_to_be_graded(shell, failing, capsys):
    shell.run_cell("from helpers.exercises import check_number")
    shell.run_cell("answer_3 = 5.1")  # a correct answer first
    shell.run_cell("check_number(answer_3, expected=5.1)")
    assert capsys.readouterr().out.startswith("✅")
    shell.run_cell(failing)
    capsys.readouterr()
    shell.run_cell("check_number(answer_3, expected=5.1)")
    out = capsys.readouterr().out
    assert "✅" not in out and out.startswith("⏳ Not answered yet: answer_3 is not set")
    assert "stopped with a" in out and "Traceback" not in out
    shell.run_cell("answer_3 = 6")  # fixed and run again: graded, the error forgotten
    shell.run_cell("check_number(answer_3, expected=5.1)")
    out = capsys.readouterr().out
    assert out.startswith("❌ Not yet: 6 is too high") and "stopped" not in out


def test_a_failed_cell_unsets_only_the_answers_it_assigns(shell, capsys):
    shell.run_cell("answer_3 = 5.1\nanswer_4a, answer_4b = 1, 2")
    shell.run_cell("answer_4a, answer_4b = 1 / 0, 2")
    assert shell.user_ns["answer_3"] == 5.1
    assert "answer_4a" not in shell.user_ns and "answer_4b" not in shell.user_ns
    shell.run_cell("x = answer_3 == 1 / 0")  # compares, assigns no answer: nothing unset
    assert shell.user_ns["answer_3"] == 5.1
    capsys.readouterr()


@pytest.mark.parametrize("failing", ["answer_3 += 1; 1 / 0",            # augmented
                                     "answer_3 *= 2\n{}['nope']",
                                     "answer_3: float = 6.1\n1 / 0"])   # annotated
def test_a_failed_augmented_or_annotated_assignment_unsets_its_answer(shell, failing, capsys):
    shell.run_cell("answer_3 = 5.1")
    shell.run_cell(failing)
    assert "answer_3" not in shell.user_ns, failing
    shell.run_cell("answer_3")
    assert capsys.readouterr().out.count("answer_3 is not set, because the exercise cell") == 1


def test_installing_twice_registers_one_hook(shell):
    assert ex.install(shell)
    hooks = [h for h in shell.events.callbacks["post_run_cell"] if isinstance(h, ex._AnswerGuard)]
    assert len(hooks) == 1


def test_setup_installs_the_reminder_in_a_notebook():
    import warnings

    from IPython.core.interactiveshell import InteractiveShell

    import helpers

    sh = InteractiveShell.instance()
    ex.uninstall(sh)
    with warnings.catch_warnings():
        helpers.setup()
    try:
        assert NameError in sh.custom_exceptions
        assert any(isinstance(h, ex._AnswerGuard) for h in sh.events.callbacks["post_run_cell"])
    finally:
        ex.uninstall(sh)


# --- the findings of a student's pass (issue 12) ---------------------------------------------

@pytest.mark.parametrize("answer, expected", [(2046, 2046.78), (2047, 2046.78), (2047.0, 2046.78),
                                              (np.int64(2036), 2036.27), (2036, 2036.0)])
def test_a_whole_year_is_the_year_rounded_down_or_up(answer, expected):
    assert ex.check_year(answer, expected)


@pytest.mark.parametrize("answer, expected, message", [
    (2036.6, 2036.27, "give a whole year"), (2046.78, 2046.78, "give a whole year"),
    (2045, 2046.78, "too low"), (2048, 2046.78, "too high"), (2037, 2036.0, "too high"),
    ("2046", 2046.78, "without quotes"), (True, 2046.78, "True or False"),
])
def test_a_whole_year_refuses_other_years_and_fractions(answer, expected, message, capsys):
    assert not ex.check_year(answer, expected)
    assert message in capsys.readouterr().out


def test_rounded_too_far_is_named_wherever_one_decimal_applies(capsys):
    for answer, expected in [(5, 5.08), (22, 22.27), (23, 22.27), (np.int64(5), 5.08)]:
        assert not ex.check_number(answer, expected=expected, tol=ex.ONE_DECIMAL, unit="%")
        assert "rounded too far" in capsys.readouterr().out
    for answer, expected, tol in [(21, 22.27, ex.ONE_DECIMAL), (22, 22.27, 0.01),
                                  (22.1, 22.27, ex.ONE_DECIMAL)]:
        assert not ex.check_number(answer, expected=expected, tol=tol)
        assert "rounded too far" not in capsys.readouterr().out


def test_a_percentage_upside_down_is_named(capsys):
    right = 100 * 4_400 / 86_600
    for upside_down in (86_600 / 4_400, 100 * 86_600 / 4_400):
        assert not ex.check_number(upside_down, expected=right, tol=ex.ONE_DECIMAL, unit="%")
        assert "percentage upside down" in capsys.readouterr().out
    assert not ex.check_number(12.0, expected=right, tol=ex.ONE_DECIMAL, unit="%")
    assert "upside down" not in capsys.readouterr().out


def test_a_share_is_shown_without_the_percent_sign(capsys):
    ex.check_number(0.857143, expected=85.7143, tol=ex.WHOLE, unit="%")
    out = capsys.readouterr().out
    assert "0.857143 is too low" in out and "%" not in out.split("Hint")[0]
    ex.check_number(40, expected=85.7, tol=ex.WHOLE, unit="%")
    assert "40 % is too low" in capsys.readouterr().out  # a value in the unit keeps it


def test_show_has_one_format():
    assert ex.show(4747.6123) == "4747.61" and ex.show(81_715.52) == "81,715.5"
    assert ex.show(8128.19) == "8128.19" and ex.show(22_269.0) == "22,269"
    assert ex.show(4 / 825e6) == "0.00000000485" and ex.show(0.0012345) == "0.00123"
    assert ex.show(2046) == "2046" and ex.show(0.857143) == "0.857143"


def test_none_is_not_an_answer(capsys):
    assert not ex.check_number(None, expected=5)
    assert not ex.check_items(None, ["a"])
    assert not ex.check_choice(None, "a", ["a", "b"])
    out = capsys.readouterr().out
    assert out.count("None is not an answer") == 3 and "replace ..." not in out


def test_a_message_opens_with_a_capital(capsys):
    ex.say(False, "❌ weights must be numbers ≥ 0.")
    assert capsys.readouterr().out.startswith("❌ Weights must")
    ex.say(False, "❌ 'iran' is not one of the options.")
    assert capsys.readouterr().out.startswith("❌ 'iran'")


def test_a_page_as_text_must_be_the_number_alone(capsys):
    assert not ex.check_pages(["p. 63", "p. 64"], [63, 64])
    out = capsys.readouterr().out
    assert "number alone" in out and "'p. 63'" in out and "whole numbers (int)" not in out
    assert ex.check_pages(["63", 64], [63, 64])


def test_a_choice_with_spaces_around_it_and_a_one_item_list(capsys):
    assert not ex.check_choice(" turkey", "turkey", ["iran", "turkey"])
    out = capsys.readouterr().out
    assert "spaces around" in out and "capital letters" not in out
    assert ex.check_choice(["turkey"], "turkey", ["iran", "turkey"])
    assert ex.check_choice(("turkey",), "turkey", ["iran", "turkey"])
    assert not ex.check_choice(["turkey", "iran"], "turkey", ["iran", "turkey"])


@pytest.mark.parametrize("answer", [[True], [np.True_, 63]])
def test_pages_given_as_true_or_false_are_named_in_words(answer, capsys):
    assert not ex.check_pages(answer, [63])
    out = capsys.readouterr().out
    assert "True or False" in out and "bool" not in out, out
