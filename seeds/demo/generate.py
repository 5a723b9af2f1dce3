"""DEMO DATA for Opstap — a fictional catalogue of opportunities in Zoetermeer.

Everything in the output is made up for the Opstap demo: the clubs, organisations, people,
addresses, e-mail addresses (all at example.org) and phone numbers (079-0xxxxxx, a range that is
not handed out, so nobody real is called). Street names and neighbourhoods are only there to make
the demo look plausible. Written for Opstap; not a list of real places.

Run:
    python3 seeds/demo/generate.py                      # writes zoetermeer.jsonl next to this file
    python3 seeds/demo/generate.py --geonames NL.txt    # also (re)writes postcodes.txt first

postcodes.txt holds the Zoetermeer rows (PC4 2711-2729) of the GeoNames postal-code file NL.txt,
unchanged (GeoNames, www.geonames.org, CC BY 4.0). Its coordinates place the items below.

The output is deterministic: one random.Random(637) drives the small variations (house jitter,
dates, places left), and running the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "zoetermeer.jsonl"
POSTCODES = HERE / "postcodes.txt"
PC4_ZOETERMEER = [
    "2711",
    "2712",
    "2713",
    "2715",
    "2716",
    "2717",
    "2718",
    "2719",
    "2721",
    "2722",
    "2723",
    "2724",
    "2725",
    "2726",
    "2727",
    "2728",
    "2729",
]

rng = random.Random(637)


# --------------------------------------------------------------------------- postcodes


def extract_postcodes(nl_txt: Path) -> None:
    """Copy the Zoetermeer rows (PC4 2711-2729) of a GeoNames NL.txt, byte for byte."""
    rows = []
    with open(nl_txt, encoding="utf-8", newline="") as f:
        for line in f:
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) >= 12 and cols[1] in PC4_ZOETERMEER:
                rows.append(line.rstrip("\r\n") + "\n")
    rows.sort(key=lambda r: r.split("\t")[1])
    POSTCODES.write_text("".join(rows), encoding="utf-8", newline="")


def load_centroids() -> dict[str, tuple[float, float]]:
    centroids = {}
    for line in POSTCODES.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        centroids[cols[1]] = (float(cols[9]), float(cols[10]))
    missing = set(PC4_ZOETERMEER) - set(centroids)
    assert not missing, f"postcodes.txt lacks {sorted(missing)}"
    return centroids


# --------------------------------------------------------------------------- providers
# key: (name, street and number, PC6 postcode, contact).  Neighbourhood in the comment.

PROVIDERS = {
    # 2711 Centrum / Stadshart
    "wereldkoor": (
        "Wereldkoor Zoetermeer Zingt",
        "Stadhuisplein 14",
        "2711 EC",
        "wereldkoor@example.org",
    ),
    "dansritme": ("Dansschool Ritme & Ruimte", "Promenade 52", "2711 AH", "079-0341172"),
    "leeshuis": (
        "Leeshuis Stadshart (bibliotheek)",
        "Stadhuisplein 3",
        "2711 EA",
        "leeshuis@example.org",
    ),
    "taalbrug": (
        "Stichting Taalbrug",
        "Stadhuisplein 3",
        "2711 EA",
        "taalcafe@taalbrug.example.org",
    ),
    "digihulp": ("Digihulp Zoetermeer", "Stadhuisplein 3", "2711 EA", "digihulp@example.org"),
    "vrijwpunt": ("Vrijwilligerspunt Zoetermeer", "Markt 21", "2711 CR", "079-0412290"),
    "vakschool": (
        "Vakschool Meerland (mbo Entree)",
        "Leidsewallen 80",
        "2711 BX",
        "entree@vakschool-meerland.example.org",
    ),
    "hotel": ("Hotel De Meerpoort", "Stadhuisplein 40", "2711 EG", "werken@meerpoort.example.org"),
    "lunchroom": ("Lunchroom Proef het Stadshart", "Promenade 18", "2711 AK", "proef@example.org"),
    # 2712 Driemanspolder
    "kringloop": ("Kringloopwinkel Tweede Ronde", "Polderweg 88", "2712 PK", "079-0520413"),
    "boksschool": (
        "Boksschool Vuist & Hart",
        "Industrieweg 5",
        "2712 LB",
        "boksen@vuistenhart.example.org",
    ),
    "glans": (
        "Schoonmaakbedrijf Glans & Co",
        "Handelsweg 19",
        "2712 LZ",
        "vacatures@glans.example.org",
    ),
    "thuishulp": ("Thuishulp Zoetermeer", "Polderweg 12", "2712 PB", "079-0523380"),
    # 2713 Meerzicht-Zuid
    "lente": ("Vrouwensportcentrum Lente", "Meerzichtlaan 140", "2713 HN", "lente@example.org"),
    "voedselbank": (
        "Voedselbank De Volle Kast",
        "Fokkerstraat 9",
        "2713 RA",
        "vrijwilligers@vollekast.example.org",
    ),
    # 2715 Meerzicht
    "hoops": ("Basketbalclub Meerzicht Hoops", "Kwadrantweg 3", "2715 AB", "hoops@example.org"),
    "repairmz": (
        "Repair Café Meerzicht",
        "Parkdreef 120",
        "2715 GE",
        "repaircafe.meerzicht@example.org",
    ),
    # 2716 Meerzicht-West
    "boerderij": ("Stadsboerderij De Hooiberg", "Westerparklaan 2", "2716 WP", "079-0619024"),
    "loopgroep": (
        "Loopgroep Westerpark",
        "Westerparklaan 20",
        "2716 WR",
        "loopgroep.westerpark@example.org",
    ),
    # 2717 Westerpark
    "atletiek": (
        "Atletiekclub De Snelle Meer",
        "Sportlaan 31",
        "2717 ST",
        "secretaris@snellemeer.example.org",
    ),
    "festival": (
        "Stichting Zomerfestival Westerpark",
        "Parkzoom 4",
        "2717 PZ",
        "crew@zomerfestival.example.org",
    ),
    # 2718 Rokkeveen-Oost
    "rokkehof": ("Woonzorgcentrum Rokkehof", "Rokkeveenseweg 50", "2718 KD", "079-0730558"),
    "fietsmaatjes": (
        "Fietsmaatjes Zoetermeer",
        "Rokkeveenseweg 50",
        "2718 KD",
        "fietsmaatjes@example.org",
    ),
    "leerwerk": (
        "Leerwerkbedrijf Zoetermeer Werkt",
        "Bredewater 20",
        "2718 LW",
        "leerwerkplek@zoetermeerwerkt.example.org",
    ),
    "laadlos": ("Opleidingscentrum Laad & Los", "Bredewater 40", "2718 LX", "079-0734417"),
    "wandel": ("Wandelclub Stap voor Stap", "Oude Tolweg 8", "2718 WB", "stapvoorstap@example.org"),
    # 2719 Rokkeveen-West
    "zwem": (
        "Zwemvereniging De Zilvermeeuw",
        "Zwembadlaan 1",
        "2719 ZM",
        "zwemmen@zilvermeeuw.example.org",
    ),
    "wissel": ("Wijkcentrum De Wissel", "Rokkeveenplein 5", "2719 EH", "079-0781136"),
    "dc": (
        "Distributiecentrum Meerlanden Logistiek",
        "Transportweg 44",
        "2719 TL",
        "jobs@meerlanden-logistiek.example.org",
    ),
    "dierenopvang": (
        "Dierenopvang De Warme Mand",
        "Hondsdijk 3",
        "2719 DH",
        "warmemand@example.org",
    ),
    # 2721 Oosterheem
    "schakel": ("Buurthuis De Schakel", "Oosterheemplein 30", "2721 NA", "079-0826650"),
    "naaikring": ("Naaikring De Draad", "Oosterheemplein 30", "2721 NA", "dedraad@example.org"),
    "repairoh": (
        "Repair Café Oosterheem",
        "Oosterheemplein 30",
        "2721 NA",
        "repaircafe.oosterheem@example.org",
    ),
    "sterren": (
        "SV Oosterheem Sterren",
        "Kroonweg 11",
        "2721 KS",
        "info@oosterheemsterren.example.org",
    ),
    "buurtsport": ("Buurtsport Zoetermeer", "Kroonweg 11", "2721 KS", "buurtsport@example.org"),
    # 2722 Dorp
    "wittetoren": ("Schaakclub De Witte Toren", "Kerkweg 9", "2722 CA", "wittetoren@example.org"),
    "klankkast": ("Muziekhuis De Klankkast", "Kerkweg 21", "2722 CK", "079-0912205"),
    "ademruimte": ("Yogacentrum Ademruimte", "Molenstraat 6", "2722 MR", "ademruimte@example.org"),
    "tweewieler": ("Fietsenwerkplaats Tweewieler", "Molenstraat 15", "2722 MT", "079-0915570"),
    # 2723 Seghwaert
    "smash": ("Volleybalvereniging Smash '88", "Sporthalweg 2", "2723 VB", "smash88@example.org"),
    "palet": ("Wijkcentrum Het Palet", "Seghwaertplein 8", "2723 PL", "079-0938841"),
    "wereldpan": ("Kookclub Wereldpan", "Seghwaertplein 8", "2723 PL", "wereldpan@example.org"),
    "fietsschool": (
        "Fietsschool Op Weg",
        "Seghwaertplein 8",
        "2723 PL",
        "fietsles@opweg.example.org",
    ),
    "buurtvers": (
        "Supermarkt Buurtvers Seghwaert",
        "Seghwaertplein 20",
        "2723 PN",
        "personeel@buurtvers.example.org",
    ),
    # 2724 Palenstein
    "pingpong": (
        "Tafeltennisclub Palenstein",
        "Palensteinlaan 44",
        "2724 TT",
        "ttc.palenstein@example.org",
    ),
    "lindehof": (
        "Zorgcentrum De Lindehof",
        "Lindelaan 100",
        "2724 LH",
        "vrijwilligers@lindehof.example.org",
    ),
    "ehbo": (
        "EHBO-vereniging De Pleister",
        "Lindelaan 12",
        "2724 LB",
        "cursus@depleister.example.org",
    ),
    # 2725 De Leyens / Noord Aa
    "eagles": (
        "Cricketclub Zoetermeer Eagles",
        "Aa-dijk 3",
        "2725 CE",
        "eagles.cricket@example.org",
    ),
    "natuurgroep": ("Natuurgroep Noord Aa", "Aa-dijk 10", "2725 NB", "natuurgroep@example.org"),
    # 2726 Buytenwegh
    "lindeboom": (
        "VV Lindeboom",
        "Buytenweghlaan 200",
        "2726 VV",
        "secretariaat@vvlindeboom.example.org",
    ),
    "kenzo": ("Judoschool Kenzo", "Leyenspad 4", "2726 JK", "079-0957761"),
    "opendoek": (
        "Theatergroep Het Open Doek",
        "Cultuurplein 1",
        "2726 TH",
        "spelen@opendoek.example.org",
    ),
    # 2727 Seghwaert-Noord
    "groenekwast": (
        "Tekenatelier De Groene Kwast",
        "Atelierhof 5",
        "2727 AG",
        "groenekwast@example.org",
    ),
    "taalschool": ("Taalschool Woordwijs", "Schoolpad 18", "2727 SW", "079-0964402"),
    "lepel": (
        "Restaurant De Gouden Lepel",
        "Noordweg 3",
        "2727 RL",
        "keuken@goudenlepel.example.org",
    ),
    # 2728 Noordhove
    "groenenet": (
        "Tennisvereniging Het Groene Net",
        "Noordhovenlaan 70",
        "2728 TN",
        "groenenet@example.org",
    ),
    "huiswerk": ("Huiswerkklas De Brug", "Noordhovenlaan 12", "2728 HB", "debrug@example.org"),
    "schonewijk": (
        "Schone Wijk Zoetermeer",
        "Noordhovenlaan 30",
        "2728 HK",
        "schonewijk@example.org",
    ),
    # 2729 Oosterheem-Noord
    "trapvogels": (
        "Toerfietsclub De Trapvogels",
        "Heemweg 60",
        "2729 TF",
        "trapvogels@example.org",
    ),
    "kledingbank": ("Kledingbank Zoetermeer", "Heemweg 22", "2729 KB", "079-0987713"),
    "kwekerij": (
        "Kwekerij Groen Geluk",
        "Kassenweg 5",
        "2729 KG",
        "personeel@groengeluk.example.org",
    ),
}


# --------------------------------------------------------------------------- item helpers

DEFAULT = object()  # "not given": the kind's default (often a small random variation)
ITEMS: list[dict] = []
KIND_DEFAULTS = {
    #            dutch   places   trial  buddy  integration value
    "club": ("none", (2, 15), 0.60, 0.35, ["dutch_practice", "network"]),
    "volunteer": ("A1", (1, 6), 0.30, 0.40, None),
    "course": ("A2", (2, 12), 0.10, 0.20, ["dutch_practice", "reference"]),
    "workplace": ("A2", (1, 4), 0.25, 0.50, ["work_experience", "reference", "dutch_practice"]),
}


def add(
    kind,
    provider,
    title,
    talents,
    description,
    schedule,
    *,
    at=None,
    dutch=DEFAULT,
    langs=(),
    places=DEFAULT,
    cost=DEFAULT,
    subsidy=False,
    age=(None, None),
    audience="everyone",
    trial=DEFAULT,
    buddy=DEFAULT,
    value=DEFAULT,
    phase=None,
    paid=False,
    hours=DEFAULT,
    stale=False,
    withdrawn=False,
    nogeo=False,
):
    """Record one opportunity; the kind's defaults fill what is not given."""
    d_dutch, d_places, p_trial, p_buddy, d_value = KIND_DEFAULTS[kind]
    # Always draw the same random numbers per item, so the sequence does not depend on overrides.
    r_places = rng.randint(*d_places)
    r_trial = rng.random() < p_trial
    r_buddy = rng.random() < p_buddy
    r_days = rng.random()
    ITEMS.append(
        dict(
            kind=kind,
            provider=provider,
            at=at or provider,
            title=title,
            talents=talents.split(),
            description=description,
            schedule=schedule,
            dutch=d_dutch if dutch is DEFAULT else dutch,
            langs=list(langs),
            places=r_places if places is DEFAULT else places,
            cost=(0 if kind in ("volunteer", "workplace") else None) if cost is DEFAULT else cost,
            subsidy=subsidy,
            age=age,
            audience=audience,
            trial=r_trial if trial is DEFAULT else trial,
            buddy=r_buddy if buddy is DEFAULT else buddy,
            value=d_value if value is DEFAULT else value.split(),
            phase=phase,
            paid=paid,
            hours=hours,
            stale=stale,
            withdrawn=withdrawn,
            nogeo=nogeo,
            r_days=r_days,
        )
    )


