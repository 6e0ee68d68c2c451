"""The rules of training at their edges: completion rate, leave over 1/7, requirement windows."""

from decimal import Decimal

import pytest

from orgwork.core.settings_store import set_setting
from orgwork.training import rules


class TestCompletion:
    def test_exactly_the_rate_completes(self):
        assert rules.is_completed(Decimal("32"), Decimal("40"), 0, Decimal("0.80"))

    def test_just_under_the_rate_does_not(self):
        assert not rules.is_completed(Decimal("31.5"), Decimal("40"), 0, Decimal("0.80"))

    def test_a_class_sets_its_own_rate(self):
        assert rules.is_completed(Decimal("28"), Decimal("40"), 0, Decimal("0.70"))
        assert not rules.is_completed(Decimal("28"), Decimal("40"), 0, Decimal("0.90"))

    def test_leave_of_exactly_one_seventh_is_allowed(self):
        # 7 sessions of 2 hours: 2 hours of leave is exactly 1/7.
        assert not rules.leave_exceeded(Decimal("2"), Decimal("14"))
        assert rules.is_completed(Decimal("12"), Decimal("14"), Decimal("2"), Decimal("0.80"))

    def test_leave_over_one_seventh_fails_even_above_the_rate(self):
        # 14.5 of 100 hours on leave (> 1/7 = 14.28…), 85.5 attended (> 80%): still not completed.
        assert rules.leave_exceeded(Decimal("14.5"), Decimal("100"))
        assert not rules.is_completed(Decimal("85.5"), Decimal("100"), Decimal("14.5"), Decimal("0.80"))

    def test_a_class_without_hours_has_nobody_completed(self):
        assert not rules.is_completed(0, 0, 0, Decimal("0.80"))


class TestTiers:
    def test_defaults_follow_the_regulation(self):
        by_code = {t.code: t for t in rules.DEFAULT_TIERS}
        assert (by_code["township"].hours, by_code["township"].years) == (Decimal("90"), 1)
        assert (by_code["county"].hours, by_code["county"].years) == (Decimal("550"), 5)

    def test_windows(self):
        township, county = rules.DEFAULT_TIERS
        assert rules.requirement_window(township, 2024) == (2024, 2024)
        assert rules.requirement_window(county, 2024) == (2020, 2024)

    @pytest.mark.django_db
    def test_tiers_are_configurable_data(self):
        set_setting(
            rules.TIERS_SETTING,
            [
                {"code": "township", "label": "乡科级", "hours": 100, "years": 1},
                {"code": "x", "label": "其他", "hours": 30, "years": 2},
            ],
            actor=None,
        )
        assert [(t.code, t.hours, t.years) for t in rules.tiers()] == [
            ("township", Decimal("100"), 1),
            ("x", Decimal("30"), 2),
        ]
        assert rules.tier_for("county") is None
