"""Start and stop the servers under test on 127.0.0.1, each with a fresh data folder, and measure their footprint.

Almanac runs its release binary (user created with `almanac user add`), Radicale 3.9 and Xandikos 0.4 run from the
venv's Python. `almanac-pg` is the same binary on a PostgreSQL store: its data folder's almanac.conf says
`store = <URL>&search_path=<schema>,public` with a schema created for it alone (`psql`), dropped when it stops.
Every started process is stopped by `stop()`, by the context manager and, should the driver die between the two,
by an atexit hook (which also drops schemas still there); nothing is ever stopped by name.
"""

from __future__ import annotations

import atexit
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import dav
from client import Client

USER = "bench"
PASSWORD = "bench-password-1"
READY_SECONDS = 60

_running: list[subprocess.Popen] = []
_schemas: list[tuple[str, str]] = []  # (PostgreSQL URL, schema) created and not yet dropped


def _stop_all() -> None:
    for process in list(_running):
        _terminate(process)
    for url, schema in list(_schemas):
        drop_schema(url, schema)


atexit.register(_stop_all)


def _terminate(process: subprocess.Popen) -> None:
    """SIGTERM, up to 10 s of grace, then SIGKILL; always reaped."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    if process in _running:
        _running.remove(process)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> list[int]:
    """pid and every process below it (a server may fork workers), from /proc/<pid>/task/*/children."""
    found, queue = [], [pid]
    while queue and len(found) < 1000:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                queue.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return found


def proc_status_kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (fields 14 and 15 of /proc/<pid>/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def disk_bytes(folder: Path) -> int:
    """Allocated size of everything under the folder (st_blocks, so sparse and preallocated files count as stored)."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                continue
    return total


# PostgreSQL: a schema per server (or import), made and dropped with psql.

ALMANAC_ONLY_PARAMETERS = {"search_path", "schema", "pool_max_conns", "max_connections"}


def libpq_url(url: str) -> str:
    """The store URL as psql takes it: without the parameters only Almanac reads (libpq refuses unknown ones)."""
    base, _, query = url.partition("?")
    kept = [pair for pair in query.split("&") if pair and pair.split("=", 1)[0] not in ALMANAC_ONLY_PARAMETERS]
    return base + ("?" + "&".join(kept) if kept else "")


def psql(url: str, sql: str, timeout: float = 120) -> str:
    done = subprocess.run(["psql", libpq_url(url), "-X", "-qtA", "-v", "ON_ERROR_STOP=1", "-c", sql],
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"psql: {sql[:80]}: {done.stderr.strip()[:500]}")
    return done.stdout.strip()


def create_schema(url: str, label: str) -> str:
    """A new, empty schema with a name of its own (label, pid and a random part), remembered until dropped."""
    schema = re.sub(r"[^a-z0-9_]", "_", f"bench_{label}_{os.getpid()}_{secrets.token_hex(3)}".lower())
    psql(url, f"SET client_min_messages = warning; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
    _schemas.append((url, schema))
    return schema


def drop_schema(url: str, schema: str) -> None:
    try:
        psql(url, f"SET client_min_messages = warning; DROP SCHEMA IF EXISTS {schema} CASCADE", timeout=300)
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        print(f"could not drop schema {schema}: {error}", file=sys.stderr)
    if (url, schema) in _schemas:
        _schemas.remove((url, schema))


def store_url(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}search_path={schema},public"


def write_store_conf(data: Path, url: str, schema: str) -> None:
    """almanac.conf in the data folder: the store is the schema (pg_trgm's operator classes are found in public)."""
    (data / "almanac.conf").write_text(f"store = {store_url(url, schema)}\n")


def schema_bytes(url: str, schema: str) -> int:
    """Size of the schema's tables with their indexes and TOAST (pg_total_relation_size)."""
    return int(psql(url, "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace "
                         f"WHERE n.nspname = '{schema}' AND c.relkind IN ('r', 'm')") or 0)


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def backend_pids(url: str, pids: list[int]) -> list[int]:
    """PostgreSQL backends serving the given processes: their TCP sockets' local ports matched with
    pg_stat_activity.client_port (the role sees its own sessions)."""
    inodes = set().union(*(_socket_inodes(pid) for pid in pids)) if pids else set()
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[9] in inodes:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    if not ports:
        return []
    rows = psql(url, "SELECT pid FROM pg_stat_activity WHERE client_port IN (" + ",".join(map(str, sorted(ports))) + ")")
    return [int(row) for row in rows.split() if row.strip().isdigit()]


@dataclass
class Server:
    """A started server: where it listens, how its URLs are laid out, and its process."""
    kind: str
    base: str
    data: Path
    auth: tuple[str, str] | None
    calendar: str        # path of the calendar the full data set goes into
    bulk_calendar: str   # path of the calendar created for the single-client PUT run
    process: subprocess.Popen
    log: Path
    extra: dict = field(default_factory=dict)

    def client(self, timeout: float = 300) -> Client:
        return Client(self.base, self.auth, timeout)

    def rss_bytes(self) -> int:
        return sum(proc_status_kib(pid, "VmRSS") for pid in descendants(self.process.pid)) * 1024

    def cpu_seconds(self) -> float:
        return sum(cpu_seconds(pid) for pid in descendants(self.process.pid))

    def disk_bytes(self) -> int:
        if "schema" in self.extra:
            return disk_bytes(self.data) + schema_bytes(self.extra["postgres"], self.extra["schema"])
        return disk_bytes(self.data)

    def backends(self) -> list[int]:
        """The PostgreSQL backends of an almanac-pg server (empty for other servers)."""
        if "schema" not in self.extra:
            return []
        try:
            return backend_pids(self.extra["postgres"], descendants(self.process.pid))
        except (RuntimeError, OSError, subprocess.SubprocessError):
            return []

    def backend_cpu_seconds(self, pids: list[int]) -> float:
        return sum(cpu_seconds(pid) for pid in pids)

    def backend_rss_bytes(self, pids: list[int]) -> int:
        """VmRSS of the backends; it counts the shared buffers each one has touched, so it overstates the sum."""
        return sum(proc_status_kib(pid, "VmRSS") for pid in pids) * 1024

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        _terminate(self.process)
        if "schema" in self.extra and (self.extra["postgres"], self.extra["schema"]) in _schemas:
            drop_schema(self.extra["postgres"], self.extra["schema"])

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *_) -> None:
        self.stop()


def _spawn(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    with open(log, "ab") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env={**os.environ, **(env or {})})
    _running.append(process)
    return process


def _wait_ready(process: subprocess.Popen, base: str, path: str, log: Path) -> None:
    """Polls until the server answers anything below 500 on `path` (bounded by READY_SECONDS)."""
    deadline = time.monotonic() + READY_SECONDS
    probe = Client(base, None, timeout=5)
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode} before it was ready; log: {log}")
            try:
                if probe.request("GET", path).status < 500:
                    return
            except OSError:
                probe.close()
            time.sleep(0.2)
    finally:
        probe.close()
    _terminate(process)
    raise RuntimeError(f"server not ready within {READY_SECONDS} s; log: {log}")


def create_almanac_user(binary: Path, data: Path, log: Path) -> None:
    with open(log, "ab") as sink:
        subprocess.run([str(binary), "user", "add", USER, "--password", PASSWORD, "--data", str(data)],
                       stdout=sink, stderr=subprocess.STDOUT, check=True, timeout=120)


def start_almanac(binary: Path, workdir: Path, postgres: str | None = None, label: str = "") -> Server:
    """Almanac on SQLite in the data folder, or with `postgres` (a URL) on a fresh schema of that database."""
    kind = "almanac-pg" if postgres else "almanac"
    data = workdir / f"{kind}-data"
    data.mkdir(parents=True)
    log = workdir / f"{kind}.log"
    extra = {}
    if postgres:
        schema = create_schema(postgres, label or "server")
        extra = {"postgres": postgres, "schema": schema}
        write_store_conf(data, postgres, schema)
    try:
        create_almanac_user(binary, data, log)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        process = _spawn([str(binary), "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data)], log,
                         env={"ALMANAC_LOG_LEVEL": "warning"})
        _wait_ready(process, base, "/health", log)
    except BaseException:
        if postgres:
            drop_schema(postgres, extra["schema"])
        raise
    return Server(kind, base, data, (USER, PASSWORD), f"/calendars/{USER}/calendar/",
                  f"/calendars/{USER}/bulk1/", process, log, extra)


def start_radicale(python: str, workdir: Path) -> Server:
    data = workdir / "radicale-data"
    data.mkdir(parents=True)
    log = workdir / "radicale.log"
    port = free_port()
    (data / "users").write_text(f"{USER}:{PASSWORD}\n")
    (data / "config").write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {data / 'users'}\nhtpasswd_encryption = plain\n"
        f"[storage]\nfilesystem_folder = {data / 'collections'}\n"
        "[logging]\nlevel = warning\n")
    base = f"http://127.0.0.1:{port}"
    process = _spawn([python, "-m", "radicale", "--config", str(data / "config")], log)
    _wait_ready(process, base, "/", log)
    return Server("radicale", base, data, (USER, PASSWORD), f"/{USER}/main/", f"/{USER}/bulk1/", process, log)


def start_xandikos(python: str, workdir: Path) -> Server:
    # Xandikos has no authentication of its own: one principal /user/ with a default calendar.
    data = workdir / "xandikos-data"
    data.mkdir(parents=True)
    log = workdir / "xandikos.log"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = _spawn([python, "-m", "xandikos", "serve", "--defaults", "-d", str(data / "store"),
                      "-l", "127.0.0.1", "-p", str(port)], log)
    _wait_ready(process, base, "/", log)
    return Server("xandikos", base, data, None, "/user/calendars/calendar/", "/user/calendars/bulk1/", process, log)


def start(kind: str, workdir: Path, almanac: Path | None, python: str = sys.executable,
          postgres: str | None = None, label: str = "") -> Server:
    """Starts `kind` (almanac, almanac-pg, radicale, xandikos); almanac-pg needs `postgres`, a store URL without a
    search_path (each server gets a schema of its own, named after `label`)."""
    if kind in ("almanac", "almanac-pg"):
        if almanac is None:
            raise ValueError("--almanac BINARY is required to benchmark Almanac")
        if kind == "almanac-pg" and not postgres:
            raise ValueError("almanac-pg needs --postgres URL")
        return start_almanac(almanac, workdir, postgres if kind == "almanac-pg" else None, label)
    if kind == "radicale":
        return start_radicale(python, workdir)
    if kind == "xandikos":
        return start_xandikos(python, workdir)
    raise ValueError(f"unknown server {kind}")


def create_calendar(server: Server, path: str) -> None:
    client = server.client()
    try:
        if server.kind == "radicale":  # Radicale creates the principal collection on first access
            client.request("PROPFIND", f"/{USER}/", dav.propfind_getetag(), {**dav.XML_HEADERS, "Depth": "0"})
        reply = client.request("MKCALENDAR", path, dav.mkcalendar(path.strip("/").split("/")[-1]), dav.XML_HEADERS)
        if reply.status != 201:
            raise RuntimeError(f"MKCALENDAR {path} on {server.kind}: {reply.status} {reply.body[:300]!r}")
    finally:
        client.close()


def prepare_calendars(server: Server, bulk: bool) -> None:
    """The main calendar (Almanac's user and Xandikos' --defaults come with one) and, if asked, the bulk one."""
    if server.kind == "radicale":
        create_calendar(server, server.calendar)
    if bulk:
        create_calendar(server, server.bulk_calendar)
