"""Dates as kg writes them: ISO 8601 at the precision the text gives, checked, never guessed.

A date is a string: "2004" (year), "2004-11" (month) or "2004-11-15" (day); its length is its
precision. This module is the one place that reads and checks dates: the `date YYYY-MM-DD`
metadata line, the publication line near the top of a scraped page ("Published Wednesday,
December 15, 2004", "Updated: 2004-05-24 22:21", "(Filed: 17/12/2004)"), and the time
expressions of a sentence ("in 2003", "last month", "on Monday", "Oct. 29"), resolved against
the article's date. Pure: dateparser is imported on first use, for the expressions the few
fixed shapes here do not cover, and answers are cached.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

Precision = Literal["year", "month", "day"]
Tense = Literal["past", "future"]

_PRECISION_BY_LENGTH: dict[int, Precision] = {4: "year", 7: "month", 10: "day"}
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# News is dated in the calendar people use now; a year outside this range is a misreading.
MIN_YEAR, MAX_YEAR = 1000, 2999

_MONTH_NAMES: dict[str, int] = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_WEEKDAYS: dict[str, int] = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# The full dates a publication line is written with, day month and year all there.
_FULL_DATES = [
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # November 17, 2004
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 17 November 2004
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),  # 2004-05-24
    re.compile(r"\b(?P<day>\d{1,2})([/.])(?P<month>\d{1,2})\2(?P<year>\d{4})\b"),  # 18/11/2004, 26.11.2004
]
_MONTH_YEAR_LINE = re.compile(rf"^{_MONTH},?\s+{_YEAR}$", re.IGNORECASE)  # "November 2004" alone
# How far down a page and how far into a line a publication date sits.
_HEADER_LINES = 8
_HEADER_CHARS = 240
# A date after one of these words is part of a sentence ("On Oct. 16, 1998, the Air Force ..."),
# not the page's own date.
_SENTENCE_PREPOSITIONS = frozenset(
    {"on", "in", "since", "from", "until", "till", "by", "before", "after", "of", "at", "to", "between", "and"}
)
# What may stand around a date on a line that is only the page's date: a verb of publishing,
# a time of day, a time zone, a page number.
_PUBLICATION_WORDS = re.compile(
    r"^(?:published|posted|updated|last updated|filed|date|dated|created|modified)\b[:\s]*", re.IGNORECASE
)
_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?|\b\d{1,2}\s*[ap]\.?m\.?", re.IGNORECASE
)
_LINE_PUNCTUATION = re.compile(r"^[\s\-–—|:;,()\[\]]*$")

# Expressions no date can be read from: spans of time ("60 days", "the past six years") and decades.
_DURATION = re.compile(r"\b(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b", re.IGNORECASE)
_DECADE = re.compile(r"\b\d{3}0s\b|\b'\d0s\b")
_AGO = re.compile(r"\bago\b", re.IGNORECASE)
_FOUR_DIGIT_YEAR = re.compile(r"\b(\d{4})\b")
_LEADING_WORDS = re.compile(r"^(?:(?:on|in|at|during|since|from|until|till|through|the|of)\s+)+", re.IGNORECASE)
# "late 2003", "mid-December", "earlier this year": a part of a period lies within it, so the
# period is the date at its own precision.
_PART_OF_PERIOD = re.compile(
    r"^(?:(?:early|mid|late|earlier|later)[- ]|(?:the )?(?:end|start|beginning|middle|first half|second half) of )",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?$")
_PARTS_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$", re.IGNORECASE)
_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
# "26-30 Nov 2004", "Nov. 26-30, 2004": days of one month, so the month is the date
_DAY_RANGE = re.compile(
    rf"^(?:\d{{1,2}}\s*[-–]\s*\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}})?,?\s+{_YEAR}$",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"^\d{1,2}([/.-])\d{1,2}\1\d{2,4}$")
# "1991-1999", "1991 to 1999", "between 1996 and 1998", "from 2001 to 2003": one entity, two ends.
_YEAR_RANGE = re.compile(r"^(?:between\s+|from\s+)?(\d{4})\s*(?:-|–|—|to|and|until)\s*(\d{4})$", re.IGNORECASE)
# "2004-05", "2008/09": a season or a financial year, two years, not May 2004
_SEASON = re.compile(r"^(\d{4})[-–/](\d{2})$")


def precision(date: str) -> Precision:
    """ "2004" -> year, "2004-11" -> month, "2004-11-15" -> day."""
    return _PRECISION_BY_LENGTH[len(date)]


def check_date(text: str) -> str | None:
    """The ISO 8601 date `text` ("2004", "2004-11", "2004-11-15") when it names a real year,
    month or day; None for what does not (2020-13-45, 2021-02-29, 0000-00-00, "15/11/2004")."""
    match = _ISO.match(text.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    return _iso(year, month, day)


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """A checked ISO date from its parts; None when they name no real day of a plausible year."""
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:  # the 30th of February, the 29th in a common year
        return None


def read_metadata_date(written: str) -> tuple[str | None, str | None]:
    """A `date ...` metadata value -> (the date, None), or (None, the problem to warn of)."""
    date = check_date(written)
    if date is None:
        return None, f"date {written} is not a calendar date; the article is read without a date"
    return date, None


def find_publication_date(lines: Sequence[str]) -> str | None:
    """The date a scraped page was published, from a line near its top; None when none is clear.

    A line that is only a date (with a weekday, a time, "Published" or "Updated:") wins; else
    the first full date near the start of a header line that is not part of a sentence
    ("By David McKittrick 30 November 2004", "OLYMPIA, Wash. Dec 30, 2004"). A date without
    its year is not enough: the year is never guessed.
    """
    header = [line.strip() for line in lines if line.strip()][:_HEADER_LINES]
    first: str | None = None
    for line in header:
        alone = _MONTH_YEAR_LINE.match(line)
        if alone:
            month_only = _iso(int(alone.group("year")), _MONTH_NAMES[alone.group("month").lower()])
            if month_only:
                return month_only
        for match in _header_dates(line[:_HEADER_CHARS]):
            date = _full_date(match)
            if date is None:
                continue
            if _is_date_line(line, match):
                return date
            if first is None and _starts_no_sentence(line, match):
                first = date
    return first


def _header_dates(text: str) -> list[re.Match[str]]:
    matches = [m for pattern in _FULL_DATES for m in pattern.finditer(text)]
    return sorted(matches, key=lambda m: m.start())


def _full_date(match: re.Match[str]) -> str | None:
    month = match.group("month")
    number = int(month) if month.isdigit() else _MONTH_NAMES[month.lower().rstrip(".")]
    day = int(match.group("day"))
    if month.isdigit() and match.re is _FULL_DATES[3] and day <= 12 and number <= 12 and day != number:
        return None  # 11/12/2004: November or December? the page does not say which order it writes
    return _iso(int(match.group("year")), number, day)


def _is_date_line(line: str, match: re.Match[str]) -> bool:
    """Nothing but the date, a publishing word, a time of day and punctuation on the line."""
    rest = _PUBLICATION_WORDS.sub("", line[: match.start()].strip()) + " " + line[match.end() :]
    rest = _TIME_OF_DAY.sub("", rest)
    rest = re.sub(r"\bpage\s+\w+\b|\bGMT\b|\bUTC\b|\b[A-Z]{2,4}T\b", "", rest, flags=re.IGNORECASE)
    return bool(_LINE_PUNCTUATION.match(rest))


def _starts_no_sentence(line: str, match: re.Match[str]) -> bool:
    """The date is not written inside a sentence: no preposition or lower-case word before it."""
    before = line[: match.start()].rstrip()
    if not before:
        return True
    words = re.findall(r"[\w.'’]+", before)
    if not words or (not before[-1].isalnum() and before[-1] != "."):
        return True  # after punctuation: "Updated:", "|", ">", "(SPX)", "-"
    last = words[-1]
    return last.lower() not in _SENTENCE_PREPOSITIONS and not last[0].islower()


# --- time expressions in sentences ----------------------------------------------------


def split_range(text: str) -> tuple[str, str] | None:
    """ "1991-1999", "between 1996 and 1998" -> ("1991", "1999"), the season "2004-05" -> ("2004",
    "2005"); None for anything else."""
    season = _season(text.strip())
    if season is not None:
        return season
    match = _YEAR_RANGE.match(text.strip())
    if not match:
        return None
    start, end = check_date(match.group(1)), check_date(match.group(2))
    if start is None or end is None or start > end:
        return None
    return start, end


def _season(text: str) -> tuple[str, str] | None:
    match = _SEASON.match(text)
    if not match or int(match.group(2)) != (int(match.group(1)) + 1) % 100:
        return None
    first = check_date(match.group(1))
    following = check_date(f"{int(match.group(1)) + 1:04d}")
    return (first, following) if first and following else None


def resolve_expression(text: str, reference: str | None, tense: Tense | None = None) -> str | None:
    """A time expression of a sentence -> an ISO date at its precision, or None when it is unclear.

    `reference` is the article's date (any precision): "last month", "on Monday" and a month
    and day without a year ("Oct. 29") are read against it, and need one as precise as the
    answer; `tense` says which side of it a bare weekday or month falls on. Spans of time
    ("60 days", "the past six years"), decades and weeks give None.
    """
    return _resolve(text.strip(), reference, tense)


@lru_cache(maxsize=8192)
def _resolve(text: str, reference: str | None, tense: Tense | None) -> str | None:
    phrase = _PARTS_OF_DAY.sub("", _POSSESSIVE.sub("", _LEADING_WORDS.sub("", text))).strip(" ,.;:")
    phrase = _PART_OF_PERIOD.sub("", phrase)
    lower = phrase.lower()
    if not phrase or _DECADE.search(phrase) or (_DURATION.search(phrase) and not _AGO.search(phrase)):
        return None
    if _season(phrase) is not None:
        return None  # two years: split_range reads it as a start and an end
    iso = check_date(phrase)
    if iso is not None:
        return iso
    if lower in _RELATIVE_DAYS:
        return _shift_days(reference, _RELATIVE_DAYS[lower])
    weekday = _weekday(lower)
    if weekday is not None:
        return _resolve_weekday(weekday, lower, reference, tense)
    written = _written_date(phrase)
    if written is not None:
        return written  # the common shapes, read here: a build of undated articles never loads dateparser
    days = _DAY_RANGE.match(phrase)
    if days:
        return _iso(int(days.group("year")), _MONTH_NAMES[days.group("month").lower()])
    if not _has_date_words(phrase):
        return None  # "16 85", "16 5": figures spaCy took for a date, which dateparser would read as one
    return _resolve_with_dateparser(phrase, reference, tense)


_MONTH_YEAR = re.compile(rf"^{_MONTH},?\s+{_YEAR}$", re.IGNORECASE)


def _written_date(phrase: str) -> str | None:
    """ "17 November 2004", "Wednesday, Dec. 15, 2004", "18/11/2004", "November 2004"."""
    for pattern in _FULL_DATES:
        match = pattern.fullmatch(phrase)
        if match:
            return _full_date(match)
    month = _MONTH_YEAR.match(phrase)
    if month:
        return _iso(int(month.group("year")), _MONTH_NAMES[month.group("month").lower()])
    return None


def _has_date_words(phrase: str) -> bool:
    """A month, a weekday, a word of relative time, or a numeric date ("18/11/2004")."""
    words = set(re.findall(r"[a-z]+", phrase.lower()))
    if words & (set(_MONTH_NAMES) | set(_WEEKDAYS) | set(_RELATIVE_DAYS)) or _RELATIVE_WORDS.search(phrase):
        return True
    if words & {"year", "month"}:  # "last year", "this month"
        return True
    return bool(_NUMERIC_DATE.match(phrase)) or bool(_FOUR_DIGIT_YEAR.search(phrase) and words)


def _reference_day(reference: str | None) -> datetime.date | None:
    if reference is None or precision(reference) != "day":
        return None
    return datetime.date.fromisoformat(reference)


def _shift_days(reference: str | None, days: int) -> str | None:
    day = _reference_day(reference)
    return (day + datetime.timedelta(days=days)).isoformat() if day else None


def _weekday(lower: str) -> int | None:
    """ "monday", "last friday", "this tuesday" -> the weekday's number."""
    words = lower.split()
    if len(words) == 2 and words[0] in {"last", "this", "next", "past"}:
        words = words[1:]
    return _WEEKDAYS.get(words[0]) if len(words) == 1 else None


