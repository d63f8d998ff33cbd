"""Plain HTTP helpers (requests) for the conformance scripts: what a script does to the server behind a client's back."""

from __future__ import annotations

from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

import requests

DAV = "{DAV:}"


class DavHTTP:
    def __init__(self, base: str, username: str, password: str, timeout: float = 30) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.auth = (username, password)
        self.timeout = timeout

    def url(self, path: str) -> str:
        return urljoin(self.base, path)

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.session.request(method, self.url(path), timeout=self.timeout, allow_redirects=False, **kwargs)

    def put(self, path: str, ics: str, **headers: str) -> requests.Response:
        headers = {"Content-Type": "text/calendar; charset=utf-8", **{k.replace("_", "-"): v for k, v in headers.items()}}
        return self.request("PUT", path, data=ics.encode("utf-8"), headers=headers)

    def get(self, path: str) -> requests.Response:
        return self.request("GET", path)

    def delete(self, path: str, **headers: str) -> requests.Response:
        return self.request("DELETE", path, headers={k.replace("_", "-"): v for k, v in headers.items()})

    def exists(self, path: str) -> bool:
        response = self.request("PROPFIND", path, headers={"Depth": "0"})
        return response.status_code == 207

    def mkcalendar(self, path: str, name: str) -> requests.Response:
        body = f"""<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop><D:displayname>{name}</D:displayname></D:prop></D:set>
</C:mkcalendar>"""
        return self.request("MKCALENDAR", path, data=body.encode(), headers={"Content-Type": "application/xml"})

    def members(self, collection: str) -> dict[str, str]:
        """href path -> ETag of every member of a collection (PROPFIND Depth 1), the collection itself left out."""
        body = '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>'
        response = self.request("PROPFIND", collection, data=body.encode(),
                                headers={"Depth": "1", "Content-Type": "application/xml"})
        if response.status_code != 207:
            raise RuntimeError(f"PROPFIND {collection}: {response.status_code} {response.text[:300]}")
        own = urlparse(self.url(collection)).path.rstrip("/")
        out = {}
        for item in ElementTree.fromstring(response.content).iter(f"{DAV}response"):
            href = urlparse(urljoin(self.url(collection), item.findtext(f"{DAV}href") or "")).path
            if href.rstrip("/") == own:
                continue
            etag = next((e.text for e in item.iter(f"{DAV}getetag") if e.text), "")
            out[href] = etag
        return out
