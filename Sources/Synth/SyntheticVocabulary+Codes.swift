import EventData
/// Country codes and PLOVER vocabulary for the POLECAT and GDELT shapes of a synthetic dump.
extension SyntheticVocabulary {
  /// ISO 3166 alpha-3 (POLECAT countries, GDELT actor countries) and FIPS 10-4 (GDELT's
  /// ActionGeo_CountryCode) codes of the first `countryCodes.count` names of `countries`, in the
  /// same order; POLECAT and GDELT dumps use only these countries.
  static let countryCodes: [(iso3: String, fips: String)] = [
    ("USA", "US"), ("RUS", "RS"), ("CHN", "CH"), ("IND", "IN"), ("GBR", "UK"), ("ISR", "IS"), ("IRN", "IR"),
    ("JPN", "JA"), ("FRA", "FR"), ("DEU", "GM"), ("PAK", "PK"), ("IRQ", "IZ"), ("PSE", "WE"), ("TUR", "TU"),
    ("SYR", "SY"), ("AFG", "AF"), ("AUS", "AS"), ("UKR", "UP"), ("KOR", "KS"), ("PRK", "KN"), ("EGY", "EG"),
    ("NGA", "NI"), ("PHL", "RP"), ("IDN", "ID"), ("BRA", "BR"), ("MEX", "MX"), ("CAN", "CA"), ("THA", "TH"),
    ("LKA", "CE"), ("BGD", "BG"), ("NPL", "NP"), ("MYS", "MY"), ("SAU", "SA"), ("LBN", "LE"), ("SDN", "SU"),
    ("ZAF", "SF"), ("KEN", "KE"), ("SOM", "SO"), ("ITA", "IT"), ("ESP", "SP"), ("GRC", "GR"), ("SRB", "RI"),
    ("BIH", "BK"), ("HRV", "HR"), ("XKX", "KV"), ("GEO", "GG"), ("ARM", "AM"), ("AZE", "AJ"), ("BLR", "BO"),
    ("POL", "PL"), ("VEN", "VE"), ("COL", "CO"), ("ARG", "AR"), ("CHL", "CI"), ("PER", "PE"), ("CUB", "CU"),
    ("HTI", "HA"), ("YEM", "YM"), ("LBY", "LY"), ("DZA", "AG"), ("MAR", "MO"), ("TUN", "TS"), ("ETH", "ET"),
    ("ERI", "ER"), ("UGA", "UG"), ("RWA", "RW"), ("BDI", "BY"), ("COD", "CG"), ("COG", "CF"), ("ZWE", "ZI"),
    ("ZMB", "ZA"), ("AGO", "AO"), ("MOZ", "MZ"), ("TWN", "TW"), ("HKG", "HK"), ("VNM", "VM"), ("KHM", "CB"),
    ("LAO", "LA"), ("MMR", "BM"), ("SGP", "SN"), ("NZL", "NZ"), ("FJI", "FJ"), ("PNG", "PP"), ("TLS", "TT"),
    ("KAZ", "KZ"), ("UZB", "UZ"), ("KGZ", "KG"), ("TJK", "TI"), ("TKM", "TX"), ("MNG", "MG"), ("JOR", "JO"),
    ("KWT", "KU"), ("QAT", "QA"), ("ARE", "AE"), ("BHR", "BA"), ("OMN", "MU"), ("CYP", "CY"), ("MLT", "MT"),
    ("PRT", "PO"), ("IRL", "EI"), ("ISL", "IC"), ("NOR", "NO"), ("SWE", "SW"), ("FIN", "FI"), ("DNK", "DA"),
    ("NLD", "NL"), ("BEL", "BE"), ("LUX", "LU"), ("CHE", "SZ"), ("AUT", "AU"), ("CZE", "EZ"), ("SVK", "LO"),
    ("HUN", "HU"), ("ROU", "RO"), ("BGR", "BU"), ("MDA", "MD"), ("SVN", "SI"), ("MKD", "MK"), ("ALB", "AL"),
    ("MNE", "MJ"),
  ]

