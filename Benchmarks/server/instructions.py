#!/usr/bin/env python3
"""Instructions Almanac executes per request, scenario by scenario, counted by valgrind's callgrind.

Wall-clock figures on a shared 2-core machine move with whatever else runs; instruction counts do not (the same
binary, data and requests give the same count), so they prove a speed-up and show where the time goes. The data is
the benchmark's own (generate.py, any size and density), loaded with `almanac import`. Each scenario's request runs
in process through the DAV layer, the engine and the SQLite store (`dav-instructions`, without the HTTP server,
whose cost per request does not grow with the answer) once with R requests and once with none, each after one
warm-up; the difference divided by R is the figure, so start-up and loading never count.

    swift build -c release --product almanac --product dav-instructions
    python instructions.py --bin .build/release --size 10000 --density dense --requests 5

Prints one line per scenario; --keep DIR leaves the callgrind files for callgrind_annotate. Needs valgrind.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import dav
import expect
import generate
import servers

SCENARIOS = ["month", "expand", "multiget", "propfind", "sync", "get"]


def totals(dump: Path) -> int:
    """The `totals:` (or `summary:`) line of a callgrind file: the instructions (Ir) it recorded."""
    for line in dump.read_text(errors="replace").splitlines():
        if line.startswith(("totals:", "summary:")):
            return int(line.split()[1])
    raise RuntimeError(f"no totals in {dump}")


def counted(binary: Path, data: Path, request: dict, requests: int, out: Path) -> int:
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", str(binary), "--data", str(data),
               "--user", servers.USER, "--requests", str(requests)]
    for key, value in request.items():
        command += [f"--{key}", str(value)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr[-1500:]}")
    return totals(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", type=Path, required=True, help="folder with the release almanac and dav-instructions")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--density", default="dense", choices=sorted(generate.DENSITIES))
    parser.add_argument("--requests", type=int, default=5, help="requests counted per scenario")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--keep", type=Path, help="folder to keep the callgrind files in")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        print("instructions.py needs valgrind", file=sys.stderr)
        return 2
    almanac, probe = (args.bin / "almanac").resolve(), (args.bin / "dav-instructions").resolve()
    resources = generate.load(args.size, args.density)
    exp = expect.load(args.size, args.density)
    with tempfile.TemporaryDirectory(prefix="almanac-callgrind-") as scratch:
        work = Path(scratch)
        data = work / "data"
        data.mkdir()
        servers.create_almanac_user(almanac, data, work / "setup.log")
        subprocess.run([str(almanac), "import", str(generate.data_dir(args.size, args.density) / "calendar.ics"),
                        "--user", servers.USER, "--calendar", "bench", "--data", str(data)],
                       check=True, capture_output=True, timeout=1800)
        keep = args.keep or work
        keep.mkdir(parents=True, exist_ok=True)
        # valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes; the symbol table is enough for it.
        stripped = work / "dav-instructions"
        subprocess.run(["strip", "--strip-debug", "-o", str(stripped), str(probe)], check=True, timeout=120)
        probe = stripped
        calendar = f"/calendars/{servers.USER}/bench/"
        rng = random.Random("almanac-instructions")
        # `almanac import` names each object by its UID (CalendarImporter.resourceName: the UID is URL-safe here).
        hrefs = sorted(f"{calendar}{r.uid}.ics" for r in resources)
        bodies = {
            "month": dav.time_range_query(*exp["month"], expand=False),
            "expand": dav.time_range_query(*exp["month"], expand=True),
            "multiget": dav.multiget(rng.sample(hrefs, 100)),
            "propfind": dav.propfind_getetag(),
            "sync": dav.sync_collection(""),
        }
        requests = {
            "month": {"method": "REPORT", "path": calendar, "depth": "1"},
            "expand": {"method": "REPORT", "path": calendar, "depth": "1"},
            "multiget": {"method": "REPORT", "path": calendar, "depth": "1"},
            "propfind": {"method": "PROPFIND", "path": calendar, "depth": "1"},
            "sync": {"method": "REPORT", "path": calendar, "depth": "0"},
            "get": {"method": "GET", "path": rng.choice(hrefs)},
        }
        # Once without valgrind first, so a schema migration the import's binary did not make is not counted.
        subprocess.run([str(probe), "--data", str(data), "--user", servers.USER, "--requests", "0",
                        *[arg for key, value in requests["get"].items() for arg in (f"--{key}", str(value))]],
                       check=True, capture_output=True, timeout=600)
        print(f"N={args.size:,} ({args.density}), {args.requests} requests a scenario, instructions per request:")
        for name in [s for s in args.scenarios.split(",") if s]:
            request = dict(requests[name])
            if name in bodies:
                body = work / f"{name}.xml"
                body.write_text(bodies[name], encoding="utf-8")
                request["body"] = body
            base = counted(probe, data, request, 0, keep / f"callgrind.{name}.0")
            total = counted(probe, data, request, args.requests, keep / f"callgrind.{name}.{args.requests}")
            print(f"  {name:9} {(total - base) / args.requests:>14,.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
