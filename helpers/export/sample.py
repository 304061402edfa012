"""Generate a synthetic LinkedIn *Complete* data export of an invented person.

The zip copies the real 2025-26 export format byte for byte (the Notes preamble in
Connections.csv, percent-encoded slugs there and raw Unicode slugs elsewhere, the all-quoted
2026 messages.csv, ghost rows, drafts, sponsored mail, ...), but every person, company and
message in it is made up. It carries the workshop's story: twelve long-standing warm contacts
("the Johns", `STORY_SLUGS`) whose company and title say little about what they do.

    python -m helpers.sample                    # data/sample/Complete_LinkedInDataExport_11-20-2026.zip
    python -m helpers.sample --connections 30000 --messages 300000 --out /tmp/big.zip

Same arguments, same bytes: one `random.Random(seed)` drives everything, nothing iterates in
string-hash order, and the zip's timestamps and attributes are fixed.
"""
from __future__ import annotations

import argparse
import base64
import csv
import io
import sys
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from random import Random
from urllib.parse import quote

EXPORT_DATE = date(2026, 11, 20)
FIRST_DAY = date(2008, 1, 7)
DEFAULT_SEED = 20261120
DEFAULT_CONNECTIONS = 800
MIN_CONNECTIONS = 50  # room for the story, warm contacts, recruiters and the quirks
MAX_CONNECTIONS = 30_000  # LinkedIn's cap on first-degree connections
MESSAGES_PER_CONNECTION = 8
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"
DEFAULT_ZIP = SAMPLE_DIR / f"Complete_LinkedInDataExport_{EXPORT_DATE:%m-%d-%Y}.zip"
ZIP_TIME = (2026, 11, 20, 6, 0, 0)
DAY = 86400

OWNER_FIRST, OWNER_LAST = "Maren", "Holt"
OWNER_NAME = f"{OWNER_FIRST} {OWNER_LAST}"
PROFILE = "https://www.linkedin.com/in/"
OWNER_URL = PROFILE + "maren-holt-5c2e81"

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses'
    " are missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    ' https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On".split(",")
MESSAGES_HEADER = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
                   "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS").split(",")
ENDORSEMENT_HEADER = ("Endorsement Date,Skill Name,Endorse{0} First Name,Endorse{0} Last Name,Endorse{0} Public Url,"
                      "Endorsement Status")
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl".split(",")
RECOMMENDATIONS_HEADER = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status".split(",")
MEMBERS = ("Connections.csv", "Endorsement_Given_Info.csv", "Endorsement_Received_Info.csv", "Invitations.csv",
           "Jobs/Job Applications.csv", "Positions.csv", "Profile.csv", "Recommendations_Given.csv",
           "Recommendations_Received.csv", "coach_messages.csv", "messages.csv")
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

# The Johns: first, last, slug, vague company, vague title, connected on, last message.
_STORY = (
    ("John", "Whitaker", "john-whitaker-4f1c", "Harborline Holdings", "Partner", "2009-05-16", "2023-09-02"),
    ("Ana", "Pérez", "ana-pérez-1a2b", "Bluewater Partners", "Principal", "2011-03-07", "2024-02-11"),
    ("Søren", "Dahl", "søren-dahl-77b0", "North Ridge Group", "Director", "2008-11-22", "2022-12-18"),
    ("Mireille", "Laurent", "mireillelaurent", "Keystone & Vale", "Owner", "2010-06-03", "2024-06-30"),
    ("Tomasz", "Kowalczyk", "tomasz-kowalczyk-09a3", "Granite Bay Partners", "Managing Partner", "2012-09-14", "2023-04-21"),
    ("Priya", "Raman", "priya-raman-b52e9c11", "Meridian Associates", "Director", "2013-01-28", "2025-03-09"),
    ("Zoë", "Hartmann", "zoë-hartmann-3d8f", "Larkspur & Co.", "Owner", "2014-04-02", "2023-11-05"),
    ("Kwame", "Mensah", "kwame-mensah-61c7", "Summit Lane Holdings, LLC", "Principal", "2010-10-19", "2022-12-01"),
    ("Daniel", "Okafor", "danielokafor", "Oakmont Group", "Vice President", "2015-02-23", "2024-09-14"),
    ("Greta", "Lindholm", "greta-lindholm-8e2a", "Pinecrest Enterprises", "Founder", "2009-08-30", "2025-07-27"),
    ("Rafael", "Núñez", "rafael-núñez-5b19", "Tidewater Holdings", "Partner", "2016-05-11", "2023-06-16"),
    ("Ingrid", "Solberg", "ingrid-solberg-2c4d", "Ashgrove Partners", "Consultant", "2012-02-06", "2024-12-03"),
)
STORY_SLUGS = tuple(row[2] for row in _STORY)

