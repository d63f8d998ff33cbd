"""Checks of each answer against the expectation (expect.py) and the ETags the server itself returned on PUT.

Every check returns None when the answer is right, else one line saying what differs (with a few examples), which
the report prints so the integrator can reproduce it.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import icalendar

import expect
from dav import Member, parse_multistatus

UTC = timezone.utc
UNFOLD = re.compile(r"\r?\n[ \t]")


def sample(values, limit: int = 5) -> str:
    items = sorted(values)
    return ", ".join(map(str, items[:limit])) + (f" (+{len(items) - limit} more)" if len(items) > limit else "")


def within(found: set, must: set, may: set, what: str) -> str | None:
    """The answer must hold everything in `must` and nothing outside `may` (must ⊆ may)."""
    missing, extra = must - found, found - may
    if not missing and not extra:
        return None
    parts = [f"{what}: {len(found)} returned, expected {len(must)}" + (f"..{len(may)}" if may != must else "")]
    if missing:
        parts.append(f"missing {sample(missing)}")
    if extra:
        parts.append(f"unexpected {sample(extra)}")
    return "; ".join(parts)


def unfolded_uid(calendar_data: str) -> str | None:
    match = re.search(r"^UID:(.*?)\r?$", UNFOLD.sub("", calendar_data), re.MULTILINE)
    return match.group(1) if match else None


class State:
    """What the benchmark knows the calendar holds: href -> UID and the last ETag the server acknowledged."""

    def __init__(self, calendar: str) -> None:
        self.calendar = calendar
        self.uid: dict[str, str] = {}
        self.etag: dict[str, str | None] = {}  # None when the server sent no ETag on PUT

    def href(self, name: str) -> str:
        return f"{self.calendar}{name}.ics"

    def add(self, name: str, uid: str, etag: str | None) -> None:
        href = self.href(name)
        self.uid[href] = uid
        self.etag[href] = etag

    def remove(self, href: str) -> None:
        self.uid.pop(href, None)
        self.etag.pop(href, None)


def check_members(state: State, members: list[Member], with_data: bool) -> str | None:
    """Every member is a known object with its acknowledged ETag and, when asked for, its own calendar-data."""
    problems = []
    for member in members:
        if member.href.rstrip("/") == state.calendar.rstrip("/"):
            continue
        if member.href not in state.uid:
            problems.append(f"unknown href {member.href}")
        elif member.status != 200:
            problems.append(f"{member.href} status {member.status}")
        elif state.etag[member.href] is not None and member.etag != state.etag[member.href]:
            problems.append(f"{member.href} getetag {member.etag} != {state.etag[member.href]} from PUT")
        elif with_data and unfolded_uid(member.calendar_data or "") != state.uid[member.href]:
            problems.append(f"{member.href} calendar-data without UID {state.uid[member.href]}")
    return f"{len(problems)} bad members: {sample(problems, 3)}" if problems else None


def objects(state: State, members: list[Member]) -> list[Member]:
    return [m for m in members if m.href.rstrip("/") != state.calendar.rstrip("/")]


def multistatus(reply) -> tuple[list[Member] | None, str | None, str | None]:
    if reply.status != 207:
        return None, None, f"status {reply.status}: {reply.body[:200]!r}"
    members, token = parse_multistatus(reply.body)
    return members, token, None


def check_month(state: State, reply, exp: dict) -> str | None:
    members, _, error = multistatus(reply)
    if error:
        return error
    found = {state.uid.get(m.href, m.href) for m in objects(state, members)}
    return (within(found, set(exp["month_uids_must"]), set(exp["month_uids_may"]), "month objects")
            or check_members(state, members, with_data=True))


def instance_value(component, name: str) -> tuple[str | None, str | None]:
    """Normalised value of a DTSTART/RECURRENCE-ID and an error when expand left it in local time."""
    prop = component.get(name)
    if prop is None:
        return None, None
    value = prop.dt
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return None, f"{name} {value} is floating"
        if value.utcoffset() != timedelta(0) or "TZID" in prop.params:
            return expect.ical_value(value), f"{name} {value} not converted to UTC (RFC 4791 §9.6.5)"
    return expect.ical_value(value), None


def check_expand(state: State, reply, exp: dict) -> str | None:
    members, _, error = multistatus(reply)
    if error:
        return error
    problems, found = [], set()
    for member in objects(state, members):
        calendar = icalendar.Calendar.from_ical(member.calendar_data or "")
        if any(c.name == "VTIMEZONE" for c in calendar.subcomponents):
            problems.append(f"{member.href}: VTIMEZONE in expanded data")
        for event in calendar.walk("VEVENT"):
            if any(name in event for name in ("RRULE", "RDATE", "EXDATE")):
                problems.append(f"{member.href}: recurrence property left in an expanded instance")
            start, start_problem = instance_value(event, "DTSTART")
            recurrence, recurrence_problem = instance_value(event, "RECURRENCE-ID")
            problems.extend(p for p in (start_problem, recurrence_problem) if p)
            found.add((str(event.get("UID")), recurrence or start, start))
    must = {tuple(k) for k in exp["expand_must"]}
    may = {tuple(k) for k in exp["expand_may"]}
    return (within(found, must, may, "expanded instances")
            or (f"{len(problems)} problems: {sample(problems, 3)}" if problems else None)
            or check_members(state, members, with_data=True))


def check_hrefs(state: State, reply, wanted: set[str], with_data: bool) -> str | None:
    """A multiget / PROPFIND / sync answer: exactly `wanted` among the objects, each right."""
    members, _, error = multistatus(reply)
    if error:
        return error
    found = {m.href for m in objects(state, members)}
    return within(found, wanted, wanted, "hrefs") or check_members(state, members, with_data)


def check_search(state: State, reply, exp: dict) -> str | None:
    members, _, error = multistatus(reply)
    if error:
        return error
    found = {state.uid.get(m.href, m.href) for m in objects(state, members)}
    wanted = set(exp["search_uids"])
    return within(found, wanted, wanted, "search matches") or check_members(state, members, with_data=False)


def check_get(state: State, href: str, reply) -> str | None:
    if reply.status != 200:
        return f"GET {href}: status {reply.status}"
    etag = reply.header("etag")
    if state.etag[href] is not None and etag != state.etag[href]:
        return f"GET {href}: ETag {etag} != {state.etag[href]} from PUT"
    if unfolded_uid(reply.body.decode("utf-8", "replace")) != state.uid[href]:
        return f"GET {href}: body without UID {state.uid[href]}"
    return None


FREEBUSY = re.compile(r"^FREEBUSY((?:;[^:]*)?):(.*?)\r?$", re.MULTILINE)
FBTYPE = re.compile(r";FBTYPE=([A-Za-z-]+)", re.IGNORECASE)


def utc_value(text: str) -> datetime:
    """A FREEBUSY date-time, which RFC 5545 §3.8.2.6 requires in UTC."""
    if not text.endswith("Z"):
        raise ValueError(f"FREEBUSY time {text} not in UTC")
    return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def parse_period(text: str) -> tuple[datetime, datetime]:
    start_text, end_text = text.split("/")
    start = utc_value(start_text)
    if end_text.startswith(("P", "+P")):
        return start, start + icalendar.vDuration.from_ical(end_text.lstrip("+"))
    return start, utc_value(end_text)


def check_free_busy(reply, exp: dict) -> str | None:
    """Busy time per FBTYPE, clipped to the week and merged, must equal the expectation (RFC 4791 §7.10)."""
    if reply.status != 200:
        return f"status {reply.status}: {reply.body[:200]!r}"
    window = tuple(datetime.strptime(v, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) for v in exp["week"])
    by_type: dict[str, list[tuple[datetime, datetime]]] = {}
    text = UNFOLD.sub("", reply.body.decode("utf-8", "replace"))
    try:
        for params, values in FREEBUSY.findall(text):
            kind = (FBTYPE.search(params).group(1) if FBTYPE.search(params) else "BUSY").upper()
            for period in values.split(",") if kind != "FREE" else []:
                start, end = parse_period(period.strip())
                start, end = max(start, window[0]), min(end, window[1])
                if start < end:
                    by_type.setdefault(kind, []).append((start, end))
    except ValueError as error:
        return f"unreadable FREEBUSY: {error}"
    found = {kind: [[expect.ical_utc(s), expect.ical_utc(e)] for s, e in expect.merged(periods)]
             for kind, periods in by_type.items()}
    if found == exp["busy"]:
        return None
    diffs = []
    for kind in sorted(set(found) | set(exp["busy"])):
        got, want = {tuple(p) for p in found.get(kind, [])}, {tuple(p) for p in exp["busy"].get(kind, [])}
        if got != want:
            diffs.append(f"{kind}: missing {sample(want - got, 3)}; unexpected {sample(got - want, 3)}")
    return "free/busy differs: " + " | ".join(diffs)


def check_delta(state: State, reply, changed: set[str], deleted: set[str]) -> str | None:
    """A delta sync-collection lists exactly the changed members (with their new ETags) and the deleted ones as 404."""
    members, token, error = multistatus(reply)
    if error:
        return error
    if not token:
        return "no sync-token in the answer"
    problems = []
    reported = {m.href: m for m in objects(state, members)}
    if set(reported) != changed | deleted:
        return within(set(reported), changed | deleted, changed | deleted, "changes")
    for href in deleted:
        if reported[href].status != 404:
            problems.append(f"deleted {href} reported with status {reported[href].status}")
    problems_members = check_members(state, [reported[h] for h in changed], with_data=False)
    if problems_members:
        problems.append(problems_members)
    return "; ".join(problems) or None



def check_api_month(reply, exp: dict) -> str | None:
    """The JSON API's instances of the month: the objects the CalDAV month answers, as many instances as expand."""
    if reply.status != 200:
        return f"status {reply.status}: {reply.body[:200]!r}"
    body = json.loads(reply.body)
    if body.get("nextPageToken"):
        return "the month did not fit one page of 2500"
    items = body.get("items", [])
    found = {item.get("iCalUID") for item in items}
    low, high = len(exp["expand_must"]), len(exp["expand_may"])
    if not low <= len(items) <= high:
        return f"{len(items)} instances, expected {low}..{high}"
    return within(found, set(exp["month_uids_must"]), set(exp["month_uids_may"]), "API month objects")


def check_api_search(reply, exp: dict) -> str | None:
    """The JSON API's search: exactly the events with the word in a title, description or location."""
    if reply.status != 200:
        return f"status {reply.status}: {reply.body[:200]!r}"
    body = json.loads(reply.body)
    if body.get("nextPageToken"):
        return "the matches did not fit one page of 2500"
    found = {item.get("iCalUID") for item in body.get("items", [])}
    wanted = set(exp["api_search_uids"])
    return within(found, wanted, wanted, "API search matches")
