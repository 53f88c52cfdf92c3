"""Rules for what is not a point in time: vague references, durations and sets ("every Monday")."""

from __future__ import annotations

import re

from timeline.temporal.context import Context, Resolution
from timeline.temporal.lexicon import lexicon
from timeline.temporal.rules.base import (
    DURATION,
    SET,
    VAGUE,
    Parts,
    duration_value,
    normalised,
    quantity_of,
    rule,
    unit_of,
)


@rule("vague")
def vague(parts: Parts, ctx: Context) -> Resolution | None:
    """ "now" PRESENT_REF, "recently" PAST_REF, "in the coming days" FUTURE_REF."""
    word = normalised(parts["vague"])
    if word == "current" and not re.match(r"\s*[,.;:)]", ctx.following_text()):
        return None
    lex = lexicon()
    return Resolution("DATE", lex.vague.get(word) or lex.guarded_vague[word], VAGUE)


@rule("duration")
def duration(parts: Parts, ctx: Context) -> Resolution | None:
    """ "two weeks", "a two-week tour", "the past three months", "several years", "half an hour"."""
    lex = lexicon()
    if "bare" in parts:
        code, is_time = lex.units[normalised(parts["bare"])]
        if "vrel" not in parts and ctx.previous_word() not in lex.context_cues:
            return None
        return Resolution("DURATION", duration_value(None, code, is_time), DURATION)
    code, is_time = unit_of(parts)
    unit_word = normalised(parts["unit"])
    if "num" not in parts and unit_word == "second" and re.match(r"\s+[a-z]", ctx.following_text()):
        return None  # "a second term": the ordinal, not a duration
    if unit_word.startswith("quarter") and re.match(r"\s+of\b", ctx.following_text()):
        return None  # "a quarter of the shares", "three quarters of them": a fraction
    amount = 0.5 if "half" in parts else quantity_of(parts)
    return Resolution("DURATION", duration_value(amount, code, is_time), DURATION)


_RATE_WORD = re.compile(r"\d|%|percent|cents?|dollars?|pounds?|euros?|yuan|yen|times|once|twice")


@rule("set_every")
def set_every(parts: Parts, ctx: Context) -> Resolution | None:
    """ "every Friday" XXXX-WXX-5, "each year" P1Y, "twice a week" P1W, "every morning", "each July"."""
    lex = lexicon()
    if "weekday" in parts:
        return Resolution("SET", f"XXXX-WXX-{lex.weekdays[normalised(parts['weekday'])]}", SET)
    if "part" in parts:
        return Resolution("SET", f"XXXX-XX-XXT{lex.parts_of_day[normalised(parts['part'])]}", SET)
    if "month_name" in parts:
        return Resolution("SET", f"XXXX-{lex.months[normalised(parts['month_name'])]:02d}", SET)
    article = normalised(parts.get("per", "per")) != "per"
    if article and "times" not in parts and not _RATE_WORD.search(ctx.previous_word()):
        return None
    unit_word = parts.get("unit") or parts["perunit"]
    code, is_time = lex.units[normalised(unit_word)]
    amount = quantity_of(parts) if "num" in parts and "times" not in parts else 1.0
    return Resolution("SET", duration_value(amount, code, is_time), SET)


@rule("set_word")
def set_word(parts: Parts, ctx: Context) -> Resolution | None:
    """ "daily" P1D, "weekly" P1W, "annually" P1Y."""
    return Resolution("SET", lexicon().sets[normalised(parts["setword"])], SET)


@rule("set_weekdays")
def set_weekdays(parts: Parts, ctx: Context) -> Resolution | None:
    """ "Fridays" -> XXXX-WXX-5."""
    return Resolution("SET", f"XXXX-WXX-{lexicon().weekdays[normalised(parts['wds'])[:-1]]}", SET)
