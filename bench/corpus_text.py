"""Word lists and sentence templates for the synthetic press-release corpus (``bench.corpus``).

Templates are ``str.format`` strings over the fields a release builder supplies (``nick``, ``name``,
``asset``, ``year``...). Nothing here is random: the builder picks with its own seeded generator.
Words that unanswerable questions ask about (dividends, backlog, the roles in ``NEVER_ROLES``) never
appear in any template.
"""

from __future__ import annotations

ONSETS = ("Ka", "Ve", "Lo", "Ma", "No", "Tor", "Bel", "Cal", "Dra", "Es", "Fen", "Gal", "Har", "Ir", "Jas", "Kel",
          "Lum", "Mor", "Nev", "Or", "Pel", "Quor", "Ral", "Sel", "Tam", "Ul", "Val", "Wen", "Xan", "Yar", "Zel",
          "Ash", "Bren", "Cor", "Dun", "El", "Ost", "Rho", "Sten", "Tal")
MIDS = ("la", "ri", "ve", "do", "na", "ro", "li", "ta", "mi", "sa", "", "")
ENDS = ("ris", "nia", "vex", "dor", "lin", "ton", "mar", "wyn", "ra", "tis", "lis", "van", "rex", "tek", "via",
        "gen", "dale", "mont")
COMPOUND_A = ("North", "South", "West", "East", "Silver", "Red", "Black", "Iron", "Stone", "Frost", "Storm",
              "Grey", "Golden", "High", "Deep", "Clear", "Bright", "Cold", "Pine", "Cedar", "Raven", "Falcon")
COMPOUND_B = ("cairn", "tarn", "ridge", "water", "field", "crest", "gate", "brook", "ford", "wood", "peak", "vale",
              "moor", "haven", "point", "bay", "rock", "hollow", "spire", "mere")
LANDFORMS = ("Creek", "Lake", "Hill", "Ridge", "River", "Basin", "Mountain", "Flats", "Valley", "Narrows")

FIRST = ("Helena", "Samuel", "Priya", "Graham", "Rachel", "Colin", "Annika", "Jonas", "Matthias", "Fiona",
         "Thomas", "Lucy", "Douglas", "Katrin", "Dennis", "Lewis", "Maria", "David", "Sophie", "Marcus", "Elena",
         "Omar", "Grace", "Victor", "Ingrid", "Rahul", "Claire", "Hugo", "Nadia", "Peter", "Alicia", "Kenji",
         "Laura", "Felix", "Amara", "Robert", "Chloe", "Daniel", "Yasmin", "Patrick", "Mei", "Oliver", "Tanya",
         "Julian", "Beatrice", "Andre", "Sara", "Connor", "Isabel", "Mikhail", "Harriet", "Luca", "Nora",
         "Ethan", "Leah", "Gregory", "Anita", "Simon", "Vanessa", "Theo")
LAST = ("Marchetti", "Ortega", "Venkataraman", "Tolliver", "Dunmore", "Ashby", "Reuter", "Feldmann", "Greve",
        "Lachlan", "Brannigan", "Carrow", "Feeney", "Oberhauser", "Logan", "Black", "Castellano", "Whitfield",
        "Okafor", "Lindqvist", "Haddad", "Moreau", "Kowalski", "Nakamura", "Fitzgerald", "Delacroix", "Sorensen",
        "Abernathy", "Chandra", "Rinaldi", "Mbeki", "Galloway", "Petrov", "Hollister", "Quintero", "Vasquez",
        "Albrecht", "Mackenzie", "Oyelaran", "Thorne", "Bergstrom", "Calloway", "Drummond", "Eastwood", "Farrow",
        "Gauthier", "Hartley", "Iverson", "Jansen", "Kerrigan", "Lafleur", "Mercer", "Novak", "Osei", "Pemberton",
        "Rousseau", "Sinclair", "Trembley", "Underhill", "Vickers", "Wexler", "Yamada", "Zimmer", "Beaumont",
        "Cardenas", "Desrosiers", "Ellsworth", "Fontaine", "Garrick", "Holloway", "Ibarra", "Kimura", "Lowther")

