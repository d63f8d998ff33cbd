#!/usr/bin/env python3
"""RFC 6638 scheduling end to end over raw HTTP: three local users, one external attendee reached by e-mail.

Usage: scheduling_e2e.py --url http://127.0.0.1:PORT/ --smtp-port PORT
         --user alice:PASSWORD:alice@example.test --user bob:... --user carol:...   (organizer first)
         [--external dave@external.test] [--max-attendees N]

The server must already run with its SMTP relay set to 127.0.0.1:--smtp-port (no TLS, a short retry base); this
script starts the SMTP sink there itself (aiosmtpd, in-process), and stops and restarts it to test the retry queue.
Every assertion is a named check; the summary lines are "scheduling e2e: N passed, M failed (of T checks)" and
"scheduling e2e: N/T checks passed".
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from datetime import timedelta

from dav_http import DavHTTP
from scheduling_common import (CALDAV, MailSink, address_of, attendee_param, copies, dtstart_of, first_component,
                               hrefs_in, imip_matches, inbox_items, itip, meeting, meeting_start, methods, parse,
                               propfind, run_stages, schedule_response, utc_stamp, vcalendar, with_changes,
                               with_partstat)
from steps import Steps

PART = "scheduling e2e"


class RecordingHTTP(DavHTTP):
    """DavHTTP that remembers every 5xx answer: a scheduling error must be a clear 4xx, never a server error."""

    server_errors: list[str] = []

    def request(self, method, path, **kwargs):
        response = super().request(method, path, **kwargs)
        if response.status_code >= 500:
            RecordingHTTP.server_errors.append(f"{method} {path} -> {response.status_code} {response.text[:200]}")
        return response


class User:
    def __init__(self, base: str, spec: str) -> None:
        self.name, password, self.email = spec.split(":", 2)
        self.http = RecordingHTTP(base, self.name, password)
        self.principal = f"/principals/{self.name}/"
        self.inbox = f"/calendars/{self.name}/inbox/"
        self.outbox = f"/calendars/{self.name}/outbox/"
        self.calendar = f"/calendars/{self.name}/calendar/"

    def copy(self, uid: str) -> tuple[str, str] | None:
        found = copies(self.http, self.calendar, uid)
        return found[0] if found else None

    def read(self, path: str):
        """GET that must answer 200 (a later step needs the body); anything else stops the stage with the answer."""
        response = self.http.get(path)
        if response.status_code != 200:
            raise AssertionError(f"GET {path} as {self.name}: {response.status_code} {response.text[:200]!r}")
        return response

    def require_copy(self, uid: str) -> tuple[str, str]:
        found = self.copy(uid)
        if found is None:
            raise AssertionError(f"{self.name} has no copy of {uid} in {self.calendar}; the stage cannot go on")
        return found

    def inbox_methods(self, uid: str) -> list[str]:
        return methods(inbox_items(self.http, self.inbox, uid))

    def post(self, path: str, ics: str):
        return self.http.request("POST", path, data=ics.encode("utf-8"),
                                 headers={"Content-Type": "text/calendar; charset=utf-8"})


def short(response) -> tuple:
    return response.status_code, dict(response.headers), response.text[:400]


class Context:
    """What the stages share: the users, the SMTP sink, the meeting's UID and times, values one stage leaves for
    the next."""

    def __init__(self, args, steps: Steps, sink: MailSink) -> None:
        self.args = args
        self.steps = steps
        self.sink = sink
        self.alice, self.bob, self.carol = (User(args.url, spec) for spec in args.user)
        self.dave = args.external
        self.max_attendees = args.max_attendees
        self.uid = f"sched-e2e-{uuid.uuid4().hex[:10]}"
        self.event_path = f"{self.alice.calendar}{self.uid}.ics"
        self.start = meeting_start()
        self.moved = self.start + timedelta(hours=2)
        self.proposed = self.start + timedelta(days=1)
        self.state: dict = {}

    def unpack(self):
        return (self.steps, self.sink, self.alice, self.bob, self.carol, self.dave, self.uid, self.event_path,
                self.start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--user", action="append", required=True, help="NAME:PASSWORD:EMAIL; organizer first")
    parser.add_argument("--external", default="dave@external.test")
    parser.add_argument("--max-attendees", type=int,
                        help="the server's attendee cap (default: CALDAV:max-attendees-per-instance of the calendar)")
    args = parser.parse_args()
    if len(args.user) != 3:
        parser.error("give exactly three --user (organizer, two attendees)")
    steps = Steps(PART)
    sink = MailSink(args.smtp_port)
    sink.start()
    ctx = Context(args, steps, sink)
    try:
        run_stages(steps, STAGES, ctx, args.url)
    finally:
        sink.stop()
    steps.check("no 5xx answer during the whole run", not RecordingHTTP.server_errors, RecordingHTTP.server_errors)
    status = steps.finish()
    total = steps.passed + len(steps.failed)
    print(f"{PART}: {steps.passed}/{total} checks passed")
    return status


def discovery(ctx: Context) -> None:
    """discovery: inbox, outbox, calendar user addresses (RFC 6638 §2, §9)"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    for user in (alice, bob, carol):
        status, found = propfind(user.http, user.principal, [f"{CALDAV}schedule-inbox-URL",
                                                             f"{CALDAV}schedule-outbox-URL",
                                                             f"{CALDAV}calendar-user-address-set"])
        props = found.get(user.principal, {})
        steps.check(f"{user.name}: schedule-inbox-URL", hrefs_in(props.get(f"{CALDAV}schedule-inbox-URL"))
                    == [user.inbox], (status, props))
        steps.check(f"{user.name}: schedule-outbox-URL", hrefs_in(props.get(f"{CALDAV}schedule-outbox-URL"))
                    == [user.outbox], (status, props))
        addresses = [h.lower() for h in hrefs_in(props.get(f"{CALDAV}calendar-user-address-set"))]
        steps.check(f"{user.name}: calendar-user-address-set has mailto: and the principal",
                    address_of(user.email) in addresses and user.principal in addresses, addresses)
    status, found = propfind(alice.http, alice.inbox, [f"{CALDAV}schedule-default-calendar-URL"])
    steps.check("inbox: schedule-default-calendar-URL is the default calendar",
                hrefs_in(found.get(alice.inbox, {}).get(f"{CALDAV}schedule-default-calendar-URL"))
                == [alice.calendar], (status, found))
    status, found = propfind(alice.http, alice.calendar, [f"{CALDAV}schedule-calendar-transp"])
    transp = found.get(alice.calendar, {}).get(f"{CALDAV}schedule-calendar-transp")
    steps.check("calendar: schedule-calendar-transp is opaque",
                transp is not None and transp.find(f"{CALDAV}opaque") is not None, (status, found))


