#!/usr/bin/env python3
"""Write Fixtures/polecat/* and Fixtures/gdelt/*: small hand-checked files of each source.

No real POLECAT or GDELT rows are reachable offline: the files follow the documented headers and
column lists (POLECAT header from the issue, GDELT 1.0/2.0 event codebook), with every variant the
readers handle. Tests compare their frames to values computed by hand from these rows.
Run from the repository root: python3 Scripts/make_polecat_gdelt_fixtures.py
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POLECAT = ["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
           "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
           "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
           "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
           "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
           "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
           "Story People", "Story Organizations", "Story Locations", "Language", "Version"]
# (id, date, type, mode, intensity, quad, contexts, actor country, recipient country, country, lat, lon)
POLECAT_EVENTS = [
    ("20230103-0001", "2023-01-03", "ASSAULT", "firearms", "-8", "MATERIAL CONFLICT", "military; terrorism",
     "NGA", "NGA", "NGA", "9.0765", "7.3986"),
    ("20230103-0002", "2023-01-03", "PROTEST", "demo", "-3.5", "MATERIAL CONFLICT", "economic",
     "NGA", "None", "NGA", "6.5244", "3.3792"),
    ("20230103-0003", "2023-01-03", "CONSULT", "visit", "1", "VERBAL COOPERATION", "None",
     "USA; GBR", "NGA", "NGA", "None", "None"),
    ("20230104-0004", "2023-01-04", "ACCUSE", "None", "-2", "VERBAL CONFLICT", "human_rights;military",
     "FRA", "MLI", "MLI", "12.6392", "-8.0029"),
    ("20230104-0005", "2023-01-04", "AID", "humanitarian", "4.5", "MATERIAL COOPERATION", "disaster",
     "USA", "MLI", "MLI", "None", "None"),
]


def polecat_row(e, header=POLECAT, name="Muhammadu Buhari's office"):
    id_, date, type_, mode, intensity, quad, contexts, actor, recipient, country, lat, lon = e
    values = {c: "None" for c in header}
    values.update({"Event ID": id_, "Event Date": date, "Event Type": type_, "Event Mode": mode,
                   "Event Intensity": intensity, "Intensity": intensity, "Quad Code": quad,
                   "Contexts": contexts, "Actor Name": name, "Actor Country": actor,
                   "Recipient Country": recipient, "Country": country, "Latitude": lat, "Longitude": lon,
                   "Source": "Reuters", "Publication Date": date, "Language": "en", "Version": "v1.2"})
    return "\t".join(values[c] for c in header)


def write(path, lines, encoding="utf-8"):
    with open(os.path.join(ROOT, "Fixtures", path), "wb") as f:
        f.write("".join(l + "\n" for l in lines).encode(encoding))


def polecat():
    # The weekly layout, UTF-8, a name with a single quote and one with é.
    rows = [polecat_row(e) for e in POLECAT_EVENTS]
    rows[1] = rows[1].replace("Muhammadu Buhari's office", "Protesters in Lagos, 'End SARS'")
    rows[3] = rows[3].replace("Muhammadu Buhari's office", "Élysée")
    write("polecat/weekly.txt", ["\t".join(POLECAT)] + rows)
    # Earlier files: `Intensity` instead of `Event Intensity`, extra Headline / Event Text / Feed /
    # Story ID columns, ISO-8859-1, trailing tabs after the header and on some rows, and an Event ID
    # repeated with the same date (dropped as a duplicate).
    header = [("Intensity" if c == "Event Intensity" else c) for c in POLECAT] + ["Headline", "Event Text", "Feed", "Story ID"]
    rows = []
    for k, e in enumerate(POLECAT_EVENTS):
        row = polecat_row(e, header).replace("Muhammadu Buhari's office", "Élysée")
        rows.append(row + ("\t" if k % 2 == 0 else ""))
    rows.append(rows[0])
    write("polecat/early-latin1.txt", ["\t".join(header) + "\t"] + rows, encoding="latin-1")
    # Rows the reader must reject, each with its reason (line numbers in the test).
    bad = [polecat_row(POLECAT_EVENTS[0]).replace("ASSAULT", "CRIME"),
           polecat_row(POLECAT_EVENTS[0]).replace("MATERIAL CONFLICT", "BIG CONFLICT"),
           polecat_row(POLECAT_EVENTS[0]).replace("\t-8\t", "\tNone\t"),
           polecat_row(POLECAT_EVENTS[0]).replace("\t-8\t", "\t-12\t"),
           polecat_row(POLECAT_EVENTS[0]).replace("2023-01-03", "2023-13-03", 1)]
    write("polecat/bad-rows.txt", ["\t".join(POLECAT)] + [polecat_row(POLECAT_EVENTS[1])] + bad)


# GDELT: the event table's columns in order (codebook); 2.0 adds the three ADM2 codes.
GDELT1 = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
          "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
          "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
          "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
          "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
          "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
          "NumMentions", "NumSources", "NumArticles", "AvgTone",
          "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
          "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
          "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
          "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
          "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
          "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"]
GDELT2 = []
for c in GDELT1:
    GDELT2.append(c)
    if c.endswith("_ADM1Code"):
        GDELT2.append(c.replace("ADM1", "ADM2"))
assert len(GDELT1) == 58 and len(GDELT2) == 61
# (id, date, actor1 country, actor2 country, code, base, root, quad, goldstein, mentions, action geo country)
GDELT_EVENTS = [
    ("410412347", "20150218", "USA", "RUS", "036", "036", "03", "1", "4.0", "10", "RS"),
    ("410412348", "20150218", "RUS", "UKR", "190", "190", "19", "4", "-10.0", "3", "UP"),
    ("410412349", "20150218", "UKR", "", "0231", "023", "02", "1", "3.4", "2", "UP"),
    ("410412350", "20150219", "RUS", "USA", "111", "111", "11", "3", "-2.0", "5", "RS"),
    ("410412351", "20150219", "", "UKR", "0874", "087", "08", "2", "9.0", "1", "UP"),
]


def gdelt_row(e, columns):
    id_, date, a1, a2, code, base, root, quad, gold, mentions, geo = e
    v = {c: "" for c in columns}
    v.update({"GLOBALEVENTID": id_, "SQLDATE": date, "MonthYear": date[:6], "Year": date[:4],
              "FractionDate": "2015.1315", "Actor1Code": a1, "Actor1Name": a1 and a1 + " NAME",
              "Actor1CountryCode": a1, "Actor2Code": a2, "Actor2Name": a2 and a2 + " NAME",
              "Actor2CountryCode": a2, "IsRootEvent": "1", "EventCode": code, "EventBaseCode": base,
              "EventRootCode": root, "QuadClass": quad, "GoldsteinScale": gold, "NumMentions": mentions,
              "NumSources": "1", "NumArticles": mentions, "AvgTone": "-1.5", "ActionGeo_Type": "1",
              "ActionGeo_FullName": geo + " country", "ActionGeo_CountryCode": geo, "ActionGeo_Lat": "50.45",
              "ActionGeo_Long": "30.5233", "DATEADDED": date + "000000" if columns is GDELT2 else date,
              "SOURCEURL": "http://example.com/a,b"})
    return "\t".join(v[c] for c in columns)


def gdelt():
    write("gdelt/20150218.export.CSV", [gdelt_row(e, GDELT1) for e in GDELT_EVENTS])
    write("gdelt/20150218000000.export.CSV", [gdelt_row(e, GDELT2) for e in GDELT_EVENTS])
    # 57 columns: 1.0 files before April 2013 have no SOURCEURL.
    write("gdelt/20120101.export.CSV", ["\t".join(gdelt_row(e, GDELT1).split("\t")[:57]) for e in GDELT_EVENTS])
    good = gdelt_row(GDELT_EVENTS[0], GDELT1)
    bad = [good.replace("\t036\t036\t03\t1\t", "\t036\t036\t03\t7\t"),          # 2 QuadClass
           good.replace("\t036\t036\t03\t", "\t36\t036\t03\t"),                # 3 EventCode without its zero
           good.replace("\t4.0\t10\t", "\t4.0\tmany\t"),                       # 4 NumMentions
           good.replace("\t4.0\t10\t", "\t40\t10\t"),                          # 5 Goldstein
           "\t".join(good.split("\t")[:40])]                                   # 6 field count
    write("gdelt/bad-rows.export.CSV", [gdelt_row(GDELT_EVENTS[1], GDELT1)] + bad)


if __name__ == "__main__":
    polecat()
    gdelt()
