"""Shared pieces of the scheduling conformance scripts (RFC 6638 implicit scheduling, RFC 6047 iMIP).

- `MailSink`: an in-process SMTP server (aiosmtpd) on a loopback port that records every message it accepts; it can be
  stopped and started again on the same port, to see the server keep a message queued while the relay is down.
- iCalendar helpers built on the `icalendar` package: events with an organizer and attendees, an attendee's
  participation status and SCHEDULE-STATUS, moving an event, explicit iTIP messages (COUNTER, REFRESH, ...).
- `Mailbox`: what a user's scheduling inbox holds (PROPFIND Depth 1, then GET of every item), by iTIP method and UID.
"""

from __future__ import annotations

import email
import email.policy
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

import icalendar
import requests
from aiosmtpd.controller import Controller

from dav_http import DavHTTP

UTC = timezone.utc
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
DAV = "{DAV:}"


# MARK: SMTP sink


@dataclass
class ReceivedMail:
    envelope_from: str
    recipients: list[str]
    raw: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=email.policy.default)

    @property
    def message_id(self) -> str:
        return str(self.message.get("Message-ID", "")).strip()

    def calendar_part(self):
        """(method parameter of the text/calendar part, its parsed VCALENDAR) or (None, None)."""
        for part in self.message.walk():
            if part.get_content_type() == "text/calendar":
                payload = part.get_payload(decode=True) or b""
                return part.get_param("method"), icalendar.Calendar.from_ical(payload)
        return None, None


class _Handler:
    def __init__(self, sink: "MailSink") -> None:
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd hook
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        with self.sink.lock:
            self.sink.received.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), raw))
        return "250 Message accepted for delivery"


class MailSink:
    """An SMTP server on 127.0.0.1:port that keeps every message (thread-safe); start/stop as often as needed."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.lock = threading.Lock()
        self.received: list[ReceivedMail] = []
        self.controller: Controller | None = None

    def start(self) -> None:
        if self.controller is not None:
            return
        # The port may still be held for a moment after stop(); retry briefly (bounded).
        deadline = time.monotonic() + 15
        while True:
            controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10)
            try:
                controller.start()
                self.controller = controller
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def messages(self) -> list[ReceivedMail]:
        with self.lock:
            return list(self.received)

    def to(self, address: str) -> list[ReceivedMail]:
        address = address.lower()
        return [m for m in self.messages() if address in (r.lower() for r in m.recipients)]

    def wait_for(self, predicate, timeout: float = 30) -> list[ReceivedMail]:
        """Polls (bounded by timeout) until some received messages satisfy predicate; returns those (maybe none)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.messages() if predicate(m)]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.25)


def imip_matches(mail: ReceivedMail, recipient: str, method: str, uid: str, summary: str | None = None) -> bool:
    if recipient.lower() not in (r.lower() for r in mail.recipients):
        return False
    param, cal = mail.calendar_part()
    if cal is None or str(param or "").upper() != method:
        return False
    events = [c for c in cal.walk() if c.name in ("VEVENT", "VTODO")]
    if not any(str(c.get("uid")) == uid for c in events):
        return False
    return summary is None or any(str(c.get("summary", "")) == summary for c in events)


# MARK: iCalendar


def utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_start(days_ahead: int = 30) -> datetime:
    """A meeting time in the future (servers may ignore past instances), on the hour, in UTC."""
    today = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0)
    return today + timedelta(days=days_ahead)