FIRST_NAMES = """Anna Ben Carla David Elena Felix Grace Hugo Isabel Jonas Kate Liam Maya Noah Olivia Paul Rosa
Sam Tara Victor Wendy Yusuf Aisha Arjun Bruno Chloe Diego Emma Fatima Gabriel Hannah Ibrahim Jakob Kofi Leila
Marco Nadia Oscar Petra Rahul Sofia Thomas Uma Valentina William Yara Lars Freya Mikkel Astrid Sven Olga Dmitri
Chiara Luca Matteo Giulia Pedro Camila Mateo Nikos Eleni Emre Elif Chidi Amara Tendai Sipho Kenji Hana Minh
Linh Arash Samir Noor Erik Johan Ruth Miriam Aaron Simone Jasper Nina Tobias Lena Max Clara Henrik Sara Søren
Zoë Łukasz José Renée Björn Åsa Jürgen François Inês Dóra Małgorzata Chloé Joël Lucía Andrés Ayşe""".split()
LAST_NAMES = """Andersen Baker Costa Dubois Evans Fischer Garcia Hansen Ivanova Jensen Kim Larsen Martin Nielsen
Olsen Patel Quinn Rossi Schmidt Tanaka Vargas Weber Young Zimmermann Adeyemi Brennan Carvalho Demir Eriksson
Fernandes Gupta Haddad Iqbal Jovanovic Kowalski Lindqvist Moreau Nakamura Ortiz Petrov Reyes Santos Takahashi
O'Brien Walsh Yilmaz Zhang Mwangi Osei Banda Novak Horvat Kovacs Berg Holm Lund Strand Vik Morales Silva Sato
Chen Singh Khan Hughes Murphy Kelly Byrne Fitzgerald Schulz Wagner Becker Hoffmann Keller Bauer Richter Klein
Neumann Pérez Müller Núñez Gómez Sánchez Jørgensen Søndergaard Åberg Öztürk Wiśniewski Dvořák Kovačević
Lefèvre Björk Ólafsdóttir Şahin Grünewald Peña Muñoz""".split() + ["Van Dijk", "De Luca"]
CJK_NAMES = (("伟", "王"), ("美咲", "佐藤"), ("민준", "김"), ("芳", "李"), ("健太", "鈴木"), ("서연", "박"))
CREDENTIALS = (", PhD", ", MBA", ", CPA", ", PMP", ", CFA", " MBA")
PREFIXES = """Brightpath Copperleaf Silverline Bluefin Ironbridge Greenfield Starling Fjordstone Kestrel Meadowlark
Nimbus Orchid Quartz Riverbend Sable Tundra Willow Zephyr Alder Beacon Crescent Driftwood Ember Falcon Helix
Indigo Juniper Lighthouse Mosaic Oakridge Ridgeway Trident Upland Westbrook Larch Cobalt Saltmarsh Heron
Birchwood Lindenhall Marigold Stonecrest Thistle Vesper""".split()
INDUSTRIES = (  # company suffixes | positions; logistics twice: it is the owner's own field
    ("Software|Analytics|Cloud|Labs|Data|Digital", "Software Engineer|Senior Software Engineer|Product Manager|"
     "Data Scientist|Engineering Manager|UX Designer|DevOps Engineer|CTO|Solutions Architect"),
    ("Bank|Capital Markets|Insurance|Asset Management|Credit Union", "Financial Analyst|Risk Manager|"
     "Relationship Manager|Controller|CFO|Investment Associate|Compliance Officer"),
    ("Health|Medical Center|Pharma|Biotech|Clinic", "Nurse Manager|Clinical Research Associate|Physician|"
     "Pharmacist|Medical Science Liaison|Hospital Administrator"),
    ("Manufacturing|Industries|Components|Machinery|Plastics", "Plant Manager|Process Engineer|Quality Manager|"
     "Production Supervisor|Maintenance Engineer|Lean Coordinator"),
    ("Logistics|Freight|Shipping|Distribution|Transport", "Logistics Coordinator|Supply Chain Manager|"
     "Warehouse Manager|Procurement Specialist|Fleet Manager|Demand Planner|Head of Operations"),
    ("Logistics|Freight|Shipping|Distribution|Transport", "Account Executive|Business Development Manager|"
     "Operations Manager|Customs Specialist|Transport Planner"),
    ("University|Academy|Business School|College", "Lecturer|Professor|Program Director|Student|Research Assistant"),
    ("Port Authority|City Council|Regional Transit", "Policy Advisor|Project Officer|Procurement Officer|Civil Engineer"),
    ("Retail|Foods|Outfitters|Markets|Home", "Store Manager|Category Manager|Buyer|E-commerce Manager|Merchandiser"),
    ("Energy|Power|Wind|Solar|Utilities", "Project Engineer|Energy Analyst|HSE Manager|Field Engineer"),
    ("Consulting|Advisory|Strategy Group", "Consultant|Senior Consultant|Manager|Analyst|Partner"),
    ("Media|Creative|Marketing|Communications", "Marketing Manager|Content Strategist|Brand Manager|"
     "Account Director|Copywriter|SEO Specialist"),
)
LEGAL_FORMS = (", Inc.", " Inc.", ", LLC", " Ltd", " GmbH", " AB", " A/S", " B.V.")
RECRUITER_FIRMS = "Talent|Staffing|Recruitment|Search Partners|Executive Search|Talent Partners"
RECRUITER_TITLES = ("Technical Recruiter|Senior Recruiter|Talent Acquisition Partner|Recruitment Consultant|"
                    "Executive Search Consultant|Talent Sourcer").split("|")
CLEAR_BUSINESSES = (  # warm contacts whose company says what they do: business, title, skill to endorse
    ("Family Dentistry", "Dentist & Owner", "Dentistry"),
    ("Payroll Software", "Founder, payroll software for restaurants", "SaaS"),
    ("Commercial Roofing", "Owner, flat roofs for warehouses", "Roofing"),
    ("Veterinary Clinic", "Veterinarian", "Veterinary Medicine"),
    ("Freight Forwarding", "Customs Broker", "Customs Regulations"),
    ("Wedding Catering", "Head Chef & Co-owner", "Catering"),
    ("Tax & Accounting", "Tax Advisor for small businesses", "Tax Preparation"),
    ("Structural Engineering", "Structural Engineer", "Structural Analysis"),
    ("Solar Installations", "Installer, rooftop solar for homes", "Solar Energy"),
    ("Employment Law", "Employment Lawyer", "Employment Law"),
    ("Kitchen Renovations", "Kitchen Designer", "Interior Design"),
    ("Physiotherapy", "Physiotherapist", "Sports Injuries"),
)
OWNER_SKILLS = ("Supply Chain Management|Logistics|Operations Management|Lean Manufacturing|Project Management|"
                "Leadership|Continuous Improvement|Process Improvement|Warehouse Management|Negotiation").split("|")
