"""A metric's value reads as a sentence would say it."""

import pytest

from assessment_models.quantities import quantity


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1, "deployments per week", "1 deployment per week"),
        (2, "deployments per week", "2 deployments per week"),
        (0.5, "deployments per week", "0.5 deployments per week"),
        (1, "hours", "1 hour"),
        (24, "hours", "24 hours"),
        (1, "percent", "1 %"),
        (12.5, "percent", "12.5 %"),
        (1, "s", "1 s"),
    ],
)
def test_quantity_reads_as_a_sentence(value: float, unit: str, expected: str) -> None:
    assert quantity(value, unit) == expected