def vcalendar(body: str, method: str | None = None) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Almanac conformance//scheduling//EN"]
    if method:
        lines.append(f"METHOD:{method}")
    lines += [line for line in body.strip().splitlines() if line]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def meeting(uid: str, organizer: str, attendees: list[str], start: datetime, summary: str = "Planning meeting",
            sequence: int = 0, extra: str = "") -> str:
    """An event organized by `organizer` (e-mail) with `attendees` (e-mails), one hour from `start`."""
    lines = [
        "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{utc_stamp(datetime.now(UTC))}", f"DTSTART:{utc_stamp(start)}",
        f"DTEND:{utc_stamp(start + timedelta(hours=1))}", f"SUMMARY:{summary}", f"SEQUENCE:{sequence}",
        f"ORGANIZER;CN=Organizer:mailto:{organizer}",
        f"ATTENDEE;CN=Organizer;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:{organizer}",
    ]
    for address in attendees:
        lines.append(f"ATTENDEE;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{address}")
    lines += [line for line in extra.splitlines() if line]
    lines.append("END:VEVENT")
    return vcalendar("\n".join(lines))


def parse(text: str | bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def first_component(cal: icalendar.Calendar, names=("VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY")):
    return next((c for c in cal.walk() if c.name in names), None)


def attendees(component) -> list:
    value = component.get("attendee")
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def address_of(email_address: str) -> str:
    return f"mailto:{email_address}".lower()


def attendee_param(text: str | bytes, email_address: str, param: str) -> str | None:
    """The parameter `param` of the ATTENDEE with this e-mail in the first event (None when absent)."""
    component = first_component(parse(text))
    for attendee in attendees(component) if component is not None else []:
        if str(attendee).lower() == address_of(email_address):
            value = attendee.params.get(param)
            return None if value is None else str(value)
    return None


def with_partstat(text: str | bytes, email_address: str, partstat: str) -> str:
    """The calendar with that attendee's PARTSTAT changed in every event (what a client does to answer)."""
    cal = parse(text)
    for component in cal.walk("VEVENT"):
        for attendee in attendees(component):
            if str(attendee).lower() == address_of(email_address):
                attendee.params["PARTSTAT"] = partstat
                attendee.params.pop("RSVP", None)
    return cal.to_ical().decode("utf-8")


def with_changes(text: str | bytes, start: datetime | None = None, summary: str | None = None) -> str:
    """The calendar with its first event moved to `start` (keeping the length) and/or renamed; SEQUENCE goes up."""
    cal = parse(text)
    event = first_component(cal, ("VEVENT",))
    if start is not None:
        length = event.decoded("dtend") - event.decoded("dtstart")
        for name in ("dtstart", "dtend"):
            event.pop(name, None)
        event.add("dtstart", start)
        event.add("dtend", start + length)
    if summary is not None:
        event.pop("summary", None)
        event.add("summary", summary)
    sequence = int(event.get("sequence", 0)) + 1
    event.pop("sequence", None)
    event.add("sequence", sequence)
    return cal.to_ical().decode("utf-8")


def dtstart_of(text: str | bytes) -> datetime | None:
    event = first_component(parse(text), ("VEVENT",))
    if event is None or "dtstart" not in event:
        return None
    value = event.decoded("dtstart")
    return value.astimezone(UTC) if isinstance(value, datetime) and value.tzinfo else value


def method_of(text: str | bytes) -> str:
    return str(parse(text).get("method", "")).upper()


def uid_of(text: str | bytes) -> str:
    component = first_component(parse(text))
    return "" if component is None else str(component.get("uid", ""))


def itip(method: str, uid: str, organizer: str, attendee: str, partstat: str | None = None,
         start: datetime | None = None, sequence: int = 0, extra: str = "") -> str:
    """An explicit iTIP message about one event (RFC 5546 §3.2): COUNTER, REFRESH, REPLY, DECLINECOUNTER, REQUEST."""
    params = f";PARTSTAT={partstat}" if partstat else ""
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{utc_stamp(datetime.now(UTC))}", f"SEQUENCE:{sequence}",
             f"ORGANIZER:mailto:{organizer}", f"ATTENDEE{params}:mailto:{attendee}"]
    if start is not None:
        lines += [f"DTSTART:{utc_stamp(start)}", f"DTEND:{utc_stamp(start + timedelta(hours=1))}",
                  "SUMMARY:Planning meeting"]
    lines += [line for line in extra.splitlines() if line]
    lines.append("END:VEVENT")
    return vcalendar("\n".join(lines), method=method)


