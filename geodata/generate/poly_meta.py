"""Hand-written attributes of the polygon layers: ids, names, aliases,
demonyms and one-sentence summaries of countries, water bodies, regions and
macro-regions. Facts are public knowledge; wording is ours."""

# NE ADM0_A3 -> (id, name, aliases, demonyms, status or None, summary)
# status: "recognised" for UN member states, "partially-recognised" otherwise.
COUNTRIES = {
    "AFG": ("afghanistan", "Afghanistan", ["Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"],
            ["Afghan", "Afghans", "Afghani"], "recognised",
            "Landlocked state between Central and South Asia, governed by the Taliban since August 2021."),
    "ARE": ("united-arab-emirates", "United Arab Emirates", ["UAE", "U.A.E.", "the Emirates", "Emirates"],
            ["Emirati", "Emiratis"], "recognised",
            "Federation of seven emirates on the southern shore of the Persian Gulf."),
    "ARM": ("armenia", "Armenia", ["Republic of Armenia", "Hayastan"], ["Armenian", "Armenians"], "recognised",
            "Landlocked South Caucasus republic bordering Georgia, Azerbaijan, Iran and Turkey."),
    "AZE": ("azerbaijan", "Azerbaijan", ["Republic of Azerbaijan", "Azerbaijan Republic"],
            ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"], "recognised",
            "South Caucasus republic on the western shore of the Caspian Sea, including the Nakhchivan exclave."),
    "BGD": ("bangladesh", "Bangladesh", ["People's Republic of Bangladesh"], ["Bangladeshi", "Bangladeshis"],
            "recognised", "South Asian state on the Bay of Bengal, almost surrounded by India."),
    "BGR": ("bulgaria", "Bulgaria", ["Republic of Bulgaria"], ["Bulgarian", "Bulgarians"], "recognised",
            "Balkan EU and NATO member on the western shore of the Black Sea."),
    "BHR": ("bahrain", "Bahrain", ["Kingdom of Bahrain"], ["Bahraini", "Bahrainis"], "recognised",
            "Island kingdom in the Persian Gulf between Qatar and Saudi Arabia."),
    "BLR": ("belarus", "Belarus", ["Republic of Belarus", "Byelorussia", "Belorussia"],
            ["Belarusian", "Belarusians"], "recognised",
            "Landlocked East European state closely allied with Russia in the Union State."),
    "BTN": ("bhutan", "Bhutan", ["Kingdom of Bhutan"], ["Bhutanese"], "recognised",
            "Landlocked Himalayan kingdom between India and China."),
    "CHN": ("china", "China", ["People's Republic of China", "PRC", "P.R.C."], ["Chinese"], "recognised",
            "East Asian great power whose Xinjiang region borders Central Asia."),
    "CYP": ("cyprus", "Cyprus", ["Republic of Cyprus"], ["Cypriot", "Cypriots"], "recognised",
            "EU island state in the eastern Mediterranean whose northern third is administered by the "
            "Turkish Cypriot authorities, recognised only by Turkey."),
    "EGY": ("egypt", "Egypt", ["Arab Republic of Egypt"], ["Egyptian", "Egyptians"], "recognised",
            "North African state controlling the Suez Canal between the Mediterranean and the Red Sea."),
    "EST": ("estonia", "Estonia", ["Republic of Estonia"], ["Estonian", "Estonians"], "recognised",
            "Baltic EU and NATO member state on the Gulf of Finland."),
    "GEO": ("georgia", "Georgia", ["Sakartvelo", "Republic of Georgia"], ["Georgian", "Georgians"], "recognised",
            "South Caucasus republic on the Black Sea; its Abkhazia and South Ossetia regions are held by "
            "Russian-backed de facto authorities."),
    "GRC": ("greece", "Greece", ["Hellenic Republic", "Hellas"], ["Greek", "Greeks"], "recognised",
            "South-east European EU and NATO member on the Aegean, Ionian and Mediterranean seas."),
    "IND": ("india", "India", ["Republic of India", "Bharat"], ["Indian", "Indians"], "recognised",
            "South Asian great power; its northern border with Pakistan and China in Kashmir is disputed."),
    "IRN": ("iran", "Iran", ["Islamic Republic of Iran", "Islamic Republic", "I.R. Iran"],
            ["Iranian", "Iranians", "Persian", "Persians"], "recognised",
            "Islamic Republic bordering the Caspian Sea to the north and the Persian Gulf and Gulf of Oman to "
            "the south."),
    "IRQ": ("iraq", "Iraq", ["Republic of Iraq"], ["Iraqi", "Iraqis"], "recognised",
            "Federal republic on the Tigris and Euphrates including the autonomous Kurdistan Region."),
    "ISR": ("israel", "Israel", ["State of Israel"], ["Israeli", "Israelis"], "recognised",
            "Eastern Mediterranean state; boundaries shown are Natural Earth's and do not settle disputed areas."),
    "JOR": ("jordan", "Jordan", ["Hashemite Kingdom of Jordan"], ["Jordanian", "Jordanians"], "recognised",
            "Levantine kingdom east of the Jordan River with an outlet on the Gulf of Aqaba."),
    "KAZ": ("kazakhstan", "Kazakhstan", ["Republic of Kazakhstan", "Qazaqstan", "Kazakstan"],
            ["Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"], "recognised",
            "Largest Central Asian state, on the north-eastern shore of the Caspian Sea."),
    "KGZ": ("kyrgyzstan", "Kyrgyzstan", ["Kyrgyz Republic", "Kirghizia", "Kirgizia"],
            ["Kyrgyz", "Kyrgyzstani", "Kirghiz"], "recognised",
            "Mountainous landlocked Central Asian republic in the Tian Shan."),
    "KWT": ("kuwait", "Kuwait", ["State of Kuwait"], ["Kuwaiti", "Kuwaitis"], "recognised",
            "Emirate at the head of the Persian Gulf between Iraq and Saudi Arabia."),
    "LBN": ("lebanon", "Lebanon", ["Lebanese Republic"], ["Lebanese"], "recognised",
            "Eastern Mediterranean republic between Syria and Israel."),
    "LBY": ("libya", "Libya", ["State of Libya"], ["Libyan", "Libyans"], "recognised",
            "North African state on the Mediterranean, divided between rival governments since 2014."),
    "LTU": ("lithuania", "Lithuania", ["Republic of Lithuania"], ["Lithuanian", "Lithuanians"], "recognised",
            "Southernmost Baltic EU and NATO member state."),
    "LVA": ("latvia", "Latvia", ["Republic of Latvia"], ["Latvian", "Latvians"], "recognised",
            "Baltic EU and NATO member state between Estonia and Lithuania."),
    "MDA": ("moldova", "Moldova", ["Republic of Moldova", "Moldavia"], ["Moldovan", "Moldovans"], "recognised",
            "East European republic between Romania and Ukraine; its Transnistria region is held by a "
            "Russian-backed de facto authority."),
    "MNG": ("mongolia", "Mongolia", ["Mongol Uls", "Outer Mongolia"], ["Mongolian", "Mongolians", "Mongol"],
            "recognised", "Landlocked East Asian state between Russia and China."),
    "NPL": ("nepal", "Nepal", ["Federal Democratic Republic of Nepal"], ["Nepali", "Nepalese"], "recognised",
            "Landlocked Himalayan republic between India and China."),
    "OMN": ("oman", "Oman", ["Sultanate of Oman"], ["Omani", "Omanis"], "recognised",
            "Sultanate on the south-eastern Arabian Peninsula, holding the Musandam tip on the Strait of Hormuz."),
    "PAK": ("pakistan", "Pakistan", ["Islamic Republic of Pakistan"], ["Pakistani", "Pakistanis"], "recognised",
            "South Asian state between Iran, Afghanistan, China and India, with ports on the Arabian Sea."),
    "POL": ("poland", "Poland", ["Republic of Poland"], ["Polish", "Pole", "Poles"], "recognised",
            "Central European EU and NATO member state (only its eastern edge lies in the map's focus area)."),
    "PSX": ("palestine", "Palestine", ["State of Palestine", "Palestinian territories", "West Bank and Gaza"],
            ["Palestinian", "Palestinians"], "partially-recognised",
            "The West Bank and Gaza Strip, a UN non-member observer state whose territory Israel occupies in "
            "large part."),
    "QAT": ("qatar", "Qatar", ["State of Qatar"], ["Qatari", "Qataris"], "recognised",
            "Peninsular emirate in the Persian Gulf sharing the world's largest gas field with Iran."),
    "ROU": ("romania", "Romania", [], ["Romanian", "Romanians"], "recognised",
            "South-east European EU and NATO member on the western shore of the Black Sea."),
    "RUS": ("russia", "Russia", ["Russian Federation", "the Russian Federation"], ["Russian", "Russians"],
            "recognised",
            "Eurasian great power on the northern Caspian and Black Sea shores (geometry clipped at 136\u00b0E and "
            "75\u00b0N)."),
    "SAU": ("saudi-arabia", "Saudi Arabia", ["Kingdom of Saudi Arabia", "KSA"], ["Saudi", "Saudis"], "recognised",
            "Kingdom occupying most of the Arabian Peninsula between the Red Sea and the Persian Gulf."),
    "SDN": ("sudan", "Sudan", ["Republic of the Sudan", "the Sudan"], ["Sudanese"], "recognised",
            "North-east African state on the Red Sea and the Nile."),
    "SYR": ("syria", "Syria", ["Syrian Arab Republic"], ["Syrian", "Syrians"], "recognised",
            "Levantine republic between Turkey, Iraq, Jordan, Israel and Lebanon."),
    "TJK": ("tajikistan", "Tajikistan", ["Republic of Tajikistan", "Tadjikistan"], ["Tajik", "Tajiks",
            "Tajikistani"], "recognised",
            "Mountainous landlocked Central Asian republic bordering Afghanistan along the Panj River."),
    "TKM": ("turkmenistan", "Turkmenistan", ["Turkmenia"], ["Turkmen", "Turkmens", "Turkmenistani"], "recognised",
            "Central Asian republic on the eastern shore of the Caspian Sea with large gas reserves."),
    "TUR": ("turkey", "Turkey", ["T\u00fcrkiye", "Turkiye", "Republic of Turkey", "Republic of T\u00fcrkiye"],
            ["Turkish", "Turk", "Turks"], "recognised",
            "Republic spanning Anatolia and eastern Thrace, between the Black Sea and the Mediterranean."),
    "UKR": ("ukraine", "Ukraine", ["the Ukraine"], ["Ukrainian", "Ukrainians"], "recognised",
            "East European republic on the Black Sea, shown within its internationally recognised borders "
            "including Crimea."),
    "UZB": ("uzbekistan", "Uzbekistan", ["Republic of Uzbekistan"], ["Uzbek", "Uzbeks", "Uzbekistani"],
            "recognised", "Doubly landlocked Central Asian republic between the Amu Darya and the Syr Darya."),
}