HQ = {
    "CA": ("Toronto, Ontario", "Vancouver, British Columbia", "Calgary, Alberta", "Montreal, Quebec",
           "Ottawa, Ontario", "Halifax, Nova Scotia", "Edmonton, Alberta", "Saskatoon, Saskatchewan"),
    "US": ("Boston, Massachusetts", "San Diego, California", "Austin, Texas", "Denver, Colorado",
           "Houston, Texas", "New York, New York", "Seattle, Washington", "Chicago, Illinois",
           "Raleigh, North Carolina", "Minneapolis, Minnesota"),
    "AU": ("Perth, Western Australia", "Brisbane, Queensland", "Sydney, New South Wales", "Melbourne, Victoria"),
}
SITES = ("Timmins, Ontario", "Red Lake, Ontario", "Val-d'Or, Quebec", "Chibougamau, Quebec",
         "Smithers, British Columbia", "Thompson, Manitoba", "Flin Flon, Manitoba",
         "Yellowknife, Northwest Territories",
         "Dawson City, Yukon", "Elko, Nevada", "Winnemucca, Nevada", "Kalgoorlie, Western Australia",
         "Mount Isa, Queensland", "Copiapo, Chile", "Arequipa, Peru", "Salamanca, Spain", "Hermosillo, Mexico",
         "Grande Prairie, Alberta", "Fort St. John, British Columbia", "Estevan, Saskatchewan", "Midland, Texas",
         "Williston, North Dakota")
CITIES = ("Hamilton, Ontario", "Mississauga, Ontario", "Quebec City, Quebec", "Winnipeg, Manitoba",
          "Regina, Saskatchewan", "Kelowna, British Columbia", "Phoenix, Arizona", "Atlanta, Georgia",
          "Columbus, Ohio", "Nashville, Tennessee", "Salt Lake City, Utah", "Pittsburgh, Pennsylvania",
          "Adelaide, South Australia", "Dublin, Ireland", "Lyon, France", "Rotterdam, Netherlands",
          "Monterrey, Mexico", "Kitchener, Ontario", "Laval, Quebec", "Victoria, British Columbia")
PARTNER_CORES = ("Trading", "Metals", "Smelting", "Logistics", "Health", "Pharma", "Components", "Materials",
                 "Refining", "Distribution", "Networks", "Engineering")
PARTNER_SUFFIXES = ("GmbH", "AB", "K.K.", "B.V.", "S.r.l.", "Oy", "ASA")

