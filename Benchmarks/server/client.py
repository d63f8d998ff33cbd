"""A small persistent HTTP/1.1 client for the benchmark (http.client, one connection per client).

requests costs several times more client CPU per call than http.client; on a 2-core machine that CPU is taken from
the server being measured, so the hot path uses http.client directly.
"""

from __future__ import annotations

import base64
import http.client
import re
import time
from dataclasses import dataclass
from urllib.parse import urlparse

SERVER_TIMING = re.compile(r"(?:^|,)\s*app\s*;[^,]*?\bdur=([0-9.]+)")


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    seconds: float           # client-observed: request sent to last body byte read
    server_ms: float | None  # Server-Timing app;dur= when the server sent it

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class Client:
    """One keep-alive connection to 127.0.0.1; reconnects once when the server closed it between requests."""

    def __init__(self, base: str, auth: tuple[str, str] | None, timeout: float = 300) -> None:
        parsed = urlparse(base)
        if parsed.hostname != "127.0.0.1":
            raise ValueError(f"the benchmark only talks to 127.0.0.1, not {base}")
        self.host, self.port, self.timeout = parsed.hostname, parsed.port, timeout
        self.auth_header = ("Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()) if auth else None
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None) -> Reply:
        if isinstance(body, str):
            body = body.encode("utf-8")
        sent = dict(headers or {})
        if self.auth_header:
            sent["Authorization"] = self.auth_header
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                self.connection.close()
                if attempt == 2:
                    raise
                continue
            elapsed = time.perf_counter() - started
            response_headers = {k.lower(): v for k, v in response.getheaders()}
            if response.will_close:
                self.connection.close()
            timing = SERVER_TIMING.search(response_headers.get("server-timing", ""))
            return Reply(response.status, response_headers, data, elapsed,
                         float(timing.group(1)) if timing else None)
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.connection.close()