def club(*a, **k):
    add("club", *a, **k)


def vol(*a, **k):
    add("volunteer", *a, **k)


def course(*a, **k):
    add("course", *a, **k)


def work(*a, **k):
    add("workplace", *a, **k)


YOUTH = (12, 18)
ADULT = (18, None)
NW = "network"  # volunteer value: network only
PN = "dutch_practice network"  # language practice and a network
WX = "work_experience reference"  # counts for a CV


# =========================================================================== CLUBS
# --- football
club(
    "lindeboom",
    "Voetbal senioren, zondagteam",
    "football",
    "Ons zondagteam zoekt nieuwe spelers. Je traint twee avonden per week en speelt op zondag een wedstrijd.",
    "tue,thu 19:30-21:00; sun 11:00-13:00",
    cost=210,
    subsidy=True,
    age=ADULT,
    buddy=True,
    trial=True,
    langs=["en", "ar"],
    places=3,
)
club(
    "lindeboom",
    "Voetbal jongens en meiden onder 17 (JO17)",
    "football",
    "Voetbal voor jongeren in een gezellig team. Je traint twee keer per week en speelt op zaterdag.",
    "mon,wed 18:00-19:30; sat 10:00-12:00",
    cost=160,
    subsidy=True,
    age=(14, 17),
    places=0,
)
club(
    "lindeboom",
    "Vrouwenvoetbal recreatief",
    "football",
    "Voetbal voor vrouwen van elk niveau. Ervaring is niet nodig en je mag drie keer gratis meedoen.",
    "wed 20:00-21:30",
    cost=120,
    subsidy=True,
    age=(16, None),
    audience="women",
    trial=True,
    langs=["en"],
)
club(
    "lindeboom",
    "Walking football 55+",
    "football walking",
    "Voetbal in wandeltempo voor mensen van 55 jaar en ouder. Rennen mag niet, lachen wel.",
    "fri 10:00-11:30",
    cost=60,
    subsidy=True,
    age=(55, None),
    stale=True,
)
club(
    "sterren",
    "Zaalvoetbal voor jongeren",
    "futsal football",
    "Zaalvoetbal in de sporthal van Oosterheem. Gratis, je hoeft geen lid te worden.",
    "fri 19:00-20:30",
    cost=0,
    age=YOUTH,
    places=None,
    langs=["ar", "so"],
)
club(
    "sterren",
    "Voetbal voor mannen 35+",
    "football",
    "Ontspannen voetbal op zaterdagochtend voor mannen van 35 jaar en ouder. Na afloop drinken we samen koffie.",
    "sat 09:00-10:30",
    cost=95,
    subsidy=True,
    age=(35, None),
    audience="men",
    langs=["tr"],
)
club(
    "sterren",
    "Meidenvoetbal 12-16 jaar",
    "football",
    "Een team alleen voor meiden. Een ervaren speelster helpt je de eerste weken op weg.",
    "tue 17:30-19:00; sat 09:30-11:00",
    cost=140,
    subsidy=True,
    age=(12, 16),
    audience="women",
    buddy=True,
    langs=["ti", "ar"],
)

# --- athletics and running
club(
    "atletiek",
    "Hardlopen voor beginners",
    "running",
    "In tien weken van nul naar vijf kilometer. Een trainer loopt mee in kleine groepen.",
    "tue 19:00-20:00; sat 09:00-10:00",
    cost=75,
    subsidy=True,
    trial=True,
    langs=["en"],
)
club(
    "atletiek",
    "Atletiek senioren (wedstrijdgroep)",
    "athletics running",
    "Train mee met onze wedstrijdlopers op de baan vlak bij Snowworld. Goede lopers zijn welkom, ook als je nog weinig Nederlands spreekt.",
    "mon,wed 19:00-20:30; sat 10:00-12:00",
    cost=240,
    subsidy=True,
    age=ADULT,
    buddy=True,
    langs=["ti", "en"],
    dutch="none",
)
club(
    "atletiek",
    "Atletiek junioren 12-18 jaar",
    "athletics running",
    "Sprinten, springen en werpen voor jongeren. Je probeert alle onderdelen uit.",
    "tue,thu 18:00-19:15",
    cost=180,
    subsidy=True,
    age=YOUTH,
    places=0,
)
club(
    "loopgroep",
    "Rondje Westerpark: samen hardlopen",
    "running",
    "Elke zondag lopen we samen een rondje door het Westerpark. Gratis, je kunt gewoon komen, en daarna drinken we koffie.",
    "sun 09:30-10:30",
    cost=0,
    places=None,
    langs=["en", "uk"],
    trial=False,
)
club(
    "loopgroep",
    "Hardlopen voor vrouwen",
    "running walking",
    "Rustig hardlopen en wandelen met een groep vrouwen. We beginnen langzaam.",
    "thu 09:15-10:15",
    cost=0,
    audience="women",
    trial=True,
    langs=["ar", "fa"],
    nogeo=True,
)

# --- swimming
club(
    "zwem",
    "Zwemmen voor vrouwen",
    "swimming",
    "Zwemmen in een afgeschermd bad met alleen vrouwelijke badmeesters. Je kunt ook leren zwemmen.",
    "sun 18:00-19:30",
    cost=90,
    subsidy=True,
    audience="women",
    places=4,
    langs=["ar", "so", "fa"],
    buddy=True,
)
club(
    "zwem",
    "Zwemles voor volwassenen",
    "swimming",
    "Leer zwemmen als volwassene in een kleine groep. De les is in het ondiepe bad.",
    "sat 08:30-09:30",
    cost=150,
    subsidy=True,
    age=ADULT,
    places=0,
)
club(
    "zwem",
    "Baantjes zwemmen met de club",
    "swimming",
    "Zwem je al goed? Train dan mee in de baan met een trainer erbij.",
    "mon,thu 20:30-21:30",
    cost=180,
    stale=True,
)
club(
    "zwem",
    "Ochtendzwemmen voor vrouwen (beginners)",
    "swimming",
    "Rustig wennen aan het water met een vrouwelijke instructeur. Een boerkini of zwemlegging mag.",
    "wed 10:00-11:00",
    cost=60,
    subsidy=True,
    audience="women",
    places=None,
    langs=["ar", "ti"],
)

# --- cricket
club(
    "eagles",
    "Cricket senioren",
    "cricket",
    "De club heeft leden uit veel landen; op het veld spreken we Nederlands en Engels. Nieuwe spelers krijgen een vaste maat.",
    "wed 19:00-21:00; sat 12:00-17:00",
    cost=150,
    subsidy=True,
    age=ADULT,
    buddy=True,
    langs=["en", "fa"],
)
club(
    "eagles",
    "Cricket jeugd 12-18 jaar",
    "cricket",
    "Leer batten en bowlen op het veld aan de Noord Aa. Materiaal is er op de club.",
    "fri 18:00-19:30",
    cost=90,
    subsidy=True,
    age=YOUTH,
    langs=["en"],
)
club(
    "eagles",
    "Indoor cricket in de winter",
    "cricket",
    "In de winter spelen we cricket in de sporthal. Iedereen mag meedoen.",
    "sun 14:00-16:00",
    cost=40,
    stale=True,
    places=None,
)

