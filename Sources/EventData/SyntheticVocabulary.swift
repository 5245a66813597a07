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

  static let sectors: [String] = [
    "Government", "Executive", "Executive Office", "Elite", "Military", "Police", "Legislative / Parliamentary",
    "Ministry", "Cabinet", "Foreign Ministry", "Defense / Security Ministry", "Judicial", "Parties",
    "Opposition", "Ideological", "Dissident", "Radicals / Extremists / Fundamentalists",
    "Insurgents", "Rebel", "Separatists", "Criminal", "Business", "Finance", "Media",
    "General Population / Civilian / Social", "Social", "Ethnic", "Religious", "Muslim", "Sunni",
    "Shia", "Christian", "Catholic", "Protestant", "Jewish", "Hindu", "Buddhist", "Education",
    "Medical / Health", "Labor", "Agricultural", "Local", "Municipal", "Provincial", "Nongovernmental",
    "Humanitarian", "Human Rights", "Intergovernmental", "Diplomatic", "Navy", "Air Force", "Army",
    "Intelligence", "Customs", "Immigration", "Energy Ministry", "Trade Ministry", "Interior / Home Ministry",
    "Arab, Arabian", "Kurd, Kurdish", "Roma, Romani", "Tamil, Tamil Eelam", "Tuareg, Berber",
    "Refugees / Displaced", "Youth", "Women", "Students", "Protestors / Popular Opposition / Mobs",
    "Unidentified Forces", "Terrorist", "Lawyers / Jurists", "Scholar", "Science", "Transportation",
    "Utilities", "Tourism", "Sports", "Environment", "Nuclear", "Upper House", "Lower House",
    "Head of State", "Head of Government", "Provincial Government", "State-Owned Enterprises",
    "Central Bank", "Stock Exchange", "Banking", "Fishing", "Mining", "Oil", "Construction",
    "Manufacturing", "Telecommunications", "Aviation", "Shipping", "Rail", "Agencies",
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
}
