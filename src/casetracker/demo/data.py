"""Facts for the demo database, written from public reporting (as of April 2025).

Everything here is flagged as demo data when loaded. Names in Armenian script
and Azerbaijani spellings are deliberate: every feature should meet them.
"""

from __future__ import annotations

# The 36 signatories in the order they signed, as printed on the letter, with
# the roster facts of the day (bioguide, official name, state, district, party).
# District 0 is an at-large delegate.
SIGNATORIES: tuple[tuple[str, str, str, str, int, str, str], ...] = (
    ("Dina Titus", "T000468", "Dina Titus", "NV", 1, "Democrat", "F"),
    ("Christopher H. Smith", "S000522", "Christopher H. Smith", "NJ", 4, "Republican", "M"),
    ("Gus M. Bilirakis", "B001257", "Gus M. Bilirakis", "FL", 12, "Republican", "M"),
    ("Eleanor Holmes Norton", "N000147", "Eleanor Holmes Norton", "DC", 0, "Democrat", "F"),
    ("Jim Costa", "C001059", "Jim Costa", "CA", 21, "Democrat", "M"),
    ("Nicole Malliotakis", "M000317", "Nicole Malliotakis", "NY", 11, "Republican", "F"),
    ("Josh Gottheimer", "G000583", "Josh Gottheimer", "NJ", 5, "Democrat", "M"),
    ("Mike Quigley", "Q000023", "Mike Quigley", "IL", 5, "Democrat", "M"),
    ("Dan Goldman", "G000599", "Daniel S. Goldman", "NY", 10, "Democrat", "M"),
    ("Judy Chu", "C001080", "Judy Chu", "CA", 28, "Democrat", "F"),
    ("Brad Sherman", "S000344", "Brad Sherman", "CA", 32, "Democrat", "M"),
    ("Linda T. Sánchez", "S001156", "Linda T. Sánchez", "CA", 38, "Democrat", "F"),
    ("Seth Magaziner", "M001223", "Seth Magaziner", "RI", 2, "Democrat", "M"),
    ("David G. Valadao", "V000129", "David G. Valadao", "CA", 22, "Republican", "M"),
    ("Gabe Amo", "A000380", "Gabe Amo", "RI", 1, "Democrat", "M"),
    ("Grace Meng", "M001188", "Grace Meng", "NY", 6, "Democrat", "F"),
    ("Delia C. Ramirez", "R000617", "Delia C. Ramirez", "IL", 3, "Democrat", "F"),
    ("James P. McGovern", "M000312", "James P. McGovern", "MA", 2, "Democrat", "M"),
    ("Paul D. Tonko", "T000469", "Paul Tonko", "NY", 20, "Democrat", "M"),
    ("Kevin Mullin", "M001225", "Kevin Mullin", "CA", 15, "Democrat", "M"),
    ("Lateefah Simon", "S001231", "Lateefah Simon", "CA", 12, "Democrat", "F"),
    ("Eric Swalwell", "S001193", "Eric Swalwell", "CA", 14, "Democrat", "M"),
    ("Raja Krishnamoorthi", "K000391", "Raja Krishnamoorthi", "IL", 8, "Democrat", "M"),
    ("Donald S. Beyer Jr.", "B001292", "Donald S. Beyer, Jr.", "VA", 8, "Democrat", "M"),
    ("Jan Schakowsky", "S001145", "Janice D. Schakowsky", "IL", 9, "Democrat", "F"),
    ("Laura Friedman", "F000483", "Laura Friedman", "CA", 30, "Democrat", "F"),
    ("Jake Auchincloss", "A000148", "Jake Auchincloss", "MA", 4, "Democrat", "M"),
    ("Bradley Scott Schneider", "S001190", "Bradley Scott Schneider", "IL", 10, "Democrat", "M"),
    ("Thomas H. Kean, Jr.", "K000398", "Thomas H. Kean, Jr.", "NJ", 7, "Republican", "M"),
    ("Danny K. Davis", "D000096", "Danny K. Davis", "IL", 7, "Democrat", "M"),
    ("Zoe Lofgren", "L000397", "Zoe Lofgren", "CA", 18, "Democrat", "F"),
    ("John B. Larson", "L000557", "John B. Larson", "CT", 1, "Democrat", "M"),
    ("Shri Thanedar", "T000488", "Shri Thanedar", "MI", 13, "Democrat", "M"),
    ("Jimmy Gomez", "G000585", "Jimmy Gomez", "CA", 34, "Democrat", "M"),
    ("Robert J. Menendez", "M001226", "Robert Menendez", "NJ", 8, "Democrat", "M"),
    ("Brian Fitzpatrick", "F000466", "Brian K. Fitzpatrick", "PA", 1, "Republican", "M"),
)
TERM_START, TERM_END = "2025-01-03", "2027-01-03"

