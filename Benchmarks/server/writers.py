"""Bulk PUT with one or several clients, each client its own process, so the Python GIL is not what is measured.

Worker processes are forked after the caller stored the items in `_ITEMS`, so 100,000 iCalendar bodies are shared
copy-on-write instead of pickled to each worker. Client k sends items k, k + clients, k + 2·clients, ... and stops at
the deadline, so a slow server is reported with how far it got.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from client import Client
from dav import CALENDAR_HEADERS

_ITEMS: list[tuple[str, str]] = []  # (href, iCalendar body); set only in the parent, just before forking


@dataclass
class PutRecord:
    href: str
    status: int
    etag: str | None
    seconds: float
    server_ms: float | None


@dataclass
class BulkResult:
    records: list[PutRecord]
    wall_seconds: float
    client_cpu_seconds: float
    finished: bool  # every item was sent before the deadline

    @property
    def acknowledged(self) -> list[PutRecord]:
        return [r for r in self.records if 200 <= r.status < 300]

    def rate(self) -> float:
        return len(self.acknowledged) / self.wall_seconds if self.wall_seconds > 0 else 0.0


def _worker(base: str, auth: tuple[str, str] | None, index: int, clients: int, deadline: float) -> list[PutRecord]:
    client = Client(base, auth, timeout=120)
    records = []
    try:
        for href, body in _ITEMS[index::clients]:
            if time.time() > deadline:
                break
            reply = client.request("PUT", href, body, {**CALENDAR_HEADERS, "If-None-Match": "*"})
            records.append(PutRecord(href, reply.status, reply.header("etag"), reply.seconds, reply.server_ms))
    finally:
        client.close()
    return records


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def put_all(base: str, auth: tuple[str, str] | None, items: list[tuple[str, str]], clients: int,
            budget_seconds: float) -> BulkResult:
    """PUT (create, If-None-Match: *) every item with `clients` concurrent clients, within the time budget."""
    global _ITEMS
    _ITEMS = items
    cpu_before = _children_cpu()
    started = time.perf_counter()
    deadline = time.time() + budget_seconds
    try:
        with ProcessPoolExecutor(max_workers=clients, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_worker, base, auth, k, clients, deadline) for k in range(clients)]
            records = [record for future in futures for record in future.result()]
    finally:
        _ITEMS = []
    wall = time.perf_counter() - started
    return BulkResult(records, wall, _children_cpu() - cpu_before, finished=len(records) == len(items))