def invite(ctx: Context) -> None:
    """organizer invites two local users and one external address"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    body = meeting(uid, alice.email, [bob.email, carol.email, dave], start)
    response = alice.http.put(event_path, body, If_None_Match="*")
    steps.check("PUT 201", response.status_code == 201, short(response))
    tag = response.headers.get("Schedule-Tag")
    steps.check("PUT answers a Schedule-Tag", bool(tag), dict(response.headers))
    steps.check("no ETag since the server added SCHEDULE-STATUS (RFC 4791 §5.3.4)",
                "ETag" not in response.headers, dict(response.headers))
    got = alice.read(event_path)
    steps.check("GET answers the same Schedule-Tag", got.headers.get("Schedule-Tag") == tag,
                (tag, got.headers.get("Schedule-Tag")))
    text = got.text
    for address, expected in ((bob.email, "1.2"), (carol.email, "1.2"), (dave, "1.1")):
        value = attendee_param(text, address, "SCHEDULE-STATUS")
        steps.check(f"SCHEDULE-STATUS of {address} is {expected}", value == expected, (value, text))
    for user in (bob, carol):
        steps.check(f"{user.name}'s inbox has a REQUEST", user.inbox_methods(uid) == ["REQUEST"],
                    user.inbox_methods(uid))
        copy = user.copy(uid)
        steps.check(f"{user.name} has a copy in the default calendar", copy is not None)
        if copy:
            partstat = attendee_param(copy[1], user.email, "PARTSTAT")
            steps.check(f"{user.name}'s copy: PARTSTAT=NEEDS-ACTION", partstat == "NEEDS-ACTION", copy[1])
    mails = sink.wait_for(lambda m: imip_matches(m, dave, "REQUEST", uid), timeout=30)
    steps.check("iMIP REQUEST e-mail reaches the external attendee", len(mails) == 1, len(mails))
    if mails:
        param, cal = mails[0].calendar_part()
        component = next(c for c in cal.walk("VEVENT"))
        steps.check("the e-mail's text/calendar part: method=REQUEST, METHOD:REQUEST, UID, ATTENDEE",
                    param.upper() == "REQUEST" and str(cal.get("method")).upper() == "REQUEST"
                    and str(component.get("uid")) == uid
                    and address_of(dave) in [str(a).lower() for a in _list(component.get("attendee"))],
                    mails[0].raw[:1500])


def replies(ctx: Context) -> None:
    """attendees answer with If-Schedule-Tag-Match; the organizer's copy merges the replies"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    before = alice.read(event_path)
    for user, partstat in ((bob, "ACCEPTED"), (carol, "DECLINED")):
        href, _ = user.require_copy(uid)
        got = user.read(href)
        their_tag = got.headers.get("Schedule-Tag")
        steps.check(f"{user.name}'s copy has a Schedule-Tag", bool(their_tag), dict(got.headers))
        response = user.http.put(href, with_partstat(got.text, user.email, partstat),
                                 If_Schedule_Tag_Match=their_tag or '"none"')
        steps.check(f"{user.name} {partstat}: PUT 204/200", response.status_code in (200, 204), short(response))
    after = alice.read(event_path)
    steps.check("organizer's copy: bob ACCEPTED",
                attendee_param(after.text, bob.email, "PARTSTAT") == "ACCEPTED", after.text)
    steps.check("organizer's copy: carol DECLINED",
                attendee_param(after.text, carol.email, "PARTSTAT") == "DECLINED", after.text)
    steps.check("organizer's Schedule-Tag unchanged by reply merges (RFC 6638 §3.2.10)",
                after.headers.get("Schedule-Tag") == before.headers.get("Schedule-Tag"),
                (before.headers.get("Schedule-Tag"), after.headers.get("Schedule-Tag")))
    steps.check("organizer's ETag changed", after.headers.get("ETag") != before.headers.get("ETag"),
                (before.headers.get("ETag"), after.headers.get("ETag")))
    steps.check("organizer's inbox has the two REPLYs", alice.inbox_methods(uid) == ["REPLY", "REPLY"],
                alice.inbox_methods(uid))
    copy = bob.copy(uid)
    steps.check("bob's copy shows carol DECLINED (attendee copies follow)",
                copy is not None and attendee_param(copy[1], carol.email, "PARTSTAT") == "DECLINED",
                copy[1] if copy else None)