# industry: (name cores, suffixes by exchange region, one-line business, products, facilities, agreements, roles)
INDUSTRIES: dict[str, dict[str, tuple[str, ...]]] = {
    "mining": {"cores": ("Copper", "Gold", "Metals", "Minerals", "Nickel", "Silver", "Tungsten", "Lithium"),
               "plain": ("Resources", "Mining"), "desc": ("mineral exploration and development company",),
               "facility": ("processing plant", "concentrator"), "agreement": ("offtake agreement",),
               "roles": ("Chief Financial Officer", "Chief Operating Officer", "Vice President, Exploration")},
    "oil_gas": {"cores": ("Petroleum", "Oil", "Hydrocarbons"), "plain": ("Energy", "Resources"),
                "desc": ("oil and natural gas exploration and production company",),
                "facility": ("gas processing facility", "field operations centre"),
                "agreement": ("transportation agreement", "midstream services agreement"),
                "roles": ("Chief Financial Officer", "Chief Operating Officer", "Vice President, Engineering")},
    "tech": {"cores": ("Systems", "Networks", "Software", "Technologies", "Analytics", "Digital"),
             "plain": ("Group",), "desc": ("provider of cloud software and data services",),
             "facility": ("data centre", "engineering office"),
             "agreement": ("master services agreement", "licensing agreement"),
             "roles": ("Chief Financial Officer", "Chief Technology Officer", "Chief Revenue Officer")},
    "pharma": {"cores": ("Therapeutics", "Biosciences", "Pharmaceuticals", "Biologics", "Medical"),
               "plain": ("Holdings",), "desc": ("clinical-stage biopharmaceutical company",),
               "facility": ("manufacturing facility", "research laboratory"),
               "agreement": ("license agreement", "manufacturing agreement"),
               "roles": ("Chief Financial Officer", "Chief Medical Officer", "Chief Scientific Officer")},
    "retail": {"cores": ("Brands", "Outfitters", "Retail", "Stores", "Markets"), "plain": ("Group", "Holdings"),
               "desc": ("specialty retailer",), "facility": ("flagship store", "distribution centre"),
               "agreement": ("supply agreement", "distribution agreement"),
               "roles": ("Chief Financial Officer", "Chief Merchandising Officer", "Chief Operating Officer")},
    "industrial": {"cores": ("Industries", "Manufacturing", "Engineering", "Logistics", "Controls"),
                   "plain": ("Group",), "desc": ("manufacturer of industrial equipment and components",),
                   "facility": ("assembly plant", "service centre"),
                   "agreement": ("supply contract", "maintenance contract"),
                   "roles": ("Chief Financial Officer", "Chief Commercial Officer", "Chief Operating Officer")},
}
NEVER_ROLES = ("Chief Sustainability Officer", "Chief Diversity Officer", "Chief Data Officer")
NEVER_METRICS = ("dividend per share", "order backlog", "free cash flow per share")
FAKE_ASSETS = ("Quillmoor", "Zephyrine", "Abbotsreach", "Wyvernholt", "Cindermarsh")
# commodity: (product noun, grade column, contained column, tonnage column, grade range, tonnage range)
COMMODITIES = {
    "gold": ("gold", "Au (g/t)", "Contained Au (koz)", "Tonnes (Mt)", (0.6, 4.5), (2.0, 90.0)),
    "copper": ("copper concentrate", "Cu (%)", "Contained Cu (kt)", "Tonnes (Mt)", (0.25, 1.6), (10.0, 400.0)),
    "silver": ("silver", "Ag (g/t)", "Contained Ag (Moz)", "Tonnes (Mt)", (40.0, 320.0), (1.0, 30.0)),
    "nickel": ("nickel concentrate", "Ni (%)", "Contained Ni (kt)", "Tonnes (Mt)", (0.3, 2.2), (5.0, 150.0)),
    "tungsten": ("tungsten concentrate", "WO3 (%)", "Contained WO3 (t)", "Tonnes (kt)", (0.15, 0.9), (500.0, 9000.0)),
    "lithium": ("spodumene concentrate", "Li2O (%)", "Contained Li2O (kt)", "Tonnes (Mt)", (0.8, 1.6), (5.0, 80.0)),
}

