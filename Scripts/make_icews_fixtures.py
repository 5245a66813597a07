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


# ---- ICEWS as found in the wild: re-exports of the same six events (Fixtures/icews/wild/) ----
GOVERNMENT_EXTRA = {"Event Sentence": "Officials met on Sunday, a spokesman said.", "Source": "FBIS",
                    "Headline": "Talks continue", "Product ID": "P-1", "Holding ID": "H-7", "Language": "en"}
GOVERNMENT_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
                      "Event Text", "Intensity", "Target Name", "Target Sectors", "Target Country",
                      "Story ID", "Sentence Number", "Publisher", "City", "District", "Province",
                      "Country", "Latitude", "Longitude", "Event Sentence", "Source", "Headline",
                      "Product ID", "Holding ID", "Language"]


def csv_cell(value, always=False):
    """RFC 4180 quoting as pandas (minimal) or R's write.csv (always, for strings) write it."""
    if always or any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def pandas_government_csv():
    """pandas.DataFrame.to_csv(): comma, a leading unnamed index column, minimal quoting, NaN as
    empty, no CAMEO Code column (the longer government layout)."""
    lines = ["," + ",".join(GOVERNMENT_COLUMNS)]
    for i, e in enumerate(EVENTS):
        values = []
        for c in GOVERNMENT_COLUMNS:
            v = GOVERNMENT_EXTRA[c] if c in GOVERNMENT_EXTRA else e[c]
            if c == "Event Text":
                v = VARIANT_TEXT.get(e["CAMEO Code"], v)
            values.append(csv_cell(v))
        lines.append(str(i) + "," + ",".join(values))
    return lines


def readr_na_csv():
    """readr::write_csv(): comma, NA for missing, quotes only where needed, CAMEO Code kept."""
    return [",".join(CLASSIC)] + [",".join("NA" if e[c] == "" else csv_cell(e[c]) for c in CLASSIC)
                                  for e in EVENTS]


def r_write_csv():
    """base R write.csv(): every string quoted, row names in a first column headed "", NA bare,
    names made syntactic by read.csv (Event.ID)."""
    names = [c.replace(" ", ".") for c in CLASSIC]
    lines = [",".join(['""'] + ['"' + n + '"' for n in names])]
    for i, e in enumerate(EVENTS):
        cells = ['"' + str(i + 1) + '"']
        for c in CLASSIC:
            v = e[c]
            if v == "":
                cells.append("NA")
            elif c in NUMERIC and c != "CAMEO Code":
                cells.append(v)
            else:
                cells.append(csv_cell(v, always=True))
        lines.append(",".join(cells))
    return lines


def multiline_csv():
    """Quoted fields holding commas, doubled quotes and line breaks (a sentence over three lines),
    then a row with an unknown code, whose line number must count the breaks above it."""
    columns = CLASSIC + ["Event Sentence"]
    sentences = ["Officials met on Sunday, a spokesman said.",
                 'He called it "a step",\nnot a solution.\nTalks resume Monday.',
                 "Plain sentence", 'Quote at the end "x"', "Line\r\nbreak with CRLF inside", "Last"]
    lines = [",".join(columns)]
    for e, sentence in zip(EVENTS, sentences):
        lines.append(",".join([csv_cell(e[c]) for c in CLASSIC] + [csv_cell(sentence)]))
    bad = dict(EVENTS[0], **{"Event ID": "1999", "CAMEO Code": "999"})
    lines.append(",".join([csv_cell(bad[c]) for c in CLASSIC] + [csv_cell("after the breaks")]))
    return lines


def header_spellings_tab():
    """Tab-separated, header as users respell it: underscores, other case, `Cameo Code`, and extra
    columns (Datetime, ISO Week, Year, Top Cameo Code); `None` for missing (pandas astype(str))."""
    spelled = {"Event ID": "Event_ID", "Event Date": "event date", "CAMEO Code": "Cameo Code",
               "Source Sectors": "SOURCE_SECTORS", "Target Country": "target_country"}
    columns = ["Datetime"] + [spelled.get(c, c) for c in CLASSIC] + ["ISO Week", "Year", "Top Cameo Code"]
    lines = ["\t".join(columns)]
    for e in EVENTS:
        y, m, d = (int(x) for x in e["Event Date"].split("-"))
        import datetime
        week = datetime.date(y, m, d).isocalendar()[1]
        row = [e["Event Date"] + " 00:00:00"] + ["None" if e[c] == "" else e[c] for c in CLASSIC]
        row += [str(week), str(y), e["CAMEO Code"][:2]]
        lines.append("\t".join(row))
    return lines


def rerelease_extra_quotes():
    """The 2017 re-release with values wrapped in extra quotes, as a re-save of it gives:
    three quotes each side (CSV quoting of a literal "Canada") or two (`""Government""`)."""
    lines = rerelease_2017()
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split("\t")
        cells = [c if c == "NULL" or c[:1].isdigit() or c[:1] == "-" else
                 ('"""' + c.strip('"') + '"""' if i % 2 else '""' + c.strip('"') + '""')
                 for i, c in enumerate(cells)]
        out.append("\t".join(cells))
    return out


def code_13y():
    """CAMEO Code `13y` (a code outside the codebook seen in releases): recovered from Event Text
    when its code starts with 13, else rejected with the reason."""
    rows = ["\t".join(CLASSIC)]

    def row(**changes):
        values = dict(EVENTS[0])
        values.update(changes)
        return "\t".join(values[c] for c in CLASSIC)
    rows.append(row(**{"Event ID": "2001", "CAMEO Code": "13y", "Event Text": "Threaten with repression",
                       "Intensity": "-7"}))                                                   # 2 -> 137
    rows.append(row(**{"Event ID": "2002", "CAMEO Code": "13y"}))       # 3 Praise or endorse = 051: rejected
    rows.append(row(**{"Event ID": "2003", "CAMEO Code": "13y", "Event Text": ""}))         # 4 rejected
    rows.append(row(**{"Event ID": "2004", "CAMEO Code": "13y", "Event Text": "Threaten in some way"}))  # 5
    return rows


def duplicates_2021():
    """A yearly file with blocks of exactly repeated rows (the 2021 file had thousands)."""
    lines = classic()
    out = lines[:]
    for k in range(400):
        out.append(lines[1 + k % 6])
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    wild = os.path.join(OUT, "wild")
    os.makedirs(wild, exist_ok=True)
    for name, lines in [("pandas-government.csv", pandas_government_csv()), ("readr-na.csv", readr_na_csv()),
                        ("r-write-csv.csv", r_write_csv()), ("quoted-multiline.csv", multiline_csv()),
                        ("header-spellings.tab", header_spellings_tab()),
                        ("rerelease-2017-extra-quotes.tab", rerelease_extra_quotes()),
                        ("code-13y.tab", code_13y()), ("duplicates-2021.tab", duplicates_2021())]:
        write(os.path.join("wild", name), lines)
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
