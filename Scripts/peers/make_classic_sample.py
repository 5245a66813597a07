#!/usr/bin/env python3
"""Small seeded classic-layout ICEWS dump for developing and checking the peers.

Covers what the frame rules depend on: real CAMEO codes (leading zeros), multi-valued sectors with names
containing ", ", repeated sectors within one field, empty sectors and countries, and duplicate
(Event ID, Event Date) keys. Not a replacement for `icews synth`; only the standard library is used.

    python3 make_classic_sample.py --rows 5000 --seed 1 -o /tmp/sample.tab
"""

import argparse
import datetime as dt
import random
from pathlib import Path

HEADER = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
]

COUNTRIES = [
    "Afghanistan", "Bosnia and Herzegovina", "Brazil", "Canada", "China", "Côte d'Ivoire", "Egypt",
    "France", "Germany", "India", "Iran", "Iraq", "Israel", "Japan", "Kenya", "Mexico", "Nigeria",
    "Occupied Palestinian Territory", "Pakistan", "Russian Federation", "Serbia", "South Africa",
    "Syria", "Turkey", "Ukraine", "United Kingdom", "United States", "Venezuela", "Åland Islands", "",
]

BASE_SECTORS = [
    "Government", "Military", "Police", "Executive", "Executive Office", "Elite", "Legislative / Parliamentary",
    "Judicial", "Cabinet", "Local", "Municipal", "Parties", "Opposition", "Dissident", "Business",
    "Media", "News", "Education", "Religious", "Social", "General Population / Civilian / Social",
    "Radicals / Extremists / Fundamentalists", "Rebel", "Insurgents", "Unidentified Forces", "Ethnic",
    "Arab, Arabian", "Kurd, Kurdish", "Muslim", "Christian", "Catholic", "Labor", "Agricultural", "Medical",
    "Refugees / Displaced", "Ideological", "Nongovernmental Organizations", "Intergovernmental", "Crime",
    "Protestors / Popular Opposition / Mobs", "Foreign Ministry", "Interior / Home Ministry",
]
# Enough distinct names that a top-124 vocabulary leaves an (other) tail.
SECTORS = BASE_SECTORS + [f"Sector {i:03d}" for i in range(160)]


def load_codes(cameo_dir: Path) -> list[tuple[str, str, str]]:
    """(code, event text, intensity) for every 3- and 4-digit CAMEO code in the reference tables."""
    texts = {}
    for line in (cameo_dir / "cameo_eventcodes.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        code, text = line.split("\t")
        texts[code] = text
    goldstein = {}
    for line in (cameo_dir / "cameo_goldstein.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        code, value = line.split("\t")
        goldstein[code] = value
    return [(c, texts[c], goldstein.get(c, "0.0")) for c in sorted(texts) if len(c) >= 3]


def format_intensity(value: str) -> str:
    number = float(value)
    return str(int(number)) if number == int(number) else f"{number:g}"


def sector_field(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        return ""
    count = 1 + int(rng.expovariate(0.9))
    # Zipf-like skew so that the vocabulary has clear leaders and ties in the tail.
    names = [SECTORS[min(int(rng.paretovariate(1.1)) - 1, len(SECTORS) - 1)] if rng.random() < 0.8
             else rng.choice(SECTORS) for _ in range(count)]
    if rng.random() < 0.03:
        names.append(names[0])  # a repeated sector counts once per event
    return ",".join(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--start", default="1995-01-01")
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cameo", type=Path,
                        default=Path(__file__).resolve().parents[2] / "Fixtures/reference/cameo")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    codes = load_codes(args.cameo)
    code_weights = [1.0 / (1 + i % 37) for i in range(len(codes))]
    start = dt.date.fromisoformat(args.start)
    emitted: list[list[str]] = []
    with args.output.open("w", encoding="utf-8", newline="\n") as out:
        out.write("\t".join(HEADER) + "\n")
        for i in range(args.rows):
            if emitted and rng.random() < 0.01:
                row = list(rng.choice(emitted))  # an exact (Event ID, Event Date) duplicate
                row[7] = row[7] if rng.random() < 0.5 else "0"
            else:
                day = start + dt.timedelta(days=int(rng.triangular(0, args.days - 1, args.days * 0.7)))
                code, text, intensity = rng.choices(codes, weights=code_weights)[0]
                source_country = rng.choice(COUNTRIES)
                target_country = rng.choice(COUNTRIES)
                country = rng.choice(COUNTRIES) if rng.random() < 0.3 else source_country
                event_id = str(100000 + i if rng.random() > 0.02 else 100000 + max(0, i - 5))
                row = [
                    event_id, day.isoformat(), f"Actor {i % 97}", sector_field(rng), source_country, text,
                    code, format_intensity(intensity), f"Actor {i % 89}", sector_field(rng), target_country,
                    str(2000000 + i // 3), str(1 + i % 7), "Sample Wire", "", "", "", country,
                    f"{rng.uniform(-60, 60):.4f}", f"{rng.uniform(-170, 170):.4f}",
                ]
                emitted.append(row)
            out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