# --- boxing
club(
    "boksschool",
    "Boksen voor beginners",
    "boxing",
    "Techniek, conditie en respect staan centraal. Je bokst niet tegen elkaar tot je er klaar voor bent.",
    "mon,thu 19:00-20:00",
    cost=220,
    subsidy=True,
    age=(16, None),
    trial=True,
    langs=["ar", "tr"],
)
club(
    "boksschool",
    "Kickboksen voor vrouwen",
    "kickboxing boxing",
    "Kickboksen in een groep met alleen vrouwen en een vrouwelijke trainer. Goed voor je conditie en zelfvertrouwen.",
    "tue 10:00-11:00",
    cost=180,
    subsidy=True,
    audience="women",
    langs=["tr"],
    age=(16, None),
)
club(
    "boksschool",
    "Boksen voor jongens 12-17 jaar",
    "boxing",
    "Training voor jongens die willen leren boksen. Discipline en samen trainen zijn belangrijk.",
    "wed,fri 17:00-18:00",
    cost=120,
    subsidy=True,
    age=(12, 17),
    audience="men",
    places=0,
)
club(
    "boksschool",
    "Boksfit voor mannen",
    "boxing fitness",
    "Een stevige training met bokszak en touwtje springen. Alleen voor mannen.",
    "sat 09:00-10:00",
    cost=150,
    subsidy=True,
    age=ADULT,
    audience="men",
    nogeo=True,
)

# --- volleyball
club(
    "smash",
    "Volleybal recreanten",
    "volleyball",
    "Gezellig volleyballen zonder competitie. Na afloop drinken we iets in de kantine.",
    "thu 20:30-22:00",
    cost=130,
    subsidy=True,
    trial=True,
    buddy=True,
)
club(
    "smash",
    "Volleybal jeugd",
    "volleyball",
    "Volleybal voor jongens en meiden. Je leert de techniek in kleine groepjes.",
    "wed 18:00-19:30",
    cost=110,
    subsidy=True,
    age=YOUTH,
)
club(
    "smash",
    "Beachvolleybal in de zomer",
    "volleyball",
    "In de zomer spelen we op het zandveld. Iedereen mag meedoen.",
    "sat,sun 13:00-15:00",
    cost=0,
    withdrawn=True,
    stale=True,
)

# --- chess
club(
    "wittetoren",
    "Schaken op dinsdagavond",
    "chess",
    "Schaken is een taal die iedereen spreekt. Speel vrije partijen of doe mee aan de clubcompetitie.",
    "tue 19:30-23:00",
    cost=95,
    subsidy=True,
    langs=["fa", "uk", "en"],
)
club(
    "wittetoren",
    "Jeugdschaak",
    "chess",
    "Schaakles voor kinderen en jongeren, van beginner tot gevorderd.",
    "sat 10:00-11:30",
    cost=45,
    subsidy=True,
    age=(8, 16),
)
club(
    "wittetoren",
    "Schaken in de bibliotheek",
    "chess",
    "Elke woensdagmiddag staan de borden klaar in de bibliotheek. Gratis en zonder aanmelden.",
    "wed 14:00-17:00",
    at="leeshuis",
    cost=0,
    places=None,
    langs=["ar"],
)

# --- fitness and yoga
club(
    "lente",
    "Fitness voor vrouwen",
    "fitness",
    "Sporten in een centrum met alleen vrouwen. Er is oppas voor kleine kinderen.",
    "mon,wed,fri 09:30-11:00",
    cost=240,
    subsidy=True,
    audience="women",
    buddy=True,
    langs=["ar", "so", "ti"],
)
club(
    "lente",
    "Yoga voor vrouwen",
    "yoga",
    "Rustige yoga voor vrouwen van alle leeftijden. Je hoeft niet lenig te zijn.",
    "thu 19:30-20:30",
    cost=120,
    subsidy=True,
    audience="women",
    langs=["fa", "uk"],
)
club(
    "lente",
    "Bewegen voor vrouwen 50+",
    "fitness walking",
    "Lichte oefeningen en een korte wandeling. Gratis, je kunt zo binnenlopen.",
    "tue 10:00-11:00",
    cost=0,
    audience="women",
    age=(50, None),
    places=None,
)
club(
    "lente",
    "Zumba voor vrouwen",
    "dance fitness",
    "Bewegen op vrolijke muziek met alleen vrouwen. Geen danservaring nodig.",
    "sat 10:00-11:00",
    cost=60,
    subsidy=True,
    audience="women",
    places=0,
)
club(
    "buurtsport",
    "Fitness in het buurthuis",
    "fitness",
    "Gratis fitnessles met een buurtsportcoach in Oosterheem. Een goede eerste stap om in beweging te komen.",
    "tue 18:30-19:30",
    at="schakel",
    cost=0,
    langs=["ar", "ti", "so"],
    phase=1,
    buddy=True,
)
club(
    "buurtsport",
    "Sport en spel voor jongeren in Oosterheem",
    "football basketball",
    "Voetbal, basketbal en andere spelletjes met een buurtsportcoach. Gratis en zonder inschrijving.",
    "wed,fri 15:00-17:00",
    at="schakel",
    cost=0,
    age=YOUTH,
    places=None,
)
club(
    "buurtsport",
    "Basketbal op het pleintje in Palenstein",
    "basketball",
    "Elke donderdag is er een coach op het basketbalveld. Kom langs en speel mee.",
    "thu 16:00-18:00",
    at="pingpong",
    cost=0,
    age=(12, 23),
    places=None,
    langs=["so", "ar"],
)
club(
    "buurtsport",
    "Mannen in beweging",
    "walking fitness",
    "Wandelen en oefeningen voor mannen vanaf 40 jaar. Daarna drinken we thee in het wijkcentrum.",
    "mon 10:00-11:30",
    at="palet",
    cost=0,
    age=(40, None),
    audience="men",
    langs=["tr", "ar"],
)
club(
    "buurtsport",
    "Kennismaken met sport: elke week iets anders",
    "fitness football badminton",
    "Probeer elke week een andere sport uit met een buurtsportcoach. Zo ontdek je wat je leuk vindt.",
    "sat 10:00-11:30",
    at="wissel",
    cost=0,
    phase=1,
    trial=True,
    buddy=True,
    langs=["en", "ar", "uk"],
)

# --- basketball
club(
    "hoops",
    "Basketbal senioren",
    "basketball",
    "Basketbal voor volwassenen op maandagavond. Je kunt meedoen met de recreanten of met het competitieteam.",
    "mon 21:00-22:30",
    cost=200,
    subsidy=True,
    age=ADULT,
    langs=["en"],
)
club(
    "hoops",
    "Basketbal jeugd onder 16",
    "basketball",
    "Trainen en wedstrijden spelen in een jeugdteam. Een trainer begeleidt nieuwe spelers.",
    "wed 17:00-18:30; sat 11:00-12:30",
    cost=150,
    subsidy=True,
    age=(12, 16),
)
club(
    "hoops",
    "Basketbal voor meiden",
    "basketball",
    "Een training alleen voor meiden. Iedereen kan meedoen, ook zonder ervaring.",
    "fri 18:00-19:30",
    cost=100,
    subsidy=True,
    age=YOUTH,
    audience="women",
    places=None,
)

# --- tennis and table tennis
club(
    "groenenet",
    "Tennis kennismakingscursus",
    "tennis",
    "Acht lessen tennis in een kleine groep. Rackets kun je lenen.",
    "sat 10:00-11:00",
    cost=45,
    subsidy=True,
    age=ADULT,
    trial=False,
)
club(
    "groenenet",
    "Tennis jeugd",
    "tennis",
    "Tennisles voor jongeren na school. In de winter spelen we in de hal.",
    "wed 15:30-16:30",
    cost=160,
    subsidy=True,
    age=(12, 17),
    stale=True,
)
club(
    "groenenet",
    "Tennis: vrij spelen op de avond",
    "tennis",
    "Als lid speel je op dinsdag- en donderdagavond met wie er is. Handig als je al een beetje kunt tennissen.",
    "tue,thu 19:00-22:00",
    cost=195,
    dutch="A1",
)
club(
    "pingpong",
    "Tafeltennis recreatief",
    "table_tennis",
    "Gezellig tafeltennissen op woensdagavond. Je kunt een batje lenen.",
    "wed 19:30-22:00",
    cost=110,
    subsidy=True,
    trial=True,
    langs=["uk", "pl"],
)
club(
    "pingpong",
    "Tafeltennis 60+ op de ochtend",
    "table_tennis",
    "Rustig tafeltennissen voor mensen van 60 jaar en ouder. Daarna is er koffie.",
    "tue 10:00-12:00",
    cost=50,
    subsidy=True,
    age=(60, None),
)

# --- judo
club(
    "kenzo",
    "Judo jeugd 12-18 jaar",
    "judo",
    "Judo leert je vallen, vasthouden en respect voor elkaar. Een judopak kun je de eerste maand lenen.",
    "mon,thu 18:00-19:00",
    cost=260,
    subsidy=True,
    age=YOUTH,
    langs=["tr"],
)
club(
    "kenzo",
    "Judo voor volwassenen",
    "judo",
    "Judo voor beginners en gevorderden vanaf 18 jaar. Je traint met iemand van je eigen gewicht.",
    "wed 20:00-21:30",
    cost=290,
    subsidy=True,
    age=ADULT,
    places=2,
)
club(
    "kenzo",
    "Zelfverdediging voor vrouwen",
    "judo kickboxing",
    "Een cursus van zes lessen zelfverdediging met een vrouwelijke trainer.",
    "sun 11:00-12:30",
    cost=35,
    audience="women",
    age=(16, None),
)

# --- yoga studio
club(
    "ademruimte",
    "Yoga voor beginners",
    "yoga",
    "Rustige yoga met aandacht voor ademhaling. De docent legt alles uit in het Nederlands en het Engels.",
    "mon 19:00-20:15",
    cost=280,
    dutch="A1",
    langs=["en", "fa"],
)
club(
    "ademruimte",
    "Stoelyoga en ontspanning",
    "yoga",
    "Zachte oefeningen op een stoel, goed als je niet lang kunt staan.",
    "fri 10:30-11:30",
    cost=None,
    age=(55, None),
    places=None,
)

