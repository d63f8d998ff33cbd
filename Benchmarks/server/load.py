"""Load run of issue #4: many concurrent clients with a mixed workload against one server, then a check that no
acknowledged write was lost or duplicated.

    .venv/bin/python Benchmarks/server/load.py --almanac .build/release/almanac --clients 64 --duration 60
    .venv/bin/python Benchmarks/server/load.py --almanac .build/release/almanac --clients 8 --duration 60 \
        --postgres 'postgres://almanac@127.0.0.1:55432/almanac?sslmode=disable'

`--postgres URL` runs Almanac on a PostgreSQL store (almanac-pg) in a schema created for the run and dropped after.

Each client is a thread with its own keep-alive connection; the threads are spread over processes (at most 8) so the
Python GIL is not the bottleneck. Writes are made verifiable by ownership: each client creates, modifies (If-Match)
and deletes only objects it created, and remembers the last ETag the server acknowledged for each. A few "hot" objects
are modified by every client with If-Match: there a 412 is the expected answer to a lost race, and the acknowledged
writes must form one chain (each acknowledged If-Match ETag used by exactly one acknowledged write), or an update was
lost. Afterwards one PROPFIND and multigets compare the calendar with what the clients were told. Durable writes per
second are the acknowledged creates, modifications, deletes and contended modifications (each acknowledged only
once committed) divided by the run's wall time; the initial load (8 clients, creates only) is reported too.

Exit status 1 on any unexpected status, transport error, lost, stale or duplicated write.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import checks
import dav
import expect
import generate
import servers
import writers
from client import Client
from scenarios import with_comment
from stats import percentile

OUT = Path(__file__).resolve().parent.parent / "out"
HOT_OBJECTS = 4
WEIGHTS = {"get": 30, "query": 10, "multiget": 10, "create": 15, "modify": 15, "hot": 5, "delete": 5, "sync": 10}


@dataclass
class Shared:
    """What every client knows at the start; inherited by the forked worker processes."""
    base: str
    auth: tuple[str, str] | None
    calendar: str
    base_hrefs: list[str]
    bodies: dict[str, str]
    uids: dict[str, str]
    hot: dict[str, str]  # href -> ETag at the start
    token: str
    month: tuple[str, str]


_SHARED: Shared | None = None


@dataclass
class ClientLog:
    """What one client did and was told."""
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    conflicts: int = 0
    writes: int = 0  # acknowledged (2xx) PUTs and DELETEs
    owned: dict[str, tuple[str, str]] = field(default_factory=dict)  # href -> (ETag, COMMENT marker)
    deleted: set[str] = field(default_factory=set)
    hot_links: list[tuple[str, str, str, str]] = field(default_factory=list)  # href, If-Match, new ETag, marker


class LoadClient:
    """One simulated client: picks operations by weight until the deadline."""

    def __init__(self, number: int, shared: Shared) -> None:
        self.number = number
        self.shared = shared
        self.rng = random.Random(f"load/{number}")
        self.client = Client(shared.base, shared.auth, timeout=60)
        self.log = ClientLog()
        self.hot_etag = dict(shared.hot)
        self.token = shared.token
        self.created = 0
        self.operations = list(WEIGHTS)
        self.weights = list(WEIGHTS.values())

    def run(self, deadline: float) -> ClientLog:
        try:
            while time.time() < deadline:
                operation = self.rng.choices(self.operations, self.weights)[0]
                if operation in ("modify", "delete") and not self.log.owned:
                    operation = "create"
                try:
                    getattr(self, operation)()
                except OSError as error:
                    self.log.errors.append(f"{operation}: {type(error).__name__}: {error}")
                    self.client.close()
        finally:
            self.client.close()
        return self.log

    def send(self, operation: str, method: str, path: str, body: str | None = None, headers=None, expected=(200,)):
        reply = self.client.request(method, path, body, headers)
        self.log.latencies[operation].append(reply.seconds * 1000)
        if reply.status not in expected:
            self.log.errors.append(f"{operation} {method} {path}: {reply.status} {reply.body[:160]!r}")
        return reply

    def get(self) -> None:
        self.send("get", "GET", self.rng.choice(self.shared.base_hrefs))

    def query(self) -> None:
        self.send("query", "REPORT", self.shared.calendar, dav.time_range_query(*self.shared.month, expand=False),
                  {**dav.XML_HEADERS, "Depth": "1"}, expected=(207,))

    def multiget(self) -> None:
        hrefs = self.rng.sample(self.shared.base_hrefs, min(20, len(self.shared.base_hrefs)))
        reply = self.send("multiget", "REPORT", self.shared.calendar, dav.multiget(hrefs),
                          {**dav.XML_HEADERS, "Depth": "1"}, expected=(207,))
        if reply.status == 207:
            found = {m.href for m in dav.parse_multistatus(reply.body)[0] if m.status == 200}
            if found != set(hrefs):
                self.log.errors.append(f"multiget: {len(found)} of {len(hrefs)} members answered")

    def marker(self) -> str:
        return f"load client {self.number} write {self.rng.getrandbits(48):012x}"

    def create(self) -> None:
        self.created += 1
        href = f"{self.shared.calendar}load-{self.number}-{self.created}.ics"
        source = self.rng.choice(self.shared.base_hrefs)
        uid = f"load-{self.number}-{self.created}@bench.almanac.test"
        marker = self.marker()
        ics = with_comment(self.shared.bodies[source].replace(f"UID:{self.shared.uids[source]}\r\n", f"UID:{uid}\r\n"),
                           marker)
        reply = self.send("create", "PUT", href, ics, {**dav.CALENDAR_HEADERS, "If-None-Match": "*"}, (201, 204))
        if reply.status in (201, 204):
            self.log.writes += 1
            self.log.owned[href] = (self.etag_of(href, reply), marker)

    def etag_of(self, href: str, reply) -> str:
        etag = reply.header("etag")
        if etag is None:  # allowed when the server changed the data; then ask
            etag = self.client.request("GET", href).header("etag") or ""
        return etag

    def modify(self) -> None:
        """Replaces an owned object with another base object's content under the owned UID."""
        href = self.rng.choice(sorted(self.log.owned))
        etag, _ = self.log.owned[href]
        marker = self.marker()
        source = self.rng.choice(self.shared.base_hrefs)
        own_uid = href.rsplit("/", 1)[1].removesuffix(".ics") + "@bench.almanac.test"
        ics = with_comment(self.shared.bodies[source].replace(f"UID:{self.shared.uids[source]}\r\n",
                                                              f"UID:{own_uid}\r\n"), marker)
        reply = self.send("modify", "PUT", href, ics, {**dav.CALENDAR_HEADERS, "If-Match": etag}, (200, 204))
        if reply.status in (200, 204):
            self.log.writes += 1
            self.log.owned[href] = (self.etag_of(href, reply), marker)

    def delete(self) -> None:
        href = self.rng.choice(sorted(self.log.owned))
        etag, _ = self.log.owned[href]
        reply = self.send("delete", "DELETE", href, None, {"If-Match": etag}, (200, 204))
        if reply.status in (200, 204):
            self.log.writes += 1
            del self.log.owned[href]
            self.log.deleted.add(href)

    def hot(self) -> None:
        href = self.rng.choice(sorted(self.hot_etag))
        etag = self.hot_etag[href]
        marker = self.marker()
        ics = with_comment(self.shared.bodies[href], marker)
        reply = self.send("hot", "PUT", href, ics, {**dav.CALENDAR_HEADERS, "If-Match": etag}, (200, 204, 412))
        if reply.status in (200, 204):
            self.log.writes += 1
            self.hot_etag[href] = self.etag_of(href, reply)
            self.log.hot_links.append((href, etag, self.hot_etag[href], marker))
        elif reply.status == 412:
            self.log.conflicts += 1
            self.hot_etag[href] = self.client.request("GET", href).header("etag") or etag

    def sync(self) -> None:
        reply = self.send("sync", "REPORT", self.shared.calendar, dav.sync_collection(self.token),
                          {**dav.XML_HEADERS, "Depth": "0"}, expected=(207,))
        if reply.status == 207:
            self.token = dav.parse_multistatus(reply.body)[1] or self.token


