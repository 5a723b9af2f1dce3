"""The scripts of the kiosk's name keyboard: Latin, Arabic script and Ge'ez (Tigrinya).

A person who reads only Arabic script or Ge'ez must be able to tap their own name. The keyboard
starts in the script of the kiosk's language and can be switched at any time; the chosen script
travels in a hidden field, so the switch works without JavaScript. Ge'ez has too many syllables for
one screen: a consonant is tapped first (its first-order form), then one of its orders. kiosk.js
mirrors these rules (the alphabets and the order arithmetic).
"""

from __future__ import annotations

from dataclasses import dataclass

LATIN, ARABIC, GEEZ = "latin", "arabic", "geez"
SCRIPT_KEY = "SCRIPT:"  # a tab: `SCRIPT:arabic`
PICK_KEY = "PICK:"  # a Ge'ez consonant: `PICK:ለ`, which shows the row of its orders

QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# The 28 letters in their alphabetical (hijā'ī) order, read from the right: the hamza forms beside
# alif, ة beside ه, ى and ئ beside ي, and the Persian letters next to their Arabic kin (پ after ب,
# چ after ج, ژ after ز, ک and گ after ك, ی after ي) as in the Persian alphabet.
ARABIC_ROWS = ("ءاأإآبپتثجچ", "حخدذرزژسشصض", "طظعغفقكکگلم", "نهةوؤيئىی")
# The consonants of the Tigrinya fidel, first order, in their traditional order (ሀ ለ ሐ መ …),
# with ቐ and ኸ (Tigrinya's own) and ሠ ኀ ፀ, which Eritrean spelling has merged but names still use.
GEEZ_CONSONANTS = "ሀለሐመሠረሰሸቀቐበቨተቸኀነኘአከኸወዐዘዠየደጀገጠጨጰጸፀፈፐ"
GEEZ_ROWS = tuple(GEEZ_CONSONANTS[i : i + 9] for i in range(0, len(GEEZ_CONSONANTS), 9))
# Unicode gives each consonant eight code points: the orders ä u i a e ə o are the first seven.
GEEZ_ORDERS = 7
# These five have a labialised series eight code points on (ቈ ቘ ኰ ዀ ጐ), with five orders: ä i a e ə.
LABIALISED = "ቀቐከኸገ"
LABIALISED_ORDERS = (0, 2, 3, 4, 5)


@dataclass(frozen=True)
class Script:
    """One script of the name keyboard: its tab's self-naming label, its language tag and its keys."""

    code: str
    label: str
    lang: str
    rows: tuple[str, ...]
    two_step: bool = False


SCRIPTS: tuple[Script, ...] = (
    Script(LATIN, "ABC", "en", QWERTY),
    Script(ARABIC, "أبج", "ar", ARABIC_ROWS),
    Script(GEEZ, "ሀለሐ", "ti", GEEZ_ROWS, two_step=True),
)
SCRIPT_CODES = tuple(script.code for script in SCRIPTS)
# The kiosk languages written in another script than Latin (Ukrainian has no name keyboard yet).
FIRST_SCRIPT = {"ar": ARABIC, "fa": ARABIC, "ti": GEEZ}


def geez_orders(consonant: str) -> tuple[tuple[str, ...], ...]:
    """The syllables of a Ge'ez consonant: its seven orders, and its labialised ones where Unicode has them."""
    if consonant not in GEEZ_CONSONANTS or len(consonant) != 1:
        return ()
    base = ord(consonant)
    rows: tuple[tuple[str, ...], ...] = (tuple(chr(base + order) for order in range(GEEZ_ORDERS)),)
    if consonant in LABIALISED:
        rows += (tuple(chr(base + 8 + order) for order in LABIALISED_ORDERS),)
    return rows


LATIN_LETTERS = frozenset("".join(QWERTY))
NAME_LETTERS = (
    LATIN_LETTERS
    | frozenset("".join(ARABIC_ROWS))
    | frozenset(s for c in GEEZ_CONSONANTS for row in geez_orders(c) for s in row)
)


def geez_consonant_of(syllable: str) -> str:
    """The consonant key to tap first for a Ge'ez syllable ('' when the keyboard has none)."""
    if len(syllable) != 1:
        return ""
    start = 0x1200 + (ord(syllable) - 0x1200) // 8 * 8
    for consonant in (chr(start), chr(start - 8)):
        if any(syllable in row for row in geez_orders(consonant)):
            return consonant
    return ""


def first_script(lang: str) -> str:
    """The script the name keyboard starts in for a kiosk language."""
    return FIRST_SCRIPT.get(lang, LATIN)


@dataclass(frozen=True)
class NameBoard:
    """What the name keyboard shows: the chosen script, and the Ge'ez consonant whose orders are open."""

    script: str
    consonant: str = ""

    def after(self, key: str) -> NameBoard:
        """The board after a key: a tab switches the script, a consonant opens its orders, else closes them."""
        if key.startswith(SCRIPT_KEY):
            code = key[len(SCRIPT_KEY) :]
            return NameBoard(code if code in SCRIPT_CODES else self.script)
        if key.startswith(PICK_KEY):
            consonant = key[len(PICK_KEY) :]
            return NameBoard(GEEZ, consonant if geez_orders(consonant) else "")
        return NameBoard(self.script)

    def orders(self) -> tuple[tuple[str, ...], ...]:
        """The rows of syllables to tap now (empty unless a Ge'ez consonant was tapped)."""
        return geez_orders(self.consonant) if self.script == GEEZ else ()


def board_from(posted_script: str | None, lang: str) -> NameBoard:
    """The board as posted (its hidden field), or the language's script when absent or unknown."""
    script = posted_script if posted_script in SCRIPT_CODES else first_script(lang)
    return NameBoard(script)