# --- cycling and walking
club(
    "trapvogels",
    "Toerfietsen op zaterdag",
    "cycling",
    "Elke zaterdag fietsen we een tocht van 40 tot 60 kilometer in de polder. Een gewone fiets is goed genoeg.",
    "sat 08:30-11:30",
    cost=35,
    dutch="A1",
    buddy=True,
    trial=True,
)
club(
    "trapvogels",
    "Fietstocht voor vrouwen",
    "cycling",
    "Voor vrouwen die net kunnen fietsen en willen oefenen op straat. We fietsen rustig en samen.",
    "wed 10:00-11:30",
    cost=0,
    audience="women",
    langs=["ar", "ti"],
)
club(
    "wandel",
    "Wandelen op woensdagochtend",
    "walking",
    "Elke week een wandeling van een uur door Rokkeveen en het Buytenpark. Daarna koffie.",
    "wed 09:30-11:00",
    cost=15,
    trial=True,
    langs=["tr"],
)
club(
    "wandel",
    "Avondwandeling rond de Noord Aa",
    "walking",
    "Een rustige wandeling rond het meer op donderdagavond. Gratis en zonder aanmelden.",
    "thu 19:00-20:30",
    at="natuurgroep",
    cost=0,
    places=None,
    stale=True,
)
club(
    "wandel",
    "Wandelen voor vrouwen",
    "walking",
    "Een wandelgroep alleen voor vrouwen op zaterdagochtend.",
    "sat 10:00-11:30",
    cost=0,
    audience="women",
    withdrawn=True,
)

# --- music, choir, dance
club(
    "wereldkoor",
    "Zingen in het Wereldkoor",
    "choir singing",
    "We zingen liederen uit veel landen, ook in het Nederlands. Je hoeft geen noten te kunnen lezen.",
    "tue 19:30-21:30",
    cost=120,
    subsidy=True,
    buddy=True,
    trial=True,
    langs=["en", "uk", "ar"],
)
club(
    "wereldkoor",
    "Jongerenkoor 16-23 jaar",
    "choir singing",
    "Pop, gospel en liedjes uit de hele wereld. We treden een paar keer per jaar op.",
    "sun 15:00-17:00",
    cost=60,
    subsidy=True,
    age=(16, 23),
)
club(
    "wereldkoor",
    "Vrouwenkoor op donderdagochtend",
    "choir singing",
    "Samen zingen met alleen vrouwen. Na het zingen is er thee.",
    "thu 10:00-11:30",
    cost=50,
    subsidy=True,
    audience="women",
    places=0,
)
club(
    "dansritme",
    "Dansen voor volwassenen (salsa en meer)",
    "dance",
    "Salsa, bachata en stijldansen voor beginners. Je hoeft geen danspartner mee te nemen.",
    "fri 20:00-21:30",
    cost=180,
    subsidy=True,
    age=ADULT,
    trial=True,
)
club(
    "dansritme",
    "Hiphop voor jongeren",
    "hiphop_dance dance",
    "Hiphop en streetdance in de studio vlak bij het Stadshart. Aan het eind van het seizoen is er een show.",
    "wed 17:00-18:00; sat 13:00-14:00",
    cost=150,
    subsidy=True,
    age=YOUTH,
    langs=["en"],
)
club(
    "dansritme",
    "Dans voor vrouwen",
    "dance",
    "Dansen op muziek uit veel landen, alleen voor vrouwen. De ramen zijn afgeschermd.",
    "mon 10:00-11:00",
    cost=90,
    subsidy=True,
    audience="women",
    places=None,
    langs=["fa", "ar"],
)
club(
    "klankkast",
    "Samen muziek maken: band voor beginners",
    "guitar drums piano_keyboard",
    "Speel gitaar, drums of keyboard in een band. De instrumenten zijn er; je leert alles stap voor stap.",
    "thu 19:00-21:00",
    cost=150,
    subsidy=True,
    buddy=True,
    langs=["en", "ar"],
)
club(
    "klankkast",
    "Oud en wereldmuziek",
    "oud traditional_music",
    "Muzikanten spelen samen muziek uit het Midden-Oosten en Afrika. Neem je eigen instrument mee.",
    "sat 14:00-16:00",
    cost=40,
    subsidy=True,
    langs=["ar", "fa", "tr"],
)
club(
    "klankkast",
    "Gitaarles in een groep voor jongeren",
    "guitar",
    "Leer gitaar spelen met vier andere jongeren. Je kunt een gitaar lenen.",
    "tue 16:30-17:30",
    cost=120,
    subsidy=True,
    age=YOUTH,
    places=0,
)
club(
    "klankkast",
    "Djembé en drums",
    "drums traditional_music",
    "Trommelen in een kring, voor iedereen die van ritme houdt.",
    "sun 13:00-15:00",
    cost=None,
    stale=True,
    nogeo=True,
)

# --- theatre, art, crafts, cooking
club(
    "opendoek",
    "Theater maken: spelen in het Nederlands",
    "theatre",
    "Oefen Nederlands door toneel te spelen. We maken samen een voorstelling over Zoetermeer.",
    "wed 19:30-22:00",
    cost=95,
    subsidy=True,
    dutch="A1",
    buddy=True,
    langs=["en", "uk"],
)
club(
    "opendoek",
    "Jeugdtheater 12-16 jaar",
    "theatre",
    "Toneelspelen, improviseren en een eigen voorstelling maken.",
    "sat 10:00-12:00",
    cost=130,
    subsidy=True,
    age=(12, 16),
)
club(
    "groenekwast",
    "Tekenen en schilderen",
    "drawing_painting",
    "Tekenen en schilderen in een licht atelier. Materiaal is aanwezig.",
    "tue 13:30-15:30",
    cost=85,
    subsidy=True,
    langs=["fa", "uk"],
)
club(
    "groenekwast",
    "Fotoclub: de stad in beeld",
    "photography",
    "We maken samen foto's in Zoetermeer en bespreken ze. Een telefoon met camera is genoeg.",
    "sun 10:00-12:00",
    cost=40,
    dutch="A2",
)
club(
    "naaikring",
    "Naaicafé voor vrouwen",
    "sewing tailoring",
    "Naaimachines zijn er. Neem een eigen stof mee of gebruik onze restjes.",
    "thu 09:30-12:00",
    at="schakel",
    cost=0,
    audience="women",
    buddy=True,
    langs=["ar", "ti", "so", "fa"],
)
club(
    "naaikring",
    "Naaicirkel op maandagavond",
    "sewing knitting",
    "Naaien, breien en kleding herstellen met elkaar. Voor iedereen die het wil leren of al kan.",
    "mon 19:00-21:00",
    at="schakel",
    cost=25,
)
club(
    "wereldpan",
    "Kookclub Wereldpan",
    "cooking world_cuisine",
    "Elke vrijdag koken we met z'n tienen een maaltijd uit een ander land en eten we samen. Je betaalt een kleine bijdrage voor de boodschappen.",
    "fri 16:00-20:00",
    cost=100,
    subsidy=True,
    langs=["ar", "ti", "tr"],
)
club(
    "wereldpan",
    "Mannenkookclub",
    "cooking",
    "Koken en eten met alleen mannen. Je leert eenvoudige Nederlandse en andere gerechten.",
    "tue 17:00-20:00",
    cost=0,
    audience="men",
    places=2,
    age=ADULT,
)
club(
    "wissel",
    "Bakken met buren",
    "baking",
    "Brood, koek en taart bakken met buren uit Rokkeveen. Wat we bakken, delen we.",
    "sat 10:00-12:30",
    cost=0,
    places=None,
    langs=["uk", "pl"],
)
club(
    "leeshuis",
    "Breien en haken in de bibliotheek",
    "knitting",
    "Iedere woensdagochtend breien en haken we samen. Wol en naalden zijn er.",
    "wed 10:00-12:00",
    cost=0,
    nogeo=True,
)
club(
    "smash",
    "Badminton op zondagmiddag",
    "badminton",
    "Vrij badmintonnen in de sporthal. Rackets en shuttles zijn er.",
    "sun 14:00-16:00",
    cost=70,
    subsidy=True,
    trial=True,
    langs=["fa"],
)

