"""Ingest: what is cut from a line as page furniture, and what is kept as the story."""

from __future__ import annotations

import pytest

from kg.ingest import strip_credits


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Demonstrators in Bishkek. Photograph: Vyacheslav Oseledko/AFP via Getty Images", "Demonstrators in Bishkek."),
        ("Copyright 2004 The Associated Press. All rights reserved.", ""),
        # the word alone is no notice: the story goes on
        (
            "The MPAA says the sites enable copyright infringement on a massive scale and will sue them all.",
            "The MPAA says the sites enable copyright infringement on a massive scale and will sue them all.",
        ),
        # a scraped page that printed the story on the credit's line keeps the story
        (
            "Saturday 8:16 PM AP Photo LON104 By RAVI NESSMAN Associated Press Writer RAMALLAH, West Bank (AP) - "
            "Marwan Barghouti, a leader of the Palestinian uprising jailed by Israel, plans to run in the elections.",
            "Saturday 8:16 PM By RAVI NESSMAN Associated Press Writer RAMALLAH, West Bank (AP) - "
            "Marwan Barghouti, a leader of the Palestinian uprising jailed by Israel, plans to run in the elections.",
        ),
    ],
)
def test_a_credit_goes_and_the_story_stays(line: str, kept: str):
    assert strip_credits(line) == kept
