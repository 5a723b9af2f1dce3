"""Right-to-left translations keep a left-to-right example (a phone number, a postcode, an address)
in one piece: mirrored, "079 123 45 67" reads "67 45 123 079" in an Arabic sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from matching.vocab import RTL_LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parent.parent / "web" / "translations"
# Runs that break apart when mirrored: digit groups with spaces, a postcode with letters, an e-mail.
LTR_RUN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\d[\d ]*\d(?: [A-Z]{2})?")
LRI, PDI = "\u2066", "\u2069"


@pytest.mark.parametrize("lang", sorted(RTL_LANGUAGES))
def test_left_to_right_examples_are_isolated_in_right_to_left_texts(lang: str) -> None:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    loose = []
    for message in catalogue:
        text = message.string if message.id and isinstance(message.string, str) else ""
        for run in LTR_RUN.finditer(text):
            if (" " in run.group(0) or "@" in run.group(0)) and not (
                text[: run.start()].endswith(LRI) and text[run.end() :].startswith(PDI)
            ):
                loose.append(f"{message.id!r}: {run.group(0)!r}")
    assert not loose, "wrap these in U+2066 … U+2069:\n" + "\n".join(loose)
