#!/usr/bin/env python3
"""Write Fixtures/icews/*: the same events in every ICEWS layout and container, plus bad rows.

Run from the repository root: python3 Scripts/make_icews_fixtures.py  (needs gzip, zstd, zip).
The first four events are the real rows of Fixtures/reference/icews/events-1995-head.tab.
"""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fixtures", "icews")
CLASSIC = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
           "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
           "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
           "Longitude"]
NUMERIC = {"Event ID", "CAMEO Code", "Intensity", "Story ID", "Sentence Number", "Latitude", "Longitude"}

with open(os.path.join(ROOT, "Fixtures", "reference", "icews", "events-1995-head.tab"), encoding="utf-8") as f:
    real = [line.rstrip("\n").split("\t") for line in f][1:]
EVENTS = [dict(zip(CLASSIC, row)) for row in real]
EVENTS += [
    dict(zip(CLASSIC, [
        "926690", "1995-01-02", "Tribal Elders (Iraq)", "Arab, Arabian,Elite", "Iraq",
        "Appeal for intelligence", "0214", "3.4", "United Nations", "", "", "28235811", "2",
        "Agence France-Presse", "Baghdad", "", "Baghdad", "", "33.3406", "44.4009"])),
    dict(zip(CLASSIC, [
        "926685", "1995-01-03", "Military (Russia)", "Military,Government", "Russian Federation",
        "Use conventional military force", "190", "-10", "Insurgent (Russia)",
        "Radicals / Extremists / Fundamentalists,Insurgents", "Russian Federation", "28235900", "1",
        "Interfax", "Grozny", "", "Chechnya", "Russian Federation", "43.3125", "45.6986"])),
]
# Event Text as the 2017 re-release spells some codes (recovered through the variant table).
VARIANT_TEXT = {"0214": "Appeal for intelligence cooperation"}


def write(name, lines):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write("".join(line + "\n" for line in lines))


def classic():
    return ["\t".join(CLASSIC)] + ["\t".join(e[c] for c in CLASSIC) for e in EVENTS]


def dataverse_quoted():
    def cell(column, value):
        return value if column in NUMERIC else '"' + value.replace('"', '""') + '"'
    return ["\t".join(CLASSIC)] + ["\t".join(cell(c, e[c]) for c in CLASSIC) for e in EVENTS]


def slash_date(iso):
    y, m, d = iso.split("-")
    return f"{int(m)}/{int(d)}/{y}"


def rerelease_2017():
    columns = [c for c in CLASSIC if c != "CAMEO Code"]

    def cell(event, column):
        value = event[column]
        if column == "Event Date":
            return slash_date(value)
        if column == "Event Text":
            value = VARIANT_TEXT.get(event["CAMEO Code"], value)
        if value == "":
            return "NULL"
        return '"' + value + '"' if "," in value else value
    return ["\t".join(columns)] + ["\t".join(cell(e, c) for c in columns) for e in EVENTS]


def government():
    columns = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
               "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
               "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
               "Longitude", "Event Sentence", "Source", "Headline", "Product ID", "Holding ID",
               "Language", "CAMEO Code"]
    extra = {"Event Sentence": "Officials met on Sunday, a spokesman said.", "Source": "FBIS",
             "Headline": "Talks continue", "Product ID": "P-1", "Holding ID": "H-7", "Language": "en"}

    def cell(event, column):
        value = extra[column] if column in extra else event[column]
        return "NULL" if value == "" else value
    return ["\t".join(columns)] + ["\t".join(cell(e, c) for c in columns) for e in EVENTS]


