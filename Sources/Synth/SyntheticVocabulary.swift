import EventData
/// Names the synthetic dump draws from: real country names (most frequent first) and real-style
/// ICEWS sector names, including names that contain ", " so sector splitting is exercised.
enum SyntheticVocabulary {
  static let countries: [String] = [
    "United States", "Russian Federation", "China", "India", "United Kingdom", "Israel", "Iran",
    "Japan", "France", "Germany", "Pakistan", "Iraq", "Occupied Palestinian Territory", "Turkey",
    "Syria", "Afghanistan", "Australia", "Ukraine", "South Korea", "North Korea", "Egypt", "Nigeria",
    "Philippines", "Indonesia", "Brazil", "Mexico", "Canada", "Thailand", "Sri Lanka", "Bangladesh",
    "Nepal", "Malaysia", "Saudi Arabia", "Lebanon", "Sudan", "South Africa", "Kenya", "Somalia",
    "Italy", "Spain", "Greece", "Serbia", "Bosnia and Herzegovina", "Croatia", "Kosovo", "Georgia",
    "Armenia", "Azerbaijan", "Belarus", "Poland", "Venezuela", "Colombia", "Argentina", "Chile", "Peru",
    "Cuba", "Haiti", "Yemen", "Libya", "Algeria", "Morocco", "Tunisia", "Ethiopia", "Eritrea",
    "Uganda", "Rwanda", "Burundi", "Democratic Republic of Congo", "Congo", "Zimbabwe", "Zambia",
    "Angola", "Mozambique", "Taiwan", "Hong Kong", "Vietnam", "Cambodia", "Laos", "Myanmar",
    "Singapore", "New Zealand", "Fiji", "Papua New Guinea", "Timor-Leste", "Kazakhstan", "Uzbekistan",
    "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Mongolia", "Jordan", "Kuwait", "Qatar",
    "United Arab Emirates", "Bahrain", "Oman", "Cyprus", "Malta", "Portugal", "Ireland", "Iceland",
    "Norway", "Sweden", "Finland", "Denmark", "Netherlands", "Belgium", "Luxembourg", "Switzerland",
    "Austria", "Czech Republic", "Slovakia", "Hungary", "Romania", "Bulgaria", "Moldova", "Slovenia",
    "North Macedonia", "Albania", "Montenegro", "Estonia", "Latvia", "Lithuania", "Ecuador",
    "Bolivia", "Paraguay", "Uruguay", "Guyana", "Suriname", "Panama", "Costa Rica", "Nicaragua",
    "Honduras", "El Salvador", "Guatemala", "Belize", "Jamaica", "Dominican Republic",
    "Trinidad and Tobago", "Barbados", "Bahamas", "Grenada", "Saint Lucia", "Dominica",
    "Antigua and Barbuda", "Saint Kitts and Nevis", "Saint Vincent and the Grenadines", "Ghana",
    "Ivory Coast", "Senegal", "Mali", "Niger", "Chad", "Burkina Faso", "Guinea", "Guinea-Bissau",
    "Sierra Leone", "Liberia", "Togo", "Benin", "Cameroon", "Central African Republic", "Gabon",
    "Equatorial Guinea", "Sao Tome and Principe", "Cape Verde", "Gambia", "Mauritania", "Tanzania",
    "Malawi", "Madagascar", "Mauritius", "Seychelles", "Comoros", "Djibouti", "South Sudan",
    "Namibia", "Botswana", "Lesotho", "Eswatini", "Bhutan", "Maldives", "Brunei", "Samoa", "Tonga",
    "Vanuatu", "Solomon Islands", "Kiribati", "Tuvalu", "Nauru", "Marshall Islands", "Palau",
    "Micronesia", "Andorra", "Monaco", "Liechtenstein", "San Marino", "Holy See", "Greenland",
    "Puerto Rico", "Guam", "Bermuda", "Cayman Islands", "Aruba", "Curacao", "Gibraltar",
    "Faroe Islands", "New Caledonia", "French Polynesia", "Western Sahara", "Reunion", "Martinique",
    "Guadeloupe", "French Guiana", "Mayotte", "Montserrat", "Anguilla", "British Virgin Islands",
    "United States Virgin Islands", "Turks and Caicos Islands", "Falkland Islands", "Saint Helena",
    "American Samoa", "Northern Mariana Islands", "Cook Islands", "Niue", "Tokelau",
    "Wallis and Futuna", "Norfolk Island", "Christmas Island", "Cocos Islands", "Pitcairn Islands",
    "Isle of Man", "Jersey", "Guernsey", "Aland Islands", "Svalbard", "Saint Pierre and Miquelon",
    "Sint Maarten", "Bonaire", "Saint Barthelemy", "Saint Martin", "Macau", "Abkhazia",
    "South Ossetia", "Transnistria", "Northern Cyprus", "Somaliland", "Nagorno-Karabakh",
    "Serbia and Montenegro", "Yugoslavia", "Czechoslovakia", "Soviet Union", "East Germany",
    "Netherlands Antilles",
  ]

