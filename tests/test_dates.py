"""kg/dates.py: ISO dates checked, publication lines found, time expressions read against the
article's date. Lines and phrases are from the data sets' pages (China Daily, AP, the Independent,
the Irish Examiner, heise, the Telegraph, the Taipei Times, the Washington Post, the US Army ...)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.dates import (
    check_date,
    find_publication_date,
    period_bounds,
    precision,
    read_metadata_date,
    resolve_expression,
    split_range,
)
from kg.ingest import read_documents, to_document
from tests.conftest import shared_data

CHECKED_DATES = [
    ("2020-10-06", "2020-10-06"),
    ("2024-02-29", "2024-02-29"),  # a leap day
    ("2004-11", "2004-11"),
    ("2004", "2004"),
    ("2020-13-45", None),
    ("2021-02-29", None),  # 2021 is a common year
    ("0000-00-00", None),
    ("2004-00", None),
    ("0999", None),  # not a year news is dated in
    ("15/11/2004", None),
    ("2004-1-5", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), CHECKED_DATES)
def test_only_real_days_months_and_years_are_dates(text: str, expected: str | None) -> None:
    assert check_date(text) == expected


@given(st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(2999, 12, 31)))
def test_every_real_day_is_a_date_at_each_precision(day: datetime.date) -> None:
    iso = day.isoformat()
    assert check_date(iso) == iso and precision(iso) == "day"
    assert check_date(iso[:7]) == iso[:7] and precision(iso[:7]) == "month"
    assert check_date(iso[:4]) == iso[:4] and precision(iso[:4]) == "year"
    first, last = period_bounds(iso[:7])
    assert first <= iso <= last and check_date(last) is not None


@given(st.integers(1000, 2999), st.integers(0, 99), st.integers(0, 99))
def test_a_date_is_checked_as_the_calendar_checks_it(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        real = datetime.date(year, month, day).isoformat()
    except ValueError:
        real = None
    assert check_date(text) == real


def test_a_bad_date_line_is_dropped_with_a_warning(tmp_path: Path) -> None:
    assert read_metadata_date("2021-02-29") == (
        None,
        "date 2021-02-29 is not a calendar date; the article is read without a date",
    )
    article = tmp_path / "a.txt"
    article.write_text("date 2020-13-45\nProtesters stormed the parliament in Bishkek.\n", encoding="utf-8")
    documents, skipped, warnings = read_documents([article])
    assert documents[0].date is None and not skipped
    assert warnings == [f"{article}: date 2020-13-45 is not a calendar date; the article is read without a date"]
    assert documents[0].paragraphs == ("Protesters stormed the parliament in Bishkek.",)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("date 2020-10-06 Opposition groups claimed power.", "2020-10-06"),
        ("date 2004-11\nOpposition groups claimed power.", "2004-11"),
        ("Date: 2004\r\nOpposition groups claimed power.", "2004"),
        ("Date 2004 set for Iraq election\nThe vote will be held in January.", None),  # a headline, not metadata
        ("date 0000-00-00\nOpposition groups claimed power.", None),
    ],
)
def test_the_date_line_gives_the_article_its_date_at_its_precision(text: str, date: str | None) -> None:
    document = to_document("a.txt", text)
    assert document is not None and document.date == date


PUBLICATION_LINES = [
    (["Brazil sees market economy in China", "By Meng Yan (China Daily)", "Updated: 2004-05-24 22:21"], "2004-05-24"),
    (["Barghouti to Run", "Saturday November 13, 2004 8:16 PM AP Photo LON104 By RAVI NESSMAN"], "2004-11-13"),
    (["News", "Reid's smoking ban attacked", "By Jeremy Laurance, Health Editor", "17 November 2004"], "2004-11-17"),
    (
        ["Reid offers blueprint for fitness", "James Meikle", "Wednesday November 17, 2004", "The Guardian"],
        "2004-11-17",
    ),
    (
        ["Band Aid video gets screening", "18/11/2004 - 17:36:52", "Millions of people were tonight expected."],
        "2004-11-18",
    ),
    (["Lycos users are to attack spammers", "26.11.2004 16:43 << Previous | Next >> Lycos users"], "2004-11-26"),
    (["Chelsea and Man Utd face European giants", "(Filed: 17/12/2004)"], "2004-12-17"),
    (["Lakeland, Polk County, Florida", "Published Wednesday, December 15, 2004"], "2004-12-15"),
    (["Taipei Times", "AGENCIES", "Friday, Dec 31, 2004,Page 16 Advertising Meet the Fockers claimed"], "2004-12-31"),
    (["Medics Provide a Band-Aid", "BAGHDAD, Iraq, Dec. 22, 2004 — In a collective effort to help"], "2004-12-22"),
    (
        ["Social Security Formula Weighed", "Washington Post Staff Writers", "Tuesday, January 4, 2005; Page A01"],
        "2005-01-04",
    ),
    (["Belfast Telegraph", "By David McKittrick 30 November 2004 Old enemies in Northern Ireland"], "2004-11-30"),
    (
        ["Free Press", "Wed Dec 29 2004 Departments", "Election 2004", "by Bob Fitrakis", "December 28, 2004"],
        "2004-12-28",
    ),
    (["Nobel Peace Prize", "November 2004"], "2004-11"),
    # a date inside a sentence, a dateline without its year, a day/month order the page does not say
    (["Delta IV", "Delta IV/Evolved Expendable Launch Vehicle Program On Oct. 16, 1998, the U.S. Air Force"], None),
    (["Rice replacing Powell", "By Steve Holland WASHINGTON, Nov 15 (Reuters) - President George W. Bush"], None),
    (["Band Aid video", "11/12/2004 - 17:36:52"], None),
    (["Sears and Kmart to merge", "Wolfowitz's letter, published December 4, 2004 in the Record."], None),
    (["Blair rejects Iraq advice calls", "Tony Blair has rejected calls for the publication of advice."], None),
]


@pytest.mark.parametrize(
    ("lines", "expected"), PUBLICATION_LINES, ids=lambda v: v[-1][:30] if isinstance(v, list) else v
)
def test_the_publication_line_near_the_top_dates_the_page(lines: list[str], expected: str | None) -> None:
    assert find_publication_date(lines) == expected


def test_scraped_pages_are_dated_by_their_publication_lines() -> None:
    folder = shared_data("wikinews-sources")
    found = {}
    for name in ("000-3.txt", "017-0.txt", "068-3.txt", "085-0.txt", "096-0.txt", "005-1.txt"):
        document = to_document(name, (folder / name).read_text(encoding="utf-8"))
        assert document is not None
        found[name] = document.date
    assert found == {
        "000-3.txt": "2004-05-24",
        "017-0.txt": "2004-11-17",
        "068-3.txt": "2004-12-17",
        "085-0.txt": "2004-12-28",
        "096-0.txt": "2005-01-04",
        "005-1.txt": None,  # "WASHINGTON, Nov 15 (Reuters)": no year, and none is guessed
    }


def test_the_bbc_articles_have_no_date_and_get_none() -> None:
    folder = shared_data("bbc-politics")
    dated = [
        path.name
        for path in sorted(folder.glob("*.txt"))
        if (document := to_document(path.name, path.read_text(encoding="utf-8"))) and document.date
    ]
    assert dated == []


SAT_13_NOV_2004 = "2004-11-13"
EXPRESSIONS = [
    ("2003", None, None, "2003"),
    ("since 2003", None, None, "2003"),
    ("November 2004", None, None, "2004-11"),
    ("12 March 2004", None, None, "2004-03-12"),
    ("Dec. 30, 2004", None, None, "2004-12-30"),
    ("18/11/2004", None, None, "2004-11-18"),
    ("11/12/2004", None, None, None),  # November or December?
    ("late 2003", None, None, "2003"),
    ("the first half of 2005", None, None, "2005"),
    ("last month", None, None, None),  # an undated article: no month to count back from
    ("last month", SAT_13_NOV_2004, None, "2004-10"),
    ("last month", "2004", None, None),  # an article dated only by its year
    ("last year", "2004-11", None, "2003"),
    ("earlier this year", "2005-01-04", None, "2005"),
    ("four years ago", SAT_13_NOV_2004, None, "2000"),
    ("yesterday", "2004-12-17", None, "2004-12-16"),
    ("Saturday", SAT_13_NOV_2004, "past", "2004-11-13"),  # "said on Saturday" in Saturday's paper
    ("Monday", SAT_13_NOV_2004, "past", "2004-11-08"),
    ("Monday", SAT_13_NOV_2004, "future", "2004-11-15"),
    ("Monday", SAT_13_NOV_2004, None, None),  # "Monday's vote": past or to come?
    ("Sunday’s", SAT_13_NOV_2004, "past", "2004-11-07"),
    ("last Friday", SAT_13_NOV_2004, None, "2004-11-12"),
    ("Oct. 29", SAT_13_NOV_2004, "past", "2004-10-29"),
    ("Jan. 9", SAT_13_NOV_2004, "future", "2005-01-09"),
    ("Jan. 9", SAT_13_NOV_2004, None, "2005-01-09"),  # the nearest
    ("mid-December", SAT_13_NOV_2004, "past", "2003-12"),
    ("in March", SAT_13_NOV_2004, None, None),  # this March or next?
    ("60 days", SAT_13_NOV_2004, None, None),
    ("the past six years", SAT_13_NOV_2004, None, None),
    ("the 1980s", None, None, None),
    ("this week", SAT_13_NOV_2004, None, None),
    ("the weekend", SAT_13_NOV_2004, "past", None),
    ("16 85", SAT_13_NOV_2004, None, None),  # a cricket scorecard's figures, taken by spaCy for a date
    ("26-30 Nov 2004", None, None, "2004-11"),  # days of one month: the month
    ("two decades ago", "2004-11-18", "past", "1984"),
    ("Tuesday, March 8", "2004-12-17", "past", "2005-03-08"),  # the year whose 8 March is a Tuesday
    ("2004-05", "2004-11-30", None, None),  # "Trans-Tasman Trophy, 2004-05": a season, not May 2004
    ("2004-11", None, None, "2004-11"),
]


@pytest.mark.parametrize(("text", "reference", "tense", "expected"), EXPRESSIONS)
def test_time_expressions_are_read_against_the_article_date(
    text: str, reference: str | None, tense: str | None, expected: str | None
) -> None:
    assert resolve_expression(text, reference, tense) == expected  # type: ignore[arg-type]


def test_year_ranges_give_a_start_and_an_end() -> None:
    assert split_range("1991-1999") == ("1991", "1999")
    assert split_range("between 1996 and 1998") == ("1996", "1998")
    assert split_range("from 2001 to 2003") == ("2001", "2003")
    assert split_range("1999-1991") is None
    assert split_range("2004-05") == ("2004", "2005")  # a season ("by 2008-09": a financial year)
    assert split_range("2004-11") is None  # a month
