"""Days as the library reads them: today's local date, and a date from what a caller gave."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from time import time

from .errors import _quoted

__all__ = ["as_date", "day_or_today", "iso_day", "today"]


def as_date(on: object, wanted: str = "a datetime.date", name: str = "on") -> date:
    """``on`` as a date (a datetime's date); anything else is a TypeError naming the
    argument's ``name`` and what is ``wanted``."""
    if isinstance(on, date) and on != on:  # noqa: PLR0124 (pandas' NaT equals nothing)
        raise TypeError(f"{name} is a missing date ({_quoted(on)}), not {wanted}")
    if isinstance(on, datetime):
        return on.date()
    if isinstance(on, date):
        return on
    raise TypeError(f"{name} must be {wanted}, not {type(on).__name__}: {_quoted(on)}")


def iso_day(text: str) -> date:
    """The day ``text`` writes as ``YYYY-MM-DD``, the one form read (``date.fromisoformat``
    also reads ``20200501`` and ``2020-W01-1``).

    Raises:
        ValueError: Saying what is wrong: ``not a date in the form YYYY-MM-DD``, or
            ``not a valid date (…)`` for a day that does not exist.
    """
    digits = text[:4] + text[5:7] + text[8:]
    if len(text) != 10 or text[4] + text[7] != "--" or not (digits.isascii() and digits.isdigit()):
        raise ValueError("not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"not a valid date ({error})") from None


def day_or_today(on: object, name: str = "on") -> date:
    """``on`` as a date: ``None`` is today, a datetime its date; anything else is an error
    naming the argument's ``name``."""
    return today() if on is None else as_date(on, "a datetime.date or None", name)


# Today's date and the local midnights around it, as one tuple so that threads see them
# change together. Read directly by Registry.check, whose hot path cannot afford a call.
today_window: tuple[float, float, date] = (0.0, 0.0, date.min)


def window() -> tuple[float, float, date]:
    """Today's local date and the timestamps of the local midnights that begin and end it,
    as ``(start, end, day)``; ``date.today()`` is slow, so it is worked out once a day."""
    global today_window
    now = time()
    if not today_window[0] <= now < today_window[1]:
        day = date.fromtimestamp(now)
        midnight = datetime.combine(day, datetime.min.time())
        today_window = (midnight.timestamp(), (midnight + timedelta(days=1)).timestamp(), day)
    return today_window


def today() -> date:
    """Today's local date."""
    return window()[2]
