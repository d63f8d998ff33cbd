#!/usr/bin/env python3
"""Sharing through python-caldav: a calendar shared read-only with a second user, as that user's client sees it.

The owner stores a public and a private event; `almanac share add` gives the sharee the read role; the sharee's
python-caldav opens the calendar at the owner's URL and reads it (listing, time-range search, each event), sees the
private event as a busy block, finds it mounted in their own calendar home (`calendar_shared_by_<owner>`), cannot
write, and is refused (and no longer finds it) as soon as the share is removed.

Usage: sharing_check.py --url http://127.0.0.1:PORT/ --owner U:P --sharee U:P --almanac BIN --data DIR

The last line is "sharing: N passed, M failed (of T checks)".
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import uuid
from datetime import datetime, timezone

import caldav
from caldav.lib import error

from steps import Steps

UTC = timezone.utc
SECRETS = ["Salary review", "Room 101", "Bring the contract"]


def event(uid: str, summary: str, start: str, extra: str = "") -> str:
    return (f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Almanac conformance//sharing//EN\nBEGIN:VEVENT\nUID:{uid}\n"
            f"DTSTAMP:20260101T000000Z\nDTSTART:{start}\nDURATION:PT1H\nSUMMARY:{summary}\n{extra}END:VEVENT\n"
            "END:VCALENDAR\n")


def almanac(args: argparse.Namespace, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run([args.almanac, *command, "--data", args.data], capture_output=True, text=True, timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--owner", required=True, help="USER:PASSWORD of the calendar's owner")
    parser.add_argument("--sharee", required=True, help="USER:PASSWORD of the user it is shared with")
    parser.add_argument("--almanac", required=True, help="the almanac binary (for `almanac share`)")
    parser.add_argument("--data", required=True, help="the running server's data folder")
    args = parser.parse_args()
    owner, owner_password = args.owner.split(":", 1)
    sharee, sharee_password = args.sharee.split(":", 1)
    steps = Steps("sharing")
    calendar_url = f"{args.url.rstrip('/')}/calendars/{owner}/calendar/"
    tag = uuid.uuid4().hex[:8]

    with steps.stage("the owner stores a public and a private event"):
        own = caldav.DAVClient(url=args.url, username=owner, password=owner_password).calendar(url=calendar_url)
        own.save_event(event(f"public-{tag}", "Standup", "20260310T090000Z"))
        own.save_event(event(f"private-{tag}", "Salary review", "20260311T090000Z",
                             "CLASS:PRIVATE\nLOCATION:Room 101\nDESCRIPTION:Bring the contract\n"))
        steps.check("the owner sees both", len(own.events()) >= 2)

    client = caldav.DAVClient(url=args.url, username=sharee, password=sharee_password)
    shared = client.calendar(url=calendar_url)

    with steps.stage("before the share"):
        try:
            shared.events()
            steps.check("an unshared calendar is refused", False, "listing succeeded")
        except error.DAVError as exc:
            steps.check("an unshared calendar is refused", "403" in str(exc) or isinstance(exc, error.AuthorizationError),
                        exc)

    with steps.stage("almanac share add"):
        done = almanac(args, "share", "add", f"{owner}/calendar", sharee, "--role", "read")
        steps.check("almanac share add succeeds", done.returncode == 0, done.stderr.strip())

    with steps.stage("the sharee reads the calendar"):
        events = shared.events()
        texts = [e.data for e in events]
        steps.check("both events listed", len(events) >= 2, len(events))
        found = shared.search(start=datetime(2026, 3, 10, tzinfo=UTC), end=datetime(2026, 3, 12, tzinfo=UTC),
                              event=True)
        steps.check("a time-range search finds both", len(found) == 2, len(found))
        steps.check("the public event arrives whole", any("SUMMARY:Standup" in t for t in texts))
        steps.check("the private event is a busy block", any("SUMMARY:Busy" in t for t in texts))
        leaked = [s for s in SECRETS if any(s in t for t in texts + [e.data for e in found])]
        steps.check("no private detail reaches the sharee", not leaked, leaked)

    with steps.stage("the sharee's client finds it in their own calendar home"):
        mount = f"/calendars/{sharee}/calendar_shared_by_{owner}/"
        listed = {c.url.path: c for c in client.principal().calendars()}
        steps.check("listed in the sharee's home as a mount", mount in listed, sorted(listed))
        if mount in listed:
            texts = [e.data for e in listed[mount].events()]
            steps.check("read through the mount", len(texts) == 2 and any("SUMMARY:Busy" in t for t in texts),
                        len(texts))
            steps.check("no private detail through the mount", not [s for s in SECRETS if any(s in t for t in texts)])

    with steps.stage("the sharee cannot write"):
        try:
            shared.save_event(event(f"intruder-{tag}", "Not mine", "20260312T090000Z"))
            steps.check("a write is refused", False, "the write succeeded")
        except error.DAVError as exc:
            steps.check("a write is refused", True, exc)
        steps.check("the calendar is unchanged", len(own.events()) == 2, len(own.events()))

    with steps.stage("almanac share remove"):
        done = almanac(args, "share", "remove", f"{owner}/calendar", sharee)
        steps.check("almanac share remove succeeds", done.returncode == 0, done.stderr.strip())
        try:
            shared.events()
            steps.check("the next request is refused", False, "listing succeeded")
        except error.DAVError as exc:
            steps.check("the next request is refused", True, exc)
        listed = [c.url.path for c in client.principal().calendars()]
        steps.check("no longer listed in the sharee's home", mount not in listed, listed)

    return steps.finish()


if __name__ == "__main__":
    sys.exit(main())
