"""Independent expectations for the benchmark queries, computed with icalendar + recurring-ical-events.

The servers' answers are checked against these, so a fast wrong answer cannot pass. Nothing here shares code with a
server: recurring-ical-events expands the generated calendar.ics once over a window a day wider than the month, and
the month view, expanded instances and free/busy week are cut from that expansion with the RFC 4791 §9.9 overlap
rule (start < window end and end > window start; every generated instance has an end after its start).

All-day events have no time zone: RFC 4791 §9.9 reads them in the calendar's time zone, which the benchmark does not
set, so a server may read them in any zone from UTC-14 to UTC+14. For them the expectation is a range: an all-day
instance must be in the answer when it overlaps the window shrunk by 14 hours, and may be when it overlaps the
window grown by 14 hours. Timed instances (UTC or TZID) are exact.

Results are cached in out/data/<N>/expect.json (the 100,000-event parse takes about a minute).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import icalendar
import recurring_ical_events

import generate

EXPECT_VERSION = 2
UTC = timezone.utc
MONTH = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))
WEEK = (datetime(2026, 11, 16, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC))
FLOATING_SLACK = timedelta(hours=14)


def ical_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ical_value(value: date | datetime) -> str:
    """The normal form both sides are compared in: DATE as YYYYMMDD, DATE-TIME in UTC."""
    if isinstance(value, datetime):
        return ical_utc(value)
    return value.strftime("%Y%m%d")


@dataclass
class Instance:
    uid: str
    recurrence_id: str   # the instance's RECURRENCE-ID, or its start for a non-recurring event
    start: str
    floating: bool       # all-day (DATE), read in an unknown zone
    utc_start: datetime  # floating values read as UTC
    utc_end: datetime
    busy_type: str | None  # FBTYPE it contributes to free/busy, None when transparent or cancelled

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.uid, self.recurrence_id, self.start)

    def overlaps(self, window: tuple[datetime, datetime], slack: timedelta) -> bool:
        """RFC 4791 §9.9 overlap with the window grown by `slack` (negative: shrunk); slack only for floating."""
        grow = slack if self.floating else timedelta(0)
        return self.utc_start < window[1] + grow and self.utc_end > window[0] - grow


def as_utc(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def instances(calendar) -> list[Instance]:
    """Every instance overlapping [month start - 1 day, month end + 1 day), expanded by recurring-ical-events."""
    margin = timedelta(days=1)
    out = []
    for event in recurring_ical_events.of(calendar).between(MONTH[0] - margin, MONTH[1] + margin):
        start = event["DTSTART"].dt
        end = event["DTEND"].dt
        recurrence = event.get("RECURRENCE-ID")
        transparent = str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT"
        status = str(event.get("STATUS", "CONFIRMED")).upper()
        busy = None if transparent or status == "CANCELLED" else "BUSY-TENTATIVE" if status == "TENTATIVE" else "BUSY"
        out.append(Instance(uid=str(event["UID"]),
                            recurrence_id=ical_value(recurrence.dt) if recurrence else ical_value(start),
                            start=ical_value(start), floating=not isinstance(start, datetime),
                            utc_start=as_utc(start), utc_end=as_utc(end), busy_type=busy))
    return out


def summary_matches(calendar, word: str) -> list[str]:
    """UIDs with a VEVENT whose SUMMARY contains `word` under i;ascii-casemap (RFC 4790 §9.2, the CalDAV default)."""
    needle = ascii_casemap(word)
    return sorted({str(event["UID"]) for event in calendar.walk("VEVENT")
                   if needle in ascii_casemap(str(event.get("SUMMARY", "")))})


def text_matches(calendar, word: str) -> list[str]:
    """UIDs with a VEVENT whose SUMMARY, DESCRIPTION or LOCATION contains `word`, case-insensitively: what the JSON
    API's search (q) finds."""
    needle = word.lower()
    return sorted({str(event["UID"]) for event in calendar.walk("VEVENT")
                   if any(needle in str(event.get(name, "")).lower() for name in ("SUMMARY", "DESCRIPTION", "LOCATION"))})


def ascii_casemap(value: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in value)


def merged(periods: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Union of periods as sorted, disjoint, non-touching intervals: the form free/busy answers are compared in."""
    out: list[tuple[datetime, datetime]] = []
    for start, end in sorted(periods):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def busy_periods(all_instances: list[Instance]) -> dict[str, list[tuple[datetime, datetime]]]:
    """Busy time per FBTYPE in the week, clipped to it and merged (RFC 4791 §7.10). No all-day event is opaque."""
    by_type: dict[str, list[tuple[datetime, datetime]]] = {}
    for item in all_instances:
        if item.busy_type and item.overlaps(WEEK, timedelta(0)):
            if item.floating:
                raise ValueError(f"opaque all-day instance {item.key}: free/busy would depend on the zone")
            clipped = (max(item.utc_start, WEEK[0]), min(item.utc_end, WEEK[1]))
            by_type.setdefault(item.busy_type, []).append(clipped)
    return {kind: merged(periods) for kind, periods in by_type.items()}


def compute(n: int, density: str = "standard") -> dict:
    """The expectation document for size N (see the module docstring for the tolerance on all-day events)."""
    calendar = icalendar.Calendar.from_ical((generate.ensure(n, density) / "calendar.ics").read_bytes())
    found = instances(calendar)
    month_must = [i for i in found if i.overlaps(MONTH, -FLOATING_SLACK)]
    month_may = [i for i in found if i.overlaps(MONTH, FLOATING_SLACK)]
    return {
        "version": EXPECT_VERSION,
        "n": n,
        "month": [ical_utc(MONTH[0]), ical_utc(MONTH[1])],
        "week": [ical_utc(WEEK[0]), ical_utc(WEEK[1])],
        "month_uids_must": sorted({i.uid for i in month_must}),
        "month_uids_may": sorted({i.uid for i in month_may}),
        "expand_must": sorted(list(i.key) for i in month_must),
        "expand_may": sorted(list(i.key) for i in month_may),
        "busy": {kind: [[ical_utc(s), ical_utc(e)] for s, e in periods]
                 for kind, periods in sorted(busy_periods(found).items())},
        "search_word": generate.RARE_WORD.lower(),
        "search_uids": summary_matches(calendar, generate.RARE_WORD),
        "api_search_uids": text_matches(calendar, generate.RARE_WORD),
    }


def load(n: int, density: str = "standard") -> dict:
    """The cached expectation for N, computed when missing or made by another version of this file or the data."""
    folder = generate.ensure(n, density)
    path = folder / "expect.json"
    meta = json.loads((folder / "meta.json").read_text())
    if path.exists():
        cached = json.loads(path.read_text())
        if cached.get("version") == EXPECT_VERSION and cached.get("data_sha256") == meta["calendar_sha256"]:
            return cached
    result = compute(n, density)
    result["data_sha256"] = meta["calendar_sha256"]
    path.write_text(json.dumps(result, indent=0) + "\n")
    return result


if __name__ == "__main__":
    import sys

    for size in (int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "1000").split(",")):
        e = load(size, sys.argv[2] if len(sys.argv) > 2 else "standard")
        print(f"N={size}: month {len(e['month_uids_must'])}..{len(e['month_uids_may'])} objects, expand "
              f"{len(e['expand_must'])}..{len(e['expand_may'])} instances, busy "
              f"{ {k: len(v) for k, v in e['busy'].items()} }, search {len(e['search_uids'])} objects")