def resave(ctx: Context) -> None:
    """re-saving the unchanged event sends nothing"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    counts = {u.name: len(u.inbox_methods(uid)) for u in (bob, carol)}
    mails_before = len(sink.to(dave))
    got = alice.read(event_path)
    response = alice.http.put(event_path, got.text, If_Match=got.headers.get("ETag") or "*")
    steps.check("PUT 204/200", response.status_code in (200, 204), short(response))
    time.sleep(3)  # give a (wrong) e-mail time to be sent
    after = {u.name: len(u.inbox_methods(uid)) for u in (bob, carol)}
    steps.check("no new inbox items", after == counts, (counts, after))
    steps.check("no new e-mail", len(sink.to(dave)) == mails_before, (mails_before, len(sink.to(dave))))


def move(ctx: Context) -> None:
    """organizer moves the event: new REQUEST, attendee PARTSTAT reset"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    href, _ = bob.require_copy(uid)
    ctx.state["bob_tag_before_move"] = bob.read(href).headers.get("Schedule-Tag")
    requests_before = bob.inbox_methods(uid).count("REQUEST")
    got = alice.read(event_path)
    response = alice.http.put(event_path, with_changes(got.text, start=ctx.moved), If_Match=got.headers["ETag"])
    steps.check("PUT 204/200", response.status_code in (200, 204), short(response))
    steps.check("bob's inbox has a new REQUEST",
                bob.inbox_methods(uid).count("REQUEST") == requests_before + 1, bob.inbox_methods(uid))
    copy = bob.copy(uid)
    steps.check("bob's copy moved", copy is not None and dtstart_of(copy[1]) == ctx.moved,
                (copy[1] if copy else None, ctx.moved))
    steps.check("bob's PARTSTAT back to NEEDS-ACTION",
                copy is not None and attendee_param(copy[1], bob.email, "PARTSTAT") == "NEEDS-ACTION",
                copy[1] if copy else None)
    new_tag = bob.read(href).headers.get("Schedule-Tag")
    steps.check("bob's Schedule-Tag changed", new_tag != ctx.state["bob_tag_before_move"],
                (ctx.state["bob_tag_before_move"], new_tag))
    mails = sink.wait_for(lambda m: imip_matches(m, dave, "REQUEST", uid)
                          and dtstart_of(m.calendar_part()[1].to_ical()) == ctx.moved, timeout=30)
    steps.check("the moved REQUEST is e-mailed to the external attendee", len(mails) == 1, len(mails))


