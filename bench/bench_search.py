"""Search benchmark: index build, query latency against raw FTS5, the CLI, and saves.

Builds a SQLite database of N letters and M responses (~2 KB bodies of
advocacy prose in English, Russian, Armenian and Azerbaijani, with a Zipf-like
spread of words so that rare, mid and common terms exist), 3,000 people with
name variants in Latin, Armenian and Cyrillic script, and a few dozen
organizations, inserted with SQLAlchemy Core in one transaction (not through
the services), then times:

1. the index build: ``services.search.reindex()`` over every record;
2. 20 representative queries through ``services.search.search(q, limit=50)``,
   interleaved round by round with a raw ``sqlite3`` FTS5
   ``MATCH … ORDER BY rank LIMIT 50`` of the same expression on the same file
   (and the same with ``snippet()``): per-query medians, overall median and
   p95, ratio service ÷ raw; then where the service's time goes (name
   expansion, ranking, row fetch, snippets);
3. the CLI: ``python -m casetracker --db PATH search Q --json --limit 50`` as a
   subprocess, and ``casetracker.cli.main.main([...])`` in process;
4. saving one letter (``services.letters.update``) end to end, its re-index
   alone (``search.sync.apply`` for one letter key), and a person who signed
   many letters (every letter they signed is re-indexed).

Run from the project root::

    .venv/bin/python bench/bench_search.py --keep       # 100,000 + 50,000, kept in bench/out/
    .venv/bin/python bench/bench_search.py --reuse bench/out/search-100000-50000.db
    .venv/bin/python bench/bench_search.py --letters 2000 --responses 1000   # smoke test

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import io
import itertools
import json
import logging
import math
import os
import platform
import pstats
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from casetracker.db.engine import Database, resolve_url
from casetracker.db.schema import open_database
from casetracker.models import (
    Letter,
    LetterRecipient,
    LetterSignatory,
    Organization,
    Person,
    PersonName,
    Response,
)
from casetracker.names import sort_name
from casetracker.search import sync
from casetracker.search.engine import SearchEngine
from casetracker.search.fts5 import to_match
from casetracker.search.query import parse
from casetracker.search.snippets import make_snippet
from casetracker.services import Services

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"  # git-ignored (/bench/out/)
SEED = 20261129
#: changes whenever the generated data does, so that an old cache is not reused
BUILD_TAG = "search-1"
LIMIT = 50

TARGET_MEDIAN_MS = 20.0
TARGET_RATIO = 2.0
TARGET_SAVE_MS = 10.0

# --------------------------------------------------------------------------- names

# (Latin, Armenian, Cyrillic): one person's name in three scripts
ARMENIAN_FIRST = (
    ("Ruben", "Ռուբեն", "Рубен"),
    ("Arayik", "Արայիկ", "Араик"),
    ("Davit", "Դավիթ", "Давид"),
    ("Levon", "Լևոն", "Левон"),
    ("Bako", "Բակո", "Бако"),
    ("Arkadi", "Արկադի", "Аркадий"),
    ("Vitali", "Վիտալի", "Виталий"),
    ("Gurgen", "Գուրգեն", "Гурген"),
    ("Narek", "Նարեկ", "Нарек"),
    ("Armen", "Արմեն", "Армен"),
    ("Tigran", "Տիգրան", "Тигран"),
    ("Ashot", "Աշոտ", "Ашот"),
    ("Anahit", "Անահիտ", "Анаит"),
    ("Lusine", "Լուսինե", "Лусине"),
    ("Gohar", "Գոհար", "Гоар"),
    ("Hayk", "Հայկ", "Айк"),
    ("Vahe", "Վահե", "Ваэ"),
    ("Karen", "Կարեն", "Карен"),
    ("Samvel", "Սամվել", "Самвел"),
)
ARMENIAN_LAST = (
    ("Vardanyan", "Վարդանյան", "Варданян"),
    ("Harutyunyan", "Հարությունյան", "Арутюнян"),
    ("Ishkhanyan", "Իշխանյան", "Ишханян"),
    ("Mnatsakanyan", "Մնացականյան", "Мнацаканян"),
    ("Sahakyan", "Սահակյան", "Саакян"),
    ("Ghukasyan", "Ղուկասյան", "Гукасян"),
    ("Babayan", "Բաբայան", "Бабаян"),
    ("Balasanyan", "Բալասանյան", "Баласанян"),
    ("Manukyan", "Մանուկյան", "Манукян"),
    ("Petrosyan", "Պետրոսյան", "Петросян"),
    ("Grigoryan", "Գրիգորյան", "Григорян"),
    ("Hovhannisyan", "Հովհաննիսյան", "Оганесян"),
    ("Karapetyan", "Կարապետյան", "Карапетян"),
    ("Avetisyan", "Ավետիսյան", "Аветисян"),
    ("Sargsyan", "Սարգսյան", "Саргсян"),
    ("Khachatryan", "Խաչատրյան", "Хачатрян"),
    ("Martirosyan", "Մարտիրոսյան", "Мартиросян"),
    ("Hakobyan", "Հակոբյան", "Акопян"),
    ("Davtyan", "Դավթյան", "Давтян"),
    ("Beglaryan", "Բեգլարյան", "Бегларян"),
    ("Simonyan", "Սիմոնյան", "Симонян"),
    ("Galstyan", "Գալստյան", "Галстян"),
    ("Mkrtchyan", "Մկրտչյան", "Мкртчян"),
    ("Stepanyan", "Ստեփանյան", "Степанян"),
    ("Asatryan", "Ասատրյան", "Асатрян"),
    ("Movsisyan", "Մովսիսյան", "Мовсисян"),
    ("Poghosyan", "Պողոսյան", "Погосян"),
    ("Aghajanyan", "Աղաջանյան", "Агаджанян"),
)
#: one person only, mentioned in three letters (one per script): the rare name
RARE_PERSON = (("Zhirayr", "Ժիրայր", "Жирайр"), ("Tsaturyan", "Ծատուրյան", "Цатурян"))
# (Azerbaijani Latin, plain Latin transliteration, Cyrillic)
AZERBAIJANI_FIRST = (
    ("İlham", "Ilham", "Ильхам"),
    ("Ceyhun", "Jeyhun", "Джейхун"),
    ("Zakir", "Zakir", "Закир"),
    ("Ramil", "Ramil", "Рамиль"),
    ("Şahin", "Shahin", "Шахин"),
    ("Elçin", "Elchin", "Эльчин"),
    ("Hikmət", "Hikmet", "Хикмет"),
    ("Əli", "Ali", "Али"),
    ("Günay", "Gunay", "Гюнай"),
    ("Rəşad", "Rashad", "Рашад"),
)
AZERBAIJANI_LAST = (
    ("Əliyev", "Aliyev", "Алиев"),
    ("Bayramov", "Bayramov", "Байрамов"),
    ("Həsənov", "Hasanov", "Гасанов"),
    ("Usubov", "Usubov", "Усубов"),
    ("Mustafayev", "Mustafayev", "Мустафаев"),
    ("Əmirbəyov", "Amirbeyov", "Амирбеков"),
    ("Hacıyev", "Hajiyev", "Гаджиев"),
    ("Məmmədov", "Mammadov", "Мамедов"),
    ("Quliyev", "Guliyev", "Гулиев"),
    ("Nəsibli", "Nasibli", "Насибли"),
    ("Şükürov", "Shukurov", "Шукюров"),
    ("İsmayılov", "Ismayilov", "Исмаилов"),
)
ENGLISH_FIRST = (
    "Marco", "Chris", "Jeanne", "Ben", "Susan", "Tim", "Jim", "Adam", "Elizabeth",
    "Gus", "Frank", "Maria", "Thomas", "Anna", "Peter", "Claire", "Dan", "Gregory",
)  # fmt: skip
ENGLISH_LAST = (
    "Rubio", "Smith", "Shaheen", "Cardin", "Collins", "Kaine", "Risch", "Schiff",
    "Warren", "Bilirakis", "Pallone", "Salazar", "Goldman", "Kean", "McCaul", "Meeks",
    "Wicker", "Coons", "Murphy", "Graham", "Blumenthal", "Sherman", "Wilson", "Cohen",
    "Eshoo", "Valadao", "Costa", "Schakowsky", "Speier", "Meng",
)  # fmt: skip
# (name, abbreviation, kind, country, share of responses sent)
ORGANIZATIONS = (
    ("U.S. Department of State", "State Department", "ministry", "US", 14),
    ("U.S. Senate Committee on Foreign Relations", "SFRC", "legislature", "US", 3),
    ("House Foreign Affairs Committee", "HFAC", "legislature", "US", 3),
    ("U.S. Department of the Treasury", "Treasury", "ministry", "US", 2),
    ("Office of Foreign Assets Control", "OFAC", "agency", "US", 3),
    ("Embassy of the United States in Baku", None, "government", "US", 4),
    ("Ministry of Foreign Affairs of the Republic of Azerbaijan", "MFA", "ministry", "AZ", 10),
    ("Xarici İşlər Nazirliyi", None, "ministry", "AZ", 3),
    ("Prosecutor General's Office of the Republic of Azerbaijan", None, "prosecutor", "AZ", 5),
    ("Baku Military Court", None, "court", "AZ", 2),
    ("Baku Court of Appeal", None, "court", "AZ", 2),
    ("State Security Service of the Republic of Azerbaijan", "DTX", "security_service", "AZ", 1),
    ("Penitentiary Service of the Ministry of Justice", None, "prison", "AZ", 2),
    ("Ministry of Justice of the Republic of Azerbaijan", None, "ministry", "AZ", 3),
    ("Commissioner for Human Rights (Ombudsman) of Azerbaijan", None, "agency", "AZ", 2),
    ("International Committee of the Red Cross", "ICRC", "international", None, 8),
    ("UN Working Group on Arbitrary Detention", "WGAD", "international", None, 4),
    ("UN Special Rapporteur on Torture", None, "international", None, 3),
    ("Council of Europe Commissioner for Human Rights", None, "international", None, 3),
    ("European Court of Human Rights", "ECtHR", "court", None, 3),
    ("OSCE Office for Democratic Institutions and Human Rights", "ODIHR", "international", None, 2),
    ("Parliamentary Assembly of the Council of Europe", "PACE", "international", None, 2),
    ("European Parliament", None, "legislature", None, 3),
    ("European External Action Service", "EEAS", "international", None, 2),
    ("Foreign, Commonwealth and Development Office", "FCDO", "ministry", "GB", 2),
    ("Auswärtiges Amt", None, "ministry", "DE", 1),
    ("Ministère de l'Europe et des Affaires étrangères", None, "ministry", "FR", 1),
    ("Министерство иностранных дел Российской Федерации", "МИД России", "ministry", "RU", 2),
    ("ՀՀ Արտաքին գործերի նախարարություն", None, "ministry", "AM", 2),
    ("Human Rights Defender of Armenia", None, "agency", "AM", 1),
    ("Human Rights Watch", "HRW", "ngo", None, 1),
    ("Amnesty International", None, "ngo", None, 1),
    ("Freedom House", None, "ngo", None, 1),
    ("Committee to Protect Journalists", "CPJ", "ngo", None, 1),
    ("Global Magnitsky Sanctions Coalition", None, "ngo", None, 1),
    ("Canadian Department of Global Affairs", "Global Affairs Canada", "ministry", "CA", 1),
)
PLACES = (
    "Baku", "Bakı", "Stepanakert", "Ստեփանակերտ", "Степанакерт", "Lachin", "Laçın",
    "Goris", "Shusha", "Şuşa", "Kubatly", "Hadrut", "Martuni", "Yerevan", "Ganja", "Gəncə",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip

# --------------------------------------------------------------------------- vocabulary

#: advocacy English in rough order of frequency (rank 1 first); Zipf weights 1/rank
_CORE_TEXT = """
the of and to in a that for is on with by as was be this from are at his has have not
were been their which it an or its they we our he had will who any all these also such
would under than them more other during since after into without against your us
detention detained release family authorities government court case rights lawyer access
prison trial international human charges visit health conditions request information
letter prisoners released hearing officials office treatment ministry minister committee
state law legal report concern urge ask support public justice judge prosecutor military
security embassy consular medical investigation sentence years months weeks days
evidence political freedom statement process proceedings repatriation return safe
geneva convention ill torture independent observers interpretation documents records
confirm ensure allow provide immediate immediately continued urgent appeal response
reply receipt acknowledge raise raised bilateral meeting meetings discuss discussed
committed commitment pledge pledged follow next steps available further documentation
monitoring monitor testimony witness witnesses counsel defence defense appeal appeals
sanctions accountability responsible responsibility violations abuses allegations
arbitrary unlawful lawful obligations standards fair guarantees presumption innocence
custody cell isolation solitary confinement food water medicine doctor hospital
examination injuries visible untreated mother father wife husband children son daughter
brother sister relatives contact phone calls messages correspondence delivered
unanswered transferred transfer facility penitentiary colony remand pretrial detainees
civilians soldiers servicemen combatants captured capture ceasefire conflict war
displaced humanitarian corridor blockade region residents community church language
translation translated delegation parliament congress senate senator representative
members member colleagues undersigned sincerely respectfully regards dear honorable
excellency ambassador secretary assistant deputy special rapporteur working group
commissioner council europe united nations red cross icrc osce pace echr strasbourg
application applicant interim measures rule government's reply deadline extension
hunger strike deteriorated deteriorating worsened critical condition surgery treatment
journalist journalists activist activists defender defenders opposition leader former
businessman philanthropist minister's spokesperson press conference publicly privately
note verbale diplomatic channels demarche engagement pressure leverage assistance
funding aid cooperation partnership agreement peace talks negotiations settlement
normalization border delimitation guarantees commitments benchmarks progress
designation designations magnitsky treasury ofac assets frozen visa bans restrictions
tribunal verdict acquittal conviction convicted sentenced pardon amnesty clemency decree
"""
CORE_WORDS = _CORE_TEXT.split()
#: words placed at given ranks of the long tail (so that a prefix finds several words)
PLACED_WORDS = {"sanctioned": 1_500, "sanctioning": 6_000, "sanctionable": 12_000}
TAIL_WORDS = 15_000
#: planted in about one letter in 10,000 (and one response in 20,000): the rare word
RARE_WORD = "ombudsperson"
ZIPF_S = 1.0


def build_vocabulary(seed: int) -> tuple[list[str], list[float]]:
    """Ranked words (core then a made-up long tail) and their cumulative Zipf weights."""
    rng = random.Random(seed)
    core = list(dict.fromkeys(CORE_WORDS))
    onsets = [*"bcdfghklmnprstvz", "br", "dr", "gr", "kr", "pr", "tr", "st", "sk", "sh", "ch", "th"]
    vowels = [*"aeiou", "ai", "ea", "ou", "ia"]
    codas = ["", "", "", "n", "r", "s", "l", "m", "t", "k", "nd", "rt"]
    taken = set(core) | set(PLACED_WORDS) | {RARE_WORD}
    tail: list[str] = []
    while len(tail) < TAIL_WORDS:
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
            for _ in range(rng.randint(2, 4))
        )
        if len(word) >= 5 and word not in taken and not word.startswith("sanction"):
            taken.add(word)
            tail.append(word)
    vocabulary = core + tail
    for word, rank in sorted(PLACED_WORDS.items(), key=lambda item: item[1]):
        vocabulary.insert(min(rank, len(vocabulary)) - 1, word)
    weights = [1 / (rank**ZIPF_S) for rank in range(1, len(vocabulary) + 1)]
    return vocabulary, list(itertools.accumulate(weights))


# --------------------------------------------------------------------------- people


@dataclass
class PersonSpec:
    id: uuid.UUID
    display: str
    #: (name, script, language, kind) of each recorded variant
    variants: list[tuple[str, str, str, str]]
    group: str  # "hy", "az" or "en"
    #: the name as written in Armenian / Cyrillic / Azerbaijani text
    armn: str
    cyrl: str
    azer: str


def make_people(n: int, rng: random.Random) -> list[PersonSpec]:
    """People: 62 % Armenian names (Latin display, Armenian and Cyrillic variants),
    18 % Azerbaijani names (Azerbaijani Latin display, plain Latin and Cyrillic
    variants), 20 % English names (no variant); the first is the rare Zhirayr Tsaturyan."""
    people: list[PersonSpec] = []
    (f_lat, f_hy, f_ru), (l_lat, l_hy, l_ru) = RARE_PERSON
    people.append(_armenian((f_lat, f_hy, f_ru), (l_lat, l_hy, l_ru)))
    for i in range(1, n):
        roll = (i * 0.618034) % 1.0  # an even spread of the three groups
        if roll < 0.62:
            people.append(_armenian(rng.choice(ARMENIAN_FIRST), rng.choice(ARMENIAN_LAST)))
        elif roll < 0.80:
            (f_az, f_lat, f_ru), (l_az, l_lat, l_ru) = (
                rng.choice(AZERBAIJANI_FIRST),
                rng.choice(AZERBAIJANI_LAST),
            )
            people.append(
                PersonSpec(
                    uuid.uuid4(),
                    f"{f_az} {l_az}",
                    [
                        (f"{f_lat} {l_lat}", "Latn", "en", "transliteration"),
                        (f"{f_ru} {l_ru}", "Cyrl", "ru", "transliteration"),
                    ],
                    "az",
                    armn=f"{f_az} {l_az}",
                    cyrl=f"{f_ru} {l_ru}",
                    azer=f"{f_az} {l_az}",
                )
            )
        else:
            name = f"{rng.choice(ENGLISH_FIRST)} {rng.choice(ENGLISH_LAST)}"
            people.append(PersonSpec(uuid.uuid4(), name, [], "en", name, name, name))
    return people


def _armenian(first: tuple[str, str, str], last: tuple[str, str, str]) -> PersonSpec:
    return PersonSpec(
        uuid.uuid4(),
        f"{first[0]} {last[0]}",
        [
            (f"{first[1]} {last[1]}", "Armn", "hy", "official"),
            (f"{first[2]} {last[2]}", "Cyrl", "ru", "transliteration"),
        ],
        "hy",
        armn=f"{first[1]} {last[1]}",
        cyrl=f"{first[2]} {last[2]}",
        azer=f"{first[0]} {last[0]}",
    )


# --------------------------------------------------------------------------- prose

LETTER_PARAGRAPHS = (
    "We write on behalf of {name} ({armn}), detained on {date} near {place} and held since "
    "then without access to a lawyer of their choosing. Family members report that letters "
    "sent through the ICRC have gone unanswered for months.",
    "We respectfully ask {recipient} to confirm the place of detention of {name}, to allow "
    "regular visits by the ICRC and consular officials, and to ensure that any proceedings "
    "meet international fair-trial standards, including the presumption of innocence.",
    "The hearing of {date} lasted less than an hour; observers from {place} were refused "
    "entry. We ask that the trial record be made public and that {name} be allowed to "
    "address the court in a language he understands, with interpretation provided.",
    "According to his lawyer, {official} saw {name} on {date} and reported visible injuries "
    "and untreated medical conditions. We urge an independent medical examination and an "
    "effective investigation into these allegations of ill-treatment.",
    "We recall the obligations of the Republic of Azerbaijan under the Third Geneva "
    "Convention and the European Convention on Human Rights, and ask for the immediate "
    "release and repatriation of {name} and every other prisoner held since {date}.",
    "Should these requests go unmet, we will ask the Treasury to consider targeted sanctions "
    "under the Global Magnitsky Act against the officials responsible, including {official}.",
    "Thank you for your attention to the case of {name}. We would welcome a meeting with "
    "your office before {date} to discuss the next steps, and we remain available to "
    "provide further documentation.",
    "Мы обращаемся к вам в связи с задержанием {cyrl}. По имеющимся данным, {date} он был "
    "задержан у {place}; с тех пор родственникам не сообщают о месте содержания.",
    "Просим обеспечить доступ адвоката и представителей МККК к {cyrl}, а также "
    "незамедлительно сообщить семье о состоянии его здоровья. Судья {official_ru} отказал "
    "защите в ознакомлении с материалами дела.",
    "Մենք դիմում ենք ձեզ՝ {armn}-ի ազատ արձակման խնդրանքով։ Նա ձերբակալվել է {date}, "
    "{place}-ի մոտ, և ընտանիքը տեղեկություն չունի նրա առողջական վիճակի մասին։",
    "Խնդրում ենք ապահովել փաստաբանի և Կարմիր խաչի միջազգային կոմիտեի այցելությունները "
    "{armn}-ին։ Դատավարությունը անցկացվել է փակ դռների հետևում։",
    "Biz {azer} barədə müraciət edirik. {date} tarixində {place} yaxınlığında saxlanılıb; "
    "vəkil və ailə ilə görüşlərə icazə verilmir. Hakim {official} müdafiənin vəsatətini "
    "rədd edib.",
)
RESPONSE_PARAGRAPHS = (
    "The {org} acknowledges receipt of your letter of {date} concerning {name}. We continue "
    "to raise the cases of detained Armenians with the authorities in Baku at every level.",
    "Our Embassy in Baku has requested consular access and a visit by the ICRC; we will "
    "inform your office of any response. We share your concern about the conditions of "
    "detention and the health of {name}.",
    "The Government of Azerbaijan considers the proceedings against {name} to be in full "
    "conformity with national legislation; the allegations of ill-treatment raised in "
    "your letter of {date} are unfounded.",
    "We have made a commitment to raise this case at the next meeting of the bilateral "
    "working group and to report back to the Committee before {date}.",
    "Мы получили ваше обращение от {date} относительно {cyrl}. Вопрос находится на "
    "рассмотрении; о результатах вам будет сообщено дополнительно.",
    "Sizin {date} tarixli müraciətiniz {azer} barədə Xarici İşlər Nazirliyinə daxil olub və "
    "araşdırılır. {official} bu məsələ ilə bağlı məlumat verəcək.",
    "Ձեր {date}-ի նամակը ստացվել է։ {armn}-ի հարցը գտնվում է մեր ուշադրության կենտրոնում։",
    "The sanctions programs administered by the Office of Foreign Assets Control are kept "
    "under review; we cannot comment on possible designations, including of {official}.",
)
RESPONSE_TYPES = (
    ("favourable_action", 8),
    ("commitment_pledged", 12),
    ("partial", 15),
    ("token_reply", 35),
    ("denial", 20),
    ("no_response", 10),
)
LETTER_KINDS = ("Letter", "Appeal", "Urgent appeal", "Follow-up letter", "Joint letter")


@dataclass
class Corpus:
    """What the generator draws from."""

    rng: random.Random
    vocabulary: list[str]
    cumulative: list[float]
    people: list[PersonSpec]
    detainees: list[PersonSpec]
    officials: list[PersonSpec]  # Azerbaijani-named
    signers: list[PersonSpec]
    signer_weights: list[float]
    org_ids: list[uuid.UUID]
    org_names: list[str]
    org_weights: list[int]


def text_date(rng: random.Random) -> str:
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2190))
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def partial_date(rng: random.Random, start: int = 2019, none_share: float = 0.05) -> str | None:
    """Mixed precision: 60 % to the day, 30 % to the month, 10 % the year; 10 % estimated."""
    if rng.random() < none_share:
        return None
    day = dt.date(start, 1, 1) + dt.timedelta(days=rng.randrange(365 * (2026 - start)))
    roll = rng.random()
    value = day.isoformat() if roll < 0.6 else day.isoformat()[:7] if roll < 0.9 else str(day.year)
    return value + ("~" if rng.random() < 0.1 else "")


def zipf_paragraph(corpus: Corpus, words: int) -> str:
    drawn = corpus.rng.choices(corpus.vocabulary, cum_weights=corpus.cumulative, k=words)
    sentences = []
    position = 0
    while position < len(drawn):
        size = corpus.rng.randint(8, 18)
        chunk = drawn[position : position + size]
        position += size
        sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
    return " ".join(sentences)


def prose(
    corpus: Corpus,
    templates: Sequence[str],
    about: PersonSpec,
    slots: dict[str, str],
    size: int,
    first: str,
) -> str:
    """About ``size`` characters: templated paragraphs (55 %) and Zipf prose."""
    rng = corpus.rng
    parts = [first]
    length = len(first)
    while length < size:
        if rng.random() < 0.55:
            official = rng.choice(corpus.officials)
            paragraph = rng.choice(templates).format(
                name=about.display,
                armn=about.armn,
                cyrl=about.cyrl,
                azer=about.azer,
                official=official.display,
                official_ru=official.cyrl,
                date=text_date(rng),
                place=rng.choice(PLACES),
                **slots,
            )
        else:
            paragraph = zipf_paragraph(corpus, rng.randint(25, 60))
        parts.append(paragraph)
        length += len(paragraph) + 2
    text = "\n\n".join(parts)
    cut = text.rfind(" ", 0, size)
    return text[: cut if cut > size // 2 else size]


# --------------------------------------------------------------------------- building


def _record(now: dt.datetime) -> dict[str, object]:
    return {
        "id": uuid.uuid4(),
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "sensitivity": "public",
        "is_demo": False,
    }


def insert_people(conn: Any, people: list[PersonSpec], rng: random.Random) -> dict[str, int]:
    now = dt.datetime.now(dt.UTC)
    people_rows: list[dict[str, object]] = []
    name_rows: list[dict[str, object]] = []
    citizenship = {"hy": "AM", "az": "AZ", "en": "US"}
    for person in people:
        notes = None
        if person.group == "hy" and rng.random() < 0.3:
            notes = f"Detained since {text_date(rng)}; family in {rng.choice(PLACES)}."
        elif person.group != "hy" and rng.random() < 0.3:
            notes = rng.choice(
                (
                    "Member of the Foreign Affairs Committee; co-chair of the caucus.",
                    "Judge who presided over several detention hearings.",
                    "Prosecutor in the cases of detained civilians.",
                    "Staff contact for human rights and consular matters.",
                )
            )
        people_rows.append(
            {
                **_record(now),
                "id": person.id,
                "display_name": person.display,
                "sort_name": sort_name(person.display),
                "gender": rng.choice(("male", "male", "female", "unknown")),
                "citizenship": citizenship[person.group],
                "notes": notes,
            }
        )
        for ordinal, (name, script, language, kind) in enumerate(person.variants):
            name_rows.append(
                {
                    **_record(now),
                    "person_id": person.id,
                    "ordinal": ordinal,
                    "name": name,
                    "script": script,
                    "language": language,
                    "kind": kind,
                }
            )
    conn.execute(insert(Person.__table__), people_rows)
    conn.execute(insert(PersonName.__table__), name_rows)
    return {"people": len(people_rows), "person_names": len(name_rows)}


def insert_organizations(conn: Any) -> list[uuid.UUID]:
    now = dt.datetime.now(dt.UTC)
    rows = [
        {**_record(now), "name": name, "abbreviation": abbreviation, "kind": kind, "country": c}
        for name, abbreviation, kind, c, _share in ORGANIZATIONS
    ]
    conn.execute(insert(Organization.__table__), rows)
    return [row["id"] for row in rows]  # type: ignore[misc]


def letter_batch(corpus: Corpus, start: int, count: int) -> dict[str, list[dict]]:
    """Letters ``start`` … ``start + count - 1`` with their signatories and recipients."""
    rng = corpus.rng
    now = dt.datetime.now(dt.UTC)
    letters: list[dict] = []
    signatories: list[dict] = []
    recipients: list[dict] = []
    rare = corpus.people[0]
    for i in range(start, start + count):
        about = rare if i in (5, 6, 7) else rng.choice(corpus.detainees)
        if rng.random() < 0.7:
            org = rng.randrange(len(corpus.org_ids))
            to_label = corpus.org_names[org]
            to_row: dict[str, object] = {"organization_id": corpus.org_ids[org]}
        else:
            person = rng.choice(corpus.officials + corpus.signers[:50])
            to_label = person.display
            to_row = {"person_id": person.id}
        # the rare person is named in one script per letter: Latin, Armenian, Cyrillic
        named = {5: about.display, 6: about.armn, 7: about.cyrl}.get(
            i, rng.choice((about.display, about.display, about.armn, about.cyrl))
        )
        title = f"{rng.choice(LETTER_KINDS)} to {to_label} about {named}"
        body = prose(
            corpus,
            LETTER_PARAGRAPHS,
            about,
            {"recipient": to_label},
            2048,
            f"Dear {to_label},",
        )
        if i % 9973 == 17:  # about 10 letters in 100,000
            body = body.replace(" the ", f" the {RARE_WORD} and the ", 1)
        if i in (6, 7):
            body = f"{named}\n\n{body}"
        letter = {
            **_record(now),
            "sent_on": partial_date(rng),
            "title": title[:500],
            "direction": rng.choices(("outgoing", "incoming", "third_party"), (70, 15, 15))[0],
            "channel": rng.choice(("post", "email", "email", "hand_delivered", "portal")),
            "summary": (
                f"Asks for the release of {about.display} and access by the ICRC."
                if rng.random() < 0.6
                else None
            ),
            "body": body,
            "notes": "Sent with the coalition." if rng.random() < 0.1 else None,
        }
        letters.append(letter)
        chosen: list[PersonSpec] = []
        for _ in range(rng.choices((1, 2, 3, 4), (35, 30, 20, 15))[0]):
            signer = rng.choices(corpus.signers, cum_weights=corpus.signer_weights)[0]
            if signer not in chosen:
                chosen.append(signer)
        for ordinal, signer in enumerate(chosen):
            signatories.append(
                {
                    **_record(now),
                    "letter_id": letter["id"],
                    "person_id": signer.id,
                    "ordinal": ordinal,
                    "is_lead": ordinal == 0,
                    "signed_as": "Member of Congress" if rng.random() < 0.2 else None,
                }
            )
        recipients.append(
            {
                **_record(now),
                "letter_id": letter["id"],
                "person_id": None,
                "organization_id": None,
                **to_row,
                "role": "direct",
                "ordinal": 0,
            }
        )
        if rng.random() < 0.15:
            recipients.append(
                {
                    **_record(now),
                    "letter_id": letter["id"],
                    "person_id": None,
                    "organization_id": rng.choice(corpus.org_ids),
                    "role": "copy",
                    "ordinal": 1,
                }
            )
    return {"letters": letters, "signatories": signatories, "recipients": recipients}


def response_batch(corpus: Corpus, start: int, count: int) -> list[dict]:
    rng = corpus.rng
    now = dt.datetime.now(dt.UTC)
    types, type_weights = zip(*RESPONSE_TYPES, strict=True)
    rows = []
    for i in range(start, start + count):
        about = rng.choice(corpus.detainees)
        org = rng.choices(range(len(corpus.org_ids)), weights=corpus.org_weights)[0]
        org_name = corpus.org_names[org]
        text = prose(corpus, RESPONSE_PARAGRAPHS, about, {"org": org_name}, 2048, "Dear Members,")
        if i % 19997 == 11:
            text = text.replace(" the ", f" the {RARE_WORD} and the ", 1)
        response_type = rng.choices(types, type_weights)[0]
        rows.append(
            {
                **_record(now),
                "received_on": partial_date(rng, start=2020),
                "title": f"Reply from {org_name} on {about.display}"[:500],
                "from_organization_id": corpus.org_ids[org],
                "response_type": response_type,
                "impact": rng.choice(("high", "moderate", "low", "none", "unknown")),
                "summary": (
                    f"The {org_name} answers on {about.display}." if rng.random() < 0.5 else None
                ),
                "full_text": text,
            }
        )
    return rows


@dataclass
class BuildInfo:
    tag: str
    letters: int
    responses: int
    people: int
    counts: dict[str, int] = field(default_factory=dict)
    insert_seconds: float = 0.0
    generate_seconds: float = 0.0
    reindex_seconds: float = 0.0
    rebuild_seconds: float = 0.0
    optimize_seconds: float = 0.0
    analyze_seconds: float = 0.0
    index_rows: int = 0
    documents: dict[str, int] = field(default_factory=dict)
    size_before_index_mb: float = 0.0
    size_mb: float = 0.0
    avg_body_bytes: float = 0.0
    built: str = ""


def file_mb(path: Path) -> float:
    total = 0
    for suffix in ("", "-wal"):
        candidate = Path(str(path) + suffix)
        if candidate.exists():
            total += candidate.stat().st_size
    return total / 2**20


def checkpoint(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def build_database(path: Path, args: argparse.Namespace) -> BuildInfo:
    """Generate and insert the records, then build the index through the service."""
    info = BuildInfo(BUILD_TAG, args.letters, args.responses, args.people)
    rng = random.Random(SEED)
    vocabulary, cumulative = build_vocabulary(SEED + 1)
    people = make_people(args.people, rng)
    detainees = [p for p in people if p.group == "hy"]
    officials = [p for p in people if p.group == "az"]
    # signatories: English-named legislators (Zipf-weighted: a few sign thousands) and
    # some Armenian-named advocates
    signers = [p for p in people if p.group == "en"] + detainees[-100:]
    signer_weights = list(itertools.accumulate(1 / (r**0.8) for r in range(1, len(signers) + 1)))
    db = open_database(resolve_url(path), create=True)
    try:
        started = time.perf_counter()
        generating = 0.0
        body_bytes = 0
        with db.engine.begin() as conn:
            info.counts.update(insert_people(conn, people, rng))
            org_ids = insert_organizations(conn)
            info.counts["organizations"] = len(org_ids)
            corpus = Corpus(
                rng,
                vocabulary,
                cumulative,
                people,
                detainees[1:],  # the rare person only where planted
                officials,
                signers,
                signer_weights,
                org_ids,
                [o[0] for o in ORGANIZATIONS],
                [o[4] for o in ORGANIZATIONS],
            )
            batch = 5000
            for start in range(0, args.letters, batch):
                t = time.perf_counter()
                rows = letter_batch(corpus, start, min(batch, args.letters - start))
                generating += time.perf_counter() - t
                body_bytes += sum(len(r["body"].encode()) for r in rows["letters"])
                conn.execute(insert(Letter.__table__), rows["letters"])
                conn.execute(insert(LetterSignatory.__table__), rows["signatories"])
                conn.execute(insert(LetterRecipient.__table__), rows["recipients"])
                for key, table in (
                    ("letters", "letters"),
                    ("signatories", "letter_signatories"),
                    ("recipients", "letter_recipients"),
                ):
                    info.counts[table] = info.counts.get(table, 0) + len(rows[key])
                progress(f"letters {start + len(rows['letters']):,}/{args.letters:,}")
            for start in range(0, args.responses, batch):
                t = time.perf_counter()
                rows_r = response_batch(corpus, start, min(batch, args.responses - start))
                generating += time.perf_counter() - t
                body_bytes += sum(len(r["full_text"].encode()) for r in rows_r)
                conn.execute(insert(Response.__table__), rows_r)
                info.counts["responses"] = info.counts.get("responses", 0) + len(rows_r)
                progress(f"responses {start + len(rows_r):,}/{args.responses:,}")
        info.insert_seconds = time.perf_counter() - started
        info.generate_seconds = generating
        info.avg_body_bytes = body_bytes / max(1, args.letters + args.responses)
        checkpoint(path)
        info.size_before_index_mb = file_mb(path)
        progress("building the index (services.search.reindex)")
        reindex_into(db, info)
        t = time.perf_counter()
        # what create_many would have done after a bulk import (services.base)
        db.refresh_statistics()
        info.analyze_seconds = time.perf_counter() - t
    finally:
        db.close()
    checkpoint(path)
    info.size_mb = file_mb(path)
    info.built = dt.datetime.now().isoformat(timespec="seconds")
    return info


def reindex_into(db: Database, info: BuildInfo) -> None:
    services = Services(db)
    started = time.perf_counter()
    report = services.search.reindex()
    info.reindex_seconds = time.perf_counter() - started
    info.rebuild_seconds = report.seconds
    info.optimize_seconds = info.reindex_seconds - report.seconds
    info.index_rows = report.rows
    info.documents = dict(report.documents)


def source_state() -> str:
    """The commit measured, and whether src/ or migrations/ differ from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "--no-optional-locks", "status", "--porcelain", "--", "src", "migrations"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown (no git)"
    return (head or "unknown") + (
        " + uncommitted changes in src/ or migrations/" if changed else ""
    )


def progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- queries

QUERIES: tuple[tuple[str, str], ...] = (
    ("rare word", RARE_WORD),
    ("mid word", "tribunal"),
    ("common word", "detention"),
    ("rare name (expands)", "Tsaturyan"),
    ("common surname (expands)", "Vardanyan"),
    ("two words, AND", "lawyer access"),
    ("phrase", '"presumption of innocence"'),
    ("prefix", "sanction*"),
    ("OR", "tribunal OR ombudsperson"),
    ("exclusion", "detention -lawyer"),
    ("Armenian-script name", "Վարդանյան"),
    ("Cyrillic name", "Варданян"),
    ("Azerbaijani folded name", "aliyev"),
    ("two common words", "release family"),
    ("type filter", "type:response commitment"),
    ("date filter", "tribunal after:2024-01 before:2024-06"),
    ("sender filter", 'from:"State Department" visit'),
    ("signatory filter", "signed-by:Goldman release"),
    ("status filter", "status:denial detention"),
    ("filters only", "type:response after:2025-01"),
)
#: queries also timed as a CLI subprocess
CLI_SUBPROCESS = (0, 2, 4, 19)


def median_ms(samples: Sequence[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] * 1000


@dataclass
class QueryResult:
    label: str
    text: str
    match: str | None
    hits: int = 0
    found: int = 0
    raw_rows: int = 0
    service: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    raw_snippet: list[float] = field(default_factory=list)
    splits: dict[str, list[float]] = field(default_factory=dict)
    cli: list[float] = field(default_factory=list)
    subprocess: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return median_ms(self.service) / median_ms(self.raw) if self.raw else None


RAW_SQL = "SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 50"
RAW_SNIPPET_SQL = (
    "SELECT rowid, rank, snippet(search_fts, 1, '[', ']', '…', 16) FROM search_fts "
    "WHERE search_fts MATCH ? ORDER BY rank LIMIT 50"
)


def time_queries(services: Services, path: Path, runs: int) -> list[QueryResult]:
    """Service and raw FTS5 per query, interleaved: in each round every query runs
    once through the service, once raw, once raw with snippets."""
    results = [QueryResult(label, q, to_match(parse(q)).positive) for label, q in QUERIES]
    raw = sqlite3.connect(path)
    try:
        for result in results:  # warm-up, and the counts shown
            found = services.search.search(result.text, limit=LIMIT)
            result.hits = len(found.hits)
            per_type = services.search.search(result.text, limit=1, per_type=True)
            result.found = sum(per_type.counts.values())
            if result.match is not None:
                result.raw_rows = len(raw.execute(RAW_SQL, (result.match,)).fetchall())
                raw.execute(RAW_SNIPPET_SQL, (result.match,)).fetchall()
        for round_ in range(runs):
            for result in results:
                t = time.perf_counter()
                services.search.search(result.text, limit=LIMIT)
                result.service.append(time.perf_counter() - t)
                if result.match is None:
                    continue
                t = time.perf_counter()
                raw.execute(RAW_SQL, (result.match,)).fetchall()
                result.raw.append(time.perf_counter() - t)
                t = time.perf_counter()
                raw.execute(RAW_SNIPPET_SQL, (result.match,)).fetchall()
                result.raw_snippet.append(time.perf_counter() - t)
            if round_ % 5 == 4:
                progress(f"query round {round_ + 1}/{runs}")
    finally:
        raw.close()
    return results


SPLITS = ("session", "expand", "rank", "rows", "snippets", "raw expanded")


def time_splits(services: Services, path: Path, results: list[QueryResult], runs: int) -> None:
    """Where the service's time goes: the steps of ``SearchService.search`` run one
    by one (``SearchEngine.with_name_variants``, ``_ranked``, ``_rows``, the
    snippets), and raw FTS5 with the expanded expression."""
    raw = sqlite3.connect(path)
    try:
        for round_ in range(runs + 1):
            for result in results:
                parsed = parse(result.text)
                t0 = time.perf_counter()
                with services.db.reading() as session:
                    engine = SearchEngine(session)
                    t1 = time.perf_counter()
                    expanded = engine.with_name_variants(parsed)
                    t2 = time.perf_counter()
                    ranked = engine._ranked(expanded, (), LIMIT, False)
                    t3 = time.perf_counter()
                    rows = engine._rows([r.id for r in ranked])
                    t4 = time.perf_counter()
                    for entry in ranked[:LIMIT]:
                        row = rows.get(entry.id)
                        if row is not None:
                            make_snippet(row.text, expanded, 180)
                    t5 = time.perf_counter()
                match = to_match(expanded).positive
                t6 = time.perf_counter()
                if match is not None:
                    raw.execute(RAW_SQL, (match,)).fetchall()
                t7 = time.perf_counter()
                if round_ == 0:
                    continue  # warm-up
                for name, value in zip(
                    SPLITS, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t7 - t6), strict=True
                ):
                    result.splits.setdefault(name, []).append(value)
    finally:
        raw.close()