HEADLINES = {
    "quarter": "{name} Reports {qword} Quarter {fy} Financial Results",
    "annual": "{name} Reports Fourth Quarter and Full Year {fy} Results",
    "resource": "{name} Announces Updated Mineral Resource Estimate for the {asset} Project",
    "appointment": "{name} Announces Appointment of {person} as {role}",
    "agreement": "{name} Signs {agreement_title} With {partner}",
    "opening": "{name} Opens New {facility_title} in {site_city}",
    "drilling": "{name} Reports Drilling Results From the {asset} Project",
}
LEADS = {
    "quarter": "today reported its financial and operating results for the {period}. {units_sentence}",
    "annual": "today reported its financial and operating results for the {period}. {units_sentence}",
    "resource": "is pleased to announce an updated Mineral Resource Estimate for its {asset} Project, located "
                "near {asset_loc}.",
    "appointment": "is pleased to announce the appointment of {person} as {role}, effective {effective}.",
    "agreement": "announced today that it has entered into a {term}-year {agreement} with {partner}, a {pdesc} "
                 "based in {pcity}.",
    "opening": "today announced the opening of its new {facility} in {site}.",
    "drilling": "is pleased to report results from its {year} drilling program at the {asset} Project, located "
                "near {asset_loc}.",
}
DETAILS = {
    "quarter": ("Revenue for the quarter was {rev_words}, compared with {rev_prev_words} in the same period of "
                "the prior year.", "{nick} ended the quarter with cash and cash equivalents of {cash_words}."),
    "annual": ("Revenue for the year was {rev_words}, compared with {rev_prev_words} in the prior year.",
               "{nick} ended the year with cash and cash equivalents of {cash_words}."),
    "resource": ("The estimate was prepared by {qp}, P.Geo., an independent Qualified Person, and has an "
                 "effective date of {as_at}.", "The update incorporates {holes} drill holes completed since the "
                 "previous estimate, for a total of {metres} metres of drilling."),
    "appointment": ("{person} joins {nick} with more than {years} years of experience and most recently served as "
                    "{prev_role} at a {prev_sector} company based in {pcity}.",
                    "{person} succeeds {predecessor}, who is retiring after {tenure} years with {nick}."),
    "agreement": ("Under the agreement, {partner} will purchase {share}% of the {product} from {nick_s} {asset} "
                  "operations over the term, with an estimated total value of {value_words}.",
                  "Deliveries under the agreement are scheduled to begin in {start_month}."),
    "opening": ("The {facility} covers approximately {sqft} square feet and will employ about {jobs} people when "
                "fully staffed.", "The total investment in the {facility} was {value_words}."),
    "drilling": ("The program comprised {holes} holes for a total of {metres} metres.",
                 "Highlights include hole {best_hole}, which intersected {best_grade} over {best_len} metres."),
}
QUOTE = ('"{quote}," said {ceo}, President and Chief Executive Officer of {nick}. "{quote2}"')
QUOTES = ("We delivered another period of disciplined execution across the business",
          "Our teams continued to focus on safety, cost control and the priorities we set out at the start of the year",
          "This is an important step in building a stronger and more resilient company",
          "We are encouraged by the progress we have made and by the opportunities in front of us",
          "The results reflect the quality of our assets and the commitment of our people")
QUOTES2 = ("We remain focused on creating long-term value for our shareholders.",
           "We look forward to updating the market on our progress in the coming months.",
           "Our balance sheet gives us the flexibility to pursue our growth plans.",
           "I want to thank our employees, partners and communities for their continued support.")

