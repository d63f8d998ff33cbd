#!/usr/bin/env python3
"""Scale-out: several `almanac serve` nodes on one PostgreSQL act as one server, through a node crash and a failover.

Everything runs on 127.0.0.1 with free ports and is stopped on exit:

- PostgreSQL (as the `postgres` user, `postgres.sh`): a primary and a synchronous hot standby (streaming replication
  from `pg_basebackup -R`, `synchronous_standby_names` naming the standby, `synchronous_commit = on`);
- three Almanac nodes, each with a data folder holding only its almanac.conf, all with the same store URL listing
  primary then standby;
- HAProxy in front, round robin, with an HTTP health check on each node's /health (every 0.5 s, down after 2 failures,
  up after 2 successes), `option redispatch` so a refused connection goes to another node.

N clients (default 64; `--clients`) run for D seconds (default 60; `--duration`), each on a calendar of its own
(MKCALENDAR; 8 calendars per user, so 8 users for 64 clients): PUT new events (If-None-Match: *), PUT updates
(If-Match), DELETE (If-Match), GET, and incremental sync-collection REPORTs (RFC 6578) that keep a local copy
(name -> ETag) like a real client. A request answered 5xx or lost to a connection error is repeated (at most
--max-attempts times, backing off up to 2 s, honouring Retry-After); every event body carries the id of the write that
sent it (X-ALMANAC-SCALE-OUT:client:write), so when a repeated write meets 412 (If-None-Match: * or If-Match after an
attempt whose outcome is unknown) the client reads the object back and learns whether its first attempt landed.

The timeline (fractions of D): at 0.2 kill -9 node 2 (HAProxy routes around it); at 0.45 stop the PostgreSQL primary
abruptly (`pg_ctl stop -m immediate`, or with --pg-kill kill a SIGKILL to the postmaster), wait --promote-after
seconds (a failover manager's detection time) and `pg_ctl promote` the standby: the nodes must find it by themselves;
at 0.7 start node 2 again on the same data folder (its first listed host is now dead: it must start on the promoted one).

At the end each client syncs once more, and the script checks: no acknowledged write lost (every object holds the
last write the server acknowledged or one the client sent later whose outcome was unknown; every acknowledged DELETE
stays deleted), no stale read during the run (a GET or sync after an acknowledged write, on whichever node, shows it),
no duplicate UIDs and no object the client did not write, each client's incremental sync converged (local copy ==
PROPFIND Depth 1 name -> ETag), sync tokens stayed valid, no unexpected status, and no 5xx or connection error outside
the windows around the two kills:

- node kill: [kill, kill + --node-window] (default 3 s): requests in flight on the killed node get 502 from HAProxy at
  the instant of the kill; afterwards a refused connection is redispatched and the health check marks the node down
  within 2 x 0.5 s. Nothing else may fail.
- database failover: [primary stopped, promotion done + --pg-window] (default 5 s): until the promotion every request
  needing the store fails (Almanac 503 with Retry-After, HAProxy 503 once all nodes fail their health check); after
  it a node moves to the promoted standby at the next failed request (probes at most once a second), HAProxy needs 2
  good checks 0.5 s apart to send traffic again, and a request that started just before may still end with 503.

A request counts in a window when its [start, end] overlaps it. Prints one summary line ("scale-out: ...") and exits 1
on any failure. Raw outputs (node, HAProxy and PostgreSQL logs, every request as TSV, the timeline) go to --out
(default conformance/out/scale-out/).

Usage: scale_out.py --almanac BIN [--clients 64] [--duration 60]
CI short form: scale_out.py --almanac BIN --clients 16 --duration 20
"""

from __future__ import annotations

import argparse
import glob
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlparse
from xml.etree import ElementTree

import requests

from steps import Steps

HERE = os.path.dirname(os.path.abspath(__file__))
POSTGRES_SH = os.path.join(HERE, "postgres.sh")
DAV = "{DAV:}"
CAL = "{urn:ietf:params:xml:ns:caldav}"
WRITE_TAG = re.compile(r"^X-ALMANAC-SCALE-OUT:(\d+):(\d+)\r?$", re.M)
UID_LINE = re.compile(r"^UID:(.*?)\r?$", re.M)
SCHEMA = "scale_out"
STANDBY_NAME = "almanac_standby"
PASSWORD = "scale-out-pass-1"

T0 = time.monotonic()


