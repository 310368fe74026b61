"""share_tolerance pinned to its formula: half the printed step of a share (0.005 point for 0.01) plus what
rounding each amount to 0.005 万元 can move the share, in points, rounded UP to 0.0001:

    0.005 + 100 × 0.005 × (1/whole + |part|/whole²)   →   rounded up to 0.0001

The expected values are literals worked out by hand (the steps are in the comments); `by_hand` writes the formula
out again with Decimal arithmetic, independently of juesuan.audit.core, as a second check of each literal.
"""

from __future__ import annotations

from decimal import ROUND_UP, Decimal as D, localcontext

import pytest

from juesuan.audit.core import share_tolerance


def by_hand(part: D, whole: D, half_step: D = D("0.005")) -> D:
    with localcontext() as ctx:
        ctx.prec = 50
        half_cent = D("0.005")  # half of 0.01 万元, the precision amounts are printed with
        moved = D(100) * half_cent * (D(1) / whole + abs(part) / (whole * whole))
        return (half_step + moved).quantize(D("0.0001"), rounding=ROUND_UP)


CASES = [
    # 1/1809.73 = 0.000552568… ; 917.69/1809.73² = 917.69/3275122.6729 = 0.000280200… ; sum 0.000832768…
    # × 0.5 = 0.000416384… ; + 0.005 = 0.005416384… → up to 0.0055 (half-up would give 0.0054)
    (D("917.69"), D("1809.73"), D("0.0055")),
    # 0.005 + 0.5 × (1/1 + 0) = 0.505 exactly → 0.5050 (nothing to round)
    (D("0"), D("1"), D("0.5050")),
    # a negative part counts by its size: 1/3538.81 = 0.000282581… ; 765.34/3538.81² = 765.34/12523176.2161
    # = 0.0000611138… ; sum 0.000343694… × 0.5 = 0.000171847… ; + 0.005 = 0.005171847… → up to 0.0052
    (D("-765.34"), D("3538.81"), D("0.0052")),
    # 0.005 + 0.5/7 = 0.005 + 0.0714285714… = 0.0764285714… → up to 0.0765 (half-up would give 0.0764)
    (D("0"), D("7"), D("0.0765")),
    # 0.005 + 0.5 × (1/100 + 100/10000) = 0.005 + 0.5 × 0.02 = 0.015 exactly → 0.0150 (not bumped up)
    (D("100"), D("100"), D("0.0150")),
    # 0.005 + 0.5 × (1/0.5 + 0.21/0.25) = 0.005 + 0.5 × (2 + 0.84) = 1.425 exactly → 1.4250
    (D("-0.21"), D("0.50"), D("1.4250")),
]


@pytest.mark.parametrize(("part", "whole", "expected"), CASES, ids=lambda v: str(v))
def test_share_tolerance_is_its_formula_rounded_up(part, whole, expected):
    assert by_hand(part, whole) == expected  # the hand computation in the comment, redone
    got = share_tolerance(part, whole)
    assert isinstance(got, D)
    assert got == expected
    assert got.as_tuple().exponent == -4, f"{got} is not given to 0.0001"


def test_share_tolerance_depends_on_the_size_of_part_only():
    assert share_tolerance(D("-765.34"), D("3538.81")) == share_tolerance(D("765.34"), D("3538.81")) == D("0.0052")
