#!/usr/bin/env python3
"""vdirsyncer two-way sync between a local folder (filesystem storage) and one calendar on a live server.

Usage: vdirsyncer_check.py --url http://127.0.0.1:PORT/ --username U --password P --calendar /calendars/U/calendar/
       --workdir DIR        (vdirsyncer runs as `python -m vdirsyncer` with this script's interpreter)

The calendar is created with MKCALENDAR if it does not exist. vdirsyncer discovers it from the bare server URL
(collections = ["from b"]). Scenario: two local events and one server event (HTTP PUT) sync both ways; then one event is
changed on each side, then one deleted on each side, then the same event is changed on both sides (conflict, "b wins").
After each sync the state of both sides is asserted; a last sync must change nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import uuid
from pathlib import Path

from dav_http import DavHTTP
from steps import Steps


def event(uid: str, summary: str, day: int) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Almanac conformance//vdirsyncer//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART:202605{day:02d}T100000Z\r\nDTEND:202605{day:02d}T110000Z\r\nSUMMARY:{summary}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def summary_of(ics: str) -> str:
    for line in ics.replace("\r\n", "\n").split("\n"):
        if line.startswith("SUMMARY:"):
            return line[len("SUMMARY:"):]
    return ""


def uid_of(ics: str) -> str:
    for line in ics.replace("\r\n", "\n").split("\n"):
        if line.startswith("UID:"):
            return line[len("UID:"):]
    return ""


class Scenario:
    def __init__(self, args, steps: Steps) -> None:
        self.args = args
        self.steps = steps
        self.http = DavHTTP(args.url, args.username, args.password)
        self.work = Path(args.workdir)
        self.calendar = args.calendar if args.calendar.endswith("/") else args.calendar + "/"
        self.collection = self.calendar.rstrip("/").rsplit("/", 1)[-1]
        self.local = self.work / "local" / self.collection
        self.config = self.work / "config"
        self.sync_runs = 0

    def write_config(self) -> None:
        (self.work / "status").mkdir(parents=True, exist_ok=True)
        (self.work / "local").mkdir(parents=True, exist_ok=True)
        # Values are TOML-ish strings in vdirsyncer's INI dialect; json-style quoting keeps them literal.
        self.config.write_text(f"""[general]
status_path = "{self.work / 'status'}/"

[pair conformance]
a = "conformance_local"
b = "conformance_remote"
collections = ["from b"]
conflict_resolution = "b wins"

[storage conformance_local]
type = "filesystem"
path = "{self.work / 'local'}/"
fileext = ".ics"