VAGUE_SKILLS = "Business Development|Sales|Negotiation|Management|Strategic Partnerships|Leadership".split("|")

# What people write: (sent by the owner, received). {first}: the contact, {me}: the owner.
LINES = {
    "story": (  # personal, never about work: that is the point of the story
        ("Hi {first}! Great seeing you at the school fair. Say hi to everyone at home.",
         "Are you around this weekend? We're firing up the grill.", "Happy birthday, {first}! Hope it's a good one.",
         "Sure, Saturday works. 10am at the usual place?", "Long time! How are you all doing?",
         "Thanks for dinner, {first}.\n\nThe kids haven't stopped talking about it.\n\nSee you soon,\n{me}"),
        ("Hi {me}, thanks again for helping with the move.\nWe owe you one!", "Happy birthday, {me}!! 🎉",
         "Saw this and thought of you: the old bakery on the corner is closing :(",
         "Are you going to the street party this year?", "Congrats on the new role, {me}! Drinks on me next time.",
         "Hi {me},\n\nCould you water the plants while we're away, Thu-Sun?\n\nThanks a million"),
    ),
    "warm": (
        ("How's everything at {company}?", "Thanks for the tip, {first}, it worked.",
         "Hi {first}, a friend of mine needs exactly what you do. OK to connect you two?",
         "Coffee next week? I'd love to hear what's new at {company}."),
        ("Hi {me}! Record month at {company}. Thanks for the referral.", "Tuesday 9am works for me.",
         "Hi {me},\nquick question about your warehouse setup:\nwho did your racking?", "Great to catch up today!"),
    ),
    "active": (
        ("Thanks for connecting, {first}!", "Nice meeting you at the logistics meetup.",
         "Hi {first}, good to see you at the conference, let's stay in touch."),
        ("Hi {me}, thanks for accepting my invitation.", "Thanks, {me}! Likewise.",
         "Great talk yesterday, {me}. Do you share the slides?"),
    ),
    "recruiter": ((), (
        "<p>Hi {me},</p><p>I came across your profile and think you'd be a great fit for a Head of Supply Chain "
        "role with one of our clients.</p><p>Open to a quick chat?</p>",
        "Hi {me},\n\nI'm working on a confidential Director of Operations search. Would you be open to a call "
        "this week?\n\nBest,\n{first}",
        "<p>Hello {me},</p><p>Are you open to new opportunities in logistics?</p>")),
}
RECRUITER_FOLLOW_UP = "Hi {me}, following up on my note from last week. Any interest?"
SPONSORED = (  # subject, HTML content
    ("Invitation: Future of Freight Summit", "<p>Hi %FIRSTNAME%,</p><p>Join 2,000 supply chain leaders at the "
     "<b>Future of Freight Summit</b>.</p><p><a href=\"https://example.com/summit\">Register free</a></p>"),
    ("%FIRSTNAME%, cut warehouse costs by 30%",
     "<p>Dear %FIRSTNAME%,</p><p>See how teams like yours cut warehouse costs by 30%.</p><p>Book a demo today.</p>"),
)
SPAM = ("Dear friend, I have a business proposal of mutual benefit.",
        "Congratulations!!! You have been selected for an exclusive investment opportunity.")
GROUP_TITLES = ("Neighbourhood BBQ", "Ops leaders roundtable", "Class of 2004 reunion", "Warehouse tour", "Book club")
GROUP_LINES = ("Count me in!", "What time?", "I'll bring dessert.", "Can we move it to next week?",
               "Great idea.\nI can host this time.", "Thanks all, that was fun!")
DRAFT = "Hi {first}, it's been far too long. Coffee soon? I'd love to hear what you're"  # never finished
# messages per thread: (floor, weight of the rest); recruiters get one to three, one-way
THREAD_SIZES = {"story": (8, 50.0), "warm": (2, 20.0), "active": (1, 1.5)}


@dataclass(slots=True)
class _Person:
    first: str
    last: str
    slug: str
    kind: str  # story, warm, recruiter, active (older, a few messages), weak, ghost, outsider (not a connection)
    company: str = ""
    position: str = ""
    connected: date = EXPORT_DATE
    last_contact: date | None = None  # the story's last message
    email: str = ""

    @property
    def name(self) -> str:
        return f"{self.first.strip()} {self.last.strip()}"

    @property
    def url(self) -> str:
        return PROFILE + self.slug  # raw Unicode, as in messages and invitations


# --- dates, written the way each file writes them (no locale, no time zones) ---

def _ts(day: date, seconds: int = 0) -> int:
    return (day - date(1970, 1, 1)).days * DAY + seconds


END_TS = _ts(EXPORT_DATE)


def _utc(ts: int, sep: str = "-") -> str:
    t = time.gmtime(ts)
    return f"{t.tm_year}{sep}{t.tm_mon:02d}{sep}{t.tm_mday:02d} {t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} UTC"


