"""Deterministic calendar data for the server benchmark: N events, one CalDAV resource (one UID) each.

Why it looks the way it does:
- Constant density (about 1,000 events a year, "standard"; about 1,750, "dense"), so a month view returns about the
  same answer at every N, the way a real calendar grows: the benchmark can then show whether a server's cost follows
  the answer or the calendar size. The span ends on DATA_END and starts N/density years earlier; the query windows
  (expect.py) lie in November 2026, inside the data at every N (dense data needs N >= 2,000 for that). The dense
  set matches the density of an outside benchmark (about 230 objects and 400+ instances a month).
- About 10% bounded recurring series (COUNT or UNTIL) with EXDATEs and overridden instances (RECURRENCE-ID components
  in the same resource), plus a FIXED number of unbounded series starting 2025-2026, so the expanded answer does not
  grow with N either.
- About 10% all-day events (VALUE=DATE, transparent like most calendar apps write them), timed events in UTC and in
  four zones with their VTIMEZONE embedded, attendees on about 30%, alarms on about 50%, and a rare word in about
  1% of the SUMMARYs (in mixed case) and in some DESCRIPTIONs (which a SUMMARY search must not match).

Same N always gives byte-identical files (seeded random.Random, no clock, no hash-order dependence).

    python generate.py --sizes 1000,10000     # writes Benchmarks/out/data/<N>/ unless already there
    python generate.py --sizes 10000 --density dense    # Benchmarks/out/data/<N>-dense/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

GENERATOR_VERSION = 1
OUT_DIR = Path(__file__).resolve().parent.parent / "out" / "data"
DATA_END = date(2027, 7, 1)  # exclusive; see the module docstring and Benchmarks/README.md
RARE_WORD = "Zephyrine"
UNBOUNDED_SERIES = 20
CRLF = "\r\n"

# Events a year of each dataset density.
DENSITIES = {"standard": 1000, "dense": 1750}

ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney"]

# Current rules of each zone (the query windows are in 2026, where every reader agrees on them).
VTIMEZONES = {
    "America/New_York": [
        "BEGIN:VTIMEZONE", "TZID:America/New_York",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "DTSTART:20070311T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "DTSTART:20071104T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD", "END:VTIMEZONE"],
    "Europe/Berlin": [
        "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19810329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19961027T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE"],
    "Asia/Tokyo": [
        "BEGIN:VTIMEZONE", "TZID:Asia/Tokyo",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "TZNAME:JST", "DTSTART:19700101T000000",
        "END:STANDARD", "END:VTIMEZONE"],
    "Australia/Sydney": [
        "BEGIN:VTIMEZONE", "TZID:Australia/Sydney",
        "BEGIN:STANDARD", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1000", "TZNAME:AEST", "DTSTART:20080406T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "END:STANDARD",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+1000", "TZOFFSETTO:+1100", "TZNAME:AEDT", "DTSTART:20081005T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", "END:DAYLIGHT", "END:VTIMEZONE"],
}

TOPICS = ["Planning", "Review", "Lunch", "Sync", "Dentist", "Yoga", "Budget", "Design", "Interview", "Retro",
          "Call", "Workshop", "Standup", "Dinner", "Flight", "Training", "Offsite", "Demo", "Onboarding", "Check-in",
          "Haircut", "Concert", "Reading group", "Board meeting", "Tax advisor", "Garden day"]
QUALIFIERS = ["weekly", "quarterly", "team", "family", "project Atlas", "project Nimbus", "with Ana", "with Jörg",
              "with Émilie", "with 佐藤さん", "urgent", "follow-up", "kickoff", "wrap-up"]
PLACES = ["Room 101, Building A", "Café Müller", "Zoom", "Main office; 3rd floor", "Park entrance",
          "Terminal 2", "Library", "Client site", "Home", "会議室 B"]
SENTENCES = ["Bring the latest figures.", "Agenda in the shared folder.", "Parking is behind the building.",
             "Dial-in details follow.", "Prepare three questions, please.", "Notes from last time are attached.",
             "Überprüfung der offenen Punkte.", "Please confirm by e-mail; thanks!", "Snacks provided.",
             "We will record the session for those who cannot attend."]
PEOPLE = ["ana", "bob", "chen", "dana", "emil", "fatima", "goran", "hana", "ivan", "julia", "kofi", "lena"]


@dataclass(frozen=True)
class Resource:
    """One calendar object resource: its href segment, UID and iCalendar text (CRLF, folded)."""
    name: str
    uid: str
    ics: str


def fold(line: str) -> str:
    """RFC 5545 §3.1 folding at 75 octets, never inside a UTF-8 sequence (no trailing CRLF)."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(raw):
        end = min(start + limit, len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(raw[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines start with one space
    return (CRLF + " ").join(parts)


def text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fmt_local(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def fmt_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def when(name: str, value: date | datetime, zone: str | None) -> str:
    """DTSTART/DTEND/RECURRENCE-ID/EXDATE line: DATE when zone is None, else UTC or TZID-local."""
    if zone is None:
        return f"{name};VALUE=DATE:{fmt_date(value)}"
    if zone == "UTC":
        return f"{name}:{fmt_local(value)}Z"
    return f"{name};TZID={zone}:{fmt_local(value)}"


def descriptive(rng: random.Random, uid: str, summary: str, index: int, sequence: int = 0) -> list[str]:
    """The lines a master and its overrides each carry: UID, stamps, SUMMARY, sometimes LOCATION, DESCRIPTION."""
    lines = [f"UID:{uid}", "DTSTAMP:20260101T000000Z", f"SEQUENCE:{sequence}", f"SUMMARY:{text(summary)}"]
    if rng.random() < 0.6:
        lines.append(f"LOCATION:{text(rng.choice(PLACES))}")
    description = " ".join(rng.sample(SENTENCES, rng.randint(1, 4)))
    if rng.random() < 0.005:
        description += f" Ask about {RARE_WORD.lower()} samples."
    lines.append(f"DESCRIPTION:{text(description)}\\nRef {index}")
    return lines


def summary_for(rng: random.Random) -> str:
    summary = f"{rng.choice(TOPICS)} {rng.choice(QUALIFIERS)}"
    if rng.random() < 0.01:
        summary += " " + rng.choice([RARE_WORD, RARE_WORD.upper(), RARE_WORD.lower()])
    return summary


def attendees(rng: random.Random) -> list[str]:
    organizer, *others = rng.sample(PEOPLE, rng.randint(2, 5))
    lines = [f"ORGANIZER;CN={organizer.title()}:mailto:{organizer}@example.com"]
    for person in others:
        partstat = rng.choice(["ACCEPTED", "TENTATIVE", "NEEDS-ACTION", "DECLINED"])
        lines.append(f"ATTENDEE;CN={person.title()};ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};RSVP=TRUE:"
                     f"mailto:{person}@example.com")
    return lines


def alarm(rng: random.Random) -> list[str]:
    minutes = rng.choice([5, 10, 15, 30, 60])
    return ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:-PT{minutes}M", "DESCRIPTION:Reminder", "END:VALARM"]


def recurrence(rng: random.Random, start: date | datetime, all_day: bool) -> tuple[str, list[date | datetime]]:
    """A bounded RRULE (COUNT or UNTIL) and the start of every instance it produces, in the event's own zone."""
    freq = rng.choices(["WEEKLY", "DAILY", "MONTHLY"], weights=[6, 2, 2])[0]
    count = {"WEEKLY": rng.randint(4, 26), "DAILY": rng.randint(3, 20), "MONTHLY": rng.randint(3, 12)}[freq]
    if freq == "MONTHLY":
        starts = [start.replace(year=start.year + (start.month - 1 + k) // 12, month=(start.month - 1 + k) % 12 + 1)
                  for k in range(count)]
    else:
        step = timedelta(days=7 if freq == "WEEKLY" else 1)
        starts = [start + step * k for k in range(count)]
    if rng.random() < 0.5:
        return f"FREQ={freq};COUNT={count}", starts
    last = starts[-1]
    if all_day:
        until = fmt_date(last)
    else:
        # UNTIL in UTC (RFC 5545 §3.3.10 for zoned DTSTART): the last local start + 12 h read as UTC is at or after
        # the last instance in every zone used (UTC-5 ... UTC+11) and before the next one, which is a day or more later.
        until = fmt_local(last + timedelta(hours=12)) + "Z"
    return f"FREQ={freq};UNTIL={until}", starts


def event_resource(rng: random.Random, index: int, start_day: date, uid: str, recurring: bool,
                   unbounded_rule: str | None = None) -> Resource:
    """One VCALENDAR with a VEVENT (and, for a series, its overridden instances) and the VTIMEZONE it uses."""
    all_day = unbounded_rule is None and rng.random() < 0.1
    zone = None if all_day else rng.choice(ZONES)
    if all_day:
        start: date | datetime = start_day
        end: date | datetime = start_day + timedelta(days=rng.choices([1, 2, 3], weights=[8, 1, 1])[0])
    else:
        start = datetime(start_day.year, start_day.month, start_day.day, rng.randint(7, 19), rng.choice([0, 15, 30, 45]))
        end = start + timedelta(minutes=rng.choice([30, 45, 60, 60, 90, 120]))
    summary = summary_for(rng)
    master = ["BEGIN:VEVENT", *descriptive(rng, uid, summary, index), when("DTSTART", start, zone),
              when("DTEND", end, zone)]
    # Overrides repeat these, as clients write them, so a moved instance keeps its free/busy meaning.
    status_lines = ["TRANSP:TRANSPARENT"] if all_day else ["STATUS:TENTATIVE"] if rng.random() < 0.05 else []
    master.extend(status_lines)
    overrides: list[list[str]] = []
    if unbounded_rule is not None:
        master.append(f"RRULE:{unbounded_rule}")
    elif recurring:
        rule, starts = recurrence(rng, start, all_day)
        master.append(f"RRULE:{rule}")
        later = starts[1:]
        excluded = rng.sample(later, min(len(later), rng.randint(1, 2)))
        for moment in sorted(excluded):
            master.append(when("EXDATE", moment, zone))
        remaining = [s for s in later if s not in excluded]
        if remaining and rng.random() < 0.6:
            original = rng.choice(remaining)
            shift = timedelta(days=1) if all_day else timedelta(hours=rng.choice([-2, 1, 3]))
            moved_end = original + (end - start) + shift
            overrides.append(["BEGIN:VEVENT", *descriptive(rng, uid, summary + " (moved)", index, sequence=1),
                              when("RECURRENCE-ID", original, zone),
                              when("DTSTART", original + shift, zone),
                              when("DTEND", moved_end, zone), *status_lines, "END:VEVENT"])
    if rng.random() < 0.3:
        master.extend(attendees(rng))
    if rng.random() < 0.5:
        master.extend(alarm(rng))
    master.append("END:VEVENT")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Almanac//Server Benchmark//EN", "CALSCALE:GREGORIAN"]
    if zone in VTIMEZONES:
        lines.extend(VTIMEZONES[zone])
    lines.extend(master)
    for override in overrides:
        lines.extend(override)
    lines.append("END:VCALENDAR")
    name = uid.split("@")[0]
    return Resource(name=name, uid=uid, ics=CRLF.join(fold(line) for line in lines) + CRLF)


def unbounded_series() -> list[Resource]:
    """The fixed unbounded series, identical at every N: daily, weekly and monthly rules starting 2025-2026."""
    rng = random.Random("almanac-server-bench/unbounded")
    rules = ["FREQ=DAILY"] * 3 + ["FREQ=WEEKLY"] * 8 + ["FREQ=WEEKLY;INTERVAL=2"] * 3 + ["FREQ=MONTHLY"] * 6
    out = []
    for k, rule in enumerate(rules[:UNBOUNDED_SERIES]):
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 700))
        if rule == "FREQ=MONTHLY":
            day = day.replace(day=min(day.day, 28))
        out.append(event_resource(rng, k, day, f"series-{k:02d}@bench.almanac.test", True, unbounded_rule=rule))
    return out


def generate(n: int, density: str = "standard") -> list[Resource]:
    """N resources: the fixed unbounded series plus N - 20 events at constant density before DATA_END."""
    if n < 2 * UNBOUNDED_SERIES:
        raise ValueError(f"N must be at least {2 * UNBOUNDED_SERIES}")
    rng = random.Random(f"almanac-server-bench/{n}" + ("" if density == "standard" else f"/{density}"))
    span_days = round(365.2425 * n / DENSITIES[density])
    first = DATA_END - timedelta(days=span_days)
    resources = unbounded_series()
    for index in range(n - UNBOUNDED_SERIES):
        day = first + timedelta(days=rng.randrange(span_days))
        if rng.random() < 0.1:
            day = day.replace(day=min(day.day, 28))  # monthly rules need a day every month has
            resources.append(event_resource(rng, index, day, f"ev{index:06d}@bench.almanac.test", True))
        else:
            resources.append(event_resource(rng, index, day, f"ev{index:06d}@bench.almanac.test", False))
    return resources


def combined_calendar(resources: list[Resource]) -> str:
    """All events in one VCALENDAR (each VTIMEZONE once), the file `almanac import` and expect.py read."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Almanac//Server Benchmark//EN", "CALSCALE:GREGORIAN"]
    parts = [CRLF.join(head) + CRLF]
    for zone in ZONES[1:]:
        parts.append(CRLF.join(VTIMEZONES[zone]) + CRLF)
    for resource in resources:
        body = resource.ics
        first = body.index("BEGIN:VEVENT")
        parts.append(body[first:body.rindex("END:VCALENDAR")])
    parts.append("END:VCALENDAR" + CRLF)
    return "".join(parts)


def data_dir(n: int, density: str = "standard") -> Path:
    return OUT_DIR / (str(n) if density == "standard" else f"{n}-{density}")


def ensure(n: int, density: str = "standard") -> Path:
    """Writes out/data/<N>[-density]/ (objects.jsonl, calendar.ics, meta.json) unless the same generator version
    wrote it."""
    folder = data_dir(n, density)
    meta_path = folder / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("generator") == GENERATOR_VERSION and (folder / "objects.jsonl").exists():
            return folder
    folder.mkdir(parents=True, exist_ok=True)
    resources = generate(n, density)
    with open(folder / "objects.jsonl", "w", encoding="utf-8", newline="") as out:
        for resource in resources:
            out.write(json.dumps({"name": resource.name, "uid": resource.uid, "ics": resource.ics},
                                 ensure_ascii=False) + "\n")
    calendar = combined_calendar(resources).encode("utf-8")
    (folder / "calendar.ics").write_bytes(calendar)
    meta = {"generator": GENERATOR_VERSION, "n": n, "density": density, "calendar_bytes": len(calendar),
            "calendar_sha256": hashlib.sha256(calendar).hexdigest()}
    meta_path.write_text(json.dumps(meta, indent=1) + "\n")
    return folder


def load(n: int, density: str = "standard") -> list[Resource]:
    """The resources of size N (generated first when not cached)."""
    folder = ensure(n, density)
    with open(folder / "objects.jsonl", encoding="utf-8") as source:
        return [Resource(**json.loads(line)) for line in source]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated N values")
    parser.add_argument("--density", default="standard", choices=sorted(DENSITIES), help="events a year")
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        folder = ensure(n, args.density)
        meta = json.loads((folder / "meta.json").read_text())
        print(f"N={n}: {folder} ({meta['calendar_bytes']:,} bytes, sha256 {meta['calendar_sha256'][:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