# Endonyms for the countries of the focus area (hand-written; NE lacks most of these languages).
NAME_LOCAL = {
    "afghanistan": "افغانستان",
    "armenia": "Հայաստան",
    "azerbaijan": "Azərbaycan",
    "china": "中国",
    "georgia": "საქართველო",
    "iran": "ایران",
    "kazakhstan": "Қазақстан",
    "kyrgyzstan": "Кыргызстан",
    "russia": "Россия",
    "tajikistan": "Тоҷикистон",
    "turkey": "Türkiye",
    "turkmenistan": "Türkmenistan",
    "ukraine": "Україна",
    "uzbekistan": "Oʻzbekiston",
}

# NE admin-0 units in the extent deliberately not shipped as countries.
SKIPPED_UNITS = {
    "ESB": "Dhekelia Sovereign Base Area (United Kingdom dependency in Cyprus)",
    "WSB": "Akrotiri Sovereign Base Area (United Kingdom dependency in Cyprus)",
}

# Fallback list when /work/shared/required-features.tsv is not at hand.
REQUIRED_POLYGON_IDS = [
    ("armenia", "country"), ("azerbaijan", "country"), ("georgia", "country"), ("kazakhstan", "country"),
    ("kyrgyzstan", "country"), ("tajikistan", "country"), ("turkmenistan", "country"), ("uzbekistan", "country"),
    ("russia", "country"), ("iran", "country"), ("turkey", "country"), ("china", "country"),
    ("afghanistan", "country"), ("pakistan", "country"), ("india", "country"), ("iraq", "country"),
    ("syria", "country"), ("israel", "country"), ("lebanon", "country"), ("ukraine", "country"),
    ("belarus", "country"), ("moldova", "country"), ("greece", "country"), ("bulgaria", "country"),
    ("saudi-arabia", "country"), ("qatar", "country"), ("mongolia", "country"),
    ("south-caucasus", "macro-region"), ("central-asia", "macro-region"), ("greater-caspian-region", "macro-region"),
    ("nagorno-karabakh", "region"), ("nakhchivan", "region"), ("abkhazia", "region"), ("south-ossetia", "region"),
    ("crimea", "region"), ("transnistria", "region"), ("donbas", "region"), ("syunik", "region"),
    ("east-azerbaijan-province", "region"), ("west-azerbaijan-province", "region"), ("ardabil-province", "region"),
    ("zanjan-province", "region"), ("sistan-baluchestan", "region"), ("xinjiang", "region"),
    ("fergana-valley", "region"), ("gorno-badakhshan", "region"), ("chechnya", "region"), ("dagestan", "region"),
    ("caspian-sea", "water"), ("black-sea", "water"), ("aral-sea", "water"), ("persian-gulf", "water"),
    ("gulf-of-oman", "water"), ("aras-river", "water"),
]

