"""Start and stop the servers under test on 127.0.0.1, each with a fresh data folder, and measure their footprint.

Almanac runs its release binary (user created with `almanac user add`), Radicale 3.9 and Xandikos 0.4 run from the
venv's Python. Every started process is stopped by `stop()`, by the context manager and, should the driver die
between the two, by an atexit hook; nothing is ever stopped by name.
"""

from __future__ import annotations

import atexit
import os
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


def _stop_all() -> None:
    for process in list(_running):
        _terminate(process)


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
        return disk_bytes(self.data)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        _terminate(self.process)

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


def start_almanac(binary: Path, workdir: Path) -> Server:
    data = workdir / "almanac-data"
    data.mkdir(parents=True)
    log = workdir / "almanac.log"
    create_almanac_user(binary, data, log)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = _spawn([str(binary), "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(data)], log,
                     env={"ALMANAC_LOG_LEVEL": "warning"})
    _wait_ready(process, base, "/health", log)
    return Server("almanac", base, data, (USER, PASSWORD), f"/calendars/{USER}/calendar/",
                  f"/calendars/{USER}/bulk1/", process, log)


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


def start(kind: str, workdir: Path, almanac: Path | None, python: str = sys.executable) -> Server:
    if kind == "almanac":
        if almanac is None:
            raise ValueError("--almanac BINARY is required to benchmark Almanac")
        return start_almanac(almanac, workdir)
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