def stale_tag(ctx: Context) -> None:
    """If-Schedule-Tag-Match with a stale tag (RFC 6638 §8.3)"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    href, text = bob.require_copy(uid)
    response = bob.http.put(href, with_partstat(text, bob.email, "ACCEPTED"),
                            If_Schedule_Tag_Match=ctx.state["bob_tag_before_move"] or '"stale"')
    steps.check("stale tag: 412", response.status_code == 412, short(response))
    copy = bob.copy(uid)
    steps.check("the copy is unchanged after the 412",
                attendee_param(copy[1], bob.email, "PARTSTAT") == "NEEDS-ACTION", copy[1])
    got = bob.read(href)
    response = bob.http.put(href, with_partstat(got.text, bob.email, "ACCEPTED"),
                            If_Schedule_Tag_Match=got.headers.get("Schedule-Tag") or '"none"')
    steps.check("current tag: accepted again (204/200)", response.status_code in (200, 204), short(response))


def counter(ctx: Context) -> None:
    """COUNTER and DECLINECOUNTER through the outboxes (RFC 5546 §3.2.7, §3.2.8)"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    sequence = 1
    alice_counters = alice.inbox_methods(uid).count("COUNTER")
    response = bob.post(bob.outbox, itip("COUNTER", uid, alice.email, bob.email, "ACCEPTED", ctx.proposed, sequence))
    steps.check("COUNTER POST 200", response.status_code == 200, short(response))
    entries = schedule_response(response.content) if response.status_code == 200 else []
    steps.check("schedule-response: 2.0 for the organizer",
                [(e.recipient.lower(), e.request_status[:3]) for e in entries]
                == [(address_of(alice.email), "2.0")], [(e.recipient, e.request_status) for e in entries])
    steps.check("the COUNTER is in the organizer's inbox",
                alice.inbox_methods(uid).count("COUNTER") == alice_counters + 1, alice.inbox_methods(uid))
    counter = [i for i in inbox_items(alice.http, alice.inbox, uid) if i.method == "COUNTER"]
    steps.check("the COUNTER proposes the new time", any(dtstart_of(i.text) == ctx.proposed for i in counter),
                [i.text for i in counter])
    response = alice.post(alice.outbox, itip("DECLINECOUNTER", uid, alice.email, bob.email, sequence=sequence))
    steps.check("DECLINECOUNTER POST 200", response.status_code == 200, short(response))
    steps.check("bob's inbox has the DECLINECOUNTER", "DECLINECOUNTER" in bob.inbox_methods(uid),
                bob.inbox_methods(uid))
    copy = alice.read(event_path)
    steps.check("declining leaves the event where it was", dtstart_of(copy.text) == ctx.moved, copy.text)


def accept_counter(ctx: Context) -> None:
    """accepting a counter-proposal is a PUT at the proposed time"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    response = bob.post(bob.outbox, itip("COUNTER", uid, alice.email, bob.email, "ACCEPTED", ctx.proposed, 1))
    steps.check("second COUNTER POST 200", response.status_code == 200, short(response))
    requests_before = bob.inbox_methods(uid).count("REQUEST")
    got = alice.read(event_path)
    response = alice.http.put(event_path, with_changes(got.text, start=ctx.proposed), If_Match=got.headers["ETag"])
    steps.check("PUT at the proposed time 204/200", response.status_code in (200, 204), short(response))
    items = [i for i in inbox_items(bob.http, bob.inbox, uid) if i.method == "REQUEST"]
    steps.check("bob's inbox has a new REQUEST at the proposed time",
                len(items) == requests_before + 1 and any(dtstart_of(i.text) == ctx.proposed for i in items),
                [(i.href, dtstart_of(i.text)) for i in items])
    copy = bob.copy(uid)
    steps.check("bob's copy is at the proposed time", copy is not None and dtstart_of(copy[1]) == ctx.proposed,
                copy[1] if copy else None)


def refresh(ctx: Context) -> None:
    """REFRESH (RFC 5546 §3.2.6): the organizer's server answers with a REQUEST"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    requests_before = bob.inbox_methods(uid).count("REQUEST")
    response = bob.post(bob.outbox, itip("REFRESH", uid, alice.email, bob.email))
    steps.check("REFRESH POST 200", response.status_code == 200, short(response))
    steps.check("a fresh REQUEST lands in bob's inbox",
                bob.inbox_methods(uid).count("REQUEST") == requests_before + 1, bob.inbox_methods(uid))


