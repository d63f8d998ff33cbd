#!/usr/bin/env python3
"""python-caldav against a live server: discovery from the bare URL, MKCALENDAR, events, todos, expansion, sync tokens.

Usage: caldav_client_check.py --url http://127.0.0.1:PORT/ --username U --password P
       [--expect-principal /principals/U/] [--expect-home /calendars/U/] [--expect-calendar /calendars/U/calendar/]

Every assertion is a named check; the last line is "python-caldav: N passed, M failed (of T checks)".
"""

from __future__ import annotations

import argparse
import re
import sys
import uuid
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urljoin, urlparse

import caldav
from caldav.lib import error

from dav_http import DavHTTP
from steps import Steps

UTC = timezone.utc

BERLIN = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def vcalendar(*components: str) -> str:
    body = "\n".join(components)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Almanac conformance//python-caldav//EN\n{body}\nEND:VCALENDAR\n"


def single_event(uid: str) -> str:
    return vcalendar(f"""BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260101T000000Z
DTSTART:20260310T100000Z
DTEND:20260310T110000Z
SUMMARY:Single meeting
END:VEVENT""")


def weekly_berlin(uid: str) -> str:
    """Mondays 09:00 Berlin time, 8 weeks from 2 March 2026, across the 29 March DST change; the third instance
    (16 March) is moved to 14:00 and renamed by an override (RFC 5545 §3.8.4.4)."""
    return vcalendar(BERLIN, f"""BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Berlin:20260302T090000
DTEND;TZID=Europe/Berlin:20260302T100000
RRULE:FREQ=WEEKLY;COUNT=8
SUMMARY:Weekly standup
END:VEVENT
BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260101T000000Z
RECURRENCE-ID;TZID=Europe/Berlin:20260316T090000
DTSTART;TZID=Europe/Berlin:20260316T140000
DTEND;TZID=Europe/Berlin:20260316T150000
SUMMARY:Weekly standup (moved)
END:VEVENT""")


def all_day(uid: str) -> str:
    return vcalendar(f"""BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260401
DTEND;VALUE=DATE:20260402
SUMMARY:Holiday
END:VEVENT""")


def todo(uid: str, summary: str, extra: str = "") -> str:
    lines = [f"BEGIN:VTODO", f"UID:{uid}", "DTSTAMP:20260101T000000Z", f"SUMMARY:{summary}"]
    lines += [line for line in extra.splitlines() if line]
    lines.append("END:VTODO")
    return vcalendar("\n".join(lines))


def as_utc(value) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def instances(results) -> list[tuple[str, datetime, str]]:
    """(uid, start in UTC, summary) of every expanded occurrence, sorted by start."""
    out = []
    for obj in results:
        comp = obj.component
        out.append((str(comp["uid"]), as_utc(comp["dtstart"].dt), str(comp.get("summary", ""))))
    return sorted(out, key=lambda item: item[1])