def _us_stamp(ts: int, padded: bool) -> str:
    """`M/D/YY, h:mm AM` (Invitations), or `MM/DD/YY, hh:mm AM` when padded (Recommendations)."""
    t = time.gmtime(ts)
    hour, ampm = (t.tm_hour % 12 or 12), ("AM" if t.tm_hour < 12 else "PM")
    if padded:
        return f"{t.tm_mon:02d}/{t.tm_mday:02d}/{t.tm_year % 100:02d}, {hour:02d}:{t.tm_min:02d} {ampm}"
    return f"{t.tm_mon}/{t.tm_mday}/{t.tm_year % 100:02d}, {hour}:{t.tm_min:02d} {ampm}"


def _connected_on(day: date) -> str:
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"  # English months whatever the locale


def _growing_day(rng: Random, first: date, last: date) -> date:
    """Density grows like t² (networks grow); pure arithmetic, so identical on every platform."""
    x = max(rng.random(), rng.random(), rng.random())
    return first + timedelta(days=int(x * (last - first).days))


def _daytime(rng: Random, start: int, end: int) -> int:
    """A moment in [start, end], moved to 06:00-21:00 UTC of its day: people sleep."""
    ts = rng.randrange(start, end)
    return max(start, min(end, ts - ts % DAY + rng.randrange(6 * 3600, 21 * 3600)))


# --- the network ---

def _ascii(text: str) -> str:
    text = text.translate(str.maketrans({"ø": "o", "ł": "l", "æ": "ae", "ß": "ss", "ı": "i", "ð": "d"}))
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _slug(rng: Random, first: str, last: str, used: set[str]) -> str:
    """A unique slug in one of LinkedIn's styles; Unicode letters stay (percent-encoded later)."""
    first, last = ("".join(c for c in part.lower() if c.isalnum()) for part in (first, last.split(",")[0]))
    if rng.random() < 0.3:  # many members with accented names have plain-ASCII slugs
        first, last = _ascii(first) or first, _ascii(last) or last
    style = rng.random()
    base = f"{first}{last}" if style < 0.2 else f"{first[0]}{last}" if style < 0.3 else f"{first}-{last}"
    slug = base if style < 0.4 else ""
    while not slug or slug in used:
        suffix = f"{rng.getrandbits(32):08x}" if rng.random() < 0.6 else f"{rng.getrandbits(16):04x}"
        slug = f"{first}-{last}-{suffix}"
    used.add(slug)
    return slug