def freebusy(ctx: Context) -> None:
    """free/busy through the outbox (RFC 6638 §5)"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    private_uid = f"sched-e2e-private-{uuid.uuid4().hex[:8]}"
    busy_start = start + timedelta(days=2, hours=4)
    private = vcalendar(f"""BEGIN:VEVENT
UID:{private_uid}
DTSTAMP:{utc_stamp(start)}
DTSTART:{utc_stamp(busy_start)}
DTEND:{utc_stamp(busy_start + timedelta(hours=1))}
SUMMARY:Dentist secret-summary
LOCATION:Secret clinic
END:VEVENT""")
    response = bob.http.put(f"{bob.calendar}{private_uid}.ics", private, If_None_Match="*")
    steps.check("bob's private event stored", response.status_code == 201, short(response))
    unknown = "nobody-here@example.test"
    request = vcalendar(f"""BEGIN:VFREEBUSY
UID:fb-{uuid.uuid4().hex[:8]}
DTSTAMP:{utc_stamp(start)}
DTSTART:{utc_stamp(start - timedelta(days=1))}
DTEND:{utc_stamp(start + timedelta(days=7))}
ORGANIZER:mailto:{alice.email}
ATTENDEE:mailto:{bob.email}
ATTENDEE:mailto:{unknown}
END:VFREEBUSY""", method="REQUEST")
    response = alice.post(alice.outbox, request)
    steps.check("free/busy POST 200", response.status_code == 200, short(response))
    entries = {e.recipient.lower(): e for e in schedule_response(response.content)} \
        if response.status_code == 200 else {}
    bob_entry = entries.get(address_of(bob.email))
    steps.check("bob: request-status 2.0", bob_entry is not None and bob_entry.request_status.startswith("2.0"),
                bob_entry)
    data = bob_entry.calendar_data if bob_entry else ""
    busy = f"{utc_stamp(busy_start)}/{utc_stamp(busy_start + timedelta(hours=1))}"
    busy_duration = f"{utc_stamp(busy_start)}/PT1H"
    steps.check("bob's VFREEBUSY has FREEBUSY periods including his private event",
                "FREEBUSY" in data and (busy in data or busy_duration in data), data)
    steps.check("no SUMMARY or LOCATION text leaks",
                "secret" not in data.lower() and "SUMMARY" not in data and "LOCATION" not in data, data)
    other = entries.get(address_of(unknown))
    steps.check("unknown recipient: request-status 3.7",
                other is not None and other.request_status.startswith("3.7"), other)


def imip_retry(ctx: Context) -> None:
    """iMIP retry: the relay is down, the message stays queued and goes out once it is back"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    sink.stop()
    summary = "Planning meeting (new agenda)"
    got = alice.read(event_path)
    response = alice.http.put(event_path, with_changes(got.text, summary=summary), If_Match=got.headers["ETag"])
    steps.check("PUT with a new SUMMARY 204/200", response.status_code in (200, 204), short(response))
    time.sleep(6)  # several retry attempts against a closed port
    health = alice.http.get("/health")
    steps.check("server still healthy while the relay is down", health.status_code == 200, health.status_code)
    sink.start()
    mails = sink.wait_for(lambda m: imip_matches(m, dave, "REQUEST", uid, summary), timeout=30)
    steps.check("the queued REQUEST arrives after the relay is back", len(mails) >= 1, len(sink.to(dave)))
    time.sleep(3)  # a duplicate would come right after
    mails = [m for m in sink.messages() if imip_matches(m, dave, "REQUEST", uid, summary)]
    steps.check("exactly once", len(mails) == 1, [m.message_id for m in mails])
    ids = [m.message_id for m in sink.messages()]
    steps.check("every received e-mail has a Message-ID", all(ids), ids)
    steps.check("no Message-ID received twice", len(ids) == len(set(ids)), ids)


