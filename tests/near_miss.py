"""Near-miss tests of an exercise check's tolerance: an answer just inside the margin passes
and one just outside fails, on both sides of the expected value, so a tolerance loosened (or
tightened) by any factor is caught. The margin is stated by the test, not read from the
check."""

from __future__ import annotations

INSIDE, OUTSIDE = 0.98, 1.02
#: For an exact check (margin 0): how far off the nearest wrong answer is, relative to the
#: size of the expected value.
EXACT_STEP = 1e-6


def assert_tolerance(check, expected: float, margin: float) -> None:
    """``check(expected ± 0.98·margin)`` passes and ``check(expected ± 1.02·margin)`` fails;
    for ``margin`` 0, the expected value passes and one a millionth off fails."""
    step = margin * OUTSIDE if margin > 0 else EXACT_STEP * max(1.0, abs(expected))
    for sign in (1, -1):
        inside = expected + sign * INSIDE * margin
        outside = expected + sign * step
        assert check(inside), f"{check.__name__}({inside!r}) should pass: inside the margin"
        assert not check(outside), \
            f"{check.__name__}({outside!r}) should fail: outside the margin of {margin:g}"
