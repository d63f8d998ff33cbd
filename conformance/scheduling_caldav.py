#!/usr/bin/env python3
"""RFC 6638 scheduling as python-caldav clients do it: three users, invitations, answers, a move, free/busy, CANCEL.

Usage: scheduling_caldav.py --url http://127.0.0.1:PORT/
         --user alice:PASSWORD:alice@example.test --user bob:... --user carol:...   (organizer first)

Only python-caldav's own scheduling API is used for the actions (principal.schedule_inbox()/schedule_outbox(),
calendar_user_address_set(), Calendar.save_with_invites(), inbox get_items() with is_invite_request()/
is_invite_reply(), accept_invite()/decline_invite(), object save() with its cached Schedule-Tag,
principal.freebusy_request()); the library's quirks worked around here are listed in conformance/README.md.
Every assertion is a named check; the summary lines are "scheduling python-caldav: N passed, M failed (of T checks)"
and "scheduling python-caldav: N/T checks passed".
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import timedelta
from urllib.parse import urlparse

import caldav
from caldav.lib import error

from scheduling_common import UTC, address_of, attendee_param, meeting_start, run_stages, utc_stamp, vcalendar
from steps import Steps

PART = "scheduling python-caldav"


def path(url) -> str:
    return urlparse(str(url)).path


class User:
    def __init__(self, base: str, spec: str) -> None:
        self.name, password, self.email = spec.split(":", 2)
        self.client = caldav.DAVClient(url=base, username=self.name, password=password)
        self.principal = self.client.principal()
        self.calendar_path = f"/calendars/{self.name}/calendar/"

    @property
    def calendar(self):
        found = [c for c in self.principal.calendars() if path(c.url) == self.calendar_path]
        if not found:
            raise AssertionError(f"{self.name}'s default calendar {self.calendar_path} is not listed")
        return found[0]

    def inbox_items(self, uid: str) -> list:
        """The inbox items about `uid`, read the way python-caldav does (a fresh ScheduleInbox, get_items())."""
        items = self.principal.schedule_inbox().get_items()
        out = []
        for item in items:
            item.load(only_if_unloaded=True)
            component = next((c for c in item.icalendar_instance.walk() if c.name in ("VEVENT", "VTODO")), None)
            if component is not None and str(component.get("uid")) == uid:
                out.append(item)
        return out

    def copy(self, uid: str):
        """The user's copy of the event (None when there is none), read again with GET (data, ETag, Schedule-Tag)."""
        try:
            event = self.calendar.event_by_uid(uid)
        except error.NotFoundError:
            return None
        event.load()
        return event


def method(item) -> str:
    return str(item.icalendar_instance.get("method", "")).upper()


def partstat(event, email_address: str) -> str | None:
    return attendee_param(event.data, email_address, "PARTSTAT")


def schedule_status(event, email_address: str) -> str | None:
    return attendee_param(event.data, email_address, "SCHEDULE-STATUS")


