"""The CalDAV/WebDAV request bodies the benchmark sends and a multistatus reader for the answers.

Bodies are the ones real clients send (RFC 4791 §7.8 calendar-query, §7.9 multiget, §7.10 free-busy-query,
RFC 6578 §3.2 sync-collection, RFC 4918 §9.1 PROPFIND); the reader keeps only what the checks need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from lxml import etree

DAV = "{DAV:}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
NS = 'xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"'
XML_HEADERS = {"Content-Type": "application/xml; charset=utf-8"}
CALENDAR_HEADERS = {"Content-Type": "text/calendar; charset=utf-8"}


def time_range_query(start: str, end: str, expand: bool) -> str:
    data = f'<C:calendar-data><C:expand start="{start}" end="{end}"/></C:calendar-data>' if expand \
        else "<C:calendar-data/>"
    return (f'{HEAD}<C:calendar-query {NS}><D:prop><D:getetag/>{data}</D:prop>'
            '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
            f'<C:time-range start="{start}" end="{end}"/></C:comp-filter></C:comp-filter></C:filter>'
            '</C:calendar-query>')


def summary_search(word: str) -> str:
    """SUMMARY contains `word`, default collation i;ascii-casemap (RFC 4791 §9.7.5)."""
    return (f'{HEAD}<C:calendar-query {NS}><D:prop><D:getetag/></D:prop>'
            '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
            f'<C:prop-filter name="SUMMARY"><C:text-match>{word}</C:text-match></C:prop-filter>'
            '</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>')


def multiget(hrefs: list[str]) -> str:
    listed = "".join(f"<D:href>{href}</D:href>" for href in hrefs)
    return f'{HEAD}<C:calendar-multiget {NS}><D:prop><D:getetag/><C:calendar-data/></D:prop>{listed}</C:calendar-multiget>'


def free_busy(start: str, end: str) -> str:
    return f'{HEAD}<C:free-busy-query {NS}><C:time-range start="{start}" end="{end}"/></C:free-busy-query>'


def propfind_getetag() -> str:
    return f'{HEAD}<D:propfind {NS}><D:prop><D:getetag/></D:prop></D:propfind>'


def propfind_sync_token() -> str:
    return f'{HEAD}<D:propfind {NS}><D:prop><D:sync-token/></D:prop></D:propfind>'


def sync_collection(token: str) -> str:
    return (f'{HEAD}<D:sync-collection {NS}><D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>'
            '<D:prop><D:getetag/></D:prop></D:sync-collection>')


def mkcalendar(name: str) -> str:
    return (f'{HEAD}<C:mkcalendar {NS}><D:set><D:prop><D:displayname>{name}</D:displayname>'
            '<C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>'
            '</D:prop></D:set></C:mkcalendar>')


@dataclass
class Member:
    """One <D:response>: its href path, status (from <D:status> or the 200 propstat) and the 200 properties."""
    href: str
    status: int
    etag: str | None
    calendar_data: str | None
    props: dict[str, str]


STATUS = re.compile(r"HTTP/\d\.\d\s+(\d{3})")


def href_path(href: str) -> str:
    """The decoded path of an href, absolute or not, so answers compare with the paths we PUT to."""
    return unquote(urlparse(href).path)


def parse_multistatus(body: bytes) -> tuple[list[Member], str | None]:
    """The members of a 207 body and its <D:sync-token> (RFC 6578 §6.4), if any."""
    root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))
    members = []
    for response in root.iterfind(f"{DAV}response"):
        href = href_path(response.findtext(f"{DAV}href") or "")
        status_text = response.findtext(f"{DAV}status")
        status = int(STATUS.search(status_text).group(1)) if status_text else 0
        props: dict[str, str] = {}
        for propstat in response.iterfind(f"{DAV}propstat"):
            code = int(STATUS.search(propstat.findtext(f"{DAV}status") or "HTTP/1.1 500").group(1))
            if code != 200:
                continue
            status = status or 200
            found = propstat.find(f"{DAV}prop")
            for prop in (found if found is not None else []):
                props[prop.tag] = prop.text or ""
        members.append(Member(href, status, props.get(f"{DAV}getetag"), props.get(f"{CALDAV}calendar-data"), props))
    return members, root.findtext(f"{DAV}sync-token")