# MARK: Server side views


@dataclass
class InboxItem:
    href: str
    method: str
    uid: str
    text: str


def inbox_items(http: DavHTTP, inbox: str, uid: str | None = None) -> list[InboxItem]:
    """Every item of a scheduling inbox (optionally only those about `uid`), read with GET."""
    items = []
    for href in sorted(http.members(inbox)):
        response = http.get(href)
        if response.status_code != 200:
            continue
        text = response.content.decode("utf-8", "replace")
        try:
            item = InboxItem(href, method_of(text), uid_of(text), text)
        except ValueError:
            item = InboxItem(href, "UNPARSABLE", "", text)
        if uid is None or item.uid == uid:
            items.append(item)
    return items


def methods(items: list[InboxItem]) -> list[str]:
    return sorted(item.method for item in items)


def copies(http: DavHTTP, collection: str, uid: str) -> list[tuple[str, str]]:
    """(href, text) of every member of a calendar whose UID is `uid`."""
    out = []
    for href in sorted(http.members(collection)):
        response = http.get(href)
        if response.status_code == 200:
            text = response.content.decode("utf-8", "replace")
            if uid_of(text) == uid:
                out.append((href, text))
    return out


def propfind(http: DavHTTP, path: str, props: list[str], depth: str = "0"):
    """PROPFIND for `props` (Clark names); returns (status, {href path: {clark name: element}})."""
    names = "".join(f'<x:{p.split("}")[1]} xmlns:x="{p[1:].split("}")[0]}"/>' for p in props)
    body = f'<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop>{names}</D:prop></D:propfind>'
    response = http.request("PROPFIND", path, data=body.encode(),
                            headers={"Depth": depth, "Content-Type": "application/xml; charset=utf-8"})
    found: dict[str, dict] = {}
    if response.status_code == 207:
        for item in ElementTree.fromstring(response.content).iter(f"{DAV}response"):
            href = urlparse(urljoin(http.url(path), item.findtext(f"{DAV}href") or "")).path
            props_found = found.setdefault(href, {})
            for propstat in item.iter(f"{DAV}propstat"):
                if "200" not in (propstat.findtext(f"{DAV}status") or ""):
                    continue
                for prop in propstat.iter(f"{DAV}prop"):
                    for element in prop:
                        props_found[element.tag] = element
    return response.status_code, found


def hrefs_in(element) -> list[str]:
    return [(h.text or "").strip() for h in element.iter(f"{DAV}href")] if element is not None else []


@dataclass
class RecipientStatus:
    recipient: str
    request_status: str
    calendar_data: str


def schedule_response(content: bytes) -> list[RecipientStatus]:
    """The CALDAV:response entries of a CALDAV:schedule-response body (RFC 6638 §10.1)."""
    out = []
    root = ElementTree.fromstring(content)
    for response in root.iter(f"{CALDAV}response"):
        recipient = response.find(f"{CALDAV}recipient")
        href = recipient.findtext(f"{DAV}href") if recipient is not None else ""
        out.append(RecipientStatus((href or "").strip(), (response.findtext(f"{CALDAV}request-status") or "").strip(),
                                   response.findtext(f"{CALDAV}calendar-data") or ""))
    return out


def wait_until(probe, timeout: float = 30, interval: float = 0.5):
    """Calls probe() until it returns something truthy or the timeout passes; returns the last result."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


def server_answers(base: str) -> bool:
    try:
        return requests.get(urljoin(base, "/health"), timeout=10).status_code == 200
    except requests.RequestException:
        return False


def run_stages(steps, stages, ctx, base: str) -> None:
    """Runs each stage function (its docstring names it) inside steps.stage; stops with one failed check when the
    server no longer answers, since every later stage would only add connection errors."""
    for stage in stages:
        if not server_answers(base):
            steps.check(f"server still running before: {stage.__doc__}", False, "no answer from /health")
            return
        with steps.stage(stage.__doc__):
            stage(ctx)