def _resolve_weekday(weekday: int, lower: str, reference: str | None, tense: Tense | None) -> str | None:
    """News names days of the current week: "said on Monday" is the last Monday up to the
    article's day (that day itself included), "will meet on Monday" the next one from it."""
    day = _reference_day(reference)
    if day is None:
        return None
    if lower.startswith(("last ", "past ")):
        back = (day.weekday() - weekday) % 7 or 7
        return (day - datetime.timedelta(days=back)).isoformat()
    if lower.startswith("next ") or tense == "future":
        return (day + datetime.timedelta(days=(weekday - day.weekday()) % 7)).isoformat()
    if tense == "past":
        return (day - datetime.timedelta(days=(day.weekday() - weekday) % 7)).isoformat()
    return None  # "Monday's vote": before or after the article? the sentence does not say


@lru_cache(maxsize=256)
def _parser(base: datetime.datetime) -> DateDataParser:
    """English only (other languages' words would turn names into dates), relative to `base`."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True, "RELATIVE_BASE": base},
    )


_PERIODS: dict[str, Precision] = {"year": "year", "month": "month", "day": "day"}
# Any fixed day serves as the base for expressions that carry their own year: it fills no part.
_NEUTRAL_BASE = datetime.datetime(2000, 1, 1)


def _resolve_with_dateparser(phrase: str, reference: str | None, tense: Tense | None) -> str | None:
    """Month names, numeric dates, "last month", "four years ago": dateparser reads them; the
    year of a date written without one is chosen here, against the article's date."""
    has_year = _FOUR_DIGIT_YEAR.search(phrase) is not None
    if not has_year and reference is None:
        return None  # "last month" or "Oct. 29" in an undated article: no year to give it
    base = datetime.datetime.fromisoformat(_lower_bound(reference)) if reference else _NEUTRAL_BASE
    data = _parser(base).get_date_data(phrase)
    found, period = data.date_obj, _PERIODS.get(data.period or "")
    if found is None or period is None:
        return None  # a week, a time of day, or nothing read
    if re.fullmatch(r"\d{1,2}([/.])\d{1,2}\1\d{2,4}", phrase) and not _unambiguous_numeric(phrase):
        return None  # 11/12/2004: which is the month?
    value = _at_precision(found.date(), period)
    if has_year or reference is None:
        return value
    if _is_relative(phrase):
        # "last month" against an article dated only "2004": the answer is finer than the base
        return value if _PRECISION_RANK[period] <= _PRECISION_RANK[precision(reference)] else None
    named_day = next((_WEEKDAYS[w] for w in re.findall(r"[a-z]+", phrase.lower()) if w in _WEEKDAYS), None)
    return _nearest_year(found.date(), period, reference, tense, named_day)


