#!/usr/bin/env python3
"""Durability across kill -9: an acknowledged write survives the abrupt death of the server.

Phase "write" (server running, its pid given): PUT A and B and read them back; then overwrite A (If-Match), DELETE B,
PUT C, and send SIGKILL to the server the moment C's 201 arrives. What was acknowledged is saved to --state.
Phase "verify" (the caller restarted the server on the same data folder): A holds the overwrite with the ETag its PUT
answered, B is gone, C is there with the bytes that were sent and the ETag its PUT answered.

With --exact-bytes (a server that stores what the client sent, like Almanac) the bytes must match exactly; without it
(Radicale re-serialises) the UID, SUMMARY and DTSTART lines must.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import uuid

from dav_http import DavHTTP
from steps import Steps


def event(uid: str, summary: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Almanac conformance//durability//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260704T120000Z\r\n"
        f"DURATION:PT1H\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def key_lines(ics: str) -> list[str]:
    wanted = ("UID:", "SUMMARY:", "DTSTART")
    return sorted(line for line in ics.replace("\r\n", "\n").split("\n") if line.startswith(wanted))


def write_phase(args, http: DavHTTP, steps: Steps) -> None:
    cal = args.calendar
    run = uuid.uuid4().hex[:8]
    a, b, c = (f"{cal}durable-{name}-{run}.ics" for name in ("a", "b", "c"))
    state: dict = {"a": {"path": a}, "b": {"path": b}, "c": {"path": c}}
    with steps.stage("writes acknowledged before the kill"):
        if not http.exists(cal):
            steps.check("MKCALENDAR 201", http.mkcalendar(cal, "durability").status_code == 201)
        for name, path in (("a", a), ("b", b)):
            response = http.put(path, event(f"durable-{name}-{run}", f"first {name}"), If_None_Match="*")
            steps.check(f"PUT {name} 201", response.status_code == 201, (response.status_code, response.text[:300]))
            steps.check(f"GET {name} 200", http.get(path).status_code == 200)
        etag_a = http.get(a).headers.get("ETag")
        body_a = event(f"durable-a-{run}", "second a")
        response = http.put(a, body_a, If_Match=etag_a or "*")
        steps.check("overwrite A with If-Match: 204 or 200", response.status_code in (200, 204), response.status_code)
        state["a"].update(body=body_a, etag=response.headers.get("ETag"))
        response = http.delete(b)
        steps.check("DELETE B: 204 or 200", response.status_code in (200, 204), response.status_code)
        body_c = event(f"durable-c-{run}", "third c")
        response = http.put(c, body_c, If_None_Match="*")
        if response.status_code == 201:
            os.kill(args.pid, signal.SIGKILL)  # right after the acknowledgement: nothing else may run first
        steps.check("PUT C 201 (then kill -9)", response.status_code == 201, (response.status_code, response.text[:300]))
        state["c"].update(body=body_c, etag=response.headers.get("ETag"))
        steps.check("PUT answers an ETag for the overwrite and the new object",
                    bool(state["a"]["etag"]) and bool(state["c"]["etag"]), (state["a"]["etag"], state["c"]["etag"]))
    with open(args.state, "w", encoding="utf-8") as handle:
        json.dump(state, handle, indent=2)


def verify_phase(args, http: DavHTTP, steps: Steps) -> None:
    with open(args.state, encoding="utf-8") as handle:
        state = json.load(handle)
    with steps.stage("state after kill -9 and restart"):
        for name in ("a", "c"):
            entry = state[name]
            response = http.get(entry["path"])
            steps.check(f"GET {name.upper()} 200", response.status_code == 200, response.status_code)
            got = response.content.decode("utf-8", "replace")
            if args.exact_bytes:
                steps.check(f"{name.upper()}: same bytes", response.content == entry["body"].encode("utf-8"),
                            {"sent": entry["body"], "got": got})
            else:
                steps.check(f"{name.upper()}: same content", key_lines(got) == key_lines(entry["body"]),
                            {"sent": key_lines(entry["body"]), "got": key_lines(got)})
            if entry.get("etag"):
                steps.check(f"{name.upper()}: same ETag", response.headers.get("ETag") == entry["etag"],
                            (entry["etag"], response.headers.get("ETag")))
        response = http.get(state["b"]["path"])
        steps.check("B stays deleted (404)", response.status_code == 404, response.status_code)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("phase", choices=("write", "verify"))
    parser.add_argument("--url", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--calendar", required=True, help="calendar collection path, created if missing")
    parser.add_argument("--state", required=True, help="JSON file passed from the write to the verify phase")
    parser.add_argument("--pid", type=int, help="server process to SIGKILL after the last acknowledged write")
    parser.add_argument("--exact-bytes", action="store_true")
    args = parser.parse_args()
    if not args.calendar.endswith("/"):
        args.calendar += "/"
    http = DavHTTP(args.url, args.username, args.password)
    steps = Steps(f"durability-{args.phase}")
    if args.phase == "write":
        if not args.pid:
            parser.error("write needs --pid")
        write_phase(args, http, steps)
    else:
        verify_phase(args, http, steps)
    return steps.finish()


if __name__ == "__main__":
    sys.exit(main())