def _random_person(rng: Random, used: set[str], kind: str) -> _Person:
    first, last = rng.choice(CJK_NAMES) if rng.random() < 0.015 else (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
    person = _Person(first, last, _slug(rng, first, last, used), kind)
    _give_job(rng, person)
    return person


def _company(rng: Random, suffixes: str) -> str:
    name = f"{rng.choice(PREFIXES)} {rng.choice(suffixes.split('|'))}"
    return name + rng.choice(LEGAL_FORMS) if rng.random() < 0.15 else name


def _give_job(rng: Random, person: _Person) -> None:
    if person.kind == "recruiter":
        in_house = rng.random() < 0.3
        person.company = _company(rng, rng.choice(INDUSTRIES)[0] if in_house else RECRUITER_FIRMS)
        person.position = "Talent Acquisition Partner" if in_house else rng.choice(RECRUITER_TITLES)
    elif person.kind == "warm":
        business, person.position, _ = rng.choice(CLEAR_BUSINESSES)
        person.company = f"{_ascii(rng.choice(LAST_NAMES)).replace(' ', '')} {business}"
    else:
        suffixes, positions = rng.choice(INDUSTRIES)
        person.company, person.position = _company(rng, suffixes), rng.choice(positions.split("|"))


def _network(rng: Random, n: int) -> list[_Person]:
    """All n connections (ghosts included), newest first, with the quirks of real exports."""
    used = {OWNER_URL.removeprefix(PROFILE), *STORY_SLUGS}
    people = [_Person(f, l, s, "story", c, p, date.fromisoformat(d), date.fromisoformat(last))
              for f, l, s, c, p, d, last in _STORY]
    sizes = {"warm": max(6, round(n * 0.03)), "recruiter": max(3, round(n * 0.08)), "ghost": max(1, round(n * 0.01))}
    sizes["weak"] = n - len(people) - sum(sizes.values())
    recent = EXPORT_DATE - timedelta(days=3 * 365)
    for kind, size in sizes.items():
        for _ in range(size):
            person = _random_person(rng, used, kind)
            if kind == "warm":
                person.connected = date(2011, 1, 1) + timedelta(days=rng.randrange(12 * 365))
            else:
                person.connected = _growing_day(rng, FIRST_DAY, EXPORT_DATE - timedelta(days=1))
            if kind == "weak" and person.connected < recent and rng.random() < 0.25:
                person.kind = "active"  # older weak ties exchanged a few messages; recent ones none
            people.append(person)
    _add_quirks(rng, [p for p in people if p.kind in ("weak", "active")], used)
    for person in people:
        if person.kind != "ghost" and rng.random() < 0.02:  # only members who opted in share an email
            local = _ascii(person.slug.split("-")[0]) or "member"
            person.email = f"{local}{rng.choice('._')}{rng.randrange(1, 99)}@example.{rng.choice(('com', 'org'))}"
    people.sort(key=lambda p: p.connected, reverse=True)  # stable: same-day rows keep creation order
    return people


def _add_quirks(rng: Random, pool: list[_Person], used: set[str]) -> None:
    """Same-name pairs, stray spaces, emoji, credentials, commas, quotes and empty fields."""
    picks = iter(rng.sample(pool, 16 + len(pool) // 20))
    for _ in range(2):  # different people, same name: only the URL tells them apart
        a, b = next(picks), next(picks)
        b.first, b.last, b.slug = a.first, a.last, _slug(rng, a.first, a.last, used)
    lee = next(picks)
    lee.first, lee.last, lee.slug = "Lee", "Ng, PhD", _slug(rng, "Lee", "Ng", used)
    next(picks).company = "Acme, Inc."
    next(picks).company = 'Studio "Nord" Design'
    for person in (next(picks), next(picks)):
        person.first = " " + person.first
    next(picks).last += " "
    next(picks).first += " ☕"
    next(picks).last += " 🚀"
    for person in (next(picks), next(picks), next(picks)):
        person.last += rng.choice(CREDENTIALS)
    for person in picks:  # the rest of the sample: ~5% of weak ties, mostly without company and title
        if rng.random() < 0.75:
            person.company = person.position = ""
        else:
            person.last += rng.choice(CREDENTIALS)


def _connections_rows(people: list[_Person]) -> list[list[str]]:
    rows = []
    for p in people:
        if p.kind == "ghost":  # hidden or closed account: only the date survives
            rows.append(["", "", "", "", "", "", _connected_on(p.connected)])
        else:  # the one file where the slug is percent-encoded
            url = PROFILE + quote(p.slug, safe="-")
            rows.append([p.first, p.last, url, p.email, p.company, p.position, _connected_on(p.connected)])
    return rows


# --- messages ---

def _conversation_id(rng: Random) -> str:
    """LinkedIn's style: "2-" + base64 of "<uuid>_010"."""
    h = f"{rng.getrandbits(128):032x}"
    return "2-" + base64.b64encode(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}_010".encode()).decode()


def _attachment(rng: Random) -> str:
    if rng.random() >= 0.01:
        return ""
    token = base64.urlsafe_b64encode(rng.getrandbits(120).to_bytes(15, "big")).decode()
    return f"https://www.linkedin.com/dms/prv/attachment/v2/D4E06AQ{token}/messaging-attachmentFile/0"


def _say(rng: Random, kind: str, sent: bool, person: _Person) -> str:
    text = rng.choice(LINES[kind][0 if sent else 1])
    text = text.format(first=person.first.strip(), me=OWNER_FIRST, company=person.company or "work")
    if not text.startswith("<") and rng.random() < 0.03:  # some clients send HTML
        text = "<p>" + text.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"
    return text


def _message(ts: int, sent: bool, person: _Person, subject: str, content: str, attachment: str = "") -> tuple:
    me, them = (OWNER_NAME, OWNER_URL), (person.name, person.url)
    (frm, frm_url), (to, to_url) = (me, them) if sent else (them, me)
    return ts, frm, frm_url, to, to_url, subject, content, attachment


def _window(rng: Random, person: _Person) -> tuple[int, int]:
    """When a thread with this person runs, in epoch seconds."""
    start = _ts(person.connected, 8 * 3600)
    if person.kind == "story":  # years of messages, the last one 1-4 years before the export
        return start + 60 * DAY, _ts(person.last_contact, rng.randrange(8 * 3600, 22 * 3600))
    if person.kind == "warm":  # still in touch
        return start + 14 * DAY, END_TS - rng.randrange(2, 200) * DAY
    span = 730 if person.kind == "active" else 3 * 365
    return start, max(start + 12 * 3600, min(start + span * DAY, END_TS - 3600))


def _thread(rng: Random, person: _Person, n: int) -> tuple[str, str, str, list[tuple]]:
    """A 1:1 conversation of n messages; story and warm threads always go both ways."""
    start, end = _window(rng, person)
    times = sorted(_daytime(rng, start, end) for _ in range(n))
    if person.kind == "story":
        times[-1] = end
    messages = []
    for i, ts in enumerate(times):
        if person.kind == "recruiter":  # a pitch, then follow-ups nobody answers
            subject = "Opportunity" if i == 0 and rng.random() < 0.5 else ""
            text = RECRUITER_FOLLOW_UP.format(me=OWNER_FIRST) if i else _say(rng, "recruiter", False, person)
            messages.append(_message(ts, False, person, subject, text, _attachment(rng)))
            continue
        sent = i == n - 1 if i in (0, n - 1) else rng.random() < 0.5  # they open, the owner has the last word
        messages.append(_message(ts, sent, person, "", _say(rng, person.kind, sent, person), _attachment(rng)))
    folder = "ARCHIVE" if end < END_TS - 2 * 365 * DAY and rng.random() < 0.3 else "INBOX"
    return _conversation_id(rng), "", folder, messages


def _allocate(total: int, floors: list[int], weights: list[float]) -> list[int]:
    """Split total into counts >= floors, the rest in proportion to weights (largest remainder)."""
    extra, weight = total - sum(floors), sum(weights)
    shares = [extra * w / weight for w in weights]
    counts = [f + int(s) for f, s in zip(floors, shares)]
    by_remainder = sorted(range(len(shares)), key=lambda i: (int(shares[i]) - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _one_off_counts(total: int) -> dict[str, int]:
    return {"sponsored": max(3, total // 250), "drafts": max(2, total // 2000), "spam": max(2, total // 500),
            "inmail": max(3, total // 200), "group": max(18, total // 50)}


def _minimum_messages(people: list[_Person], total: int) -> int:
    floors = sum(THREAD_SIZES[p.kind][0] for p in people if p.kind in THREAD_SIZES)
    return floors + 3 * sum(p.kind == "recruiter" for p in people) + sum(_one_off_counts(total).values())


def _messages(rng: Random, people: list[_Person], outsiders: list[_Person], total: int) -> list[tuple]:
    """messages.csv rows, exactly `total`: conversations newest first, messages newest first within."""
    need = _minimum_messages(people, total)
    if total < need:
        raise ValueError(f"messages={total:,} is too few for {len(people):,} connections: use at least {need:,}.")
    one_offs = _one_off_counts(total)
    conversations = [_thread(rng, p, rng.randint(1, 3)) for p in people if p.kind == "recruiter"]
    threaded = [p for p in people if p.kind in THREAD_SIZES]
    budget = total - sum(len(c[3]) for c in conversations) - sum(one_offs.values())
    weights = [THREAD_SIZES[p.kind][1] * (0.4 + 1.2 * rng.random()) for p in threaded]  # not all alike
    counts = _allocate(budget, [THREAD_SIZES[p.kind][0] for p in threaded], weights)
    conversations += [_thread(rng, p, n) for p, n in zip(threaded, counts)]
    conversations += _group_conversations(rng, people, one_offs.pop("group"))
    conversations += _single_messages(rng, people, outsiders, one_offs)
    conversations.sort(key=lambda c: max(m[0] for m in c[3]), reverse=True)
    rows = []
    for cid, title, folder, messages in conversations:
        for ts, frm, frm_url, to, to_url, subject, content, attachment in sorted(messages, reverse=True):
            rows.append((cid, title, frm, frm_url, to, to_url, _utc(ts), subject, content, folder, attachment))
    return rows


def _group_conversations(rng: Random, people: list[_Person], total: int) -> list[tuple]:
    """Small groups: TO lists names with ", ", RECIPIENT PROFILE URLS joins URLs with ",". """
    story = [p for p in people if p.kind == "story"]
    others = [p for p in people if p.kind in ("warm", "active")]
    groups = max(3, min(100, total // 50))
    conversations = []
    for g, n in enumerate(_allocate(total, [6] * groups, [1.0] * groups)):
        members = rng.sample(story, 3) if g == 0 else rng.sample(others, rng.randint(2, 4))
        start = _ts(max(m.connected for m in members)) + DAY
        end = max(start + 3600, min(start + 400 * DAY, END_TS - DAY))
        messages = []
        for ts in sorted(_daytime(rng, start, end) for _ in range(n)):
            sender = rng.choice([None, *members])  # None: the owner
            frm = (OWNER_NAME, OWNER_URL) if sender is None else (sender.name, sender.url)
            rest = [(m.name, m.url) for m in members if m is not sender]
            rest += [] if sender is None else [(OWNER_NAME, OWNER_URL)]
            to, urls = ", ".join(r[0] for r in rest), ",".join(r[1] for r in rest)
            messages.append((ts, *frm, to, urls, "", rng.choice(GROUP_LINES), ""))
        rounds, topic = divmod(g, len(GROUP_TITLES))
        title = GROUP_TITLES[topic] + (f" {rounds + 1}" if rounds else "")
        conversations.append((_conversation_id(rng), title, "INBOX", messages))
    return conversations


def _single_messages(rng: Random, people: list[_Person], outsiders: list[_Person], counts: dict) -> list[tuple]:
    """Sponsored mail, spam, InMail from strangers and unsent drafts: one message each."""
    def recent(years: int) -> int:
        return _daytime(rng, END_TS - years * 365 * DAY, END_TS - DAY)

    out = []
    for _ in range(counts["sponsored"]):  # no sender URL, placeholders never filled in
        message = (recent(3), "LinkedIn Member", "", OWNER_NAME, OWNER_URL, *rng.choice(SPONSORED), "")
        out.append((_conversation_id(rng), "Sponsored Conversation", "INBOX", [message]))
    for _ in range(counts["spam"]):
        message = _message(recent(5), False, rng.choice(outsiders), "", rng.choice(SPAM))
        out.append((_conversation_id(rng), "", "SPAM", [message]))
    recruiters = [p for p in outsiders if p.kind == "recruiter"] or outsiders
    for _ in range(counts["inmail"]):  # recruiters who are not connections
        stranger = rng.choice(recruiters)
        text = rng.choice(LINES["recruiter"][1]).format(me=OWNER_FIRST, first=stranger.first)
        message = _message(recent(4), False, stranger, "New opportunity", text)
        out.append((_conversation_id(rng), "", "INBOX", [message]))
    story = [p for p in people if p.kind == "story"]
    for _ in range(counts["drafts"]):  # drafts: no conversation ID, no folder
        john = rng.choice(story)
        out.append(("", "", "", [_message(recent(2), True, john, "", DRAFT.format(first=john.first))]))
    return out


# --- endorsements, recommendations, invitations, the owner's own files ---

def _endorsements(rng: Random, people: list[_Person]) -> tuple[list[list[str]], list[list[str]]]:
    """Received (the owner's skills) and given (vague for the Johns, specific for the rest), newest first."""
    received, given = [], []
    launch = _ts(date(2012, 10, 1))  # endorsements started in autumn 2012

    def row(p: _Person, skill: str) -> list[str]:  # scheme-less URL, raw slug: as in the real file
        start = max(launch, _ts(p.connected) + DAY)
        end = _ts(p.last_contact) if p.last_contact else END_TS - DAY
        when = _utc(rng.randrange(start, max(end, start + 1)), "/")
        return [when, skill, p.first.strip(), p.last.strip(), "www.linkedin.com/in/" + p.slug, "ACCEPTED"]

    for p in people:
        if p.kind == "story":
            received += [row(p, s) for s in rng.sample(OWNER_SKILLS, rng.randint(3, 5))]
            given += [row(p, s) for s in rng.sample(VAGUE_SKILLS, rng.randint(2, 3))]
        elif p.kind == "warm":
            received += [row(p, s) for s in rng.sample(OWNER_SKILLS, rng.randint(1, 2))]
            if rng.random() < 0.6:
                given.append(row(p, next(s for b, _, s in CLEAR_BUSINESSES if p.company.endswith(b))))
        elif p.kind == "active" and rng.random() < 0.15:
            received.append(row(p, rng.choice(OWNER_SKILLS)))
    return sorted(received, reverse=True), sorted(given, reverse=True)


def _recommendations(rng: Random, people: list[_Person]) -> tuple[list[list[str]], list[list[str]]]:
    story = [p for p in people if p.kind == "story"]
    warm = [p for p in people if p.kind == "warm"]
    about_owner = ("I've known {me} for over a decade. {me} turns chaotic warehouses into calm, well-run "
                   "operations,\nand people love working with her.",
                   "{me} led the network redesign we worked on together. Clear, fair and very, very organised.")
    about_john = ("{first} is one of the most reliable people I know. Always there when it counts.",
                  "I have known {first} for many years. Trustworthy, generous, great company.\n\nHighly recommended.")

    def row(p: _Person, texts: tuple[str, ...]) -> list[str]:
        start = _ts(p.connected) + 180 * DAY
        end = min(_ts(p.last_contact) if p.last_contact else END_TS, END_TS - 400 * DAY)
        text = rng.choice(texts).format(me=OWNER_FIRST, first=p.first.strip())
        when = _us_stamp(rng.randrange(start, end), padded=True)
        return [p.first.strip(), p.last.strip(), p.company, p.position, text, when, "VISIBLE"]

    received = [row(p, about_owner) for p in rng.sample(story, 4) + rng.sample(warm, 2)]
    given = [row(p, about_john) for p in rng.sample(story, 3)] + [row(rng.choice(warm), about_john)]
    return received, given


def _invitations(rng: Random, people: list[_Person], outsiders: list[_Person]) -> list[list[str]]:
    """Only the last six months are kept; some strangers' invitations are still pending."""
    cutoff = EXPORT_DATE - timedelta(days=180)
    notes = ("Hi {me}, great meeting you at the logistics meetup. Let's stay in touch!",  # incoming
             "Hello {me}, I enjoyed your talk on warehouse automation, would love to connect.",
             "Hi {first}, we met at the conference. Happy to connect here.")  # outgoing
    invited = [(p, _ts(p.connected) - rng.randrange(0, 5 * DAY)) for p in people
               if p.kind not in ("ghost", "story") and p.connected >= cutoff]
    invited += [(p, END_TS - rng.randrange(3600, 170 * DAY)) for p in outsiders[: max(3, len(people) // 150)]]
    rows = []
    for p, ts in invited:
        incoming = p.kind == "recruiter" or rng.random() < 0.65
        note = rng.choice(notes[:2] if incoming else notes[2:]) if rng.random() < 0.25 else ""
        (frm, frm_url), (to, to_url) = [(p.name, p.url), (OWNER_NAME, OWNER_URL)][:: 1 if incoming else -1]
        sent_at = _us_stamp(ts + 8 * 3600, padded=False)
        direction = "INCOMING" if incoming else "OUTGOING"
        note = note.format(me=OWNER_FIRST, first=p.first.strip())
        rows.append((ts, [frm, to, sent_at, note, direction, frm_url, to_url]))
    rows.sort(key=lambda r: r[0], reverse=True)
    return [r[1] for r in rows]


OWNER_FILES = {  # file name: header, rows
    "Profile.csv": (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
        "Twitter Handles,Websites,Instant Messengers".split(","),
        [[OWNER_FIRST, OWNER_LAST, "", "", "", "Head of Operations | Supply chain, lean and team building",
          "Operations lead who likes calm warehouses.\n\nLean, logistics networks and teams that own their numbers.",
          "Transportation, Logistics, Supply Chain and Storage", "", "Aarhus, Central Denmark Region, Denmark", "", "", ""]]),
    "Positions.csv": (
        "Company Name,Title,Description,Location,Started On,Finished On".split(","),
        [["Kestrelwood Freight Systems", "Head of Operations", "Four warehouses, 180 people.", "Aarhus, Denmark", "Mar 2021", ""],
         ["Brightpath Distribution, Inc.", "Operations Manager", "", "Hamburg, Germany", "Aug 2014", "Feb 2021"],
         ["Saltmarsh Logistics", "Supply Chain Analyst", "Network planning, lean projects.", "Rotterdam, Netherlands",
          "Sep 2009", "Jul 2014"],
         ["Copperleaf Retail", "Logistics Trainee", "", "Aarhus, Denmark", "2007", "2009"]]),
    "Jobs/Job Applications.csv": (
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,"
        "Question And Answers".split(","),
        [["10/2/26, 8:41 PM", "maren.holt@example.com", "", "Heron Shipping", "VP Operations",
          "http://www.linkedin.com/jobs/view/4107716318", "Maren_Holt_CV.pdf", ""],
         ["9/14/26, 7:05 AM", "maren.holt@example.com", "", "Quartz Foods", "Director of Supply Chain",
          "http://www.linkedin.com/jobs/view/4093311902", "Maren_Holt_CV.pdf", "Years of experience?:17"]]),
}
COACH_ROWS = [  # LinkedIn's AI coach: same header as messages.csv, not a contact
    ("2-Y29hY2gtMDAwMS0wMDAxLTAwMDEtMDAwMDAwMDAwMDAxXzAxMA==", "", "LinkedIn Coach", "", OWNER_NAME, OWNER_URL,
     "2026-10-02 19:12:08 UTC", "", "Three ways to stand out:\n1. Lead with results\n2. Name the scale\n3. Keep it short",
     "INBOX", ""),
    ("2-Y29hY2gtMDAwMS0wMDAxLTAwMDEtMDAwMDAwMDAwMDAxXzAxMA==", "", OWNER_NAME, OWNER_URL, "LinkedIn Coach", "",
     "2026-10-02 19:11:40 UTC", "", "How can I make my application for VP Operations stand out?", "INBOX", ""),
]


# --- files and the zip ---

def _csv_bytes(header: list[str], rows: list, quote_all: bool = False, preamble: str = "") -> bytes:
    """UTF-8 without BOM, LF, minimal (or all) quoting, no newline after the last row."""
    buf = io.StringIO()
    buf.write(preamble)
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().removesuffix("\n").encode("utf-8")


def _messages_total(connections: int, messages: int | None) -> int:
    if connections > MAX_CONNECTIONS:
        raise ValueError(f"connections={connections:,}: LinkedIn caps a network at {MAX_CONNECTIONS:,} connections.")
    if connections < MIN_CONNECTIONS:
        raise ValueError(f"connections={connections:,}: the sample needs at least {MIN_CONNECTIONS} "
                         "(12 story contacts, warm contacts, recruiters, ghost rows).")
    return connections * MESSAGES_PER_CONNECTION if messages is None else messages


def build_export_files(connections: int = DEFAULT_CONNECTIONS, messages: int | None = None,
                       seed: int = DEFAULT_SEED) -> dict[str, bytes]:
    """Every member of the export zip (name -> bytes), in zip order.

    `connections` counts Connections.csv data rows, ghost rows included; `messages` is the
    exact number of rows in messages.csv (default: 8 per connection). Raises ValueError when
    either is out of range.
    """
    total_messages = _messages_total(connections, messages)
    rng = Random(seed)
    people = _network(rng, connections)
    used = {p.slug for p in people} | {OWNER_URL.removeprefix(PROFILE)}
    outsiders = [_random_person(rng, used, rng.choice(("recruiter", "outsider")))  # never connected
                 for _ in range(max(10, connections // 50))]
    files = {"Connections.csv": _csv_bytes(CONNECTIONS_HEADER, _connections_rows(people), preamble=PREAMBLE)}
    received, given = _endorsements(rng, people)
    files["Endorsement_Given_Info.csv"] = _csv_bytes(ENDORSEMENT_HEADER.format("e").split(","), given)
    files["Endorsement_Received_Info.csv"] = _csv_bytes(ENDORSEMENT_HEADER.format("r").split(","), received)
    files["Invitations.csv"] = _csv_bytes(INVITATIONS_HEADER, _invitations(rng, people, outsiders))
    for name, (header, rows) in OWNER_FILES.items():
        files[name] = _csv_bytes(header, rows)
    received, given = _recommendations(rng, people)
    files["Recommendations_Given.csv"] = _csv_bytes(RECOMMENDATIONS_HEADER, given)
    files["Recommendations_Received.csv"] = _csv_bytes(RECOMMENDATIONS_HEADER, received)
    files["coach_messages.csv"] = _csv_bytes(MESSAGES_HEADER, COACH_ROWS, quote_all=True)
    rows = _messages(rng, people, outsiders, total_messages)
    files["messages.csv"] = _csv_bytes(MESSAGES_HEADER, rows, quote_all=True)
    return {name: files[name] for name in MEMBERS}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip with fixed timestamps, attributes and compression: same files, same bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.create_system, info.external_attr = 3, 0o100644 << 16  # else they depend on the OS
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buf.getvalue()


def write_export_zip(path: str | Path = DEFAULT_ZIP, connections: int = DEFAULT_CONNECTIONS,
                     messages: int | None = None, seed: int = DEFAULT_SEED) -> Path:
    """Build the export and write it to `path` (via a temporary file: never half a zip)."""
    path = Path(path)
    data = zip_bytes(build_export_files(connections, messages, seed))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def write_padded_export(path: str | Path, megabytes: int, source: str | Path = DEFAULT_ZIP) -> Path:
    """`source` (default: the sample) plus an incompressible Rich_Media/video.mp4, to about `megabytes` MB.

    A big export that still reads as the sample does, for testing uploads (real Complete exports of
    long-time members are tens of MB). Random bytes, stored uncompressed: the zip is as big as said."""
    path = Path(path)
    with zipfile.ZipFile(source) as small, zipfile.ZipFile(path, "w") as big:
        for info in small.infolist():
            big.writestr(info, small.read(info), compress_type=zipfile.ZIP_DEFLATED)
        padding = max(0, megabytes * 1_000_000 - Path(source).stat().st_size)
        with big.open(zipfile.ZipInfo("Rich_Media/video.mp4", date_time=ZIP_TIME), "w", force_zip64=True) as media:
            rng = Random(megabytes)
            for start in range(0, padding, 1_000_000):
                media.write(rng.randbytes(min(1_000_000, padding - start)))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.sample", description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=DEFAULT_CONNECTIONS,
                        help=f"Connections.csv data rows, ghost rows included ({MIN_CONNECTIONS}-{MAX_CONNECTIONS:,};"
                             f" default {DEFAULT_CONNECTIONS})")
    parser.add_argument("--messages", type=int, default=None,
                        help=f"messages.csv rows (default {MESSAGES_PER_CONNECTION} per connection; "
                             "e.g. 300000 for a benchmark)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--out", type=Path, default=DEFAULT_ZIP, help="zip to write (default: the committed sample)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        path = write_export_zip(args.out, args.connections, args.messages, args.seed)
    except ValueError as err:
        parser.error(str(err))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