def _process(numbers: list[int], deadline: float) -> list[ClientLog]:
    """One worker process: a thread per client number."""
    logs: dict[int, ClientLog] = {}

    def run(number: int) -> None:
        logs[number] = LoadClient(number, _SHARED).run(deadline)

    threads = [threading.Thread(target=run, args=(number,)) for number in numbers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [logs[n] for n in numbers]


def run_clients(shared: Shared, clients: int, seconds: float) -> tuple[list[ClientLog], float]:
    global _SHARED
    _SHARED = shared
    processes = min(8, clients)
    groups = [list(range(k, clients, processes)) for k in range(processes)]
    started = time.perf_counter()
    deadline = time.time() + seconds
    with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork")) as pool:
        logs = [log for future in [pool.submit(_process, g, deadline) for g in groups] for log in future.result()]
    return logs, time.perf_counter() - started


def hot_chain_problems(shared: Shared, logs: list[ClientLog], final: dict[str, str]) -> tuple[list[str], dict]:
    """Acknowledged If-Match writes to a hot object must chain from its first ETag to its current one."""
    problems, last_marker = [], {}
    for href, start in shared.hot.items():
        links = [link for log in logs for link in log.hot_links if link[0] == href]
        by_parent: dict[str, list[tuple]] = defaultdict(list)
        for link in links:
            by_parent[link[1]].append(link)
        forks = {parent: children for parent, children in by_parent.items() if len(children) > 1}
        if forks:
            problems.append(f"{href}: {len(forks)} ETags acknowledged as If-Match for two writes (lost update)")
        etag, walked, marker = start, 0, None
        while etag in by_parent and walked <= len(links):
            _, _, etag, marker = by_parent[etag][0]
            walked += 1
        if walked != len(links) or etag != final.get(href):
            problems.append(f"{href}: chain of {walked} of {len(links)} acknowledged writes ends at {etag}, "
                            f"server has {final.get(href)}")
        last_marker[href] = marker
    return problems, last_marker


def verify(server: servers.Server, shared: Shared, logs: list[ClientLog], load_etags: dict[str, str]) -> list[str]:
    """Compares the calendar with what the clients were acknowledged: every object, ETag and last change."""
    client = server.client(timeout=300)
    try:
        reply = client.request("PROPFIND", shared.calendar, dav.propfind_getetag(), {**dav.XML_HEADERS, "Depth": "1"})
        members, _, error = checks.multistatus(reply)
        if error:
            return [f"final PROPFIND: {error}"]
        final = {m.href: m.etag for m in members if m.href.rstrip("/") != shared.calendar.rstrip("/")}
        owned = {href: value for log in logs for href, value in log.owned.items()}
        deleted = set().union(*(log.deleted for log in logs))
        problems, hot_markers = hot_chain_problems(shared, logs, final)
        expected = {h: e for h, e in load_etags.items() if h not in shared.hot} | {h: v[0] for h, v in owned.items()}
        missing = set(expected) - set(final) - set(shared.hot)
        unexpected = set(final) - set(expected) - set(shared.hot)
        stale = {h for h in expected if h in final and expected[h] and final[h] != expected[h]}
        for what, hrefs in (("lost (acknowledged, absent)", missing), ("unexpected or not deleted", unexpected),
                            ("with an ETag other than the last acknowledged", stale)):
            if hrefs:
                problems.append(f"{len(hrefs)} objects {what}: {checks.sample(hrefs, 3)}")
        if deleted & set(final):
            problems.append(f"{len(deleted & set(final))} acknowledged deletes still present")
        markers = {h: m for h, (_, m) in owned.items()} | {h: m for h, m in hot_markers.items() if m}
        hrefs = sorted(markers)
        for chunk in (hrefs[i:i + 200] for i in range(0, len(hrefs), 200)):
            reply = client.request("REPORT", shared.calendar, dav.multiget(chunk), {**dav.XML_HEADERS, "Depth": "1"})
            for member in dav.parse_multistatus(reply.body)[0]:
                data = checks.UNFOLD.sub("", member.calendar_data or "")
                if f"COMMENT:{markers[member.href]}" not in data:
                    problems.append(f"{member.href}: last acknowledged change ({markers[member.href]}) not stored")
        print(f"verified {len(final):,} objects: {len(owned):,} created and alive, {len(deleted):,} deleted, "
              f"{sum(len(log.hot_links) for log in logs):,} hot writes", flush=True)
        return problems
    finally:
        client.close()


def summary(logs: list[ClientLog], seconds: float) -> str:
    merged: dict[str, list[float]] = defaultdict(list)
    for log in logs:
        for operation, values in log.latencies.items():
            merged[operation].extend(values)
    total = sum(len(v) for v in merged.values())
    writes = sum(log.writes for log in logs)
    lines = [f"{total:,} requests in {seconds:.1f} s: {total / seconds:,.0f} requests/s; "
             f"{sum(log.conflicts for log in logs):,} expected 412 on hot objects; "
             f"{sum(len(log.errors) for log in logs)} errors", "",
             f"durable writes: {writes:,} acknowledged creates, modifications and deletes, "
             f"{writes / seconds:,.0f} writes/s", "",
             "| operation | count | p50 ms | p95 ms | p99 ms |", "|---|---:|---:|---:|---:|"]
    for operation in WEIGHTS:
        values = merged.get(operation, [])
        if values:
            lines.append(f"| {operation} | {len(values):,} | {percentile(values, .5):.2f} | "
                         f"{percentile(values, .95):.2f} | {percentile(values, .99):.2f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="almanac", choices=["almanac", "almanac-pg", "radicale", "xandikos"])
    parser.add_argument("--almanac", type=Path, help="the almanac release binary")
    parser.add_argument("--postgres", metavar="URL",
                        help="run Almanac on this PostgreSQL database (almanac-pg; postgres://USER@HOST:PORT/DB"
                             "?sslmode=disable, no search_path: the run gets a schema of its own, dropped at the end)")
    parser.add_argument("--python", default=sys.executable, help="python that runs Radicale and Xandikos")
    parser.add_argument("--size", type=int, default=1000, help="generated events loaded before the run")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--duration", type=float, default=60, help="seconds of mixed load")
    parser.add_argument("--output", type=Path, default=OUT / "load-results.md")
    args = parser.parse_args()
    if args.postgres and args.server == "almanac":
        args.server = "almanac-pg"
    if args.server == "almanac-pg" and not args.postgres:
        parser.error("almanac-pg needs --postgres URL")
    if args.postgres and args.server != "almanac-pg":
        parser.error(f"--postgres is for Almanac, not {args.server}")
    if args.postgres and "search_path=" in args.postgres:
        parser.error("--postgres: leave out search_path; the run gets a schema of its own")
    resources = generate.load(args.size)
    with tempfile.TemporaryDirectory(prefix="almanac-load-") as scratch, \
            servers.start(args.server, Path(scratch), args.almanac.resolve() if args.almanac else None,
                          args.python, args.postgres, f"load_{args.size}") as server:
        servers.prepare_calendars(server, bulk=False)
        state = checks.State(server.calendar)
        items = [(state.href(r.name), r.ics) for r in resources]
        print(f"{server.kind}: loading {len(items):,} objects", flush=True)
        loaded = writers.put_all(server.base, server.auth, items, 8, 600)
        if not loaded.finished or len(loaded.acknowledged) != len(items):
            print(f"load failed: {len(loaded.acknowledged)} of {len(items)} acknowledged", file=sys.stderr)
            return 1
        load_line = (f"initial load: {len(items):,} creates with 8 clients in {loaded.wall_seconds:.1f} s, "
                     f"{loaded.rate():,.0f} durable writes/s")
        print(load_line, flush=True)
        load_etags = {r.href: r.etag for r in loaded.records}
        hrefs = sorted(load_etags)
        client = server.client()
        reply = client.request("PROPFIND", server.calendar, dav.propfind_sync_token(), {**dav.XML_HEADERS, "Depth": "0"})
        client.close()
        token = dav.parse_multistatus(reply.body)[0][0].props.get(f"{dav.DAV}sync-token", "")
        hot = {h: load_etags[h] for h in random.Random("load/hot").sample(hrefs, HOT_OBJECTS)}
        shared = Shared(server.base, server.auth, server.calendar, hrefs, {state.href(r.name): r.ics for r in resources},
                        {state.href(r.name): r.uid for r in resources}, hot, token, tuple(expect.load(args.size)["month"]))
        print(f"{server.kind}: {args.clients} clients for {args.duration:.0f} s", flush=True)
        cpu_before = server.cpu_seconds()
        backends_before = {pid: servers.cpu_seconds(pid) for pid in server.backends()}
        logs, seconds = run_clients(shared, args.clients, args.duration)
        cpu = server.cpu_seconds() - cpu_before
        text = load_line + "\n\n" + summary(logs, seconds) + f"\nserver CPU {cpu:.1f} s over {seconds:.1f} s; RSS " \
                                                             f"{server.rss_bytes() / 1e6:.1f} MB\n"
        if "schema" in server.extra:
            backends = server.backends()
            backend_cpu = sum(servers.cpu_seconds(pid) - backends_before.get(pid, 0.0) for pid in backends)
            text += (f"PostgreSQL: {len(backends)} backends, CPU {backend_cpu:.1f} s over {seconds:.1f} s; schema "
                     f"{servers.schema_bytes(server.extra['postgres'], server.extra['schema']) / 1e6:.1f} MB\n")
        problems = [e for log in logs for e in log.errors] + verify(server, shared, logs, load_etags)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(f"# Load run: {args.server}, {args.clients} clients, {args.duration:.0f} s, N={args.size}\n\n"
                           + text + "".join(f"\n- problem: {p}" for p in problems[:50]))
    for problem in problems[:20]:
        print(f"LOAD PROBLEM: {problem}", file=sys.stderr)
    if problems:
        print(f"load run failed: {len(problems)} problems", file=sys.stderr)
        return 1
    print("load run: no errors, no lost or duplicated writes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