# =========================================================================== VOLUNTEER
vol(
    "repairmz",
    "Reparateur bij het Repair Café",
    "repair_cafe electronics_repair bicycle_repair",
    "Help buren met het repareren van lampen, fietsen en kleine apparaten. Je werkt samen met ervaren vrijwilligers.",
    "sat 10:00-13:00",
    dutch="A1",
    value="network work_experience dutch_practice",
    langs=["uk", "ar"],
)
vol(
    "repairmz",
    "Gastvrouw of gastheer bij het Repair Café",
    "event_hosting customer_service",
    "Ontvang bezoekers, schenk koffie en schrijf op wat er gerepareerd moet worden.",
    "sat 10:00-13:00",
    dutch="A2",
    value=PN,
)
vol(
    "repairoh",
    "Naaier bij het Repair Café",
    "sewing tailoring repair_cafe",
    "Herstel kleding en tassen van bezoekers. Een naaimachine staat klaar.",
    "sat 13:00-16:00",
    at="schakel",
    value=PN,
    places=None,
)
vol(
    "repairoh",
    "Fietsenmaker in het Repair Café",
    "bicycle_repair repair_cafe",
    "Repareer samen met bezoekers hun fiets. Je krijgt na drie maanden een verklaring van wat je hebt gedaan.",
    "wed 19:00-21:00",
    at="schakel",
    value="work_experience reference network",
)
vol(
    "voedselbank",
    "Pakketten inpakken bij de voedselbank",
    "warehouse",
    "Pak samen met een vaste groep de voedselpakketten in. Je werkt met een maatje tot je het werk kent.",
    "thu 09:00-13:00",
    age=(16, None),
    value=PN,
    buddy=True,
    langs=["ar", "ti", "so", "en"],
)
vol(
    "voedselbank",
    "Chauffeur voedselbank (rijbewijs B)",
    "driving delivery",
    "Haal met de bus boodschappen op bij supermarkten in de regio. Je hebt een Nederlands rijbewijs nodig.",
    "fri 08:00-12:00",
    dutch="A2",
    age=(21, None),
    value=WX,
    places=1,
)
vol(
    "voedselbank",
    "Uitgifte aan klanten",
    "customer_service shop_assistant",
    "Geef de pakketten uit en maak een praatje met de klanten.",
    "fri 13:00-17:00",
    dutch="A2",
    value="dutch_practice network reference",
    stale=True,
)
vol(
    "voedselbank",
    "Magazijnmedewerker voedselbank",
    "warehouse forklift",
    "Ontvang leveringen, controleer de datum en houd het magazijn op orde. Een vaste begeleider werkt met je mee.",
    "tue,thu 09:00-12:00",
    value=WX,
    phase=2,
    buddy=True,
)
vol(
    "taalbrug",
    "Gespreksleider Taalcafé",
    "language_cafe teaching",
    "Leid een tafel in het Taalcafé en help mensen Nederlands te praten.",
    "wed 19:00-21:00",
    at="leeshuis",
    dutch="B2",
    value="work_experience reference network",
)
vol(
    "taalbrug",
    "Taalmaatje: samen praten in het Nederlands",
    "language_cafe buddy",
    "Spreek een uur per week af met een nieuwe Zoetermeerder om Nederlands te oefenen.",
    [],
    at="leeshuis",
    dutch="B1",
    value=PN,
    hours=1,
    places=None,
    nogeo=True,
)
vol(
    "taalbrug",
    "Koffie schenken bij het Taalcafé",
    "event_hosting barista",
    "Zet koffie en thee en maak bezoekers welkom. Zo oefen je Nederlands zonder dat het een les is.",
    "sat 10:00-12:00",
    at="wissel",
    dutch="none",
    value=PN,
)
vol(
    "lindehof",
    "Wandelen met bewoners",
    "elderly_care walking buddy",
    "Maak een wandeling met een oudere bewoner van het zorgcentrum. Een praatje is net zo belangrijk als de wandeling.",
    "tue,thu 14:00-16:00",
    dutch="A2",
    value="dutch_practice network reference",
    langs=["tr"],
)
vol(
    "lindehof",
    "Gastvrouw of gastheer in het restaurant",
    "waiting_tables elderly_care",
    "Serveer de lunch aan bewoners en bezoekers. Je leert werken in een team.",
    "mon,fri 11:30-14:00",
    dutch="A2",
    value="work_experience reference dutch_practice",
)
vol(
    "rokkehof",
    "Muziekmiddag voor ouderen",
    "singing elderly_care",
    "Zing of speel muziek voor bewoners op zondagmiddag. Ook een luisterend oor is welkom.",
    "sun 14:30-16:30",
    value=PN,
    places=0,
    langs=["uk"],
)
vol(
    "rokkehof",
    "Activiteitenbegeleider (spelletjes en creatief)",
    "elderly_care drawing_painting",
    "Help bij spelletjes, knutselen en bingo. Je werkt mee met een activiteitenbegeleider.",
    "wed 13:30-16:30",
    dutch="B1",
    value=WX,
)
vol(
    "rokkehof",
    "Tuinieren met bewoners",
    "gardening elderly_care",
    "Werk samen met bewoners in de tuin van het woonzorgcentrum.",
    "sat 10:00-12:00",
    dutch="none",
    value=NW,
)
vol(
    "fietsmaatjes",
    "Fietsmaatje: fietsen met ouderen op de duofiets",
    "cycling elderly_care buddy",
    "Maak een fietstocht op de duofiets met een oudere die zelf niet meer kan fietsen.",
    "thu 10:00-12:00",
    at="rokkehof",
    value=PN,
    buddy=True,
)
vol(
    "lindeboom",
    "Assistent-trainer jeugdvoetbal",
    "coaching_children football",
    "Help de trainer van een jeugdteam. Je krijgt een cursus van de voetbalbond.",
    "mon,wed 18:00-19:30",
    dutch="A2",
    age=ADULT,
    value="work_experience reference network",
    buddy=True,
)
vol(
    "lindeboom",
    "Kantinedienst bij de voetbalclub",
    "kitchen_help cashier",
    "Sta een ochtend achter de bar van de kantine. Je leert snel veel mensen van de club kennen.",
    "sat 09:00-13:00",
    value=PN,
)
vol(
    "atletiek",
    "Helpen bij wedstrijden",
    "athletics event_hosting",
    "Meet afstanden, zet hordes klaar en help bij de finish. Leuk werk in een grote groep.",
    "sun 09:00-14:00",
    value=NW,
    places=None,
)
vol(
    "eagles",
    "Terreinonderhoud cricketveld",
    "landscaping gardening cricket",
    "Maai, rol en onderhoud het veld samen met de terreinploeg.",
    "sat 09:00-12:00",
    dutch="none",
    value="network work_experience",
)
vol(
    "eagles",
    "Scheidsrechter in opleiding (cricket)",
    "cricket",
    "Leer fluiten bij jeugdwedstrijden. De club betaalt de cursus.",
    "sat 13:00-17:00",
    dutch="A2",
    value="reference network",
    langs=["en", "fa"],
)
vol(
    "zwem",
    "Assistent bij zwemles voor kinderen",
    "swimming coaching_children",
    "Help de zweminstructeur in het water bij de les voor kinderen.",
    "sat 08:30-10:30",
    dutch="B1",
    age=ADULT,
    value=WX,
)
vol(
    "leeshuis",
    "Voorlezen aan kinderen",
    "reading_to_children",
    "Lees op woensdagmiddag voor aan kinderen in de bibliotheek.",
    "wed 14:00-15:00",
    dutch="B1",
    value="dutch_practice reference",
)
vol(
    "leeshuis",
    "Helpen in de bibliotheek",
    "reception customer_service",
    "Zet boeken terug en help bezoekers op weg. Je werkt naast de medewerkers van de bibliotheek.",
    "tue 10:00-13:00",
    dutch="A2",
    value="work_experience dutch_practice",
)
vol(
    "digihulp",
    "Digimaatje: mensen helpen met de computer",
    "computer_basics buddy",
    "Help mensen met e-mail, DigiD en formulieren op de computer.",
    "thu 13:00-15:00",
    at="leeshuis",
    dutch="B1",
    value="work_experience reference network",
    langs=["ar", "fa", "uk"],
)
vol(
    "vrijwpunt",
    "Tolk voor nieuwe bewoners",
    "interpreting translating",
    "Tolk bij gesprekken op school of bij een vereniging. Je spreekt goed Nederlands en nog een andere taal.",
    [],
    dutch="C1",
    value="work_experience reference network",
    hours=2,
    langs=["ar", "ti", "fa", "so"],
)
vol(
    "natuurgroep",
    "Natuurwerkdag Noord Aa",
    "nature_conservation litter_picking",
    "Werk een ochtend buiten in het groen rond de Noord Aa. Koffie en soep krijg je van ons.",
    "sat 09:30-13:00",
    dutch="none",
    value=NW,
    places=None,
)
vol(
    "natuurgroep",
    "Wilgen knotten en snoeien",
    "nature_conservation landscaping",
    "In de winter knotten we wilgen langs de sloten. Laarzen en gereedschap zijn er.",
    "sat 09:00-12:00",
    value=NW,
    stale=True,
)
vol(
    "schonewijk",
    "Zwerfafval prikken in je wijk",
    "litter_picking",
    "Prik zwerfafval wanneer het jou uitkomt. Je krijgt een grijper en een vest.",
    [],
    dutch="none",
    value=NW,
    places=None,
    hours=2,
    nogeo=True,
)
vol(
    "boerderij",
    "Dieren verzorgen op de stadsboerderij",
    "animal_care petting_farm",
    "Voer de geiten en kippen en maak de hokken schoon. Je werkt met een vaste begeleider.",
    "sat,sun 08:30-12:00",
    age=(16, None),
    value="work_experience reference dutch_practice",
)
vol(
    "boerderij",
    "Moestuin van de stadsboerderij",
    "vegetable_garden gardening",
    "Zaai, wied en oogst groenten in de moestuin. De oogst gaat naar de voedselbank.",
    "tue 09:30-12:00",
    value=PN,
    langs=["fa", "ar"],
)
vol(
    "dierenopvang",
    "Honden uitlaten bij de dierenopvang",
    "dog_walking animal_care",
    "Laat de honden van de opvang uit in het park.",
    "sun 10:00-12:00",
    value=NW,
    places=0,
)
vol(
    "kringloop",
    "Verkoper in de kringloopwinkel",
    "second_hand_shop cashier shop_assistant",
    "Help klanten, zet spullen in de winkel en werk af en toe achter de kassa.",
    "mon 10:00-17:00",
    dutch="A2",
    value="work_experience reference dutch_practice",
)
vol(
    "kringloop",
    "Sorteren en prijzen in de kringloop",
    "second_hand_shop warehouse",
    "Sorteer spullen die mensen brengen en zet er een prijs op. Een rustige plek om te wennen aan werk.",
    "wed,fri 09:30-12:30",
    dutch="none",
    value="work_experience dutch_practice",
    phase=2,
    buddy=True,
    langs=["ar", "ti"],
)
vol(
    "kringloop",
    "Meubels ophalen met de bus",
    "moving_help driving",
    "Rijd mee met de bus en haal meubels op bij mensen thuis.",
    "tue,thu 09:00-13:00",
    age=ADULT,
    value=WX,
)
vol(
    "kledingbank",
    "Kleding sorteren bij de kledingbank",
    "second_hand_shop sewing",
    "Sorteer kleding in een ochtendploeg met alleen vrouwen.",
    "tue 09:30-12:30",
    audience="women",
    value=PN,
    langs=["so", "ar"],
    nogeo=True,
)
vol(
    "festival",
    "Festivalcrew Zomerfestival Westerpark",
    "event_hosting",
    "Help bij de ingang, de informatiestand of de bar tijdens het festival.",
    "sat,sun 12:00-20:00",
    age=(16, None),
    value=NW,
    places=None,
)
vol(
    "festival",
    "Opbouwploeg festival",
    "construction moving_help",
    "Bouw podia en tenten op in de week voor het festival.",
    "mon,tue,wed 08:00-16:00",
    age=ADULT,
    value="work_experience network",
    withdrawn=True,
    stale=True,
)
vol(
    "festival",
    "Kookploeg voor de festivalvrijwilligers",
    "cooking catering",
    "Kook met een kleine ploeg voor alle vrijwilligers van het festival.",
    "sat 10:00-14:00",
    value="network work_experience",
    stale=True,
)
vol(
    "schakel",
    "Koken in de buurthuiskeuken",
    "cooking kitchen_help world_cuisine",
    "Kook de buurtmaaltijd op woensdag voor dertig buren. Je leert werken in een grote keuken.",
    "wed 15:00-19:00",
    value="work_experience network dutch_practice",
    buddy=True,
    langs=["ar", "ti"],
)
vol(
    "palet",
    "Bar en koffie in het wijkcentrum",
    "barista event_hosting",
    "Schenk koffie en thee voor bezoekers van het wijkcentrum.",
    "mon,thu 09:00-12:00",
    value=PN,
)
vol(
    "wissel",
    "Afwassen en opruimen na het buurtdiner",
    "dishwashing kitchen_help",
    "Help na het buurtdiner met afwassen en opruimen. Daarna eet je mee.",
    "fri 19:30-21:30",
    value=NW,
)
vol(
    "huiswerk",
    "Huiswerkbegeleider",
    "homework_help tutoring",
    "Help leerlingen van de middelbare school met hun huiswerk.",
    "mon,wed 15:30-17:30",
    dutch="B2",
    age=ADULT,
    value=WX,
)
vol(
    "vrijwpunt",
    "Maatje voor een nieuwe Zoetermeerder",
    "buddy language_cafe",
    "Laat iemand de stad zien en help met vragen over het dagelijks leven.",
    [],
    dutch="B1",
    value="network dutch_practice reference",
    hours=2,
    langs=["en"],
    places=None,
)
vol(
    "palet",
    "Receptie van het wijkcentrum",
    "reception office_admin",
    "Ontvang bezoekers, neem de telefoon op en houd de agenda bij.",
    "tue 09:00-13:00",
    dutch="B1",
    value="work_experience reference dutch_practice",
)
vol(
    "buurtsport",
    "Helpen bij de sportdag voor kinderen",
    "coaching_children event_hosting",
    "Begeleid een groepje kinderen op de sportdag in de herfstvakantie.",
    "sat 09:00-15:00",
    at="sterren",
    value="reference network",
    stale=True,
)
vol(
    "fietsschool",
    "Helpen bij de fietsles voor vrouwen",
    "cycling teaching",
    "Loop mee naast een vrouw die leert fietsen en geef haar moed. Alleen voor vrouwen.",
    "tue,fri 10:00-11:30",
    audience="women",
    dutch="A2",
    value="work_experience reference network",
    langs=["ar", "ti", "so"],
)
vol(
    "groenenet",
    "Administratie voor de tennisclub",
    "office_admin bookkeeping",
    "Houd de ledenlijst en de betalingen bij op de computer, wanneer het jou uitkomt.",
    [],
    dutch="B1",
    value=WX,
    hours=3,
)
vol(
    "vrijwpunt",
    "Fotograaf bij activiteiten",
    "photography video_film",
    "Maak foto's bij activiteiten in de wijk voor de website en de nieuwsbrief.",
    [],
    dutch="A2",
    value="network reference",
    places=None,
    hours=2,
)
vol(
    "taalschool",
    "Oppas tijdens de taalles",
    "childcare",
    "Pas op de kinderen terwijl hun moeders Nederlandse les hebben. Alleen voor vrouwen.",
    "tue,thu 09:00-11:30",
    audience="women",
    value=WX,
)
vol(
    "schakel",
    "Schoonmaakploeg buurthuis",
    "cleaning",
    "Houd het buurthuis schoon met een vaste ploeg.",
    "fri 09:00-11:00",
    value="work_experience",
    withdrawn=True,
)

