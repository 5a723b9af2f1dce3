"""Evaluation personas: profiles in several languages and scripts, each with graded expectations.

Grades follow the brief's rules as a coach would apply them: 3 = what the person asked for,
2 = close to it (a related activity, or the kind of step they wished for), 1 = same field,
0 = nothing to do with it. The judge (quality.py) then applies eligibility and the soft rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Persona:
    """A profile and what a good answer holds for it."""

    name: str
    profile: dict[str, Any]
    talents: dict[str, int] = field(default_factory=dict)  # talent code -> grade
    kinds: dict[str, int] = field(
        default_factory=dict
    )  # kind -> grade when the kind itself was wished
    values: dict[str, int] = field(default_factory=dict)  # integration value -> grade
    expect_empty: bool = False


def at(postcode: str, **profile: Any) -> dict[str, Any]:
    """A profile living at a Zoetermeer postcode."""
    return {"location": {"postcode": postcode}, **profile}


SPORT = {"sport": 1}
PERSONAS: list[Persona] = [
    Persona(
        "Eritrean runner (Tigrinya)",
        at("2711", talents=["ጉያ"], languages=["ti"], age=27, gender="m"),
        {"running": 3, "athletics": 3, "walking": 2, "fitness": 2},
    ),
    Persona(
        "Syrian footballer (Arabic)",
        at("2719", talents=["كرة القدم"], languages=["ar"], age=24, gender="m", dutch_level="A1"),
        {"football": 3, "futsal": 3, "coaching_children": 1},
    ),
    Persona(
        "footballer with a typo, walking only",
        at("2726", talents=["footbal"], travel="walk", age=30),
        {"football": 3, "futsal": 3},
    ),
    Persona(
        "woman wanting women-only swimming (Farsi)",
        at("2713", talents=["شنا"], needs=["women_only"], gender="f", languages=["fa"]),
        {"swimming": 3, "fitness": 1},
    ),
    Persona(
        "boy of 15 who plays football",
        at("2722", talents=["voetbal"], age=15, gender="m"),
        {"football": 3, "futsal": 3},
    ),
    Persona(
        "cook, free only in the evening",
        at(
            "2712",
            talents=["koken"],
            availability=[
                "mon-evening",
                "tue-evening",
                "wed-evening",
                "thu-evening",
                "fri-evening",
            ],
        ),
        {"cooking": 3, "world_cuisine": 3, "baking": 2, "kitchen_help": 2},
    ),
    Persona("no talents given, phase 1", at("2711", phase=1), {}),
    Persona(
        "far from everything (Groningen)",
        {"location": {"lat": 53.2194, "lon": 6.5665}, "talents": ["football"]},
        {"football": 3},
        expect_empty=True,
    ),
    Persona(
        "Ukrainian IT worker wanting work",
        at("2718", talents=["комп'ютери"], wishes=["робота"], dutch_level="B1", languages=["uk"]),
        {"computer_basics": 3, "office_admin": 3, "computers_admin": 3},
        {"workplace": 2},
    ),
    Persona(
        "Turkish woman who sews",
        at("2721", talents=["dikiş"], gender="f", languages=["tr"]),
        {"sewing": 3, "tailoring": 3, "knitting": 2},
    ),
    Persona(
        "Somali youth footballer",
        at("2724", talents=["kubbadda cagta"], age=16, languages=["so"]),
        {"football": 3, "futsal": 3},
    ),
    Persona(
        "cook who wants work",
        at("2711", talents=["koken"], wishes=["werk"], dutch_level="A2", age=35),
        {"cooking": 3, "kitchen_help": 3, "world_cuisine": 2, "dishwashing": 2, "barista": 1},
        {"workplace": 2},
    ),
    Persona(
        "gardener who wants to volunteer",
        at("2717", talents=["tuinieren"], wishes=["vrijwilligerswerk"]),
        {
            "gardening": 3,
            "vegetable_garden": 3,
            "landscaping": 2,
            "nature_conservation": 2,
            "farming": 1,
        },
        {"volunteer": 2},
    ),
    Persona(
        "wants to learn Dutch",
        at("2711", wishes=["Nederlands leren"], dutch_level="A1"),
        {"learning_dutch": 3, "language_cafe": 3},
        values={"dutch_practice": 2},
    ),
    Persona(
        "fitness, free of cost only",
        at("2723", talents=["fitness"], needs=["free"]),
        {"fitness": 3, "running": 2, "yoga": 2},
    ),
    Persona(
        "chess player by transit", at("2727", talents=["schaken"], travel="transit"), {"chess": 3}
    ),
    Persona(
        "guitarist",
        at("2728", talents=["gitaar"]),
        {
            "guitar": 3,
            "traditional_music": 2,
            "oud": 2,
            "drums": 1,
            "singing": 1,
            "choir": 1,
            "piano_keyboard": 1,
        },
    ),
    Persona(
        "wants to help elderly people",
        at("2719", talents=["ouderen helpen"], wishes=["volunteering"], dutch_level="A2"),
        {"elderly_care": 3, "nursing_help": 2, "buddy": 2},
        {"volunteer": 2},
    ),
    Persona(
        "computer course wanted",
        at("2712", talents=["computers"], wishes=["cursus"], dutch_level="A1"),
        {"computer_basics": 3, "office_admin": 2},
        {"course": 2},
    ),
    Persona(
        "coffee lover (a word the taxonomy lacks)",
        at("2711", talents=["koffie"]),
        {"barista": 3, "waiting_tables": 1, "language_cafe": 1},
    ),
    Persona(
        "Afghan cricketer (Farsi)",
        at("2725", talents=["کریکت"], languages=["fa"], gender="m"),
        {"cricket": 3},
    ),
    Persona(
        "boxer, gender x",
        at("2716", talents=["boksen"], gender="x"),
        {"boxing": 3, "kickboxing": 3, "judo": 1, "wrestling": 1, "taekwondo": 1},
    ),
    Persona(
        "forklift driver wanting work",
        at("2729", talents=["heftruck"], wishes=["werk"], dutch_level="A2"),
        {"forklift": 3, "warehouse": 3, "delivery": 1, "driving": 1},
        {"workplace": 2},
    ),
    Persona(
        "phase 3, wants work experience",
        at("2718", wishes=["werkervaring"], phase=3, dutch_level="A2"),
        {},
        values={"work_experience": 3, "reference": 2},
    ),
    Persona(
        "phase 0 newcomer who loves dancing",
        at("2726", talents=["dansen"], phase=0),
        {"dance": 3, "hiphop_dance": 3, "singing": 1, "choir": 1},
    ),
    Persona("women-only, no talents", at("2722", needs=["women_only"], gender="f"), {}),
    Persona(
        "Saturday morning with children",
        at("2713", talents=["kinderen"], availability=["sat-morning"]),
        {"childcare": 3, "coaching_children": 3, "reading_to_children": 3},
    ),
    Persona("hairdresser", at("2721", talents=["kapper"]), {"hairdressing": 3, "beauty": 2}),
    Persona(
        "walker on foot, free only",
        at("2715", talents=["wandelen"], travel="walk", needs=["free"], age=67),
        {"walking": 3, "running": 1},
    ),
    Persona(
        "transit from The Hague",
        {
            "location": {"lat": 52.0799, "lon": 4.3113},
            "talents": ["volleybal"],
            "travel": "transit",
        },
        {"volleyball": 3, "basketball": 1},
    ),
    Persona(
        "woman of 60 doing yoga",
        at("2724", talents=["yoga"], age=60, gender="f"),
        {"yoga": 3, "fitness": 2, "walking": 1},
    ),
    Persona("animal lover", at("2727", talents=["dieren"]), {"animal_care": 3, "petting_farm": 3}),
    Persona(
        "bicycle repairer (Dutch, spaced)",
        at("2711", talents=["fietsen repareren"]),
        {"bicycle_repair": 3, "repair_cafe": 2, "cycling": 1},
    ),
    Persona(
        "Arabic seamstress wanting a course",
        at("2718", talents=["خياطة"], wishes=["دورة"], gender="f", dutch_level="A1"),
        {"sewing": 3, "tailoring": 3},
        {"course": 2},
    ),
]