  /// The PLOVER type POLECAT gives an event of each CAMEO root 01…20 (index root − 1). PLOVER
  /// codes no statements (01) or appeals (02); the dump writes them as CONSULT and AGREE, their
  /// verbal-cooperation neighbours, so every root keeps its quad class and the planted episodes
  /// carry over. CAMEO 035 (intent to yield) is CONCEDE (`ploverType(code:root:)`).
  static let ploverTypeOfRoot: [PloverEventType] = [
    .consult, .agree, .agree, .consult, .support, .cooperate, .aid, .retreat, .accuse, .request,
    .accuse, .reject, .threaten, .protest, .mobilize, .sanction, .coerce, .assault, .assault, .assault,
  ]

  static func ploverType(code: String, root: Int) -> PloverEventType {
    code.hasPrefix("035") ? .concede : ploverTypeOfRoot[root - 1]
  }

  /// PLOVER modes (the PLOVER manual's mode tables) of CAMEO codes, by code prefix; the longest
  /// matching prefix wins, and a code matching none has no mode (`None`).
  static let modeOfCodePrefix: [String: PloverEventMode] = [
    "041": .phone, "042": .visit, "043": .visit, "044": .thirdParty, "045": .multilateral,
    "071": .economic, "072": .military, "073": .humanitarian, "074": .military, "075": .asylum,
    "0841": .release, "0842": .return, "085": .access, "086": .access, "087": .disarm, "0871": .ceasefire,
    "0872": .withdraw, "0874": .withdraw,
    "101": .assist, "102": .assist, "103": .assist, "104": .change, "105": .yield, "106": .meet, "107": .meet,
    "108": .meet,
    "121": .assist, "122": .assist, "123": .change, "124": .yield, "125": .meet, "126": .meet, "127": .meet,
    "131": .relations, "1312": .restrict, "132": .ban, "1321": .restrict, "1323": .restrict, "1324": .restrict,
    "133": .relations, "134": .relations, "135": .relations, "136": .expel, "137": .arrest, "138": .violence,
    "1381": .restrict, "1382": .territory, "139": .relations,
    "141": .demo, "142": .strikeHunger, "143": .strikeLimited, "144": .obstruct, "145": .riot,
    "151": .police, "152": .troops, "153": .police, "154": .troops, "155": .weapons,
    "161": .sever, "162": .withdraw, "163": .sever, "164": .cancel, "165": .cancel, "166": .expel,
    "171": .confiscate, "172": .restrict, "1721": .censor, "1722": .ban, "1723": .curfew, "1724": .martialLaw,
    "173": .arrest, "174": .deport,
    "181": .abduct, "182": .beat, "1821": .sexual, "1822": .torture, "183": .explosives, "1831": .suicideAttack,
    "184": .abduct, "185": .assassinate, "186": .assassinate,
    "193": .firearms, "194": .heavyWeapons, "195": .heavyWeapons, "1712": .destroy,
  ]

  static func ploverMode(code: String) -> PloverEventMode? {
    var prefix = Substring(code)
    while prefix.count >= 3 {
      if let mode = modeOfCodePrefix[String(prefix)] { return mode }
      prefix = prefix.dropLast()
    }
    return nil
  }

  /// PLOVER's general contexts (the manual's table), most frequent first as the dump draws them.
  static let contexts: [String] = [
    "political", "military", "diplomatic", "economic", "government", "legal", "terrorism", "election",
    "human_rights", "humanitarian", "crime", "migration", "rights_freedoms", "legislative", "resource",
    "corruption", "disease", "enviro_disaster", "religion_ethnicity", "intelligence", "peacekeeping", "culture",
    "human_security", "political_institutions", "gender", "cyber", "cbrn", "crime_murder", "crime_drugs",
    "crime_theft", "crime_sexual", "lgbt", "future", "historical", "hypothetical",
  ]
}