# =========================================================================== COURSES
course(
    "vakschool",
    "Entree Logistiek (mbo-1)",
    "warehouse forklift delivery",
    "Een mbo-opleiding van een jaar voor werk in een magazijn of bij een vervoerder. Je loopt twee dagen per week stage.",
    "mon,tue,thu 09:00-15:00",
    age=(16, None),
    places=6,
    hours=20,
    cost=None,
)
course(
    "vakschool",
    "Entree Horeca en bakkerij (mbo-1)",
    "cooking kitchen_help baking",
    "Leer koken, bakken en werken in een restaurant. Je loopt stage in een echte keuken.",
    "mon,wed,thu 08:30-15:00",
    age=(16, None),
    places=0,
    hours=20,
    cost=None,
)
course(
    "vakschool",
    "Entree Zorg en welzijn (mbo-1)",
    "elderly_care nursing_help childcare",
    "Een eerste opleiding voor werk in de zorg of de kinderopvang. Na dit jaar kun je door naar mbo-2.",
    "tue,wed,fri 09:00-15:00",
    age=(16, None),
    hours=20,
    cost=None,
)
course(
    "vakschool",
    "Entree Techniek en bouw voor jongeren",
    "construction electrical metalwork_welding",
    "Leer werken met hout, metaal en elektra in de werkplaats van de school. In dit traject betaalt de gemeente het lesgeld.",
    "mon,tue,wed,thu 08:30-14:30",
    age=(16, 23),
    hours=24,
    cost=0,
    phase=4,
    buddy=True,
    langs=["en", "ar"],
)
course(
    "vakschool",
    "Entree Verkoop en retail (mbo-1)",
    "shop_assistant cashier customer_service",
    "Leer werken in een winkel: klanten helpen, vakken vullen en afrekenen.",
    "mon,thu,fri 09:00-15:00",
    age=(16, None),
    hours=20,
    cost=None,
    stale=True,
)
course(
    "vakschool",
    "Entree Schoonmaak en facilitair (mbo-1)",
    "cleaning hotel_housekeeping",
    "Een praktische opleiding voor werk in schoonmaak, hotels en gebouwen.",
    "tue,wed,thu 09:00-15:00",
    age=(16, None),
    dutch="A1",
    hours=20,
    cost=None,
)
course(
    "vakschool",
    "Entree Groen (mbo-1)",
    "gardening landscaping farming",
    "Werken in parken, tuinen en kassen. Je bent veel buiten.",
    "mon,wed,fri 08:00-14:00",
    at="kwekerij",
    age=(16, None),
    hours=18,
    cost=None,
)
course(
    "taalschool",
    "Nederlands voor beginners",
    "learning_dutch",
    "Leer de eerste woorden en zinnen die je elke dag nodig hebt. De les is gratis.",
    "mon,wed 09:00-12:00",
    dutch="none",
    cost=0,
    places=8,
    langs=["ar", "en"],
)
course(
    "taalschool",
    "Nederlands voor vrouwen, met kinderopvang",
    "learning_dutch",
    "Taalles in een groep met alleen vrouwen. Kleine kinderen spelen in de kamer ernaast.",
    "tue,thu 09:00-11:30",
    dutch="none",
    cost=0,
    audience="women",
    places=2,
    langs=["ar", "ti", "so", "fa"],
)
course(
    "taalbrug",
    "Nederlands A2: praten in het dagelijks leven",
    "learning_dutch language_cafe",
    "Oefen gesprekken bij de dokter, op school en in de winkel. Les op dinsdagavond in de bibliotheek.",
    "tue 19:00-21:00",
    at="leeshuis",
    dutch="A1",
    cost=0,
    places=None,
)
course(
    "taalschool",
    "Nederlands B1: examentraining",
    "learning_dutch",
    "Oefen voor het B1-examen van de inburgering: lezen, luisteren, schrijven en spreken.",
    "mon,thu 13:00-16:00",
    dutch="A2",
    cost=0,
    stale=True,
)
course(
    "leerwerk",
    "Taal op de werkvloer",
    "learning_dutch customer_service",
    "Leer de woorden die je op je werk nodig hebt, met oefeningen uit echte werkplekken.",
    "fri 09:00-12:00",
    dutch="A2",
    cost=0,
)
course(
    "taalschool",
    "Nederlands in het weekend",
    "learning_dutch",
    "Een taalcursus op zaterdagochtend voor wie doordeweeks werkt.",
    "sat 10:00-13:00",
    dutch="A1",
    cost=95,
    langs=["uk", "en"],
)
course(
    "digihulp",
    "Computer basis: e-mail, DigiD en internet",
    "computer_basics",
    "Leer in kleine stappen werken met e-mail, internet en DigiD. Er is een computer voor iedereen.",
    "mon 13:30-15:30",
    at="leeshuis",
    dutch="A1",
    cost=0,
    places=5,
    langs=["ar", "ti", "fa"],
)
course(
    "digihulp",
    "Werken met Word en Excel",
    "computer_basics office_admin",
    "Een cursus van acht avonden: brieven schrijven en eenvoudige lijsten maken.",
    "wed 19:00-21:00",
    at="wissel",
    dutch="A2",
    cost=35,
    subsidy=True,
)
course(
    "digihulp",
    "Smartphonecursus voor vrouwen",
    "computer_basics",
    "Leer apps gebruiken, foto's sturen en veilig internetten met je telefoon.",
    "thu 13:30-15:00",
    at="schakel",
    dutch="none",
    cost=0,
    audience="women",
    langs=["ar", "so"],
)
course(
    "ehbo",
    "EHBO-diploma",
    "first_aid",
    "Leer eerste hulp bij ongelukken en haal je diploma. Handig voor werk en vrijwilligerswerk.",
    "tue 19:30-22:00",
    age=(16, None),
    cost=95,
    subsidy=True,
    langs=["en"],
)
course(
    "ehbo",
    "Reanimatie en AED in één avond",
    "first_aid",
    "Leer in één avond reanimeren en een AED gebruiken.",
    "thu 19:30-22:00",
    dutch="A1",
    cost=0,
    places=0,
)
course(
    "ehbo",
    "Kinder-EHBO voor ouders",
    "first_aid childcare",
    "Wat doe je als je kind valt, zich brandt of zich verslikt? Drie ochtenden met veel oefenen.",
    "sat 10:00-13:00",
    cost=40,
    subsidy=True,
    stale=True,
)
course(
    "laadlos",
    "Heftruckcertificaat",
    "forklift warehouse",
    "Twee dagen les en oefenen op de heftruck, met een examen aan het eind. Een werkgever of de gemeente kan de cursus betalen.",
    "mon,tue 08:30-16:30",
    age=ADULT,
    cost=350,
    subsidy=True,
    places=3,
    hours=16,
)
course(
    "laadlos",
    "VCA Basis: veilig werken",
    "construction warehouse",
    "Een diploma dat veel werkgevers in de bouw en de logistiek vragen. Twee lesdagen en een examen.",
    "wed,thu 08:30-16:30",
    dutch="B1",
    age=ADULT,
    cost=250,
    subsidy=True,
    hours=16,
)
course(
    "fietsschool",
    "Fietsles voor vrouwen",
    "cycling",
    "Leer fietsen op een rustig plein met een vrouwelijke docent. Een fiets kun je lenen.",
    "tue,fri 10:00-11:30",
    dutch="none",
    cost=0,
    audience="women",
    places=0,
    langs=["ar", "ti", "so", "fa"],
)
course(
    "fietsschool",
    "Fietsles voor volwassenen op de avond",
    "cycling",
    "Leer fietsen en de verkeersregels in acht lessen. Voor iedereen vanaf 18 jaar.",
    "wed 18:30-19:30",
    dutch="none",
    age=ADULT,
    cost=25,
    subsidy=True,
)
course(
    "fietsschool",
    "Fietsles voor vrouwen in Rokkeveen",
    "cycling",
    "Een fietscursus op het plein bij wijkcentrum De Wissel. Een vrijwilliger loopt met je mee.",
    "mon 13:30-15:00",
    at="wissel",
    dutch="none",
    cost=0,
    audience="women",
    places=5,
    buddy=True,
    langs=["ti"],
)
course(
    "lunchroom",
    "Barista-cursus",
    "barista",
    "Leer in vier lessen goede koffie zetten en melk opschuimen.",
    "sat 09:00-12:00",
    cost=60,
    subsidy=True,
    nogeo=True,
)
course(
    "naaikring",
    "Naaien voor beginners (cursus)",
    "sewing",
    "Een cursus van zes lessen: zelf een tas en een rok naaien.",
    "wed 13:00-15:00",
    at="schakel",
    dutch="none",
    cost=30,
    subsidy=True,
    audience="women",
    withdrawn=True,
)
course(
    "zwem",
    "Zwemles voor vrouwen (diploma)",
    "swimming",
    "Leer zwemmen en haal een zwemdiploma, in een les met alleen vrouwen.",
    "sat 18:00-19:00",
    dutch="none",
    cost=120,
    subsidy=True,
    audience="women",
    age=ADULT,
    langs=["ar", "fa"],
)

