"""The measured scenarios on one loaded server: each request is timed on the client, its answer checked.

A scenario repeats one kind of request up to `iterations` times within a time budget (at least a few samples, never
past three budgets). An answer byte-identical to one already checked for the same request is not checked again, so
checking does not slow the loop, yet every distinct answer is checked. The read scenarios run before the write
scenarios, and the writes never touch what the read expectations depend on (times, SUMMARY, the objects in the
windows), so every check holds whatever order the scenarios run in.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from dataclasses import dataclass
from typing import Callable

import checks
import dav
from client import Client, Reply
from stats import Outcome

MIN_SAMPLES = 5


def rfc3339(value: str) -> str:
    """An iCalendar UTC date-time (20261101T000000Z) as RFC 3339 (2026-11-01T00:00:00Z)."""
    return f"{value[0:4]}-{value[4:6]}-{value[6:8]}T{value[9:11]}:{value[11:13]}:{value[13:15]}Z"


@dataclass
class Budget:
    iterations: int
    seconds: float


def repeat(outcome: Outcome, budget: Budget, send: Callable[[int], tuple[str, Reply]],
           check: Callable[[int, Reply], str | None]) -> Outcome:
    """Runs send(i) until the budget is spent; check(i, reply) on each answer not already seen for that request.

    After a wrong answer the timing goes on (the table shows the figures beside the mark) without further checks."""
    started = time.monotonic()
    verified: set[bytes] = set()
    for i in range(budget.iterations):
        elapsed = time.monotonic() - started
        if elapsed > 3 * budget.seconds or (elapsed > budget.seconds and i >= MIN_SAMPLES):
            break
        try:
            request_key, reply = send(i)
        except OSError as error:
            return outcome.fail("error", f"{type(error).__name__}: {error}")
        outcome.client_ms.append(reply.seconds * 1000)
        if reply.server_ms is not None:
            outcome.server_ms.append(reply.server_ms)
        digest = hashlib.sha256(request_key.encode() + b"\0" + str(reply.status).encode() + reply.body).digest()
        if digest in verified or outcome.status == "wrong":
            continue
        problem = check(i, reply)
        if problem:
            outcome.fail("wrong", problem)
        verified.add(digest)
    return outcome


def with_comment(ics: str, text: str) -> str:
    """The object with a COMMENT added to its first component: a change that moves no time and no SUMMARY."""
    position = ics.index("END:VEVENT")
    return ics[:position] + f"COMMENT:{text}\r\n" + ics[position:]


class Scenarios:
    """The scenarios of one server run, sharing its connection, the known state and the expectation."""

    def __init__(self, client: Client, calendar: str, state: checks.State, bodies: dict[str, str],
                 expectation: dict, budget: Budget, seed: str) -> None:
        self.client = client
        self.calendar = calendar
        self.state = state
        self.bodies = bodies  # href -> the iCalendar body last PUT
        self.exp = expectation
        self.budget = budget
        self.rng = random.Random(seed)
        self.hrefs = sorted(state.uid)  # the loaded objects, before any write scenario

    def report(self, body: str, depth: str = "1") -> Reply:
        return self.client.request("REPORT", self.calendar, body, {**dav.XML_HEADERS, "Depth": depth})

    def propfind(self) -> Outcome:
        body = dav.propfind_getetag()
        wanted = set(self.state.uid)
        return repeat(Outcome(), self.budget,
                      lambda i: ("", self.client.request("PROPFIND", self.calendar, body,
                                                         {**dav.XML_HEADERS, "Depth": "1"})),
                      lambda i, reply: checks.check_hrefs(self.state, reply, wanted, with_data=False))

    def sync_initial(self) -> Outcome:
        body = dav.sync_collection("")
        wanted = set(self.state.uid)
        return repeat(Outcome(), self.budget, lambda i: ("", self.report(body, depth="0")),
                      lambda i, reply: checks.check_hrefs(self.state, reply, wanted, with_data=False))

    def month(self, expand: bool) -> Outcome:
        body = dav.time_range_query(*self.exp["month"], expand=expand)
        check = checks.check_expand if expand else checks.check_month
        return repeat(Outcome(), self.budget, lambda i: ("", self.report(body)),
                      lambda i, reply: check(self.state, reply, self.exp))

    def multiget(self, count: int = 100) -> Outcome:
        chosen: dict[int, list[str]] = {}

        def send(i: int) -> tuple[str, Reply]:
            chosen[i] = self.rng.sample(self.hrefs, min(count, len(self.hrefs)))
            return ",".join(chosen[i]), self.report(dav.multiget(chosen[i]))

        return repeat(Outcome(), self.budget, send,
                      lambda i, reply: checks.check_hrefs(self.state, reply, set(chosen.pop(i)), with_data=True))

    def get(self) -> Outcome:
        chosen: dict[int, str] = {}

        def send(i: int) -> tuple[str, Reply]:
            chosen[i] = self.rng.choice(self.hrefs)
            return chosen[i], self.client.request("GET", chosen[i])

        return repeat(Outcome(), self.budget, send, lambda i, reply: checks.check_get(self.state, chosen.pop(i), reply))

    def free_busy(self) -> Outcome:
        body = dav.free_busy(*self.exp["week"])
        return repeat(Outcome(), self.budget, lambda i: ("", self.report(body)),
                      lambda i, reply: checks.check_free_busy(reply, self.exp))

    def search(self) -> Outcome:
        body = dav.summary_search(self.exp["search_word"])
        return repeat(Outcome(), self.budget, lambda i: ("", self.report(body)),
                      lambda i, reply: checks.check_search(self.state, reply, self.exp))

    def api_calendar_id(self) -> str | None:
        """The JSON API's id of the benchmark calendar (Almanac only): the calendar whose caldavUrl it is."""
        reply = self.client.request("GET", "/api/v1/users/me/calendars")
        if reply.status != 200:
            return None
        for item in json.loads(reply.body).get("items", []):
            if item.get("caldavUrl") == self.calendar:
                return item["id"]
        return None

    def api_month(self) -> Outcome:
        """The month as the JSON API lists it for a calendar view: every instance, one page."""
        calendar = self.api_calendar_id()
        if calendar is None:
            return Outcome().fail("error", "the benchmark calendar is not in /api/v1/users/me/calendars")
        start, end = (rfc3339(value) for value in self.exp["month"])
        path = (f"/api/v1/calendars/{calendar}/events?singleEvents=true&maxResults=2500"
                f"&timeMin={start}&timeMax={end}")
        return repeat(Outcome(), self.budget, lambda i: ("", self.client.request("GET", path)),
                      lambda i, reply: checks.check_api_month(reply, self.exp))

    def api_search(self) -> Outcome:
        """The rare word through the JSON API's search (title, description, location) in the benchmark calendar."""
        calendar = self.api_calendar_id()
        if calendar is None:
            return Outcome().fail("error", "the benchmark calendar is not in /api/v1/users/me/calendars")
        path = f"/api/v1/search?q={self.exp['search_word']}&calendarId={calendar}&maxResults=2500"
        return repeat(Outcome(), self.budget, lambda i: ("", self.client.request("GET", path)),
                      lambda i, reply: checks.check_api_search(reply, self.exp))

    def put(self, href: str, ics: str, headers: dict[str, str]) -> Reply:
        reply = self.client.request("PUT", href, ics, {**dav.CALENDAR_HEADERS, **headers})
        if 200 <= reply.status < 300:
            self.bodies[href] = ics
            self.state.etag[href] = reply.header("etag") or self.fetch_etag(href)
        return reply

    def fetch_etag(self, href: str) -> str | None:
        """A server may answer a PUT without ETag (RFC 4791 §5.3.4 when it changed the data): ask with GET."""
        return self.client.request("GET", href).header("etag")

    def put_if_match(self) -> Outcome:
        chosen: dict[int, str] = {}

        def send(i: int) -> tuple[str, Reply]:
            href = chosen[i] = self.rng.choice(self.hrefs)
            etag = self.state.etag[href]
            ics = with_comment(self.bodies[href], f"benchmark revision {i}")
            return href + str(i), self.put(href, ics, {"If-Match": etag} if etag else {})

        def check(i: int, reply: Reply) -> str | None:
            href = chosen.pop(i)
            if not 200 <= reply.status < 300:
                return f"If-Match PUT {href}: status {reply.status}: {reply.body[:200]!r}"
            return None if self.state.etag[href] else f"If-Match PUT {href}: no ETag, not even from GET"

        return repeat(Outcome(), self.budget, send, check)

    def sync_delta(self, quiet: set[str]) -> Outcome:
        """A delta sync after 3 creates, 3 modifications and 2 deletes, from a token read just before them.

        `quiet` holds UIDs the read expectations depend on: the new objects copy others and the deleted ones are
        taken from outside it, so the month, free/busy and search answers stay what expect.py computed."""
        outcome = Outcome()
        reply = self.client.request("PROPFIND", self.calendar, dav.propfind_sync_token(),
                                    {**dav.XML_HEADERS, "Depth": "0"})
        members, _, error = checks.multistatus(reply)
        token = members[0].props.get(f"{dav.DAV}sync-token") if members else None
        if error or not token:
            return outcome.fail("error", f"no DAV:sync-token on the calendar: {error or reply.body[:200]!r}")
        outside = [h for h in self.hrefs if self.state.uid[h] not in quiet]
        created, modified, deleted = set(), set(), set()
        for k, source in enumerate(self.rng.sample(outside, 3)):
            uid = f"delta-{k}@bench.almanac.test"
            href = f"{self.calendar}delta-{k}.ics"
            ics = self.bodies[source].replace(f"UID:{self.state.uid[source]}\r\n", f"UID:{uid}\r\n")
            self.state.uid[href] = uid
            if not 200 <= self.put(href, ics, {"If-None-Match": "*"}).status < 300:
                return outcome.fail("error", f"delta setup: create {href} failed")
            created.add(href)
        for href in self.rng.sample(outside, 5):
            if len(modified) < 3:
                etag = self.state.etag[href]
                reply = self.put(href, with_comment(self.bodies[href], "delta change"), {"If-Match": etag} if etag else {})
                ok, bucket = 200 <= reply.status < 300, modified
            else:
                reply = self.client.request("DELETE", href)
                ok, bucket = reply.status in (200, 204), deleted
                self.state.remove(href)
            if not ok:
                return outcome.fail("error", f"delta setup: change of {href} failed with {reply.status}")
            bucket.add(href)
        body = dav.sync_collection(token)
        return repeat(outcome, self.budget, lambda i: ("", self.report(body, depth="0")),
                      lambda i, reply: checks.check_delta(self.state, reply, created | modified, deleted))