def profile_queries(services: Services, runs: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        for _label, text in QUERIES:
            services.search.search(text, limit=LIMIT)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(18)
    stats.sort_stats("cumulative").print_stats(25)
    return out.getvalue()


# --------------------------------------------------------------------------- CLI


def time_cli_in_process(path: Path, results: list[QueryResult], runs: int) -> None:
    from casetracker.cli.main import main as cli_main

    def once(text: str) -> float:
        out = io.StringIO()
        t = time.perf_counter()
        with contextlib.redirect_stdout(out):
            code = cli_main(["--db", str(path), "search", text, "--json", "--limit", str(LIMIT)])
        elapsed = time.perf_counter() - t
        if code != 0:
            raise RuntimeError(f"casetracker search {text!r} exited with {code}")
        return elapsed

    for result in results:
        once(result.text)
    for _ in range(runs):
        for result in results:
            result.cli.append(once(result.text))


def time_subprocesses(path: Path, results: list[QueryResult], runs: int) -> dict[str, list[float]]:
    env = dict(os.environ)
    env.pop("CASETRACKER_DB", None)

    def run(argv: list[str]) -> tuple[float, str]:
        t = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO)
        elapsed = time.perf_counter() - t
        if done.returncode != 0:
            raise RuntimeError(f"{argv} failed: {done.stderr.strip()}")
        return elapsed, done.stdout

    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import casetracker.cli.main": [sys.executable, "-c", "import casetracker.cli.main"],
        # builds the parser: imports every command's module, as any command does
        "python -m casetracker --version": [sys.executable, "-m", "casetracker", "--version"],
    }
    startup: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs + 1):
        for name, argv in commands.items():
            startup[name].append(run(argv)[0])
    for index in CLI_SUBPROCESS:
        result = results[index]
        argv = [sys.executable, "-m", "casetracker", "--db", str(path), "search", result.text]
        argv += ["--json", "--limit", str(LIMIT)]
        _, out = run(argv)  # warm-up
        lines = [line for line in out.splitlines() if line.strip()]
        if len(lines) != result.hits:
            print(f"  ! CLI printed {len(lines)} hits for {result.text!r}, service {result.hits}")
        for _ in range(runs):
            result.subprocess.append(run(argv)[0])
    return {k: v[1:] for k, v in startup.items()}