def imip_reply(ctx: Context) -> None:
    """an iMIP REPLY from the external attendee, posted to the organizer's inbox (mail hook)"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    got = alice.read(event_path)
    sequence = int(str(_first_event(got.text).get("sequence", 0)))
    reply = itip("REPLY", uid, alice.email, dave, "ACCEPTED", sequence=sequence)
    response = alice.post(alice.inbox, reply)
    steps.check("POST REPLY to the inbox 200", response.status_code == 200, short(response))
    after = alice.read(event_path)
    steps.check("organizer's copy: dave ACCEPTED",
                attendee_param(after.text, dave, "PARTSTAT") == "ACCEPTED", after.text)
    forged = itip("REPLY", uid, alice.email, "mallory@external.test", "ACCEPTED", sequence=sequence)
    response = alice.post(alice.inbox, forged)
    steps.check("a REPLY from a non-attendee is refused with 403", response.status_code == 403, short(response))


def errors(ctx: Context) -> None:
    """errors are clear 4xx answers"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    response = alice.post(alice.outbox, itip("REQUEST", uid, alice.email, bob.email, start=start))
    steps.check("REQUEST POSTed to the outbox: 403 valid-scheduling-message",
                response.status_code == 403 and "valid-scheduling-message" in response.text, short(response))
    response = alice.post(alice.outbox, "this is not iCalendar")
    steps.check("garbage POSTed to the outbox: 400 or 403/415",
                response.status_code in (400, 403, 415), short(response))
    # RFC 4791 §5.2.9: a calendar MAY advertise the cap (then it must be the one enforced); run.sh configures it
    # (max_attendees) and passes it, so the limit is probed either way.
    _, found = propfind(alice.http, alice.calendar, [f"{CALDAV}max-attendees-per-instance"])
    element = found.get(alice.calendar, {}).get(f"{CALDAV}max-attendees-per-instance")
    advertised = int(element.text) if element is not None and (element.text or "").strip().isdigit() else None
    cap = ctx.max_attendees
    if advertised is None:
        print(f"  note  {alice.calendar} does not advertise CALDAV:max-attendees-per-instance (optional)")
    elif cap is not None:
        steps.check(f"the advertised max-attendees-per-instance is the configured {cap}", advertised == cap,
                    advertised)
    cap = cap if cap is not None else advertised
    if not cap:
        print("  note  no attendee cap advertised or given: the cap checks are skipped")
        return
    many_uid = f"sched-e2e-many-{uuid.uuid4().hex[:8]}"
    many = [f"guest{i}@external.test" for i in range(cap + 1)]  # over the cap whether the organizer counts or not
    response = alice.http.put(f"{alice.calendar}{many_uid}.ics", meeting(many_uid, alice.email, many, start),
                              If_None_Match="*")
    steps.check(f"{len(many)} guests and the organizer over a cap of {cap}: 403 max-attendees-per-instance",
                response.status_code == 403 and "max-attendees-per-instance" in response.text, short(response))
    steps.check("nothing e-mailed for the refused event",
                not sink.wait_for(lambda m: many_uid.encode() in m.raw, timeout=3), "")
    recipients = "\n".join(f"ATTENDEE:mailto:guest{i}@example.test" for i in range(cap + 1))
    request = vcalendar(f"""BEGIN:VFREEBUSY
UID:fb-many-{uuid.uuid4().hex[:8]}
DTSTAMP:{utc_stamp(start)}
DTSTART:{utc_stamp(start)}
DTEND:{utc_stamp(start + timedelta(days=1))}
ORGANIZER:mailto:{alice.email}
{recipients}
END:VFREEBUSY""", method="REQUEST")
    response = alice.post(alice.outbox, request)
    steps.check(f"free/busy for {cap + 1} recipients over the cap: 403 max-recipients",
                response.status_code == 403 and "max-recipients" in response.text, short(response))


def cancel(ctx: Context) -> None:
    """organizer deletes the event: CANCEL to everyone"""
    steps, sink, alice, bob, carol, dave, uid, event_path, start = ctx.unpack()
    cancels = {u.name: u.inbox_methods(uid).count("CANCEL") for u in (bob, carol)}
    response = alice.http.delete(event_path)
    steps.check("DELETE 204/200", response.status_code in (200, 204), short(response))
    for user in (bob, carol):
        steps.check(f"{user.name}'s inbox has a CANCEL",
                    user.inbox_methods(uid).count("CANCEL") == cancels[user.name] + 1, user.inbox_methods(uid))
        steps.check(f"{user.name}'s copy is gone", user.copy(uid) is None)
    mails = sink.wait_for(lambda m: imip_matches(m, dave, "CANCEL", uid), timeout=30)
    steps.check("CANCEL e-mailed to the external attendee", len(mails) == 1, len(mails))


STAGES = [discovery, invite, replies, resave, move, stale_tag, counter, accept_counter, refresh, freebusy, imip_retry,
          imip_reply, errors, cancel]


def _list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first_event(text: str):
    return first_component(parse(text), ("VEVENT",))


if __name__ == "__main__":
    sys.exit(main())