# =========================================================================== WORKPLACES
work(
    "dc",
    "Orderpicker in het distributiecentrum",
    "warehouse",
    "Verzamel bestellingen in een groot magazijn. Je krijgt een inwerkweek met een vaste collega.",
    "mon,tue,wed 07:00-15:30",
    paid=True,
    hours=24,
    dutch="A1",
    age=ADULT,
    langs=["pl", "en"],
    places=4,
)
work(
    "leerwerk",
    "Leerwerkplek magazijn met werkbegeleider",
    "warehouse forklift",
    "Leer magazijnwerk in een rustig tempo met een werkbegeleider naast je. Na zes maanden krijg je een getuigschrift.",
    "mon,tue,thu,fri 08:30-12:30",
    hours=16,
    dutch="none",
    buddy=True,
    phase=3,
    langs=["ar", "ti"],
)
work(
    "dc",
    "Heftruckchauffeur (met certificaat)",
    "forklift",
    "Laad en los vrachtwagens met de heftruck. Een heftruckcertificaat is nodig.",
    "mon,tue,wed,thu 06:00-14:00",
    paid=True,
    hours=32,
    age=ADULT,
    places=None,
)
work(
    "lepel",
    "Hulp in de keuken",
    "kitchen_help dishwashing",
    "Groenten snijden, afwassen en de keuken schoonhouden in een druk restaurant.",
    "thu,fri,sat 16:00-22:00",
    paid=True,
    hours=18,
    dutch="A1",
)
work(
    "lepel",
    "Leerwerkplek kok voor jongeren",
    "cooking kitchen_help",
    "Leer het koksvak in de praktijk naast je Entree-opleiding. De chef is je leermeester.",
    "tue,wed,thu 12:00-19:00",
    hours=21,
    age=(16, 23),
    phase=4,
    buddy=True,
)
work(
    "hotel",
    "Afwasser in het weekend",
    "dishwashing",
    "Afwassen in de hotelkeuken op zaterdag- en zondagavond.",
    "sat,sun 17:00-23:00",
    paid=True,
    hours=12,
    age=(16, None),
    dutch="none",
)
work(
    "hotel",
    "Medewerker housekeeping",
    "hotel_housekeeping cleaning",
    "Maak hotelkamers klaar voor nieuwe gasten. Je werkt in een vast team.",
    "mon,tue,wed,thu,fri 09:00-13:00",
    paid=True,
    hours=20,
    dutch="A1",
    langs=["pl", "uk"],
)
work(
    "hotel",
    "Gastvrouw of gastheer bij het ontbijt",
    "waiting_tables customer_service",
    "Ontvang gasten bij het ontbijt en zorg dat het buffet vol blijft.",
    "sat,sun 06:30-11:00",
    paid=True,
    hours=9,
    dutch="B1",
)
work(
    "glans",
    "Schoonmaker kantoren op de avond",
    "cleaning",
    "Kantoren schoonmaken in het Stadshart na werktijd.",
    "mon,tue,wed,thu,fri 18:00-21:00",
    paid=True,
    hours=15,
    dutch="none",
    langs=["pl", "tr", "ar"],
)
work(
    "leerwerk",
    "Leerwerkplek schoonmaak",
    "cleaning",
    "Leer schoonmaken met de juiste middelen en machines. Je krijgt een certificaat als je klaar bent.",
    "mon,wed,fri 08:30-12:30",
    hours=12,
    dutch="none",
    buddy=True,
    places=0,
)
work(
    "glans",
    "Schoonmaker scholen (team van vrouwen)",
    "cleaning",
    "Schoolgebouwen schoonmaken na schooltijd in een team van alleen vrouwen.",
    "mon,tue,thu,fri 15:30-18:00",
    paid=True,
    hours=10,
    audience="women",
    dutch="none",
    langs=["so", "ar"],
)
work(
    "kwekerij",
    "Medewerker kas (tomaten en paprika)",
    "farming gardening",
    "Oogsten, snoeien en inpakken in een warme kas. Je begint met een proefdag.",
    "mon,tue,wed,thu 07:00-15:00",
    paid=True,
    hours=32,
    dutch="none",
    trial=True,
    langs=["pl", "ar", "ti"],
    stale=True,
)
work(
    "kwekerij",
    "Seizoenswerk in de kas (voorjaar)",
    "farming",
    "Tijdelijk werk in het voorjaar: planten zetten en oogsten.",
    "mon,tue,wed,thu,fri 07:00-13:00",
    paid=True,
    hours=30,
    dutch="none",
    withdrawn=True,
    stale=True,
)
work(
    "leerwerk",
    "Leerwerkplek groenonderhoud",
    "landscaping gardening",
    "Werk buiten in de parken van Zoetermeer met een ploeg en een werkbegeleider.",
    "tue,wed,thu,fri 08:00-12:00",
    hours=16,
    phase=3,
    buddy=True,
)
work(
    "tweewieler",
    "Leerwerkplek fietsenmaker",
    "bicycle_repair",
    "Leer fietsen repareren in onze werkplaats. Veel van onze fietsenmakers zijn hier zo begonnen.",
    "mon,tue,thu,fri 09:00-14:00",
    hours=20,
    dutch="A1",
    buddy=True,
    langs=["ti", "ar"],
)
work(
    "tweewieler",
    "Fietsenmaker (parttime)",
    "bicycle_repair customer_service",
    "Repareer fietsen en help klanten in de winkel. Ervaring met fietsen maken is nodig.",
    "tue,wed,thu 09:00-17:00",
    paid=True,
    hours=24,
    age=ADULT,
)
work(
    "lindehof",
    "Helpende zorg (werken en leren)",
    "nursing_help elderly_care",
    "Werk in het zorgcentrum en ga een dag per week naar school. Je krijgt salaris en een mbo-diploma.",
    "mon,tue,wed 07:30-15:30",
    paid=True,
    hours=24,
    dutch="B1",
    age=ADULT,
    phase=4,
    buddy=True,
)
work(
    "rokkehof",
    "Zorgassistent maaltijden en activiteiten",
    "elderly_care kitchen_help",
    "Help bewoners bij de maaltijd en bij activiteiten in de middag.",
    "mon,wed,fri 11:00-16:30",
    paid=True,
    hours=16,
)
work(
    "thuishulp",
    "Huishoudelijke hulp bij ouderen thuis",
    "cleaning elderly_care",
    "Help ouderen in hun eigen huis met het huishouden. Je werkt zelfstandig op vaste adressen.",
    "mon,tue,wed,thu 09:00-14:00",
    paid=True,
    hours=20,
    age=ADULT,
    nogeo=True,
)
work(
    "buurtvers",
    "Vakkenvuller op de avond",
    "shop_assistant",
    "Vul de vakken in de supermarkt na sluitingstijd.",
    "mon,wed,fri 18:00-22:00",
    paid=True,
    hours=12,
    age=(16, None),
    dutch="none",
    places=3,
)
work(
    "buurtvers",
    "Kassamedewerker",
    "cashier customer_service",
    "Reken af met klanten en help ze als ze iets zoeken.",
    "thu 17:00-21:00; sat 08:00-17:00",
    paid=True,
    hours=13,
    dutch="B1",
    age=(16, None),
)
work(
    "buurtvers",
    "Leerwerkplek supermarkt voor jongeren",
    "shop_assistant cashier",
    "Leer alle taken in de supermarkt, met een vaste collega als begeleider.",
    "tue,thu 13:00-19:00",
    hours=12,
    age=(16, 23),
    phase=3,
    buddy=True,
    dutch="A1",
)
work(
    "hotel",
    "Receptionist",
    "reception customer_service",
    "Ontvang gasten, maak boekingen en beantwoord vragen aan de telefoon.",
    "mon,tue,wed,thu 07:00-15:00",
    paid=True,
    hours=32,
    dutch="B2",
    langs=["en"],
    age=ADULT,
)
work(
    "lepel",
    "Bezorger maaltijden op de fiets",
    "delivery cycling",
    "Bezorg maaltijden op de fiets in Zoetermeer.",
    "fri,sat,sun 17:00-21:00",
    paid=True,
    hours=12,
    dutch="A1",
    age=ADULT,
)
work(
    "kringloop",
    "Medewerker kringloopwinkel (betaald)",
    "second_hand_shop warehouse",
    "Een betaalde baan in de winkel en het magazijn, voor wie al vrijwilliger is geweest.",
    "mon,tue,wed,thu 09:00-16:00",
    paid=True,
    hours=28,
)
work(
    "dc",
    "Chauffeur bestelbus",
    "driving delivery",
    "Rijd pakketten rond in Zoetermeer en omgeving. Rijbewijs B is nodig.",
    "mon,tue,wed,thu 08:00-16:00",
    paid=True,
    hours=32,
    dutch="B1",
    age=(21, None),
    places=None,
    stale=True,
)
work(
    "leerwerk",
    "Leerwerkplek administratie",
    "office_admin reception",
    "Leer post, archief en eenvoudige administratie op een kantoor.",
    "mon,tue,wed,thu 09:00-13:00",
    hours=16,
    dutch="B1",
)
work(
    "lunchroom",
    "Leerwerkplek barista",
    "barista waiting_tables",
    "Zet koffie en bedien gasten in de lunchroom, met een collega die je alles leert.",
    "wed,thu,fri 10:00-14:00",
    hours=12,
    phase=3,
    buddy=True,
    nogeo=True,
)


# --------------------------------------------------------------------------- output

DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
FRESH = (date(2026, 7, 1), date(2026, 11, 20))  # confirmed recently
STALE = (date(2025, 9, 1), date(2026, 4, 30))  # not confirmed for months


def parse_schedule(spec) -> list[dict]:
    """'mon,wed 19:00-20:30; sat 10:00-12:00' -> [{'day': 'mon', 'start': ..., 'end': ...}, ...]"""
    if not spec:
        return []
    sessions = []
    for part in spec.split(";"):
        days, times = part.split()
        start, end = times.split("-")
        assert start < end, part
        for day in days.split(","):
            assert day in DAYS, part
            sessions.append({"day": day, "start": start, "end": end})
    return sessions


def hours_of(sessions) -> float | None:
    if not sessions:
        return None
    minutes = 0
    for s in sessions:
        (h1, m1), (h2, m2) = (map(int, s["start"].split(":")), map(int, s["end"].split(":")))
        minutes += (h2 * 60 + m2) - (h1 * 60 + m1)
    return round(minutes / 60 * 2) / 2  # to the half hour


def pick_date(window, fraction) -> str:
    first, last = window
    return (first + timedelta(days=int(fraction * ((last - first).days + 1)))).isoformat()


def subsidy_sentence(item) -> str:
    young = item["age"][1] is not None and item["age"][1] <= 18
    if young:
        return "Het Jeugdfonds Sport & Cultuur kan de kosten betalen."
    return "Met de Zoetermeerpas betaal je minder of niets."


def sentences(text) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