# --------------------------------------------------------------------------- saves


class _Rollback(Exception):
    pass


class ApplyLog(logging.Handler):
    """Catches ``search.sync.apply``'s debug line: documents refreshed and ms."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[tuple[int, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("search index:") and record.args:
            documents, milliseconds = record.args  # type: ignore[misc]
            self.seen.append((int(documents), float(milliseconds)))


@contextlib.contextmanager
def apply_log() -> Iterator[ApplyLog]:
    logger = logging.getLogger("casetracker.search.sync")
    handler = ApplyLog()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False  # not on the console
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


@dataclass
class SaveResult:
    saves: list[float] = field(default_factory=list)
    saves_apply_ms: list[float] = field(default_factory=list)
    apply_only: list[float] = field(default_factory=list)
    cascade: list[float] = field(default_factory=list)
    cascade_apply_ms: list[float] = field(default_factory=list)
    cascade_documents: int = 0
    cascade_letters: int = 0
    cascade_name: str = ""


def time_saves(services: Services, runs: int, rng: random.Random) -> SaveResult:
    """Every save is undone by a second save (also timed), so the database ends as it began."""
    db = services.db
    result = SaveResult()
    with db.reading() as session:
        letter_ids = list(session.scalars(select(Letter.id).order_by(Letter.id)))
    sample = rng.sample(letter_ids, min(len(letter_ids), runs + 1))
    with apply_log() as log:
        for n, letter_id in enumerate(sample):
            original = services.letters.get(letter_id).body or ""
            for body in (original + f"\n\nAddendum {n}: a hearing is set for next week.", original):
                log.seen.clear()
                t = time.perf_counter()
                services.letters.update(letter_id, body=body)
                elapsed = time.perf_counter() - t
                if n:  # the first letter is the warm-up
                    result.saves.append(elapsed)
                    result.saves_apply_ms.append(log.seen[-1][1] if log.seen else math.nan)
        for n, letter_id in enumerate(rng.sample(letter_ids, min(len(letter_ids), runs + 1))):
            with contextlib.suppress(_Rollback), db.transaction() as session:
                pending = sync.Pending(keys={("letter", letter_id)})
                t = time.perf_counter()
                sync.apply(session, pending)
                elapsed = time.perf_counter() - t
                raise _Rollback  # leave the index as it was
            if n:
                result.apply_only.append(elapsed)
        # a person who signed many letters: every one of them is re-indexed
        with db.reading() as session:
            person_id, signed = session.execute(
                select(LetterSignatory.person_id, func.count())
                .group_by(LetterSignatory.person_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
        person = services.people.get(person_id)
        result.cascade_name = person.display_name
        result.cascade_letters = int(signed)
        first, _, last = person.display_name.partition(" ")
        for name in (f"{first} J. {last}", person.display_name):
            log.seen.clear()
            t = time.perf_counter()
            services.people.update(person_id, display_name=name)
            result.cascade.append(time.perf_counter() - t)
            result.cascade_documents, applied = log.seen[-1] if log.seen else (0, math.nan)
            result.cascade_apply_ms.append(applied)
    return result


# --------------------------------------------------------------------------- report


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_queries(results: list[QueryResult], runs: int) -> None:
    print(f"\n2. queries: median of {runs} runs after one warm-up, ms (ratio = service ÷ raw)")
    print(
        f"{'#':>2} {'query':<40} {'hits':>4} {'found':>7} {'service':>8} {'p95':>7} "
        f"{'raw':>7} {'+snip':>7} {'ratio':>6}  kind"
    )
    for n, r in enumerate(results, 1):
        raw = f"{median_ms(r.raw):7.1f}" if r.raw else f"{'—':>7}"
        snip = f"{median_ms(r.raw_snippet):7.1f}" if r.raw_snippet else f"{'—':>7}"
        ratio = f"{r.ratio:6.2f}" if r.ratio is not None else f"{'—':>6}"
        print(
            f"{n:>2} {short(r.text, 40):<40} {r.hits:>4} {r.found:>7,} "
            f"{median_ms(r.service):8.1f} {p95_ms(r.service):7.1f} {raw} {snip} {ratio}  {r.label}"
        )
    print("   hits: shown (≤ 50); found: documents matching, every type (per_type counts)")
    print("   raw: sqlite3 FTS5 MATCH … ORDER BY rank LIMIT 50 of to_match(parse(q)).positive;")
    print("   +snip: the same with snippet(search_fts, 1, …, 16); — : no FTS5 expression")


def print_splits(results: list[QueryResult], runs: int) -> None:
    print(f"\n2b. where the service's time goes: median of {runs} runs, ms")
    header = " ".join(f"{name:>9}" for name in SPLITS[:5])
    print(f"{'#':>2} {'query':<34} {header} {'sum':>7} {'service':>8} {'raw exp.':>9}")
    totals = dict.fromkeys(SPLITS, 0.0)
    for n, r in enumerate(results, 1):
        values = {name: median_ms(r.splits[name]) for name in SPLITS}
        for name in SPLITS:
            totals[name] += values[name]
        cells = " ".join(f"{values[name]:9.2f}" for name in SPLITS[:5])
        total = sum(values[name] for name in SPLITS[:5])
        print(
            f"{n:>2} {short(r.text, 34):<34} {cells} {total:7.1f} {median_ms(r.service):8.1f} "
            f"{values['raw expanded']:9.1f}"
        )
    whole = sum(totals[name] for name in SPLITS[:5])
    shares = ", ".join(f"{name} {100 * totals[name] / whole:.0f} %" for name in SPLITS[:5])
    print(f"   share of the sum over the 20 queries: {shares}")
    print("   session: opening the reading session; expand: with_name_variants (the query's")
    print("   words looked up in the in-memory name index); rank: _ranked (FTS5 rank, or")
    print("   bm25 and filters in SQL); rows: _rows (the shown rows with their text);")
    print("   snippets: make_snippet for each hit; raw exp.: raw FTS5 with the expanded expression")


def summary(
    info: BuildInfo,
    path: Path,
    results: list[QueryResult],
    startup: dict[str, list[float]],
    saves: SaveResult | None,
    args: argparse.Namespace,
    reused: bool,
) -> list[str]:
    lines: list[str] = []
    add = lines.append
    every = [s for r in results for s in r.service]
    per_query = [median_ms(r.service) for r in results]
    ratios = [(r.ratio, r.text) for r in results if r.ratio is not None]
    overall = median_ms(every)
    add(
        f"### summary — {info.letters:,} letters, {info.responses:,} responses, "
        f"{info.people:,} people; {args.runs} runs"
    )
    add(
        f"corpus: {sum(info.counts.values()):,} rows inserted (Core, one transaction) in "
        f"{info.insert_seconds:.1f} s ({info.generate_seconds:.1f} s of it generating); "
        f"bodies {info.avg_body_bytes:,.0f} B UTF-8 on average"
        + (f" [built {info.built}, reused]" if reused else "")
    )
    add(
        f"index build, services.search.reindex(): {info.reindex_seconds:.1f} s "
        f"(rebuild {info.rebuild_seconds:.1f} s + optimize {info.optimize_seconds:.1f} s); "
        f"{info.index_rows:,} rows; documents "
        + ", ".join(f"{k} {v:,}" for k, v in info.documents.items() if v)
    )
    add(
        f"file: {info.size_mb:,.0f} MB ({info.size_before_index_mb:,.0f} MB before the index); "
        f"ANALYZE after loading {info.analyze_seconds:.1f} s"
    )
    add(
        f"service latency, all {len(every)} timings: median {overall:.1f} ms, "
        f"p95 {p95_ms(every):.1f} ms; median of per-query medians "
        f"{statistics.median(per_query):.1f} ms; slowest query median {max(per_query):.1f} ms"
        f"   target median < {TARGET_MEDIAN_MS:.0f} ms: {verdict(overall < TARGET_MEDIAN_MS)}"
    )
    if ratios:
        raw = [median_ms(r.raw) for r in results if r.raw]
        add(
            f"raw FTS5 alone ({len(raw)} queries): median of per-query medians "
            f"{statistics.median(raw):.1f} ms, slowest {max(raw):.1f} ms; with snippet(): "
            f"{statistics.median([median_ms(r.raw_snippet) for r in results if r.raw]):.1f} ms"
        )
        values = [r for r, _ in ratios]
        worst, worst_text = max(ratios)
        add(
            f"ratio service ÷ raw FTS5 ({len(ratios)} queries; the filter-only query has none): "
            f"median {statistics.median(values):.2f} "
            f"{verdict(statistics.median(values) <= TARGET_RATIO)}, "
            f"worst {worst:.2f} ({worst_text}) {verdict(worst <= TARGET_RATIO)}, "
            f"{sum(v <= TARGET_RATIO for v in values)}/{len(values)} queries ≤ {TARGET_RATIO:g}"
            f"   target ≤ {TARGET_RATIO:g}"
        )
    cli = [median_ms(r.cli) for r in results if r.cli]
    if cli:
        every_cli = [s for r in results for s in r.cli]
        add(
            f"CLI in process, main([... 'search', q, '--json']): median {median_ms(every_cli):.1f}"
            f" ms, p95 {p95_ms(every_cli):.1f} ms, per-query medians "
            f"{min(cli):.1f}–{max(cli):.1f} ms"
        )
    sub = [median_ms(r.subprocess) for r in results if r.subprocess]
    if sub:
        add(
            f"CLI subprocess, python -m casetracker search: per-query medians "
            f"{min(sub):.0f}–{max(sub):.0f} ms; start-up alone: "
            + ", ".join(f"{name} {median_ms(v):.0f} ms" for name, v in startup.items())
        )
    if saves is not None and saves.saves:
        apply_only = median_ms(saves.apply_only)
        add(
            f"save one letter, letters.update(body=…): median {median_ms(saves.saves):.1f} ms, "
            f"p95 {p95_ms(saves.saves):.1f} ms end to end (its re-index "
            f"{statistics.median(saves.saves_apply_ms):.1f} ms); "
            f"sync.apply alone {apply_only:.1f} ms (p95 {p95_ms(saves.apply_only):.1f})"
            f"   target re-index < {TARGET_SAVE_MS:.0f} ms: {verdict(apply_only < TARGET_SAVE_MS)}"
            f" (end to end: {verdict(median_ms(saves.saves) < TARGET_SAVE_MS)})"
        )
        add(
            f"save a person who signed {saves.cascade_letters:,} letters "
            f"({saves.cascade_name}): "
            + " / ".join(f"{s:.2f} s" for s in saves.cascade)
            + f" ({saves.cascade_documents:,} documents re-indexed in "
            + " / ".join(f"{m / 1000:.2f} s" for m in saves.cascade_apply_ms)
            + ")"
        )
    add(f"database: {path}")
    return lines


# --------------------------------------------------------------------------- main


def sidecar(path: Path) -> Path:
    return Path(str(path) + ".json")


def schema_drift(path: Path) -> list[str]:
    """Tables and indexes the current models define that the database lacks (a
    database built before a schema change: its figures would not be today's)."""
    from casetracker.models import Base

    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    wanted = set()
    for table in Base.metadata.sorted_tables:
        wanted.add(table.name)
        wanted.update(str(index.name) for index in table.indexes if index.name)
    return sorted(w for w in wanted - present if not w.endswith("_pg"))


def load_info(path: Path) -> BuildInfo:
    meta = sidecar(path)
    if not meta.exists():
        raise SystemExit(f"{path}: no {meta.name} beside it; only a database built here is reused")
    data = json.loads(meta.read_text())
    if data.get("tag") != BUILD_TAG:
        raise SystemExit(f"{path} was built by another version of this benchmark; build anew")
    return BuildInfo(**data)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=100_000, help="letters generated")
    parser.add_argument("--responses", type=int, default=50_000, help="responses generated")
    parser.add_argument("--people", type=int, default=3_000, help="people generated")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query (min 15)")
    parser.add_argument(
        "--inproc-runs", type=int, default=15, help="runs per in-process CLI call (min 15)"
    )
    parser.add_argument("--cli-runs", type=int, default=5, help="runs per CLI subprocess (min 5)")
    parser.add_argument("--reuse", metavar="PATH", help="a database this benchmark built")
    parser.add_argument("--keep", action="store_true", help="keep the database in bench/out/")
    parser.add_argument("--reindex", action="store_true", help="with --reuse: time reindex again")
    parser.add_argument("--skip-saves", action="store_true", help="leave out the save timings")
    parser.add_argument("--skip-cli", action="store_true", help="leave out the CLI timings")
    parser.add_argument("--profile", action="store_true", help="cProfile the 20 queries")
    args = parser.parse_args(argv)
    args.runs = max(15, args.runs)
    args.cli_runs = max(5, args.cli_runs)
    args.inproc_runs = max(15, args.inproc_runs)
    if min(args.letters, args.responses) < 10 or args.people < 200:
        parser.error("use at least 10 letters, 10 responses and 200 people")

    print(
        f"CaseTracker search benchmark: Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.machine()}, {os.cpu_count()} CPUs"
    )
    print(f"source: commit {source_state()}")
    temp_dir: str | None = None
    reused = args.reuse is not None
    if reused:
        path = Path(args.reuse).resolve()
        info = load_info(path)
        args.letters, args.responses, args.people = info.letters, info.responses, info.people
        missing = schema_drift(path)
        if missing:
            print(
                f"  ! {path.name} lacks {', '.join(missing)} of the current schema: it was "
                "built by older code; build it again for today's figures"
            )
    else:
        if args.keep:
            OUT.mkdir(parents=True, exist_ok=True)
            path = OUT / f"search-{args.letters}-{args.responses}.db"
            if path.exists():
                load_info(path)  # only ever replace a database built here
                for suffix in ("", "-wal", "-shm", ".json"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
        else:
            temp_dir = tempfile.mkdtemp(prefix="casetracker-bench-search-")
            path = Path(temp_dir) / "search.db"
        print(f"building {path} …")
        info = build_database(path, args)
        sidecar(path).write_text(json.dumps(info.__dict__, indent=1))
    try:
        db = open_database(resolve_url(path))
        services = Services(db)
        if reused and args.reindex:
            print("timing services.search.reindex() again …")
            reindex_into(db, info)
            checkpoint(path)
            info.size_mb = file_mb(path)
        print(f"1. database {path}: {info.size_mb:,.0f} MB, rows {info.counts}")
        print(
            f"   reindex {info.reindex_seconds:.1f} s, {info.index_rows:,} rows, "
            f"documents {info.documents}"
        )
        results = time_queries(services, path, args.runs)
        print_queries(results, args.runs)
        time_splits(services, path, results, 5)
        print_splits(results, 5)
        if args.profile:
            print("\nprofile of 3 runs of the 20 queries:")
            print(profile_queries(services, 3))
        startup: dict[str, list[float]] = {}
        if not args.skip_cli:
            progress("CLI in process")
            time_cli_in_process(path, results, args.inproc_runs)
            progress("CLI subprocesses")
            startup = time_subprocesses(path, results, args.cli_runs)
            print(
                f"\n3. CLI: median ms (in process: {args.inproc_runs} runs; "
                f"subprocess: {args.cli_runs} runs)"
            )
            print(f"{'#':>2} {'query':<40} {'service':>8} {'in-proc':>8} {'subproc':>8}")
            for n, r in enumerate(results, 1):
                sub = f"{median_ms(r.subprocess):8.0f}" if r.subprocess else f"{'':>8}"
                print(
                    f"{n:>2} {short(r.text, 40):<40} {median_ms(r.service):8.1f} "
                    f"{median_ms(r.cli):8.1f} {sub}"
                )
            for name, samples in startup.items():
                print(f"   start-up, {name}: {median_ms(samples):.0f} ms")
        saves = None
        if not args.skip_saves:
            progress("saves")
            saves = time_saves(services, args.runs, random.Random(SEED + 2))
        db.close()
        print()
        print("\n".join(summary(info, path, results, startup, saves, args, reused)))
    finally:
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)
            print(f"(removed {temp_dir}; use --keep to keep the database)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