[storage conformance_remote]
type = "caldav"
url = "{self.args.url}"
username = "{self.args.username}"
password = "{self.args.password}"
""")

    def vdirsyncer(self, *command: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "VDIRSYNCER_CONFIG": str(self.config)}
        result = subprocess.run([sys.executable, "-m", "vdirsyncer", "--verbosity", "INFO", *command], env=env, input="y\n" * 20,
                                capture_output=True, text=True, timeout=120)
        log = self.work / f"vdirsyncer-{self.sync_runs:02d}-{command[0]}.log"
        self.sync_runs += 1
        log.write_text(result.stdout + result.stderr)
        print(f"  $ vdirsyncer {' '.join(command)} -> {result.returncode} ({log.name})")
        if result.returncode != 0:
            print("    " + (result.stdout + result.stderr).strip().replace("\n", "\n    ")[-3000:])
        return result

    def sync(self, label: str) -> bool:
        return self.steps.check(f"{label}: vdirsyncer sync exits 0", self.vdirsyncer("sync").returncode == 0)

    def local_state(self) -> dict[str, str]:
        """UID -> SUMMARY of every local file."""
        if not self.local.is_dir():
            return {}
        out = {}
        for file in sorted(self.local.glob("*.ics")):
            text = file.read_text(encoding="utf-8")
            out[uid_of(text)] = summary_of(text)
        return out

    def local_file(self, uid: str) -> Path | None:
        for file in self.local.glob("*.ics"):
            if uid_of(file.read_text(encoding="utf-8")) == uid:
                return file
        return None

    def server_state(self) -> dict[str, str]:
        """UID -> SUMMARY of every object in the calendar, read with PROPFIND + GET."""
        out = {}
        for href in self.http.members(self.calendar):
            response = self.http.get(href)
            if response.status_code == 200:
                out[uid_of(response.text)] = summary_of(response.text)
            else:
                out[href] = f"GET {response.status_code}"
        return out

    def server_href(self, uid: str) -> tuple[str, str] | None:
        for href, etag in self.http.members(self.calendar).items():
            if uid_of(self.http.get(href).text) == uid:
                return href, etag
        return None

    def both(self, label: str, expected: dict[str, str]) -> None:
        local, server = self.local_state(), self.server_state()
        self.steps.check(f"{label}: local folder", local == expected, {"expected": expected, "local": local})
        self.steps.check(f"{label}: server calendar", server == expected, {"expected": expected, "server": server})

    def run(self) -> None:
        steps = self.steps
        run = uuid.uuid4().hex[:8]
        l1, l2, s1, s2 = (f"vds-{name}-{run}" for name in ("local1", "local2", "server1", "server2"))

        with steps.stage("prepare the calendar and the vdirsyncer config"):
            if not self.http.exists(self.calendar):
                response = self.http.mkcalendar(self.calendar, "vdirsyncer conformance")
                steps.check("MKCALENDAR 201", response.status_code == 201, response.status_code)
            steps.check("calendar starts empty", self.http.members(self.calendar) == {},
                        self.http.members(self.calendar))
            self.write_config()
            discover = self.vdirsyncer("discover")
            steps.check("vdirsyncer discover exits 0", discover.returncode == 0)
            steps.check("discover finds the calendar", self.collection in (discover.stdout + discover.stderr),
                        (discover.stdout + discover.stderr)[-600:])
            steps.check("local collection folder created", self.local.is_dir(), list(self.work.rglob("*")))

        with steps.stage("first sync: local events up, a server event down"):
            self.local.mkdir(parents=True, exist_ok=True)
            (self.local / f"{l1}.ics").write_text(event(l1, "Local one", 4), encoding="utf-8")
            (self.local / f"{l2}.ics").write_text(event(l2, "Local two", 5), encoding="utf-8")
            for uid, name, day in ((s1, "Server one", 6), (s2, "Server two", 7)):
                response = self.http.put(f"{self.calendar}{uid}.ics", event(uid, name, day), If_None_Match="*")
                steps.check(f"PUT {name} 201", response.status_code == 201, (response.status_code, response.text[:300]))
            self.sync("first sync")
            self.both("after first sync", {l1: "Local one", l2: "Local two", s1: "Server one", s2: "Server two"})

        with steps.stage("change on each side"):
            (self.local_file(l1) or self.local / "missing").write_text(event(l1, "Local one (edited)", 4),
                                                                      encoding="utf-8")
            href, etag = self.server_href(s1)
            response = self.http.put(href, event(s1, "Server one (edited)", 6), If_Match=etag)
            steps.check("server edit with If-Match answers 204 or 200", response.status_code in (200, 204),
                        (response.status_code, response.text[:300]))
            self.sync("sync after edits")
            self.both("after edits", {l1: "Local one (edited)", l2: "Local two", s1: "Server one (edited)",
                                      s2: "Server two"})

        with steps.stage("delete on each side"):
            file = self.local_file(l2)
            steps.check("local copy of the second local event exists", file is not None)
            if file:
                file.unlink()
            href, etag = self.server_href(s2)
            response = self.http.delete(href, If_Match=etag)
            steps.check("server DELETE with If-Match answers 204 or 200", response.status_code in (200, 204),
                        (response.status_code, response.text[:300]))
            self.sync("sync after deletions")
            self.both("after deletions", {l1: "Local one (edited)", s1: "Server one (edited)"})

        with steps.stage("conflict: the same event changed on both sides (b = server wins)"):
            (self.local_file(s1) or self.local / "missing").write_text(event(s1, "Conflict local", 6), encoding="utf-8")
            href, etag = self.server_href(s1)
            response = self.http.put(href, event(s1, "Conflict server", 6), If_Match=etag)
            steps.check("server edit answers 204 or 200", response.status_code in (200, 204), response.status_code)
            self.sync("sync with a conflict")
            self.both("after the conflict", {l1: "Local one (edited)", s1: "Conflict server"})

        with steps.stage("a further sync changes nothing"):
            before = self.http.members(self.calendar)
            result = self.vdirsyncer("sync")
            steps.check("idle sync exits 0", result.returncode == 0)
            chatter = [line for line in (result.stdout + result.stderr).splitlines()
                       if any(word in line for word in ("Copying", "Updating", "Deleting"))]
            steps.check("idle sync copies, updates and deletes nothing", chatter == [], chatter)
            steps.check("server ETags unchanged by the idle sync", self.http.members(self.calendar) == before)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--calendar", required=True, help="path of the calendar collection to sync")
    parser.add_argument("--workdir", required=True, help="empty folder for the config, status and local files")
    args = parser.parse_args()
    steps = Steps("vdirsyncer")
    Scenario(args, steps).run()
    return steps.finish()


if __name__ == "__main__":
    sys.exit(main())