# Plausible areas (km^2) from public reference figures, with generous margins
# for generalisation: the self-check fails if a polygon falls outside.
PLAUSIBLE_AREAS_KM2 = {
    "armenia": (28_000, 31_500),  # 29,743
    "azerbaijan": (80_000, 92_000),  # 86,600
    "georgia": (66_000, 73_000),  # 69,700
    "kazakhstan": (2_600_000, 2_850_000),  # 2,724,900
    "iran": (1_580_000, 1_720_000),  # 1,648,195
    "turkey": (760_000, 800_000),  # 783,562
    "caspian-sea": (330_000, 400_000),  # ~371,000
    "black-sea": (400_000, 470_000),  # ~436,000
    "sea-of-azov": (33_000, 43_000),  # ~39,000
    "persian-gulf": (220_000, 270_000),  # ~251,000
    "gulf-of-oman": (80_000, 200_000),  # IHO limits; sources differ
    "lake-sevan": (1_000, 1_500),  # 1,242
    "issyk-kul": (5_500, 7_000),  # 6,236
    "lake-van": (3_300, 4_000),  # 3,755
    "lake-balkhash": (15_500, 19_000),  # 16,400
    "nakhchivan": (4_500, 6_000),  # 5,502 official; the NE 1:10m exclave measures ~4,760
    "nagorno-karabakh": (4_000, 4_800),  # 4,388 (NKAO)
    "abkhazia": (8_000, 9_300),  # 8,665
    "south-ossetia": (3_500, 4_600),  # 3,900 official; NE claim line encloses ~4,440
    "crimea": (25_000, 28_500),  # 27,000 incl. Sevastopol
    "transnistria": (2_800, 4_700),  # 4,163 official incl. Bender; NE claim line encloses ~3,030
    "syunik": (4_000, 5_000),  # 4,506
    "east-azerbaijan-province": (40_000, 50_000),  # 45,650
    "xinjiang": (1_550_000, 1_750_000),  # 1,664,900
    "gorno-badakhshan": (58_000, 70_000),  # 64,200
    "chechnya": (14_000, 17_500),  # 15,647
    "dagestan": (47_000, 53_000),  # 50,270
    "south-caucasus": (175_000, 200_000),  # ~186,000
}