def build() -> list[dict]:
    centroids = load_centroids()
    # One location per address, jittered once, so items at the same place share coordinates.
    locations = {}
    for _key, (_, address, pc6, _) in PROVIDERS.items():
        if (address, pc6) not in locations:
            lat, lon = centroids[pc6[:4]]
            locations[(address, pc6)] = (
                round(lat + rng.uniform(-0.0035, 0.0035), 5),
                round(lon + rng.uniform(-0.0035, 0.0035), 5),
            )
    counters: dict[str, int] = {}
    lines = []
    for it in ITEMS:
        kind = it["kind"]
        counters[kind] = counters.get(kind, 0) + 1
        name, _, _, contact = PROVIDERS[it["provider"]]
        _, address, pc6, _ = PROVIDERS[it["at"]]
        lat, lon = (None, None) if it["nogeo"] else locations[(address, pc6)]
        sessions = parse_schedule(it["schedule"])
        description = it["description"]
        if it["subsidy"] and it["cost"] and sentences(description) < 3:
            description += " " + subsidy_sentence(it)
        hours = it["hours"]
        if hours is DEFAULT:
            hours = None if kind == "club" else hours_of(sessions)
        lines.append(
            {
                "id": f"zm-{kind}-{counters[kind]:03d}",
                "kind": kind,
                "title": it["title"],
                "description": description,
                "provider": name,
                "address": address,
                "postcode": pc6,
                "city": "Zoetermeer",
                "lat": lat,
                "lon": lon,
                "talents": it["talents"],
                "phase": it["phase"],
                "dutch_level_min": it["dutch"],
                "languages": it["langs"],
                "schedule": sessions,
                "places_left": it["places"],
                "cost_eur_year": it["cost"],
                "subsidy": it["subsidy"],
                "age_min": it["age"][0],
                "age_max": it["age"][1],
                "audience": it["audience"],
                "free_trial": it["trial"],
                "buddy": it["buddy"],
                "integration_value": it["value"],
                "paid": it["paid"],
                "hours_week": hours,
                "contact": contact,
                "last_confirmed": pick_date(STALE if it["stale"] else FRESH, it["r_days"]),
                "status": "withdrawn" if it["withdrawn"] else "active",
            }
        )
    return lines


# --------------------------------------------------------------------------- checks

# Every talent code of the Opstap taxonomy (seeds/taxonomy); only these may appear in `talents`.
TAXONOMY_CODES = set(
    """
football futsal running athletics swimming cricket boxing kickboxing wrestling judo taekwondo
volleyball basketball handball korfball hockey tennis table_tennis badminton cycling fitness yoga
walking chess climbing rowing
singing choir guitar drums piano_keyboard oud traditional_music dance hiphop_dance djing
cooking baking kitchen_help catering world_cuisine barista
elderly_care disability_care buddy first_aid nursing_help
childcare homework_help youth_work coaching_children reading_to_children
bicycle_repair car_mechanics electrical plumbing metalwork_welding electronics_repair repair_cafe
construction carpentry painting_decorating tiling bricklaying renovation
gardening vegetable_garden landscaping nature_conservation farming litter_picking
sewing tailoring knitting embroidery woodwork pottery
drawing_painting photography graphic_design video_film theatre writing_poetry
computer_basics office_admin reception programming computer_repair bookkeeping
driving delivery warehouse forklift moving_help
shop_assistant cashier market_trade customer_service second_hand_shop
cleaning hotel_housekeeping waiting_tables dishwashing event_hosting
interpreting translating language_cafe teaching tutoring
animal_care horse_riding dog_walking petting_farm
hairdressing barber nail_makeup beauty_care
work course volunteering join_club work_experience meeting_people learning_dutch
""".split()
)

FIELDS = [
    "id",
    "kind",
    "title",
    "description",
    "provider",
    "address",
    "postcode",
    "city",
    "lat",
    "lon",
    "talents",
    "phase",
    "dutch_level_min",
    "languages",
    "schedule",
    "places_left",
    "cost_eur_year",
    "subsidy",
    "age_min",
    "age_max",
    "audience",
    "free_trial",
    "buddy",
    "integration_value",
    "paid",
    "hours_week",
    "contact",
    "last_confirmed",
    "status",
]
LEVELS = ["none", "A1", "A2", "B1", "B2", "C1", "C2"]
VALUES = {"dutch_practice", "network", "work_experience", "reference"}


def check(path: Path) -> list[dict]:
    """Read the written file back and check every line; returns the parsed objects."""
    centroids = load_centroids()
    objs, ids = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        o = json.loads(line)
        where = f"line {n} ({o.get('id')})"
        assert list(o) == FIELDS, where
        assert o["id"] not in ids, where
        ids.add(o["id"])
        assert o["kind"] in ("club", "volunteer", "course", "workplace"), where
        assert 1 <= sentences(o["description"]) <= 3, where
        assert 1 <= len(o["talents"]) <= 3 and set(o["talents"]) <= TAXONOMY_CODES, where
        assert (
            re.fullmatch(r"27\d\d [A-Z]{2}", o["postcode"]) and o["postcode"][:4] in PC4_ZOETERMEER
        ), where
        assert o["postcode"][5:] not in ("SA", "SD", "SS"), where
        assert (o["lat"] is None) == (o["lon"] is None), where
        if o["lat"] is not None:
            clat, clon = centroids[o["postcode"][:4]]
            assert abs(o["lat"] - clat) <= 0.004 and abs(o["lon"] - clon) <= 0.004, where
        assert o["phase"] in (None, 0, 1, 2, 3, 4), where
        assert o["dutch_level_min"] in LEVELS, where
        assert all(re.fullmatch(r"[a-z]{2}", c) and c != "nl" for c in o["languages"]), where
        for s in o["schedule"]:
            assert (
                s["day"] in DAYS
                and re.fullmatch(r"\d\d:\d\d", s["start"])
                and s["start"] < s["end"]
            ), where
        assert o["places_left"] is None or (
            isinstance(o["places_left"], int) and o["places_left"] >= 0
        ), where
        assert o["cost_eur_year"] is None or o["cost_eur_year"] >= 0, where
        assert o["audience"] in ("everyone", "women", "men"), where
        assert o["integration_value"] and set(o["integration_value"]) <= VALUES, where
        assert not o["paid"] or o["kind"] == "workplace", where
        if o["kind"] == "workplace":
            assert 8 <= o["hours_week"] <= 32, where
        assert re.fullmatch(
            r"[a-z0-9.\-]+@([a-z0-9\-]+\.)*example\.org|079-0\d{6}", o["contact"]
        ), where
        assert "2025-09-01" <= o["last_confirmed"] <= "2026-11-20", where
        assert o["status"] in ("active", "withdrawn"), where
        objs.append(o)
    return objs


def summary(objs: list[dict]) -> str:
    def count(pred):
        return sum(1 for o in objs if pred(o))

    def evening_only(o):
        return bool(o["schedule"]) and all(s["start"] >= "18:00" for s in o["schedule"])

    def weekend(o):
        return any(s["day"] in ("sat", "sun") for s in o["schedule"])

    vol = [o for o in objs if o["kind"] == "volunteer"]
    rows = [
        ("opportunities", len(objs)),
        *(
            (f"kind {k}", count(lambda o, k=k: o["kind"] == k))
            for k in ("club", "volunteer", "course", "workplace")
        ),
        ("audience women", count(lambda o: o["audience"] == "women")),
        ("audience men", count(lambda o: o["audience"] == "men")),
        ("full (places_left 0)", count(lambda o: o["places_left"] == 0)),
        ("places unknown (null)", count(lambda o: o["places_left"] is None)),
        (
            "youth only (age_max <= 23)",
            count(lambda o: o["age_max"] is not None and o["age_max"] <= 23),
        ),
        ("18+ (age_min 18, no max)", count(lambda o: o["age_min"] == 18 and o["age_max"] is None)),
        (
            "other age limits",
            count(
                lambda o: (
                    (o["age_min"] or o["age_max"])
                    and not (o["age_max"] is not None and o["age_max"] <= 23)
                    and not (o["age_min"] == 18 and o["age_max"] is None)
                )
            ),
        ),
        (
            "stale (confirmed before 2026-05-01)",
            count(lambda o: o["last_confirmed"] < "2026-05-01"),
        ),
        ("withdrawn", count(lambda o: o["status"] == "withdrawn")),
        ("free (cost 0)", count(lambda o: o["cost_eur_year"] == 0)),
        ("costs money, subsidy", count(lambda o: (o["cost_eur_year"] or 0) > 0 and o["subsidy"])),
        (
            "costs money, no subsidy",
            count(lambda o: (o["cost_eur_year"] or 0) > 0 and not o["subsidy"]),
        ),
        ("cost unknown (null)", count(lambda o: o["cost_eur_year"] is None)),
        ("free_trial", count(lambda o: o["free_trial"])),
        ("buddy", count(lambda o: o["buddy"])),
        ("phase given", count(lambda o: o["phase"] is not None)),
        ("lat/lon null", count(lambda o: o["lat"] is None)),
        ("evening-only schedule", count(evening_only)),
        ("weekend session", count(weekend)),
        ("no schedule", count(lambda o: not o["schedule"])),
        ("paid workplaces", count(lambda o: o["paid"])),
        (
            "volunteer with work_experience/reference",
            sum(1 for o in vol if {"work_experience", "reference"} & set(o["integration_value"])),
        ),
        (
            "volunteer without",
            sum(
                1 for o in vol if not {"work_experience", "reference"} & set(o["integration_value"])
            ),
        ),
        ("volunteer network only", sum(1 for o in vol if o["integration_value"] == ["network"])),
    ]
    width = max(len(r[0]) for r in rows)
    out = [f"{label:<{width}}  {n}" for label, n in rows]
    levels = {lvl: count(lambda o, lvl=lvl: o["dutch_level_min"] == lvl) for lvl in LEVELS}
    out.append("dutch_level_min  " + ", ".join(f"{k} {v}" for k, v in levels.items() if v))
    langs: dict[str, int] = {}
    for o in objs:
        for c in o["languages"]:
            langs[c] = langs.get(c, 0) + 1
    out.append(
        "languages        "
        + ", ".join(f"{k} {v}" for k, v in sorted(langs.items(), key=lambda kv: -kv[1]))
    )
    pc4 = {}
    for o in objs:
        pc4[o["postcode"][:4]] = pc4.get(o["postcode"][:4], 0) + 1
    out.append(
        f"PC4 areas        {len(pc4)} of {len(PC4_ZOETERMEER)}: "
        + " ".join(f"{k}:{v}" for k, v in sorted(pc4.items()))
    )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--geonames", type=Path, help="GeoNames NL.txt to (re)extract postcodes.txt from"
    )
    args = parser.parse_args()
    if args.geonames:
        extract_postcodes(args.geonames)
    lines = build()
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for obj in lines:
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    print(f"wrote {OUT.name}")
    print(summary(check(OUT)))


if __name__ == "__main__":
    main()