def _unambiguous_numeric(phrase: str) -> bool:
    first, second = (int(part) for part in re.split(r"[/.]", phrase)[:2])
    return first > 12 or second > 12 or first == second


_PRECISION_RANK: dict[Precision, int] = {"year": 0, "month": 1, "day": 2}
_RELATIVE_WORDS = re.compile(r"\b(?:ago|last|next|this|previous|coming|earlier|later)\b", re.IGNORECASE)


def _is_relative(phrase: str) -> bool:
    return _RELATIVE_WORDS.search(phrase) is not None and not any(
        word in _MONTH_NAMES for word in re.findall(r"[a-z]+", phrase.lower())
    )


def _at_precision(day: datetime.date, period: Precision) -> str:
    return day.isoformat()[: {"year": 4, "month": 7, "day": 10}[period]]


def _lower_bound(date: str) -> str:
    """The first day of a date's period: "2004" -> "2004-01-01"."""
    return (date + "-01-01")[:10]


def _nearest_year(
    found: datetime.date, period: Precision, reference: str, tense: Tense | None, weekday: int | None = None
) -> str | None:
    """ "Oct. 29" or "in March" in an article of 2004-11-13: the year that puts it on the side
    of the article's date the verb's tense says, else nearest to it (a day), else unclear; a
    weekday written with it ("Tuesday, March 8") must fall on that day."""
    if precision(reference) == "year":
        return None  # which side of a whole year? unclear
    anchor = datetime.date.fromisoformat(_lower_bound(reference))
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(found.replace(year=year))
        except ValueError:  # the 29th of February of a common year
            continue
    if weekday is not None and period == "day":
        options = [day for day in options if day.weekday() == weekday]
        if len(options) == 1:
            return _at_precision(options[0], period)
    compare_day = period == "day" and precision(reference) == "day"

    def key(day: datetime.date) -> tuple[int, int]:
        return (day.year, day.month) if not compare_day else (day.toordinal(), 0)

    here = key(anchor)
    if tense == "past":
        before = [d for d in options if key(d) <= here]
        return _at_precision(max(before), period) if before else None
    if tense == "future":
        after = [d for d in options if key(d) >= here]
        return _at_precision(min(after), period) if after else None
    if not compare_day:
        return None  # "in March" with no tense: this March or next?
    nearest = min(options, key=lambda d: abs(d.toordinal() - anchor.toordinal()))
    return _at_precision(nearest, period)


def period_bounds(date: str) -> tuple[str, str]:
    """The first and last day of a date's period: "2004-02" -> ("2004-02-01", "2004-02-29")."""
    start = _lower_bound(date)
    if precision(date) == "year":
        return start, f"{date}-12-31"
    if precision(date) == "month":
        year, month = (int(part) for part in date.split("-"))
        return start, f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date, date