  /// Ranked by how often ICEWS-style actors carry them (the dump draws them Zipf-like by rank), so the
  /// top 124 of a few hundred names are the common ones and the tail is rare but present.
  static let sectors: [String] = [
    "Government", "Military", "Police", "Executive", "Business", "Media", "Elite", "Legislative / Parliamentary",
    "Cabinet", "Ministry", "Executive Office", "Judicial", "Parties", "Protestors / Popular Opposition / Mobs",
    "Radicals / Extremists / Fundamentalists", "Insurgents", "Unidentified Forces", "Criminal", "Foreign Ministry",
    "Defense / Security Ministry", "Interior / Home Ministry", "General Population / Civilian / Social",
    "Opposition Major Party (Out Of Government)", "Government Major Party (In Government)",
    "Nongovernmental Organizations", "Intergovernmental Organizations", "Religious", "Ethnic", "Rebel", "Separatists",
    "Organized Violent", "Dissident", "Army", "Navy", "Air Force", "Intelligence", "Diplomatic",
    "Finance / Economy / Commerce / Trade Ministry", "Justice / Law Ministry", "Education", "Medical / Health",
    "Labor", "Agricultural / Rural", "Local", "Municipal", "Provincial", "Human Rights NGOs",
    "Humanitarian Organizations", "Arab, Arabian", "Muslim", "Sunni", "Shia", "Christian", "Catholic", "Protestant",
    "Jewish", "Hindu", "Buddhist", "Kurd, Kurdish", "Pashtun, Pathan", "Refugees / Displaced", "Students", "Youth",
    "Women", "Lawyers / Jurists", "Scholar", "Science", "Center Left", "Center Right", "Far Left", "Far Right",
    "Nationalist", "Socialist", "Communist", "Conservative", "Liberal", "Green", "Head of State",
    "Head of Government", "Upper House", "Lower House", "Provincial Government", "State-Owned Enterprises",
    "Central Bank", "Banking", "Stock Exchange", "Energy / Oil / Natural Resources", "Mining", "Construction",
    "Manufacturing", "Telecommunications", "Transportation", "Aviation", "Shipping", "Rail", "Utilities", "Tourism",
    "Sports", "Environment", "Nuclear", "Terrorist", "Paramilitary", "Militia", "Special Forces", "Border Guards",
    "Coast Guard", "Presidential Guard", "Republican Guard", "Peacekeepers", "Veterans", "Prisoners / Detainees",
    "Exiles / Diaspora", "Migrants", "Asylum Seekers", "Farmers", "Fishermen", "Trade Unions", "Teachers", "Doctors",
    "Nurses", "Journalists", "Bloggers", "Artists", "Clergy", "Monks", "Imams", "Bishops", "Tribal Elders", "Clans",
    "Villagers", "Pilgrims", "Investors", "Multinational Corporations", "Small Business", "Contractors",
    "Defense Industry", "Arms Dealers", "Drug Traffickers", "Smugglers", "Pirates", "Gangs", "Hackers", "Customs",
    "Immigration", "Health Ministry", "Education Ministry", "Agriculture / Fishing / Forestry Ministry",
    "Energy Ministry", "Transportation Ministry", "Environment Ministry", "Labor Ministry", "Culture Ministry",
    "Tourism Ministry", "Communications Ministry", "Science / Technology Ministry", "Social Welfare Ministry",
    "Women's Affairs Ministry", "Youth / Sports Ministry", "Information Ministry", "Housing Ministry",
    "Water Resources Ministry", "Industry Ministry", "Mining Ministry", "Planning Ministry",
    "Local Government Ministry", "Religious Affairs Ministry", "Veterans Affairs Ministry", "Public Works Ministry",
    "Petroleum Ministry", "Fisheries Ministry", "Tamil, Tamil Eelam", "Tuareg, Berber", "Roma, Romani",
    "Hutu, Bahutu", "Tutsi, Batutsi", "Uighur, Uyghur", "Baloch, Baluch", "Yoruba, Oyo", "Igbo, Ibo", "Hausa, Fulani",
    "Kikuyu, Gikuyu", "Luo, Joluo", "Chechen, Nokhchi", "Albanian, Shqiptar", "Serb, Serbian", "Croat, Croatian",
    "Bosniak, Bosnian Muslim", "Sinhalese, Sinhala", "Rohingya, Ruaingga", "Karen, Kayin", "Shan, Tai Yai",
    "Kachin, Jinghpaw", "Hmong, Miao", "Tibetan, Bod", "Maori, Tangata Whenua", "Aborigine, Aboriginal Australian",
    "Inuit, Eskimo", "Druze, Druse", "Alawite, Alawi", "Copt, Coptic", "Maronite, Maronite Christian", "Zaidi, Zaydi",
    "Ismaili, Ismaili Shia", "Ahmadi, Ahmadiyya", "Sikh, Khalsa", "Kashmiri, Koshur", "Naga, Nagas", "Amhara, Amara",
    "Oromo, Afaan Oromo", "Tigray, Tigrayan", "Somali, Soomaali", "Afar, Danakil", "Berber, Amazigh",
    "Sahrawi, Saharawi", "Fur, Fora", "Dinka, Jieng", "Nuer, Naath", "Zaghawa, Beri", "Zulu, amaZulu",
    "Xhosa, amaXhosa", "Shona, Mashona", "Ndebele, Matabele", "Basque, Euskaldun", "Catalan, Catalonian",
    "Corsican, Corsu", "Flemish, Flemings", "Walloon, Walloons", "Hungarian, Magyar", "Russian, Russophone",
    "Tatar, Tartar", "Abkhaz, Abkhazian", "Ossetian, Ossete", "Armenian, Hay", "Azeri, Azerbaijani",
    "Hazara, Hezareh", "Tajik, Tojik", "Uzbek, Ozbek", "Turkmen, Turkoman", "Yazidi, Ezidi", "Assyrian, Syriac",
    "Mapuche, Araucanian", "Quechua, Runa", "Aymara, Aimara", "Garifuna, Garinagu", "Mayan, Maya", "Evangelical",
    "Orthodox", "Anglican", "Methodist", "Baptist", "Pentecostal", "Lutheran", "Mormon", "Jehovah's Witness", "Sufi",
    "Salafi", "Wahhabi", "Deobandi", "Barelvi", "Shinto", "Confucian", "Taoist", "Zoroastrian", "Bahai", "Animist",
    "Government Religious", "Military Intelligence", "Military Police", "Secret Police", "Riot Police",
    "Traffic Police", "Prosecutors", "Supreme Court", "Constitutional Court", "Electoral Commission",
    "Anti-Corruption Agency", "Audit Office", "Ombudsman", "Regulatory Agencies", "Statistics Office", "Space Agency",
    "Public Broadcaster", "State Media", "Independent Media", "Wire Services", "Newspapers", "Television", "Radio",
    "Internet / Social Media", "Think Tanks", "Universities", "Schools", "Hospitals", "Charities", "Foundations",
    "Cooperatives", "Chambers of Commerce", "Employers' Associations", "Professional Associations", "Consumer Groups",
    "Environmental Groups", "Animal Rights Groups", "Indigenous Peoples", "Minorities", "Disabled", "Elderly",
    "Children", "Orphans", "Widows", "Unemployed", "Homeless", "Slum Dwellers", "Landless", "Squatters",
    "Street Vendors", "Taxi Drivers", "Truckers", "Miners", "Oil Workers", "Dock Workers", "Railway Workers",
    "Airline Staff", "Civil Servants", "Soldiers", "Officers", "Generals", "Conscripts", "Reservists", "Mercenaries",
    "Private Security", "Bodyguards", "Hostages", "Kidnappers", "Assassins", "Suicide Bombers", "Snipers", "Looters",
    "Rioters", "Strikers", "Hunger Strikers", "Petitioners", "Activists", "Whistleblowers", "Defectors", "Spies",
    "Royal Family", "Nobility", "Warlords", "Tribal Militia", "Self-Defense Groups", "Vigilantes", "Death Squads",
    "Guerrillas", "Jihadists",
  ]

