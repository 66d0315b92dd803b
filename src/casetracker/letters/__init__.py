"""Letters in: the Congress roster, reading a letter's text, and matching its
signatories to the people serving on the letter's date (issue 6). No Qt."""