def path(url) -> str:
    return urlparse(str(url)).path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--expect-principal")
    parser.add_argument("--expect-home")
    parser.add_argument("--expect-calendar")
    args = parser.parse_args()
    steps = Steps("python-caldav")
    run = uuid.uuid4().hex[:8]
    uids = {name: f"conformance-{name}-{run}" for name in ("single", "weekly", "allday", "todo-due", "todo-open",
                                                            "todo-done", "late")}

    client = caldav.DAVClient(url=args.url, username=args.username, password=args.password)
    state: dict = {}

    with steps.stage("discovery from the bare server URL"):
        principal = client.principal()
        state["principal"] = principal
        steps.check("principal found", principal is not None and principal.url is not None)
        if args.expect_principal:
            steps.check("principal URL", path(principal.url) == args.expect_principal, path(principal.url))
        home = principal.calendar_home_set
        if args.expect_home:
            steps.check("calendar-home-set", path(home.url) == args.expect_home, path(home.url))
        # RFC 6764 §5: /.well-known/caldav redirects to the context path, where current-user-principal leads on.
        http = DavHTTP(args.url, args.username, args.password)
        response = http.request("PROPFIND", "/.well-known/caldav", headers={"Depth": "0"})
        location = response.headers.get("Location", "")
        steps.check("/.well-known/caldav redirects", response.status_code in (301, 302, 303, 307, 308) and location,
                    (response.status_code, location))
        if location:
            body = ('<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:current-user-principal/>'
                    "</D:prop></D:propfind>")
            response = http.request("PROPFIND", urljoin(http.url("/.well-known/caldav"), location),
                                    data=body.encode(), headers={"Depth": "0", "Content-Type": "application/xml"})
            hrefs = re.findall(r"<(?:\w+:)?href>([^<]*)</(?:\w+:)?href>", response.text)
            steps.check("the redirect target names the principal",
                        response.status_code == 207 and path(principal.url) in [path(urljoin(args.url, h))
                                                                                for h in hrefs],
                        (response.status_code, response.text[:400]))
        calendars = principal.calendars()
        if args.expect_calendar:
            found = [path(c.url) for c in calendars]
            steps.check("default calendar listed", args.expect_calendar in found, found)

    with steps.stage("MKCALENDAR"):
        cal = state["principal"].make_calendar(name=f"Conformance {run}", cal_id=f"conformance-{run}")
        state["cal"] = cal
        steps.check("calendar created under the home",
                    path(cal.url).startswith(path(state["principal"].calendar_home_set.url)), path(cal.url))
        names = [c.get_display_name() for c in state["principal"].calendars()]
        steps.check("new calendar listed with its display name", f"Conformance {run}" in names, names)

    cal = state.get("cal")
    if cal is None:
        return steps.finish()

    with steps.stage("save events and todos"):
        saved = {
            "single": cal.save_event(single_event(uids["single"])),
            "weekly": cal.save_event(weekly_berlin(uids["weekly"])),
            "allday": cal.save_event(all_day(uids["allday"])),
            "todo-due": cal.save_todo(todo(uids["todo-due"], "File taxes", "DTSTART:20260310T080000Z\nDUE:20260312T170000Z")),
            "todo-open": cal.save_todo(todo(uids["todo-open"], "Someday")),
            "todo-done": cal.save_todo(todo(uids["todo-done"], "Done already",
                                            "STATUS:COMPLETED\nCOMPLETED:20260105T120000Z")),
        }
        state["saved"] = saved
        for name, obj in saved.items():
            steps.check(f"{name} saved with a URL", obj.url is not None)
        again = cal.get_event_by_uid(uids["weekly"])
        steps.check("recurring event read back by UID keeps its override",
                    "RECURRENCE-ID" in again.data and "RRULE:FREQ=WEEKLY;COUNT=8" in again.data, again.data[:200])
        events = cal.events()
        steps.check("calendar lists 3 events", len(events) == 3, len(events))
        pending = cal.search(todo=True)
        steps.check("2 pending todos", sorted(str(t.component["uid"]) for t in pending)
                    == sorted([uids["todo-due"], uids["todo-open"]]), [str(t.component["uid"]) for t in pending])
        every = cal.search(todo=True, include_completed=True)
        steps.check("3 todos with completed", len(every) == 3, len(every))

    with steps.stage("time-range search with expansion (client-side expand)"):
        found = instances(cal.search(start=datetime(2026, 3, 9, tzinfo=UTC), end=datetime(2026, 3, 23, tzinfo=UTC),
                                     event=True, expand=True))
        expected = [
            (uids["weekly"], datetime(2026, 3, 9, 8, tzinfo=UTC), "Weekly standup"),
            (uids["single"], datetime(2026, 3, 10, 10, tzinfo=UTC), "Single meeting"),
            (uids["weekly"], datetime(2026, 3, 16, 13, tzinfo=UTC), "Weekly standup (moved)"),
        ]
        steps.check("9-23 March: two standups (one moved) and the single meeting", found == expected, found)
        found = instances(cal.search(start=datetime(2026, 3, 23, tzinfo=UTC), end=datetime(2026, 4, 6, tzinfo=UTC),
                                     event=True, expand=True))
        expected = [
            (uids["weekly"], datetime(2026, 3, 23, 8, tzinfo=UTC), "Weekly standup"),
            (uids["weekly"], datetime(2026, 3, 30, 7, tzinfo=UTC), "Weekly standup"),
            (uids["allday"], datetime(2026, 4, 1, tzinfo=UTC), "Holiday"),
        ]
        steps.check("23 March-6 April: standups across the DST change and the all-day event", found == expected, found)
        found = instances(cal.search(start=datetime(2026, 6, 1, tzinfo=UTC), end=datetime(2026, 7, 1, tzinfo=UTC),
                                     event=True, expand=True))
        steps.check("June: nothing (the series ended after 8 weeks)", found == [], found)

    with steps.stage("time-range search with server-side expansion (CALDAV:expand)"):
        results = cal.search(start=datetime(2026, 3, 9, tzinfo=UTC), end=datetime(2026, 3, 23, tzinfo=UTC),
                             event=True, expand=True, server_expand=True)
        found = instances(results)
        expected = [
            (uids["weekly"], datetime(2026, 3, 9, 8, tzinfo=UTC), "Weekly standup"),
            (uids["single"], datetime(2026, 3, 10, 10, tzinfo=UTC), "Single meeting"),
            (uids["weekly"], datetime(2026, 3, 16, 13, tzinfo=UTC), "Weekly standup (moved)"),
        ]
        steps.check("server-expanded 9-23 March", found == expected, found)
        recurring = [r for r in results if str(r.component["uid"]) == uids["weekly"]]
        steps.check("expanded instances carry RECURRENCE-ID and no RRULE",
                    all("recurrence-id" in r.component and "rrule" not in r.component for r in recurring),
                    [r.data for r in recurring])

    with steps.stage("raw calendar-query REPORT with CALDAV:expand (RFC 4791 §9.6.5)"):
        body = f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data><C:expand start="20260309T000000Z" end="20260323T000000Z"/></C:calendar-data></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="20260309T000000Z" end="20260323T000000Z"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>"""
        response = client.request(str(cal.url), "REPORT", body,
                                  {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"})
        steps.check("REPORT answers 207", response.status == 207, response.status)
        from lxml import etree
        tree = etree.fromstring(response.raw.encode() if isinstance(response.raw, str) else response.raw)
        datas = [el.text or "" for el in tree.iter("{urn:ietf:params:xml:ns:caldav}calendar-data")]
        weekly = [d for d in datas if uids["weekly"] in d]
        steps.check("two responses (weekly series, single meeting)", len(datas) == 2, len(datas))
        text = "".join(weekly).replace("\r\n", "\n")
        starts = sorted(line for line in text.split("\n") if line.startswith("DTSTART"))
        steps.check("the series comes back as two UTC instances (RFC 4791 §9.6.5)",
                    starts == ["DTSTART:20260309T080000Z", "DTSTART:20260316T130000Z"], starts)
        steps.check("expanded series has no VTIMEZONE, no RRULE and two RECURRENCE-IDs",
                    "VTIMEZONE" not in text and "RRULE" not in text and text.count("RECURRENCE-ID") == 2, text)

    with steps.stage("todo time-range search"):
        found = cal.search(start=datetime(2026, 3, 11, tzinfo=UTC), end=datetime(2026, 3, 13, tzinfo=UTC), todo=True)
        uids_found = sorted(str(t.component["uid"]) for t in found)
        # RFC 4791 §9.9: a VTODO with neither DTSTART nor DUE overlaps every range, so "Someday" matches too.
        steps.check("11-13 March todos: the dated one and the undated one",
                    uids_found == sorted([uids["todo-due"], uids["todo-open"]]), uids_found)

    with steps.stage("sync tokens (RFC 6578)"):
        initial = cal.objects_by_sync_token(load_objects=True, disable_fallback=True)
        token0 = initial.sync_token
        steps.check("initial sync lists all 6 objects", len(initial) == 6, len(initial))
        steps.check("initial sync returns a real token", bool(token0) and not str(token0).startswith("fake-"), token0)
        steps.check("initial sync objects are loaded", all(o.data for o in initial))

        single = cal.get_event_by_uid(uids["single"])
        single.icalendar_component["summary"] = "Single meeting (renamed)"
        single.save()
        after_change = cal.objects_by_sync_token(sync_token=token0, load_objects=True, disable_fallback=True)
        token1 = after_change.sync_token
        changed = [path(o.url) for o in after_change]
        steps.check("incremental sync after one change lists exactly that object",
                    changed == [path(single.url)], changed)
        steps.check("changed object carries the new data",
                    all("renamed" in (o.data or "") for o in after_change), [o.data for o in after_change])
        steps.check("token moved on", token1 != token0, (token0, token1))

        gone = state["saved"]["todo-open"]
        gone_path = path(gone.url)
        gone.delete()
        after_delete = cal.objects_by_sync_token(sync_token=token1, load_objects=True, disable_fallback=True)
        deleted = sorted(path(u) for u in after_delete.deleted_urls)
        steps.check("incremental sync after a deletion reports it deleted", deleted == [gone_path], deleted)
        steps.check("no other changes reported",
                    [path(o.url) for o in after_delete if o.url.canonical() not in after_delete.deleted_urls] == [],
                    [path(o.url) for o in after_delete])
        token2 = after_delete.sync_token

        late = cal.save_event(single_event(uids["late"]).replace("20260310T", "20260311T"))
        unchanged = cal.objects_by_sync_token(sync_token=token2, load_objects=False, disable_fallback=True)
        steps.check("incremental sync after an addition lists the new object",
                    [path(o.url) for o in unchanged] == [path(late.url)], [path(o.url) for o in unchanged])

        since_start = cal.objects_by_sync_token(sync_token=token0, load_objects=False, disable_fallback=True)
        listed = sorted(path(o.url) for o in since_start)
        steps.check("sync from the first token sees the change, the deletion and the addition",
                    listed == sorted([path(single.url), gone_path, path(late.url)]), listed)

        try:
            cal.objects_by_sync_token(sync_token="http://example.invalid/not-a-token", disable_fallback=True)
            steps.check("an unknown sync token is refused", False, "the server accepted it")
        except (error.DAVError, error.ReportError, error.AuthorizationError) as exc:
            steps.check("an unknown sync token is refused", True, exc)

        snapshot = cal.objects_by_sync_token(load_objects=True, disable_fallback=True)
        cal.get_todo_by_uid(uids["todo-due"]).complete()
        updated, removed = snapshot.sync()
        steps.check("collection.sync() picks up a completed todo",
                    [str(o.component["uid"]) for o in updated] == [uids["todo-due"]] and list(removed) == [],
                    ([o.url for o in updated], list(removed)))

    with steps.stage("delete the calendar"):
        cal.delete()
        remaining = [path(c.url) for c in state["principal"].calendars()]
        steps.check("calendar gone from the home", path(cal.url) not in remaining, remaining)

    return steps.finish()


if __name__ == "__main__":
    sys.exit(main())