  static let publishers: [String] = [
    "Agence France-Presse", "BBC Monitoring", "Xinhua News Agency", "The Toronto Star",
    "Associated Press", "Reuters", "Interfax", "Kyodo News", "Yonhap", "Press Trust of India",
    "Al Jazeera", "The Hindu", "Jerusalem Post", "ITAR-TASS", "Deutsche Presse-Agentur",
  ]

  /// Common CAMEO codes with relative weights; every other codebook code gets weight 1.
  static let commonCodes: [(code: String, weight: Int)] = [
    ("042", 900), ("043", 850), ("010", 800), ("020", 700), ("036", 650), ("051", 600),
    ("190", 450), ("040", 400), ("046", 350), ("112", 300), ("173", 300), ("111", 250),
    ("030", 250), ("057", 200), ("013", 180), ("012", 150), ("061", 140), ("071", 120),
    ("193", 120), ("183", 60), ("120", 100), ("130", 90), ("141", 110), ("160", 40), ("172", 50),
    ("180", 60), ("1823", 30), ("195", 40), ("084", 40), ("0841", 35), ("128", 40), ("138", 35),
  ]

  /// Sectors of the actors that dominate a planted crisis episode.
  static let crisisSectors: [String] = [
    "Military", "Police", "Insurgents", "Protestors / Popular Opposition / Mobs", "Rebel",
    "Unidentified Forces", "Radicals / Extremists / Fundamentalists",
  ]

  /// Geocoded places of every country (ICEWS coordinates are per place, so they repeat).
  static let places: [(city: String, province: String)] = [
    ("Capital City", "Central Province"), ("Port City", "Coastal Province"), ("Border Town", "Northern Province"),
  ]
}