FILLER = {
    "any": (
        "{nick} continues to manage its costs carefully while investing in the areas that support its long-term plan.",
        "Management believes that the Company's current liquidity is sufficient to fund its planned activities.",
        "The Company maintained its focus on health and safety, with no lost-time incidents recorded "
        "during the period.",
        "During the period, {nick} continued to strengthen its management team and its governance practices.",
        "Market conditions remained challenging, with higher input costs and volatile exchange rates.",
        "The Board of Directors reviewed the Company's strategic priorities and confirmed its capital "
        "allocation framework.",
        "{nick} expects to provide a further update on its plans together with its next quarterly results.",
        "The Company's annual general meeting of shareholders will be held in {hq_city} later this year.",
        "Further details are available in the Company's filings, which can be found on its website.",
        "{nick} has engaged with local communities and stakeholders throughout the planning process.",
        "The Company remains committed to reducing its environmental footprint across all of its operations.",
        "Inflationary pressures on labour and materials were partially offset by productivity improvements.",
        "{nick} continues to evaluate opportunities that fit its disciplined investment criteria.",
        "The Company expects its capital spending to be funded from operating cash flow and existing "
        "credit facilities.",
        "Customer demand remained steady throughout the period, supported by long-standing relationships.",
        "The Company completed a review of its information systems and began upgrading its reporting tools.",
    ),
    "mining": (
        "Mill throughput at {asset} averaged close to nameplate capacity, and metallurgical recoveries were in line "
        "with the feasibility study.", "Exploration at {asset} is focused on extending known mineralisation along "
        "strike and at depth.", "Permitting for the next phase of development at {asset} is progressing as planned.",
        "The {asset} Project is located near {asset_loc} and is accessible by an all-weather road."),
    "oil_gas": (
        "Production from the {asset} area was supported by new horizontal wells brought on stream during the period.",
        "Operating costs per barrel of oil equivalent declined as a result of field optimisation work at {asset}.",
        "The Company's {asset} assets are located near {asset_loc}.",
        "Natural gas is converted to barrels of oil equivalent at a ratio of six thousand cubic feet to one barrel."),
    "tech": (
        "Recurring revenue continued to grow as customers adopted the {asset} platform across more of their teams.",
        "Net revenue retention remained strong, reflecting expansion within the existing customer base.",
        "The Company released several new features for the {asset} platform during the period.",
        "Research and development spending was focused on security, automation and data integration."),
    "pharma": (
        "Enrollment in the Phase 2 trial of {asset} continued as planned across sites in North America and Europe.",
        "Topline data from the ongoing study of {asset} are expected in the coming year.",
        "Research and development expenses reflected higher clinical trial and manufacturing costs for {asset}.",
        "The Company continues to engage with regulators on the design of a registrational program for {asset}."),
    "retail": (
        "Comparable store sales were supported by strong demand for the {asset} private-label collection.",
        "E-commerce sales grew faster than store sales and now represent a larger share of total sales.",
        "Inventory levels were well managed and in line with the Company's expectations.",
        "The Company continued to renovate existing stores and to refresh the {asset} banner."),
    "industrial": (
        "Demand for the {asset} product line remained robust in the energy and infrastructure markets.",
        "Gross margin benefited from pricing actions and improved utilisation of the Company's plants.",
        "Supply chain conditions improved, allowing shorter lead times on the {asset} series.",
        "The Company continued to invest in automation to improve productivity at its plants."),
}
FORWARD = (
    "This news release contains forward-looking information within the meaning of applicable securities laws, "
    "including statements regarding {nick_s} plans, expected production, costs, capital expenditures, the timing "
    "of projects and future financial results. Forward-looking information is based on assumptions that "
    "management believes are reasonable, but it is subject to known and unknown risks and uncertainties, "
    "including changes in commodity and product prices, exchange rates, operating risks, regulatory approvals "
    "and general economic conditions. Actual results may differ materially from those expressed or implied. "
    "Readers are cautioned not to place undue reliance on forward-looking information, which speaks only as of "
    "the date of this release. {nick} undertakes no obligation to update it except as required by law.",
    "Certain statements in this press release are forward-looking statements that involve risks and "
    "uncertainties. Words such as \"expect\", \"anticipate\", \"plan\", \"believe\" and \"will\" identify such "
    "statements. They are based on the current expectations of {nick_s} management and are subject to risks "
    "described in the Company's filings with securities regulators, including risks related to financing, "
    "competition, operations and markets. Forward-looking statements speak only as of the date they are made, "
    "and {nick} assumes no obligation to update them, whether as a result of new information, future events "
    "or otherwise, except as required by applicable law.",
)
ABOUT = ("{name} is a {hq_city}-based {desc}. {about_asset} The Company's shares trade on the {exchange_long} "
         "under the symbol \"{ticker}\". For more information, visit www.{slug}.example.")
ABOUT_ASSET = {
    "mining": "Its principal asset is the {asset} Project, located near {asset_loc}.",
    "oil_gas": "Its operations are focused on the {asset} area, located near {asset_loc}.",
    "tech": "Its {asset} platform is used by customers in more than {countries} countries.",
    "pharma": "Its lead product candidate, {asset}, is being developed for immune-mediated diseases.",
    "retail": "It operates stores under the {asset} banner across North America.",
    "industrial": "Its {asset} product line serves customers in the energy, mining and infrastructure markets.",
}
EXCHANGE_LONG = {"TSX": "Toronto Stock Exchange", "TSX-V": "TSX Venture Exchange", "NASDAQ": "Nasdaq Stock Market",
                 "NYSE": "New York Stock Exchange", "ASX": "Australian Securities Exchange"}


# --- rendering: blocks to .txt/.md/.html, tables to every layout the parser reads --------------