LETTER = {
    "title": "Members of Congress urge Global Magnitsky sanctions over Armenian detainees "
    "held in Azerbaijan",
    "sent_on": "2025-04-11",
    "direction": "third_party",
    "follow_up_due": "2025-05-12",
    "summary": (
        "Thirty-six members of the House write to Secretary of State Rubio about the "
        "Armenian prisoners of war and political captives held by Azerbaijan since the "
        "September 2023 offensive on Nagorno-Karabakh."
    ),
    "body": (
        "Summary of the letter (paraphrased, not its text). The members recall the "
        "blockade and the September 2023 offensive that displaced about 120,000 Armenians "
        "of Nagorno-Karabakh, and the war crimes reported during the 2020 war. They count at "
        "least 23 Armenian prisoners of war still held, and describe the trials opened in "
        "Baku against the region's former leaders as politically motivated, held in secrecy "
        "before the military court. They cite reports that former State Minister Ruben "
        "Vardanyan and others were mistreated in custody, and worry for the captives' "
        "safety now that Azerbaijan has ordered the ICRC, the only body allowed to visit "
        "them, to leave. They note that the draft Armenia-Azerbaijan agreement is said to "
        "say nothing of the prisoners, call Magnitsky sanctions a lever for their release, "
        "and ask the Secretary to act on three points."
    ),
    "notes": "Demo record, built from the public letter of 11 April 2025.",
}

ASKS = (
    "In every engagement with the Government of Azerbaijan, call for all Armenian "
    "political prisoners to be freed at once and without conditions.",
    "Urge the Azerbaijani authorities to let international observers and independent "
    "journalists follow the trials of Armenian political figures.",
    "Sanction, using the Global Magnitsky Act, the Azerbaijani officials responsible for "
    "grave abuses of Armenian prisoners.",
)

# name, Armenian-script name, other variants, former office, office dates, captured on,
# capture note, gender, birth year
DETAINEES: tuple[dict[str, object], ...] = (
    {
        "name": "Ruben Vardanyan",
        "armenian": "Ռուբեն Վարդանյան",
        "variants": (("Рубен Варданян", "Cyrl", "ru"), ("Ruben Vardanian", "Latn", "en")),
        "office": "State Minister of Nagorno-Karabakh",
        "office_from": "2022-11",
        "office_to": "2023-02",
        "captured_on": "2023-09-27",
        "capture_place": "Lachin corridor checkpoint (Hakari bridge)",
        "circumstances": (
            "Detained by Azerbaijani border guards while leaving for Armenia with the "
            "exodus of the population."
        ),
        "gender": "male",
        "birth_date": "1968",
    },
    {
        "name": "Arayik Harutyunyan",
        "armenian": "Արայիկ Հարությունյան",
        "variants": (("Араик Арутюнян", "Cyrl", "ru"), ("Araik Harutyunyan", "Latn", "en")),
        "office": "President of Nagorno-Karabakh",
        "office_from": "2020-05",
        "office_to": "2023-09",
        "captured_on": "2023-10-03",
        "capture_place": "Stepanakert (Khankendi)",
        "circumstances": "Detained in Stepanakert after the September 2023 offensive.",
        "gender": "male",
        "birth_date": "1973",
    },
    {
        "name": "Arkadi Ghukasyan",
        "armenian": "Արկադի Ղուկասյան",
        "variants": (("Аркадий Гукасян", "Cyrl", "ru"), ("Arkadi Ghukasian", "Latn", "en")),
        "office": "President of Nagorno-Karabakh",
        "office_from": "1997",
        "office_to": "2007",
        "captured_on": "2023-10-03",
        "capture_place": "Stepanakert (Khankendi)",
        "circumstances": "Detained in Stepanakert after the September 2023 offensive.",
        "gender": "male",
        "birth_date": "1957",
    },
    {
        "name": "Bako Sahakyan",
        "armenian": "Բակո Սահակյան",
        "variants": (("Бако Саакян", "Cyrl", "ru"), ("Bako Sahakian", "Latn", "en")),
        "office": "President of Nagorno-Karabakh",
        "office_from": "2007",
        "office_to": "2020",
        "captured_on": "2023-10-03",
        "capture_place": "Stepanakert (Khankendi)",
        "circumstances": "Detained in Stepanakert after the September 2023 offensive.",
        "gender": "male",
        "birth_date": "1960",
    },
    {
        "name": "Davit Ishkhanyan",
        "armenian": "Դավիթ Իշխանյան",
        "variants": (("Давид Ишханян", "Cyrl", "ru"), ("David Ishkhanyan", "Latn", "en")),
        "office": "Speaker of the National Assembly of Nagorno-Karabakh",
        "office_from": "2023~",
        "office_to": "2023-09~",
        "captured_on": "2023-10-03",
        "capture_place": "Stepanakert (Khankendi)",
        "circumstances": "Detained in Stepanakert after the September 2023 offensive.",
        "gender": "male",
        "birth_date": None,
    },
    {
        "name": "Davit Babayan",
        "armenian": "Դավիթ Բաբայան",
        "variants": (("Давид Бабаян", "Cyrl", "ru"), ("David Babayan", "Latn", "en")),
        "office": "Foreign Minister of Nagorno-Karabakh",
        "office_from": "2021~",
        "office_to": "2023-09~",
        "captured_on": "2023-09-28",
        "capture_place": "Stepanakert (Khankendi)",
        "circumstances": "Reported to have handed himself over to Azerbaijani forces.",
        "gender": "male",
        "birth_date": "1973",
    },
)

CHARGES = (
    "Charges reported in the press under the Criminal Code of Azerbaijan, among them "
    "waging aggressive war, war crimes, terrorism, financing of terrorism and creating "
    "illegal armed groups."
)