def bad_rows():
    rows = ["\t".join(CLASSIC)]

    def row(**changes):
        values = dict(zip(CLASSIC, [EVENTS[0][c] for c in CLASSIC]))
        values.update({k.replace("_", " "): v for k, v in changes.items()})
        return "\t".join(values[c] for c in CLASSIC)
    rows.append(row(**{"Event_ID": "1001"}))                                   # 2 good
    rows.append("\t".join(CLASSIC[:-1]).replace("Event ID", "1002"))           # 3 wrong field count
    rows.append(row(**{"Event_ID": "1003", "Event_Date": "1995-02-30"}))       # 4 bad date
    rows.append(row(**{"Event_ID": "1004", "CAMEO_Code": "999"}))              # 5 unknown CAMEO code
    rows.append(row(**{"Event_ID": "1005", "Intensity": "high"}))              # 6 non-numeric intensity
    rows.append(row(**{"Event_ID": "1006", "Intensity": "12"}))                # 7 intensity out of range
    rows.append(row(**{"Event_ID": "1007", "Latitude": "north"}))              # 8 non-numeric latitude
    rows.append("")                                                             # 9 blank line (skipped)
    rows.append(row(**{"Event_ID": "1009", "Source_Name": "Caf\udce9"}))       # 10 invalid UTF-8
    rows.append(row(**{"Event_ID": "1010", "CAMEO_Code": "10"}))               # 11 good (root code)
    rows.append(row(**{"Event_ID": "1011", "Longitude": "1e5"}))               # 12 non-numeric longitude
    rows.append(row(**{"Event_ID": "1012", "Event_Date": "01/02/1995"}))       # 13 bad date (format)
    rows.append(row(**{"Event_ID": "1013", "CAMEO_Code": "10"}))               # 14 good
    with open(os.path.join(OUT, "bad-rows.tab"), "wb") as f:
        for line in rows:
            f.write(line.encode("utf-8", "surrogateescape") + b"\n")


def duplicates():
    lines = classic()
    # Rows 2 and 3 repeated (same Event ID and date), and event 926685 again on its first date.
    return lines + [lines[2], lines[3], lines[1]]


def main():
    os.makedirs(OUT, exist_ok=True)
    write("classic.tab", classic())
    write("dataverse-quoted.tab", dataverse_quoted())
    write("rerelease-2017.tab", rerelease_2017())
    write("government.tab", government())
    write("duplicates.tab", duplicates())
    bad_rows()
    # Containers, named so that only the bytes can tell what they are.
    run = lambda *args: subprocess.run(args, check=True, cwd=OUT)
    with open(os.path.join(OUT, "classic-gzip.tsv"), "wb") as f:
        f.write(subprocess.run(["gzip", "-n", "-9", "-c", "classic.tab"], cwd=OUT, check=True,
                               capture_output=True).stdout)
    with open(os.path.join(OUT, "classic.tab.zst"), "wb") as f:
        f.write(subprocess.run(["zstd", "-q", "-c", "classic.tab"], cwd=OUT, check=True,
                               capture_output=True).stdout)
    with open(os.path.join(OUT, "README-in-zip.txt"), "w") as f:
        f.write("Not an event file: the reader skips archive members without an ICEWS header.\n")
    # Fixed timestamps so the zip archives come out byte-identical on every run.
    for name in ("classic.tab", "classic.tab.zst", "README-in-zip.txt"):
        os.utime(os.path.join(OUT, name), (946684800, 946684800))
    if os.path.exists(os.path.join(OUT, "classic.zip")):
        os.remove(os.path.join(OUT, "classic.zip"))
    run("zip", "-q", "-X", "classic.zip", "README-in-zip.txt", "classic.tab")
    os.remove(os.path.join(OUT, "README-in-zip.txt"))
    if os.path.exists(os.path.join(OUT, "classic-zst-member.zip")):
        os.remove(os.path.join(OUT, "classic-zst-member.zip"))
    run("zip", "-q", "-X", "-0", "classic-zst-member.zip", "classic.tab.zst")
    # Two gzip members back to back (what `cat a.gz b.gz` gives): header + 3 rows, then 3 rows.
    lines = classic()
    parts = ["".join(l + "\n" for l in lines[:4]), "".join(l + "\n" for l in lines[4:])]
    with open(os.path.join(OUT, "classic-two-members.gz"), "wb") as f:
        for part in parts:
            f.write(subprocess.run(["gzip", "-n", "-9", "-c"], input=part.encode(), check=True,
                                   capture_output=True).stdout)


if __name__ == "__main__":
    main()