def dtstart(event):
    return event.icalendar_component.decoded("dtstart").astimezone(UTC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", action="append", required=True, help="NAME:PASSWORD:EMAIL; organizer first")
    args = parser.parse_args()
    if len(args.user) != 3:
        parser.error("give exactly three --user (organizer, two attendees)")
    steps = Steps(PART)
    users: list[User] = []
    with steps.stage("clients log in"):
        users = [User(args.url, spec) for spec in args.user]
    if users:
        run_stages(steps, STAGES, Context(args.url, steps, users), args.url)
    status = steps.finish()
    total = steps.passed + len(steps.failed)
    print(f"{PART}: {steps.passed}/{total} checks passed")
    return status


class Context:
    """What the stages share: the three users, the meeting's UID and times, the organizer's event once saved."""

    def __init__(self, base: str, steps: Steps, users: list[User]) -> None:
        self.base = base
        self.steps = steps
        self.alice, self.bob, self.carol = users
        self.uid = f"sched-caldav-{uuid.uuid4().hex[:10]}"
        self.start = meeting_start(days_ahead=40)
        self.moved = self.start + timedelta(hours=3)
        self.event = None

    def unpack(self):
        return self.steps, self.alice, self.bob, self.carol, self.uid, self.start

    def require_event(self):
        if self.event is None:
            raise AssertionError("the organizer's event was not saved (see the save_with_invites() stage)")
        return self.event


def discovery(ctx: Context) -> None:
    """discovery with python-caldav (RFC 6638 §2.1, §2.2, §2.4.1)"""
    steps, alice, bob, carol, uid, start = ctx.unpack()
    for user in (alice, bob, carol):
        inbox = user.principal.schedule_inbox()
        outbox = user.principal.schedule_outbox()
        steps.check(f"{user.name}: schedule_inbox()", path(inbox.url) == f"/calendars/{user.name}/inbox/",
                    inbox.url)
        steps.check(f"{user.name}: schedule_outbox()", path(outbox.url) == f"/calendars/{user.name}/outbox/",
                    outbox.url)
        addresses = [str(a).lower() for a in user.principal.calendar_user_address_set()]
        steps.check(f"{user.name}: calendar_user_address_set() has the mailto: address",
                    address_of(user.email) in addresses, addresses)
        steps.check(f"{user.name}: get_vcal_address() is the mailto: address",
                    str(user.principal.get_vcal_address()).lower() == address_of(user.email),
                    str(user.principal.get_vcal_address()))
        listed = [path(c.url) for c in user.principal.calendars()]
        steps.check(f"{user.name}: calendars() lists the default calendar and not the inbox or outbox",
                    user.calendar_path in listed and not any(p.endswith(("/inbox/", "/outbox/")) for p in listed),
                    listed)


def invite(ctx: Context) -> None:
    """organizer: Calendar.save_with_invites()"""
    steps, alice, bob, carol, uid, start = ctx.unpack()
    body = vcalendar(f"""BEGIN:VEVENT
UID:{uid}
DTSTAMP:{utc_stamp(start)}
DTSTART:{utc_stamp(start)}
DTEND:{utc_stamp(start + timedelta(hours=1))}
SUMMARY:Review (python-caldav)
END:VEVENT""")
    event = alice.calendar.save_with_invites(body, [bob.email, carol.email])
    ctx.event = event
    steps.check("saved with a URL under the calendar", path(event.url).startswith(alice.calendar_path), event.url)
    steps.check("the PUT answered a Schedule-Tag (cached by the library)", bool(event.schedule_tag),
                event.props)
    event.load()
    for user in (bob, carol):
        steps.check(f"SCHEDULE-STATUS of {user.name} is 1.2", schedule_status(event, user.email) == "1.2",
                    event.data)
    for user in (bob, carol):
        items = user.inbox_items(uid)
        steps.check(f"{user.name}: one inbox item, is_invite_request()",
                    len(items) == 1 and items[0].is_invite_request(), [method(i) for i in items])
        copy = user.copy(uid)
        steps.check(f"{user.name}: copy in the default calendar with PARTSTAT=NEEDS-ACTION",
                    copy is not None and partstat(copy, user.email) == "NEEDS-ACTION",
                    copy.data if copy else None)


def answers(ctx: Context) -> None:
    """attendees: accept_invite() and decline_invite() on the inbox items"""
    steps, alice, bob, carol, uid, start = ctx.unpack()
    event = ctx.require_event()
    event.load()
    tag_before = event.schedule_tag
    etag_before = event.etag
    for user, answer, expected in ((bob, "accept_invite", "ACCEPTED"), (carol, "decline_invite", "DECLINED")):
        items = [i for i in user.inbox_items(uid) if i.is_invite_request()]
        if not items:
            steps.check(f"{user.name}: an invitation to answer", False, "no REQUEST in the inbox")
            continue
        getattr(items[-1], answer)()
        copy = user.copy(uid)
        steps.check(f"{user.name}: own copy {expected}",
                    copy is not None and partstat(copy, user.email) == expected, copy.data if copy else None)
    event.load()
    steps.check("organizer's copy: bob ACCEPTED", partstat(event, bob.email) == "ACCEPTED", event.data)
    steps.check("organizer's copy: carol DECLINED", partstat(event, carol.email) == "DECLINED", event.data)
    steps.check("organizer's Schedule-Tag stable across the PARTSTAT-only replies (RFC 6638 §3.2.10)",
                event.schedule_tag == tag_before, (tag_before, event.schedule_tag))
    steps.check("organizer's ETag changed", event.etag != etag_before, (etag_before, event.etag))
    replies = [i for i in alice.inbox_items(uid) if i.is_invite_reply()]
    steps.check("organizer's inbox: two items with is_invite_reply()", len(replies) == 2,
                [method(i) for i in alice.inbox_items(uid)])


def move(ctx: Context) -> None:
    """organizer moves the event with save(); a stale attendee save() gets ScheduleTagMismatchError"""
    steps, alice, bob, carol, uid, start = ctx.unpack()
    stale = bob.copy(uid)
    event = ctx.require_event()
    event.load()
    component = event.icalendar_component
    for name in ("dtstart", "dtend"):
        component.pop(name, None)
    component.add("dtstart", ctx.moved)
    component.add("dtend", ctx.moved + timedelta(hours=1))
    event.save()
    invitations = [i for i in bob.inbox_items(uid) if i.is_invite_request()]
    steps.check("bob's inbox: a second REQUEST", len(invitations) == 2, [method(i) for i in bob.inbox_items(uid)])
    copy = bob.copy(uid)
    steps.check("bob's copy moved, PARTSTAT back to NEEDS-ACTION",
                copy is not None and dtstart(copy) == ctx.moved and partstat(copy, bob.email) == "NEEDS-ACTION",
                copy.data if copy else None)
    if stale is not None:
        stale.change_attendee_status(partstat="TENTATIVE")
        try:
            stale.save(increase_seqno=False)
            steps.check("saving the copy read before the move raises ScheduleTagMismatchError", False,
                        "the server accepted If-Schedule-Tag-Match with the old tag")
        except error.ScheduleTagMismatchError as exc:
            steps.check("saving the copy read before the move raises ScheduleTagMismatchError", True, exc)
    invitations = [i for i in bob.inbox_items(uid) if i.is_invite_request()]
    if invitations:
        invitations[-1].accept_invite()
    copy = bob.copy(uid)
    steps.check("bob accepts the moved event", copy is not None and partstat(copy, bob.email) == "ACCEPTED",
                copy.data if copy else None)


def freebusy(ctx: Context) -> None:
    """principal.freebusy_request() (RFC 6638 §5)"""
    steps, alice, bob, carol, uid, start = ctx.unpack()
    busy_start = start + timedelta(days=1, hours=2)
    private_uid = f"sched-caldav-private-{uuid.uuid4().hex[:8]}"
    bob.calendar.save_event(vcalendar(f"""BEGIN:VEVENT
UID:{private_uid}
DTSTAMP:{utc_stamp(start)}
DTSTART:{utc_stamp(busy_start)}
DTEND:{utc_stamp(busy_start + timedelta(hours=2))}
SUMMARY:Confidential appointment
LOCATION:Hidden place
END:VEVENT"""))
    unknown = "nobody-here@example.test"
    answer = alice.principal.freebusy_request(start - timedelta(days=1), start + timedelta(days=5),
                                              [f"mailto:{bob.email}", f"mailto:{unknown}"])
    lowered = {str(k).lower(): v for k, v in answer.items() if k != "errors"}
    errors = {str(k).lower(): v for k, v in answer.get("errors", {}).items()}
    fb = lowered.get(address_of(bob.email))
    data = fb.data if fb is not None else ""
    steps.check("bob: a VFREEBUSY answer", "BEGIN:VFREEBUSY" in data, answer)
    steps.check("bob: his private event is a busy period",
                f"{utc_stamp(busy_start)}/{utc_stamp(busy_start + timedelta(hours=2))}" in data
                or f"{utc_stamp(busy_start)}/PT2H" in data, data)
    steps.check("no SUMMARY or LOCATION in the answer",
                "Confidential" not in data and "Hidden" not in data and "SUMMARY" not in data, data)
    steps.check("unknown recipient reported as an error 3.7",
                str(errors.get(address_of(unknown), "")).startswith("3.7"), errors)


def cancel(ctx: Context) -> None:
    """organizer deletes the event: CANCEL"""
    steps, alice, bob, carol, uid, start = ctx.unpack()
    ctx.require_event().delete()
    for user in (bob, carol):
        cancels = [i for i in user.inbox_items(uid) if method(i) == "CANCEL"]
        steps.check(f"{user.name}: a CANCEL in the inbox", len(cancels) == 1,
                    [method(i) for i in user.inbox_items(uid)])
        steps.check(f"{user.name}: the copy is gone", user.copy(uid) is None)


STAGES = [discovery, invite, answers, move, freebusy, cancel]


if __name__ == "__main__":
    sys.exit(main())
