"""Resolution rules: each turns the parts of a matched span into a TIMEX3 type and value.

Rules are registered (`base.rule`) under the name temporal_patterns.yaml uses, one module per family of
expressions. Each returns a Resolution, or None to reject the span (a guard failed, or the parts do not make a
real date). The `rule` field of the result names how the value was obtained, in the vocabulary of the event
table's `date_rule` column.
"""

from timeline.temporal.rules import amounts, dates, days, periods, relative
from timeline.temporal.rules.base import RULES, duration_value, latest_begun_year, nearest_period_year, year_by_tense
from timeline.temporal.rules.dates import holiday_date
from timeline.temporal.rules.days import weekday_date

FAMILIES = (amounts, dates, days, periods, relative)
"""The modules whose rules are registered by importing them."""

__all__ = [
    "FAMILIES",
    "RULES",
    "duration_value",
    "holiday_date",
    "latest_begun_year",
    "nearest_period_year",
    "weekday_date",
    "year_by_tense",
]