def now() -> float:
    """Seconds since the load started (negative before)."""
    return time.monotonic() - T0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Tee:
    """The console output, also written to OUT/scale-out.log."""

    def __init__(self, stream, path: str) -> None:
        self.stream = stream
        self.file = open(path, "w", encoding="utf-8")

    def write(self, text: str) -> int:
        self.file.write(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.file.flush()
        self.stream.flush()


def log(message: str) -> None:
    print(f"[{now():7.2f}] {message}", flush=True)


# ---------------------------------------------------------------------------------------------------------------------
# The processes: PostgreSQL primary + standby, Almanac nodes, HAProxy.


class Cluster:
    def __init__(self, args: argparse.Namespace, scratch: str, out: str) -> None:
        self.args = args
        self.scratch = scratch
        self.out = out
        self.pg_ports = (free_port(), free_port())
        self.pg_dirs = (os.path.join(scratch, "pg-primary"), os.path.join(scratch, "pg-standby"))
        self.pg_started: list[str] = []
        self.pg_orphans: list[int] = []
        self.node_ports = [free_port() for _ in range(args.nodes)]
        self.node_dirs = [os.path.join(scratch, f"node{i + 1}") for i in range(args.nodes)]
        self.nodes: list[subprocess.Popen | None] = [None] * args.nodes
        self.node_logs: list = [None] * args.nodes
        self.proxy_port = free_port()
        self.stats_port = free_port()
        self.proxy: subprocess.Popen | None = None
        self.proxy_log = None
        self.base = f"http://127.0.0.1:{self.proxy_port}/"

    # -- helpers

    def run(self, command: list[str], timeout: float, what: str) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"{what}: no answer within {timeout} s") from exc
        if done.returncode != 0:
            raise RuntimeError(f"{what}: exit {done.returncode}: {(done.stderr or done.stdout).strip()[-800:]}")
        return done.stdout

    def psql(self, port: int, sql: str, database: str = "almanac") -> str:
        pg_bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        command = [f"{pg_bin}/psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database, "-qtAc", sql]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return self.run(command, 60, f"psql on {port}: {sql}").strip()

    # -- PostgreSQL

    def start_postgres(self) -> None:
        primary, standby = self.pg_dirs
        self.pg_started.append(primary)
        self.run(["bash", POSTGRES_SH, "start", primary, str(self.pg_ports[0])], 180, "postgres.sh start (primary)")
        self.pg_started.append(standby)
        said = self.run(["bash", POSTGRES_SH, "standby", standby, str(self.pg_ports[1]), str(self.pg_ports[0]),
                         STANDBY_NAME], 400, "postgres.sh standby")
        log(f"PostgreSQL primary 127.0.0.1:{self.pg_ports[0]}, {said.strip()}")
        self.psql(self.pg_ports[0], f"CREATE SCHEMA IF NOT EXISTS {SCHEMA} AUTHORIZATION almanac")

    def replication_state(self) -> str:
        return self.psql(self.pg_ports[0], "SELECT application_name || ' ' || state || ' ' || sync_state "
                                           "FROM pg_stat_replication", "postgres")

    def crash_primary(self) -> None:
        said = self.run(["bash", POSTGRES_SH, "crash", self.pg_dirs[0], self.args.pg_kill], 90, "postgres.sh crash")
        self.pg_orphans += [int(pid) for pid in said.split()]

    def promote_standby(self) -> None:
        self.run(["bash", POSTGRES_SH, "promote", self.pg_dirs[1]], 90, "postgres.sh promote")

    def store_url(self) -> str:
        hosts = ",".join(f"127.0.0.1:{port}" for port in self.pg_ports)
        return f"postgres://almanac@{hosts}/almanac?sslmode=disable&search_path={SCHEMA},public"

    # -- Almanac

    def configure_nodes(self) -> None:
        for data in self.node_dirs:
            os.makedirs(data, exist_ok=True)
            with open(os.path.join(data, "almanac.conf"), "w", encoding="utf-8") as handle:
                # bcrypt cost 4: creating the users (and the first login of each) stays cheap on a loaded machine.
                handle.write(f"store = {self.store_url()}\nbcrypt_cost = 4\n")

    def add_user(self, name: str) -> None:
        self.run([self.args.almanac, "user", "add", name, "--password", PASSWORD, "--data", self.node_dirs[0]], 120,
                 f"almanac user add {name}")

    def start_node(self, index: int) -> None:
        if self.node_logs[index] is None:
            self.node_logs[index] = open(os.path.join(self.out, f"node{index + 1}.log"), "ab")
        env = dict(os.environ, ALMANAC_LOG_LEVEL=self.args.node_log_level)
        process = subprocess.Popen(
            [self.args.almanac, "serve", "--host", "127.0.0.1", "--port", str(self.node_ports[index]),
             "--data", self.node_dirs[index]],
            stdout=self.node_logs[index], stderr=subprocess.STDOUT, env=env, stdin=subprocess.DEVNULL)
        self.nodes[index] = process
        deadline = time.monotonic() + 90
        url = f"http://127.0.0.1:{self.node_ports[index]}/health"
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"node{index + 1} exited ({process.returncode}) before answering {url}")
            with_status = None
            try:
                with_status = requests.get(url, timeout=2).status_code
            except requests.RequestException:
                pass
            if with_status == 200:
                return
            time.sleep(0.2)
        raise RuntimeError(f"node{index + 1}: no 200 from {url} within 90 s")

    def kill_node(self, index: int) -> None:
        process = self.nodes[index]
        assert process is not None
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    # -- HAProxy

    def start_proxy(self) -> None:
        servers = "\n".join(f"    server node{i + 1} 127.0.0.1:{port} check"
                            for i, port in enumerate(self.node_ports))
        config = f"""global
    log stdout format raw local0 info
    maxconn 4000

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 120s
    timeout server 30s
    timeout http-keep-alive 30s
    timeout check 2s
    retries 3
    option redispatch 1
    default-server inter 500ms fastinter 500ms downinter 500ms fall 2 rise 2

frontend almanac
    bind 127.0.0.1:{self.proxy_port}
    capture request header X-Request-ID len 64
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk GET /health
    http-check expect status 200
    http-response set-header X-Almanac-Node %s
{servers}

frontend stats
    bind 127.0.0.1:{self.stats_port}
    no log
    stats enable
    stats uri /stats
"""
        path = os.path.join(self.out, "haproxy.cfg")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(config)
        self.run(["haproxy", "-c", "-q", "-f", path], 30, "haproxy -c")
        self.proxy_log = open(os.path.join(self.out, "haproxy.log"), "ab")
        self.proxy = subprocess.Popen(["haproxy", "-db", "-f", path], stdout=self.proxy_log,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proxy.poll() is not None:
                raise RuntimeError(f"haproxy exited ({self.proxy.returncode}); see {self.out}/haproxy.log")
            states = self.server_states()
            if states and all(state == "UP" for state in states.values()):
                return
            time.sleep(0.2)
        raise RuntimeError(f"HAProxy did not see every node UP within 30 s: {self.server_states()}")

    def server_states(self) -> dict[str, str]:
        try:
            text = requests.get(f"http://127.0.0.1:{self.stats_port}/stats;csv", timeout=2).text
        except requests.RequestException:
            return {}
        lines = text.splitlines()
        if not lines:
            return {}
        header = lines[0].lstrip("# ").split(",")
        px, sv, st = header.index("pxname"), header.index("svname"), header.index("status")
        states = {}
        for line in lines[1:]:
            cells = line.split(",")
            if len(cells) > st and cells[px] == "nodes" and cells[sv].startswith("node"):
                states[cells[sv]] = cells[st]
        return states

    # -- cleanup

    def stop_all(self) -> None:
        if self.proxy is not None and self.proxy.poll() is None:
            self.proxy.terminate()
            try:
                self.proxy.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proxy.kill()
                self.proxy.wait(timeout=10)
        for process in self.nodes:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in self.nodes:
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        for directory in reversed(self.pg_started):
            subprocess.run(["bash", POSTGRES_SH, "stop", directory], capture_output=True, timeout=120)
            log_file = os.path.join(directory, "server.log")
            if os.path.exists(log_file):
                shutil.copy(log_file, os.path.join(self.out, f"{os.path.basename(directory)}.log"))
        for pid in self.pg_orphans:  # backends of a postmaster killed with SIGKILL (--pg-kill kill)
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    if b"postgres" in handle.read():
                        os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for handle in [*self.node_logs, self.proxy_log]:
            if handle is not None:
                handle.close()


# ---------------------------------------------------------------------------------------------------------------------
# The clients.


@dataclass
class Attempt:
    client: int
    op: str
    method: str
    name: str
    start: float
    end: float
    status: int | None
    error: str
    request_id: str
    node: str


@dataclass
class Obj:
    """What the client knows of one of its objects: the last state the server acknowledged (or a read proved), and
    writes sent since whose outcome is unknown (the client gave up on them)."""
    uid: str
    known: tuple = ("gone", -1, "")  # ("put", write, etag) or ("gone", write, "")
    maybe_put: set = field(default_factory=set)
    maybe_delete: set = field(default_factory=set)


def event(client: int, write: int, uid: str, k: int, version: int) -> str:
    day = 1 + (k % 28)
    hour = (8 + version) % 24
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Almanac conformance//scale-out//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:202607{day:02d}T{hour:02d}0000Z\r\n"
        f"DURATION:PT1H\r\nSEQUENCE:{version}\r\nSUMMARY:client {client} event {k} version {version}\r\n"
        f"X-ALMANAC-SCALE-OUT:{client}:{write}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def write_of(body: str, client: int) -> int | None:
    match = WRITE_TAG.search(body)
    if not match or int(match.group(1)) != client:
        return None
    return int(match.group(2))


SYNC_BODY = ('<?xml version="1.0" encoding="utf-8"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>{token}'
             '</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>')
PROPFIND_BODY = '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>'
QUERY_BODY = ('<?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" '
              'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/><C:calendar-data/></D:prop>'
              '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>'
              '</C:calendar-query>')


class Client:
    def __init__(self, index: int, user: str, calendar: str, base: str, args: argparse.Namespace,
                 attempts: list[Attempt], stop: threading.Event) -> None:
        self.index = index
        self.user = user
        self.calendar = calendar  # path, ends with /
        self.base = base
        self.args = args
        self.attempts = attempts
        self.stop = stop
        self.session = requests.Session()
        self.session.auth = (user, PASSWORD)
        self.rng = random.Random(args.seed * 1000 + index)
        self.objects: dict[str, Obj] = {}
        self.local: dict[str, str] = {}  # the sync copy: name -> ETag
        self.token = ""
        self.writes = 0  # write ids, one per PUT or DELETE sent
        self.next_k = 0
        self.requests = 0
        self.ops: dict[str, int] = {}
        self.acked_writes = 0
        self.acked_by_time: list[float] = []  # end time of each acknowledged write
        self.landed_after_unknown = 0  # a write whose first attempt failed (5xx, connection) but landed
        # The failed attempts of the last write sent (status, node): a node's 503 says "the request was not carried
        # out"; a write answered so that landed all the same is listed here (reported, not a failure).
        self.write_failures: list[tuple] = []
        self.landed_after_503: list[str] = []
        self.gave_up: list[str] = []
        self.problems: dict[str, list[str]] = {"lost": [], "stale": [], "status": [], "sync": [], "duplicate": []}
        self.token_invalid = 0
        self.error: str | None = None
        self.final: dict = {}

    # -- HTTP

    def problem(self, kind: str, text: str) -> None:
        self.problems[kind].append(f"client {self.index} ({self.user} {self.calendar}) at {now():.2f} s: {text}")

    def send(self, method: str, path: str, op: str, name: str, headers: dict, body: bytes | None):
        self.requests += 1
        request_id = f"so-{self.index}-{self.requests}"
        headers = {**headers, "X-Request-ID": request_id}
        start = now()
        response, error = None, ""
        try:
            response = self.session.request(method, urljoin(self.base, path), data=body, headers=headers,
                                            timeout=self.args.request_timeout, allow_redirects=False)
        except requests.RequestException as exc:
            error = f"{type(exc).__name__}: {str(exc)[:200]}"
        end = now()
        self.attempts.append(Attempt(self.index, op, method, name, start, end,
                                     response.status_code if response is not None else None, error, request_id,
                                     response.headers.get("X-Almanac-Node", "") if response is not None else ""))
        return response

    def call(self, method: str, path: str, op: str, name: str = "", headers: dict | None = None,
             body: str | None = None, budget: float | None = None):
        """Send, repeating after a 5xx or a connection error. Returns (response or None when it gave up, whether an
        attempt before the last one ended with an unknown outcome)."""
        data = body.encode("utf-8") if body is not None else None
        deadline = time.monotonic() + (budget or self.args.retry_budget)
        unknown_before = False
        if method in ("PUT", "DELETE"):
            self.write_failures = []
        for attempt in range(self.args.max_attempts):
            response = self.send(method, path, op, name, headers or {}, data)
            if response is not None and response.status_code < 500:
                return response, unknown_before
            unknown_before = True
            if method in ("PUT", "DELETE"):
                self.write_failures.append((response.status_code if response is not None else None,
                                            response.headers.get("X-Almanac-Node") if response is not None else None,
                                            self.attempts[-1].request_id))
            if attempt + 1 >= self.args.max_attempts or time.monotonic() >= deadline:
                break
            delay = min(2.0, 0.2 * 2 ** attempt)
            retry_after = response.headers.get("Retry-After") if response is not None else None
            if retry_after and retry_after.isdigit():
                delay = min(2.0, float(retry_after))
            time.sleep(max(0.0, min(delay, deadline - time.monotonic())))
        self.gave_up.append(f"client {self.index} {op} {method} {path} at {now():.2f} s")
        return None, unknown_before

    def path(self, name: str) -> str:
        return self.calendar + name

    # -- the model

    def observe(self, name: str, state: tuple, source: str) -> None:
        """Compare a state read from the server ("put", write, etag) / ("gone",) with what the client knows."""
        obj = self.objects.get(name)
        if obj is None:
            if state[0] == "put":
                self.problem("duplicate", f"{source}: {name} exists (write {state[1]}) but this client never wrote it")
            return
        kind, write, etag = obj.known
        if state[0] == "put":
            seen, seen_etag = state[1], state[2]
            if kind == "put" and seen == write:
                if seen_etag != etag:
                    self.problem("stale", f"{source}: {name} write {write} has ETag {seen_etag}, acknowledged {etag}")
                return
            if seen is not None and seen in obj.maybe_put and seen > write:
                obj.known = ("put", seen, seen_etag)
                self.landed_after_unknown += 1
                self.note_landed(name, seen)
                return
            self.problem("lost" if source == "final" else "stale",
                         f"{source}: {name} holds write {seen} ({seen_etag}), expected {kind} of write {write} "
                         f"({etag}){' or one of ' + str(sorted(obj.maybe_put)) if obj.maybe_put else ''}")
        else:
            if kind == "gone":
                return
            if any(m > write for m in obj.maybe_delete):
                obj.known = ("gone", max(obj.maybe_delete), "")
                self.landed_after_unknown += 1
                self.note_landed(name, max(obj.maybe_delete))
                return
            self.problem("lost" if source == "final" else "stale",
                         f"{source}: {name} is missing, expected write {write} ({etag})")

    def note_landed(self, name: str, write: int) -> None:
        if write == self.writes:
            said = [f"{status} from {node} ({request_id})" for status, node, request_id in self.write_failures
                    if status == 503 and node]
            if said:
                self.landed_after_503.append(f"client {self.index} {name} write {write}: answered {said}, landed")

    def acknowledged(self, obj: Obj, state: tuple) -> None:
        obj.known = state
        obj.maybe_put = {m for m in obj.maybe_put if m > state[1]}
        obj.maybe_delete = {m for m in obj.maybe_delete if m > state[1]}
        self.acked_writes += 1
        self.acked_by_time.append(now())

    def read_back(self, name: str, why: str) -> bool:
        """GET the object (with a longer budget) to learn what an unknown write did; False when unreachable."""
        response, _ = self.call("GET", self.path(name), "read-back", name, budget=self.args.retry_budget * 2)
        if response is None:
            return False
        if response.status_code == 200:
            self.observe(name, ("put", write_of(response.text, self.index), response.headers.get("ETag", "")), why)
        elif response.status_code == 404:
            self.observe(name, ("gone",), why)
        else:
            self.problem("status", f"{why}: GET {name} answered {response.status_code}")
        return True

    def present(self) -> list[str]:
        return [name for name, obj in self.objects.items() if obj.known[0] == "put"]

    # -- operations

    def create(self) -> None:
        k = self.next_k
        self.next_k += 1
        name = f"ev{k}.ics"
        uid = f"scale-out-{self.args.run_id}-{self.index}-{k}@almanac.test"
        obj = Obj(uid=uid)
        self.objects[name] = obj
        self.writes += 1
        write = self.writes
        response, unknown = self.call("PUT", self.path(name), "create", name,
                                      {"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"},
                                      event(self.index, write, uid, k, 0))
        if response is None:
            obj.maybe_put.add(write)
            self.read_back(name, "read-back after a create given up")
        elif response.status_code == 201:
            etag = response.headers.get("ETag")
            if not etag:
                self.problem("status", f"PUT {name} 201 without ETag")
            self.acknowledged(obj, ("put", write, etag or ""))
        elif response.status_code == 412 and unknown:
            obj.maybe_put.add(write)  # the first attempt may have landed: read it back
            self.read_back(name, "read-back after 412 on a repeated create")
            if obj.known[0] != "put":
                self.problem("status", f"PUT {name} If-None-Match * answered 412 on a repeat, yet it is not there")
        else:
            self.problem("status", f"PUT {name} (create) answered {response.status_code}: {response.text[:200]}")

    def update(self, name: str) -> None:
        obj = self.objects[name]
        _, _, etag = obj.known
        self.writes += 1
        write = self.writes
        k = int(name[2:-4])
        response, unknown = self.call("PUT", self.path(name), "update", name,
                                      {"Content-Type": "text/calendar; charset=utf-8", "If-Match": etag},
                                      event(self.index, write, obj.uid, k, write % 12 + 1))
        if response is None:
            obj.maybe_put.add(write)
            self.read_back(name, "read-back after an update given up")
        elif response.status_code in (200, 204):
            new_etag = response.headers.get("ETag")
            if not new_etag:
                self.problem("status", f"PUT {name} (update) {response.status_code} without ETag")
            self.acknowledged(obj, ("put", write, new_etag or ""))
        elif response.status_code == 412:
            obj.maybe_put.add(write)
            if not unknown:
                self.problem("stale", f"PUT {name} If-Match {etag} (the last acknowledged ETag) answered 412")
            self.read_back(name, "read-back after 412 on an update")
        else:
            self.problem("status", f"PUT {name} (update) answered {response.status_code}: {response.text[:200]}")

    def delete(self, name: str) -> None:
        obj = self.objects[name]
        _, _, etag = obj.known
        self.writes += 1
        write = self.writes
        response, unknown = self.call("DELETE", self.path(name), "delete", name, {"If-Match": etag})
        if response is None:
            obj.maybe_delete.add(write)
            self.read_back(name, "read-back after a delete given up")
        elif response.status_code in (200, 204):
            self.acknowledged(obj, ("gone", write, ""))
        elif response.status_code in (404, 412) and unknown:
            obj.maybe_delete.add(write)
            self.read_back(name, f"read-back after {response.status_code} on a repeated delete")
        else:
            self.problem("stale" if response.status_code in (404, 412) else "status",
                         f"DELETE {name} If-Match {etag} answered {response.status_code}")

    def get(self, name: str) -> None:
        response, _ = self.call("GET", self.path(name), "get", name)
        if response is None:
            return
        if response.status_code == 200:
            self.observe(name, ("put", write_of(response.text, self.index), response.headers.get("ETag", "")), "GET")
        elif response.status_code == 404:
            self.observe(name, ("gone",), "GET")
        else:
            self.problem("status", f"GET {name} answered {response.status_code}")

    def sync(self, source: str = "sync") -> bool:
        response, _ = self.call("REPORT", self.calendar, "sync", "", {"Depth": "0", "Content-Type": "application/xml"},
                                SYNC_BODY.format(token=self.token))
        if response is None:
            return False
        if response.status_code in (403, 409) and "valid-sync-token" in response.text:
            self.token_invalid += 1
            self.problem("sync", f"sync token {self.token} refused ({response.status_code}); full resync")
            self.token = ""
            self.local = {}
            return self.sync(source)
        if response.status_code != 207:
            self.problem("status", f"sync-collection answered {response.status_code}: {response.text[:200]}")
            return False
        try:
            root = ElementTree.fromstring(response.content)
        except ElementTree.ParseError as exc:
            self.problem("status", f"sync-collection 207 is not XML ({exc})")
            return False
        own = urlparse(urljoin(self.base, self.calendar)).path.rstrip("/")
        for item in root.iter(f"{DAV}response"):
            href = urlparse(urljoin(urljoin(self.base, self.calendar), item.findtext(f"{DAV}href") or "")).path
            if href.rstrip("/") == own:
                continue
            name = unquote(href.rsplit("/", 1)[-1])
            status = item.findtext(f"{DAV}status") or ""
            if " 404 " in status:
                self.local.pop(name, None)
                continue
            etag = next((e.text for e in item.iter(f"{DAV}getetag") if e.text), None)
            if etag is None:
                self.problem("sync", f"sync-collection response for {name} without ETag or 404")
                continue
            self.local[name] = etag
        token = root.findtext(f"{DAV}sync-token")
        if not token:
            self.problem("sync", "sync-collection answer without a sync-token")
            return False
        self.token = token
        self.check_local(source)
        return True

    def check_local(self, source: str) -> None:
        """After a sync: the local copy shows every acknowledged write (read-your-writes across nodes)."""
        for name, obj in self.objects.items():
            kind, write, etag = obj.known
            has = self.local.get(name)
            expected = etag if kind == "put" else None
            if has == expected:
                continue
            if obj.maybe_put or obj.maybe_delete:
                # A write with an unknown outcome may explain it: learn the server's state, then compare again.
                self.read_back(name, f"read-back after {source} showed {has} (known {expected})")
                kind, write, etag = obj.known
                if has == (etag if kind == "put" else None):
                    continue
            self.problem("stale", f"{source}: local copy has {name} -> {has}, acknowledged {kind} of write {write} "
                                  f"({etag})")
        for name in self.local:
            if name not in self.objects:
                self.problem("duplicate", f"{source}: {name} appeared, never written by this client")

    # -- the run

    def setup(self) -> None:
        body = ('<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" '
                'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>scale-out '
                f'{self.index}</D:displayname></D:prop></D:set></C:mkcalendar>')
        response, _ = self.call("MKCALENDAR", self.calendar, "mkcalendar", "", {"Content-Type": "application/xml"},
                                body)
        if response is None or response.status_code != 201:
            raise RuntimeError(f"MKCALENDAR {self.calendar}: {response.status_code if response is not None else 'gave up'}")
        if not self.sync("initial sync"):
            raise RuntimeError(f"initial sync of {self.calendar} failed")

    def step(self) -> None:
        present = self.present()
        roll = self.rng.random()
        if len(present) < 3 or (roll < 0.30 and len(present) < self.args.max_objects):
            op = "create"
            self.create()
        elif roll < 0.55:
            op = "update"
            self.update(self.rng.choice(present))
        elif roll < 0.67 or len(present) >= self.args.max_objects:
            op = "delete"
            self.delete(self.rng.choice(present))
        elif roll < 0.82:
            op = "get"
            self.get(self.rng.choice(present))
        else:
            op = "sync"
            self.sync()
        self.ops[op] = self.ops.get(op, 0) + 1

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                self.step()
                if self.args.think:
                    time.sleep(self.rng.uniform(0, 2 * self.args.think))
        except Exception as exc:  # a bug of the script, or something the script did not expect: reported, not hidden
            self.error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"

    def finish(self) -> None:
        """Final incremental sync, then the server's listing and contents compared with the local copy and the
        model."""
        if not self.sync("final sync"):
            self.problem("sync", "the final incremental sync failed")
        response, _ = self.call("PROPFIND", self.calendar, "final", "", {"Depth": "1", "Content-Type": "application/xml"},
                                PROPFIND_BODY)
        if response is None or response.status_code != 207:
            raise RuntimeError(f"final PROPFIND: {response.status_code if response is not None else 'gave up'}")
        listing = {}
        own = urlparse(urljoin(self.base, self.calendar)).path.rstrip("/")
        for item in ElementTree.fromstring(response.content).iter(f"{DAV}response"):
            href = urlparse(urljoin(urljoin(self.base, self.calendar), item.findtext(f"{DAV}href") or "")).path
            if href.rstrip("/") == own:
                continue
            listing[unquote(href.rsplit("/", 1)[-1])] = next((e.text for e in item.iter(f"{DAV}getetag") if e.text), "")
        self.final["listing"] = len(listing)
        if self.local != listing:
            only_local = {k: v for k, v in self.local.items() if listing.get(k) != v}
            only_server = {k: v for k, v in listing.items() if self.local.get(k) != v}
            self.problem("sync", f"final sync copy differs from PROPFIND: local {only_local}, server {only_server}")
        response, _ = self.call("REPORT", self.calendar, "final", "", {"Depth": "1", "Content-Type": "application/xml"},
                                QUERY_BODY)
        if response is None or response.status_code != 207:
            raise RuntimeError(f"final calendar-query: {response.status_code if response is not None else 'gave up'}")
        contents = {}
        for item in ElementTree.fromstring(response.content).iter(f"{DAV}response"):
            href = urlparse(urljoin(urljoin(self.base, self.calendar), item.findtext(f"{DAV}href") or "")).path
            data = next((e.text for e in item.iter(f"{CAL}calendar-data") if e.text), "")
            etag = next((e.text for e in item.iter(f"{DAV}getetag") if e.text), "")
            contents[unquote(href.rsplit("/", 1)[-1])] = (etag, data)
        if set(contents) != set(listing):
            self.problem("sync", f"calendar-query names {sorted(set(contents) ^ set(listing))} differ from PROPFIND")
        uids: dict[str, list[str]] = {}
        for name, (etag, data) in contents.items():
            for uid in UID_LINE.findall(data):
                uids.setdefault(uid, []).append(name)
            if listing.get(name, etag) != etag:
                self.problem("sync", f"{name}: calendar-query ETag {etag}, PROPFIND {listing.get(name)}")
        for uid, names in uids.items():
            if len(names) > 1:
                self.problem("duplicate", f"UID {uid} in {len(names)} objects: {names}")
        for name, obj in self.objects.items():
            if name in contents:
                etag, data = contents[name]
                self.observe(name, ("put", write_of(data, self.index), etag), "final")
                if obj.uid not in UID_LINE.findall(data):
                    self.problem("lost", f"final: {name} does not hold UID {obj.uid}")
            else:
                self.observe(name, ("gone",), "final")
        for name in contents:
            if name not in self.objects:
                self.problem("duplicate", f"final: {name} on the server, never written by this client")
        self.final["objects"] = len(contents)


# ---------------------------------------------------------------------------------------------------------------------
# The run.


class Timeline:
    def __init__(self) -> None:
        self.events: dict[str, float] = {}
        self.notes: list[str] = []
        self.errors: list[str] = []
        self.states: list[tuple[float, str, str]] = []  # HAProxy server status changes

    def mark(self, name: str) -> float:
        self.events[name] = now()
        log(f"event {name}")
        return self.events[name]


def monitor(cluster: Cluster, timeline: Timeline, stop: threading.Event) -> None:
    last: dict[str, str] = {}
    while not stop.is_set():
        states = cluster.server_states()
        for server, state in states.items():
            if last.get(server) != state:
                timeline.states.append((now(), server, state))
                if server in last:
                    log(f"HAProxy: {server} {last[server]} -> {state}")
                last[server] = state
        stop.wait(0.2)


def chaos(cluster: Cluster, timeline: Timeline, args: argparse.Namespace, stop: threading.Event) -> None:
    victim = 1  # node2
    try:
        if stop.wait(max(0.0, args.duration * 0.2 - now())):
            return
        timeline.mark("node_kill")
        cluster.kill_node(victim)
        if stop.wait(max(0.0, args.duration * 0.45 - now())):
            return
        if not args.no_failover:
            timeline.mark("pg_kill")
            cluster.crash_primary()
            timeline.mark("pg_down")
            if stop.wait(args.promote_after):
                return
            timeline.mark("promote")
            cluster.promote_standby()
            timeline.mark("promoted")
        if stop.wait(max(0.0, args.duration * 0.7 - now())):
            return
        timeline.mark("node_restart")
        cluster.start_node(victim)
        timeline.mark("node_restarted")
    except Exception as exc:
        timeline.errors.append(f"chaos: {type(exc).__name__}: {exc}")
        log(f"chaos failed: {exc}")


def windows(timeline: Timeline, args: argparse.Namespace) -> list[tuple[str, float, float]]:
    out = []
    if "node_kill" in timeline.events:
        t = timeline.events["node_kill"]
        out.append(("node kill", t, t + args.node_window))
    if "pg_kill" in timeline.events:
        start = timeline.events["pg_kill"]
        end = timeline.events.get("promoted", math.inf) + args.pg_window
        out.append(("failover", start, end))
    return out


def main() -> int:
    global T0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--almanac", required=True, help="the almanac binary")
    parser.add_argument("--clients", type=int, default=64, help="concurrent clients, one calendar each (default 64)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--nodes", type=int, default=3, help="Almanac nodes (default 3; node2 is the one killed)")
    parser.add_argument("--calendars-per-user", type=int, default=8,
                        help="clients (calendars) per user, so 64 clients need 8 `almanac user add` (default 8)")
    parser.add_argument("--pg-kill", choices=("immediate", "kill"), default="immediate",
                        help="how the primary dies: pg_ctl stop -m immediate, or SIGKILL to the postmaster")
    parser.add_argument("--promote-after", type=float, default=1.0,
                        help="seconds between the primary's death and pg_ctl promote")
    parser.add_argument("--node-window", type=float, default=3.0,
                        help="seconds after the node's kill during which 5xx and connection errors are allowed")
    parser.add_argument("--pg-window", type=float, default=5.0,
                        help="seconds after the promotion during which 5xx and connection errors are still allowed")
    parser.add_argument("--max-latency", type=float, default=10.0,
                        help="seconds any one request may take, even in a window (longer is a hang)")
    parser.add_argument("--no-failover", action="store_true",
                        help="skip the database failover (to debug the rest; the run then fails its failover checks)")
    parser.add_argument("--max-attempts", type=int, default=12)
    parser.add_argument("--retry-budget", type=float, default=30.0, help="seconds one request may be repeated for")
    parser.add_argument("--request-timeout", type=float, default=45.0)
    parser.add_argument("--max-objects", type=int, default=40, help="objects per calendar before deletes win")
    parser.add_argument("--think", type=float, default=0.02, help="mean pause between a client's operations")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--node-log-level", default="info")
    parser.add_argument("--out", default=os.path.join(HERE, "out", "scale-out"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders (PostgreSQL data)")
    args = parser.parse_args()
    if args.nodes < 2 or args.clients < 1 or args.duration <= 0:
        parser.error("needs --nodes >= 2, --clients >= 1 and a positive --duration")
    args.almanac = os.path.abspath(args.almanac)
    args.run_id = f"{os.getpid()}"
    if not os.access(args.almanac, os.X_OK):
        print(f"scale-out: FAIL not an executable: {args.almanac}")
        return 2
    if shutil.which("haproxy") is None:
        print("scale-out: FAIL haproxy not installed (apt-get install -y -qq haproxy)")
        return 2
    if not glob.glob("/usr/lib/postgresql/*/bin/postgres"):
        print("scale-out: FAIL no PostgreSQL server under /usr/lib/postgresql")
        return 2

    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    sys.stdout = Tee(sys.stdout, os.path.join(args.out, "scale-out.log"))
    scratch = tempfile.mkdtemp(prefix="almanac-scale-out.")
    os.chmod(scratch, 0o755)  # the postgres user reaches its data folders inside
    steps = Steps("scale-out")
    cluster = Cluster(args, scratch, args.out)
    timeline = Timeline()
    stop = threading.Event()
    monitor_stop = threading.Event()
    attempts: list[Attempt] = []
    clients: list[Client] = []
    threads: list[threading.Thread] = []
    figures = ""

    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    # The whole run is bounded: setup, the load, the clients' last repeats and the checks.
    hard_limit = int(300 + args.duration + 3 * args.retry_budget + args.clients * 3)

    def out_of_time(_signum, _frame):
        raise TimeoutError(f"the run exceeded its limit of {hard_limit} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(hard_limit)
    try:
        with steps.stage("setup: PostgreSQL primary with a synchronous standby, Almanac nodes, HAProxy"):
            cluster.start_postgres()
            state = cluster.replication_state()
            steps.check(f"standby streaming and synchronous ({state})", state == f"{STANDBY_NAME} streaming sync",
                        state)
            cluster.configure_nodes()
            users = [f"load{u + 1}" for u in range(math.ceil(args.clients / args.calendars_per_user))]
            started = time.monotonic()
            for user in users:
                cluster.add_user(user)
            log(f"{len(users)} users created in {time.monotonic() - started:.1f} s")
            for index in range(args.nodes):
                cluster.start_node(index)
            log(f"nodes on ports {cluster.node_ports}")
            cluster.start_proxy()
            steps.check(f"HAProxy on {cluster.base} sees {args.nodes} nodes UP", True)
            for index in range(args.clients):
                user = users[index // args.calendars_per_user]
                clients.append(Client(index, user, f"/calendars/{user}/load-{index}/", cluster.base, args, attempts,
                                      stop))
            for client in clients:
                client.setup()
            steps.check(f"{args.clients} calendars created and synced", True)
        if steps.failed:
            raise RuntimeError("setup failed")

        T0 = time.monotonic()
        log(f"load: {args.clients} clients for {args.duration:.0f} s through {cluster.base}")
        threading.Thread(target=monitor, args=(cluster, timeline, monitor_stop), daemon=True).start()
        chaos_thread = threading.Thread(target=chaos, args=(cluster, timeline, args, stop), daemon=True)
        chaos_thread.start()
        for client in clients:
            thread = threading.Thread(target=client.run, daemon=True)
            thread.start()
            threads.append(thread)
        stop.wait(args.duration)
        stop.set()
        timeline.mark("load_end")
        join_deadline = time.monotonic() + args.retry_budget * 3 + args.request_timeout * 2 + 30
        for thread in threads:
            thread.join(max(0.1, join_deadline - time.monotonic()))
        chaos_thread.join(max(0.1, join_deadline - time.monotonic()))
        hung = [c.index for c, t in zip(clients, threads) if t.is_alive()]
        timeline.mark("clients_stopped")

        with steps.stage("the run"):
            steps.check("every client stopped in time (no hung request)", not hung, hung)
            expected_events = {"node_kill", "node_restarted"} | (set() if args.no_failover else {"pg_kill", "promoted"})
            steps.check("the kills" + ("" if args.no_failover else " and the promotion") + " happened",
                        not timeline.errors and expected_events <= set(timeline.events),
                        (timeline.errors, timeline.events))
            errors = [c.error for c in clients if c.error]
            steps.check("no client raised", not errors, errors[:3])
            dead = [f"node{i + 1} (exit {p.returncode})" for i, p in enumerate(cluster.nodes)
                    if p is not None and p.poll() is not None]
            steps.check("every node still running (node2 restarted)", not dead, dead)

        with steps.stage("final sync and the server's state"):
            for client in clients:
                if client.error is None:
                    try:
                        client.finish()
                    except Exception as exc:
                        client.error = f"finish: {type(exc).__name__}: {exc}"
            errors = [c.error for c in clients if c.error]
            steps.check("every client's final sync and listing read", not errors, errors[:3])
        monitor_stop.set()
        timeline.mark("checked")

        with steps.stage("checks"):
            def all_of(kind: str) -> list[str]:
                return [p for c in clients for p in c.problems[kind]]

            lost, stale, dup, sync, status = (all_of(k) for k in ("lost", "stale", "duplicate", "sync", "status"))
            for label, items in (("no acknowledged write lost", lost),
                                 ("no stale read during the run (GET and sync show the acknowledged write)", stale),
                                 ("no duplicate UIDs, no object the client did not write", dup),
                                 ("every client's final incremental sync equals PROPFIND Depth 1; tokens stay valid",
                                  sync),
                                 ("no unexpected status (4xx other than a repeat's 412)", status)):
                steps.check(label, not items, "\n      " + "\n      ".join(items[:10]) +
                            (f"\n      ... {len(items) - 10} more" if len(items) > 10 else ""))
            # Answers HAProxy made itself (504, 503) carry no X-Almanac-Node: its log names the node by request id.
            try:
                with open(os.path.join(args.out, "haproxy.log"), encoding="utf-8", errors="replace") as handle:
                    routed = dict((m.group(2), m.group(1)) for m in
                                  re.finditer(r"nodes/(\S+) .*?\{(so-\d+-\d+)\}", handle.read()))
                for a in attempts:
                    if not a.node and a.request_id in routed:
                        a.node = routed[a.request_id] + " (HAProxy log)"
            except OSError:
                pass
            gave_up = [g for c in clients for g in c.gave_up]
            wins = windows(timeline, args)
            failures = [a for a in attempts if a.status is None or a.status >= 500]
            per_window = {name: 0 for name, _, _ in wins}
            outside = []
            for a in failures:
                # An error counts in a window when it arrived in it (a request hanging past the window does not).
                inside = next((name for name, start, end in wins if start <= a.end <= end), None)
                if inside:
                    per_window[inside] += 1
                else:
                    outside.append(a)
            steps.check("no 5xx or connection error outside the kill windows", not outside,
                        "\n      " + "\n      ".join(f"{a.start:.2f}-{a.end:.2f} s {a.method} {a.op} {a.name} -> "
                                                     f"{a.status or a.error} node {a.node or '?'} id {a.request_id}"
                                                     for a in outside[:15]))
            steps.check("no request given up", not gave_up, gave_up[:10])
            slow = [a for a in attempts if a.end - a.start > args.max_latency]
            steps.check(f"no request took over {args.max_latency:.0f} s, in the windows or not (no hang)", not slow,
                        "\n      " + "\n      ".join(f"{a.start:.2f}-{a.end:.2f} s {a.method} {a.op} {a.name} -> "
                                                     f"{a.status or a.error} node {a.node or '?'} id {a.request_id}"
                                                     for a in slow[:15]))

            acked = sorted(t for c in clients for t in c.acked_by_time)
            e = timeline.events
            node_window_end = e.get("node_kill", 0) + args.node_window
            pg_window_end = e.get("promoted", math.inf) + args.pg_window
            between = sum(1 for t in acked if node_window_end < t < e.get("pg_kill", e.get("node_restart", 0)))
            steps.check(f"writes acknowledged with node2 dead ({between})", between > 0)
            if not args.no_failover:
                after = sum(1 for t in acked if t > pg_window_end)
                steps.check(f"writes acknowledged after the failover window ({after})", after > 0)
            first_after = min((a.end for a in attempts if a.method in ("PUT", "DELETE") and a.status is not None
                               and 200 <= a.status < 300 and a.start > e.get("pg_down", math.inf)), default=None)
            downs = [(t, s) for t, s, st in timeline.states if st.startswith("DOWN") and s == "node2"
                     and t >= e.get("node_kill", math.inf)]
            steps.check("HAProxy marked the killed node DOWN", bool(downs))
            served_restarted = sum(1 for a in attempts if a.node == "node2" and a.start > e.get("node_restarted", 1e9))
            steps.check(f"the restarted node2 serves again ({served_restarted} requests)", served_restarted > 0)
            back_up = {}
            for t, s, st in timeline.states:
                if st == "UP" and t > e.get("promoted", math.inf) and s not in back_up:
                    back_up[s] = t - e["promoted"]
            final_states = {}
            for t, s, st in timeline.states:
                if t <= e.get("load_end", math.inf):
                    final_states[s] = st
            steps.check("HAProxy sees every node UP at the end of the load",
                        sorted(final_states.items()) == [(f"node{i + 1}", "UP") for i in range(args.nodes)],
                        final_states)
            promoted_at = e.get("promoted", math.inf)
            for i in range(args.nodes if not args.no_failover else 0):
                node = f"node{i + 1}"
                n = sum(1 for a in attempts if a.node == node and a.method in ("PUT", "DELETE")
                        and a.status is not None and 200 <= a.status < 300 and a.start > promoted_at)
                steps.check(f"{node} acknowledged writes on the promoted standby ({n})", n > 0)

            requests_total = len(attempts)
            writes = sum(1 for a in attempts if a.method in ("PUT", "DELETE"))
            acked_writes = sum(c.acked_writes for c in clients)
            five = sum(1 for a in failures if a.status is not None)
            conn = sum(1 for a in failures if a.status is None)
            span = (e.get("load_end", 1) or 1)
            def arrivals(name: str, start: float, end: float) -> str:
                times = [a.end for a in failures if start <= a.end <= end]
                return f" (arrived {min(times):.1f}-{max(times):.1f} s)" if times else ""

            window_text = "; ".join(f"{name} [{start:.1f}, {end:.1f}] s: {per_window[name]}"
                                    f"{arrivals(name, start, end)}" for name, start, end in wins)
            failover = (f"first write acknowledged {first_after - e['pg_down']:.1f} s after the primary was down, "
                        f"{first_after - e['promoted']:.1f} s after the promotion"
                        if first_after is not None and "promoted" in e
                        else "no failover (--no-failover)" if args.no_failover else "no write after the failover")
            back = ", ".join(f"{s} UP +{t:.1f} s" for s, t in sorted(back_up.items()))
            ops = {}
            for c in clients:
                for op, n in c.ops.items():
                    ops[op] = ops.get(op, 0) + n
            statuses: dict[str, int] = {}
            for a in failures:
                key = str(a.status) if a.status is not None else a.error.split(":")[0]
                statuses[key] = statuses.get(key, 0) + 1
            print(f"  figures: {requests_total} requests ({requests_total / span:.0f}/s), operations {ops}; "
                  f"{writes} write requests, {acked_writes} writes acknowledged, "
                  f"{sum(c.landed_after_unknown for c in clients)} learned by reading back; "
                  f"objects at the end {sum(c.final.get('objects', 0) for c in clients)}")
            landed_503 = [x for c in clients for x in c.landed_after_503]
            if landed_503:
                print(f"  note: {len(landed_503)} writes a node answered 503 (\"not carried out\") landed anyway:")
                for line in landed_503[:10]:
                    print(f"      {line}")
            durations = sorted(a.end - a.start for a in attempts)
            if durations:
                print(f"  latency: median {durations[len(durations) // 2] * 1000:.0f} ms, p99 "
                      f"{durations[int(len(durations) * 0.99)] * 1000:.0f} ms, max {durations[-1] * 1000:.0f} ms")
            print(f"  5xx/connection errors: {len(failures)} {statuses}; {window_text}; outside {len(outside)}")
            print(f"  timeline: " + ", ".join(f"{k} {v:.2f}" for k, v in e.items()))
            print(f"  failover: {failover}; after the promotion {back}")
            figures = (f"{args.clients} clients x {args.duration:.0f} s, {requests_total} requests, {acked_writes} "
                       f"writes acknowledged, 5xx/conn errors {five}/{conn} ({window_text}; outside "
                       f"{len(outside)}); {failover}")
    except (Exception, KeyboardInterrupt) as exc:
        steps.failed.append(f"aborted: {type(exc).__name__}: {exc}")
        print(f"  FAIL  aborted: {type(exc).__name__}: {exc}")
        traceback.print_exc(file=sys.stdout)
    finally:
        signal.alarm(0)
        stop.set()
        monitor_stop.set()
        try:
            cluster.stop_all()
        except Exception as exc:
            print(f"  cleanup: {type(exc).__name__}: {exc}")
        with open(os.path.join(args.out, "requests.tsv"), "w", encoding="utf-8") as handle:
            handle.write("client\top\tmethod\tname\tstart\tend\tstatus\terror\trequest_id\tnode\n")
            for a in sorted(list(attempts), key=lambda a: a.start):
                handle.write(f"{a.client}\t{a.op}\t{a.method}\t{a.name}\t{a.start:.3f}\t{a.end:.3f}\t{a.status}\t"
                             f"{a.error}\t{a.request_id}\t{a.node}\n")
        with open(os.path.join(args.out, "timeline.txt"), "w", encoding="utf-8") as handle:
            for k, v in timeline.events.items():
                handle.write(f"{v:.3f}\t{k}\n")
            for t, s, st in timeline.states:
                handle.write(f"{t:.3f}\thaproxy {s} {st}\n")
        if args.keep:
            print(f"  kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    status = steps.finish()
    print(f"scale-out: {'PASS' if status == 0 else 'FAIL'} {figures}")
    return status


if __name__ == "__main__":
    sys.exit(main())
