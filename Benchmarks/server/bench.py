"""Server benchmark of issue #4: the same generated calendar loaded into Almanac, Radicale and Xandikos, the same
CalDAV requests timed on each, every answer checked against an independent expectation (expect.py).

    .venv/bin/python Benchmarks/server/bench.py --sizes 1000 --almanac .build/release/almanac
    .venv/bin/python Benchmarks/server/bench.py --sizes 1000,10000,100000 --almanac .build/release/almanac
    .venv/bin/python Benchmarks/server/bench.py --sizes 10000 --density dense --servers almanac,almanac-pg \
        --postgres 'postgres://almanac@127.0.0.1:55432/almanac?sslmode=disable' --almanac .build/release/almanac

`--postgres URL` adds `almanac-pg`: the same binary on a PostgreSQL store, in a schema created for each size (and
for its import) and dropped afterwards, with the same data, scenarios and checks as `almanac` on SQLite.

Exit status 1 when Almanac (on either store) answered any scenario wrongly or failed (a peer's wrong answer is only
marked in the table). Results: printed and written to Benchmarks/out/server-results.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checks
import expect
import generate
import servers
import writers
from report import ServerResult, table
from scenarios import Budget, Scenarios
from stats import Outcome

OUT = Path(__file__).resolve().parent.parent / "out"


def megabytes(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB"


def bulk_outcome(result: writers.BulkResult, total: int) -> Outcome:
    """Rate and latency of a bulk PUT run; refused PUTs are errors, an unfinished run is 'did not finish'."""
    outcome = Outcome(client_ms=[r.seconds * 1000 for r in result.records],
                      server_ms=[r.server_ms for r in result.records if r.server_ms is not None],
                      rate=result.rate())
    refused = [r for r in result.records if not 200 <= r.status < 300]
    if refused:
        outcome.fail("error", f"{len(refused)} PUTs refused, e.g. {refused[0].href}: {refused[0].status}")
    if not result.finished:
        outcome.fail("did not finish", f"{len(result.acknowledged):,} of {total:,} in {result.wall_seconds:.0f} s")
    outcome.note = outcome.note or (f"{len(result.acknowledged):,} events in {result.wall_seconds:.1f} s, client CPU "
                                    f"{result.client_cpu_seconds:.1f} s")
    return outcome


def run_server(kind: str, n: int, resources: list[generate.Resource], exp: dict, args, workdir: Path) -> ServerResult:
    """Starts one server, loads the data, runs every scenario, stops it."""
    result = ServerResult(kind)
    with servers.start(kind, workdir, args.almanac, args.python, args.postgres, f"{kind}_{n}") as server:
        servers.prepare_calendars(server, bulk=True)

        single = resources[: min(n, args.single_puts)]
        print(f"  {kind}: PUT {len(single):,} with 1 client", flush=True)
        bulk = writers.put_all(server.base, server.auth,
                               [(f"{server.bulk_calendar}{r.name}.ics", r.ics) for r in single], 1, args.load_budget)
        result.outcomes["put1"] = bulk_outcome(bulk, len(single))

        print(f"  {kind}: PUT {n:,} with {args.clients} clients", flush=True)
        state = checks.State(server.calendar)
        items = [(state.href(r.name), r.ics) for r in resources]
        cpu_before = server.cpu_seconds()
        backends_before = {pid: servers.cpu_seconds(pid) for pid in server.backends()}
        load = writers.put_all(server.base, server.auth, items, args.clients, args.load_budget)
        result.outcomes["put8"] = bulk_outcome(load, n)
        result.facts["server CPU during load"] = f"{server.cpu_seconds() - cpu_before:.1f} s of {load.wall_seconds:.1f} s"
        if "schema" in server.extra:
            backends = server.backends()
            backend_cpu = sum(servers.cpu_seconds(pid) - backends_before.get(pid, 0.0) for pid in backends)
            result.facts["PostgreSQL backends"] = (f"{len(backends)}, CPU during load {backend_cpu:.1f} s, RSS "
                                                   f"{megabytes(server.backend_rss_bytes(backends))} (shared buffers "
                                                   f"counted in each)")
        result.facts["RSS after load"] = megabytes(server.rss_bytes())
        result.facts["disk"] = megabytes(server.disk_bytes())
        if result.outcomes["put8"].status != "ok":
            result.facts["scenarios"] = "skipped: the data set did not load"
            return result

        by_href = {state.href(r.name): r for r in resources}
        for record in load.acknowledged:
            state.add(by_href[record.href].name, by_href[record.href].uid, record.etag)
        quiet = set(exp["month_uids_may"]) | set(exp["search_uids"]) | set(exp["api_search_uids"])
        client = server.client(timeout=args.request_timeout)
        try:
            suite = Scenarios(client, server.calendar, state, {h: r.ics for h, r in by_href.items()}, exp,
                              Budget(args.iterations, args.scenario_budget), seed=f"scenarios/{n}")
            plan = [("propfind", suite.propfind), ("sync_initial", suite.sync_initial),
                    ("month", lambda: suite.month(expand=False)), ("month_expand", lambda: suite.month(expand=True)),
                    ("multiget", suite.multiget), ("get", suite.get), ("free_busy", suite.free_busy),
                    ("search", suite.search), ("put_if_match", suite.put_if_match),
                    ("sync_delta", lambda: suite.sync_delta(quiet))]
            if kind.startswith("almanac"):
                # The JSON API's month view and search, before the writes so they read the loaded data.
                plan[4:4] = [("api_month", suite.api_month), ("api_search", suite.api_search)]
            for key, scenario in plan:
                if not server.alive():
                    result.outcomes[key] = Outcome().fail("error", "server exited")
                    continue
                started = time.monotonic()
                result.outcomes[key] = outcome = scenario()
                print(f"  {kind}: {key}: {outcome.status}, {len(outcome.client_ms)} samples in "
                      f"{time.monotonic() - started:.1f} s {outcome.note[:300]}", flush=True)
        finally:
            client.close()
        result.facts["peak RSS"] = megabytes(
            sum(servers.proc_status_kib(pid, "VmHWM") for pid in servers.descendants(server.process.pid)) * 1024)
    return result


def almanac_import(n: int, args, workdir: Path, postgres: str | None = None) -> Outcome:
    """`almanac import` of the whole calendar into a fresh data folder (with `postgres`, a fresh schema): wall time,
    and an error unless it reported every object created."""
    if postgres:
        schema = servers.create_schema(postgres, f"import_{n}")
        try:
            return _almanac_import(n, args, workdir, lambda data: servers.write_store_conf(data, postgres, schema),
                                   lambda data: servers.schema_bytes(postgres, schema))
        finally:
            servers.drop_schema(postgres, schema)
    return _almanac_import(n, args, workdir, lambda data: None, servers.disk_bytes)


def _almanac_import(n: int, args, workdir: Path, configure, stored_bytes) -> Outcome:
    data = workdir / "import-data"
    data.mkdir()
    configure(data)
    log = workdir / "import.log"
    servers.create_almanac_user(args.almanac, data, log)
    started = time.perf_counter()
    try:
        done = subprocess.run([str(args.almanac), "import", str(generate.data_dir(n, args.density) / "calendar.ics"),
                               "--user", servers.USER, "--calendar", "imported", "--data", str(data)],
                              capture_output=True, text=True, timeout=args.load_budget)
    except subprocess.TimeoutExpired:
        return Outcome().fail("did not finish", f"not done in {args.load_budget:.0f} s")
    seconds = time.perf_counter() - started
    summary = (done.stdout.strip().splitlines() or [""])[-1]
    if done.returncode != 0 or not summary.startswith(f"{n} of {n} objects imported ({n} created, 0 replaced), 0 skipped"):
        return Outcome().fail("error", f"exit {done.returncode}: {summary} {done.stderr[-500:]}")
    return Outcome(client_ms=[seconds * 1000], rate=n / seconds,
                   note=f"{seconds:.1f} s ({n / seconds:,.0f} events/s), {megabytes(stored_bytes(data))} on disk")


ALMANACS = ("almanac", "almanac-pg")


def almanac_failures(results: dict[int, list[ServerResult]]) -> list[str]:
    return [f"N={n} {key}: {outcome.status}: {outcome.note}"
            for n, per_server in results.items() for result in per_server if result.server in ALMANACS
            for key, outcome in result.outcomes.items() if outcome.status != "ok"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated N (1000,10000,100000)")
    parser.add_argument("--density", default="standard", choices=sorted(generate.DENSITIES),
                        help="events a year in the data: standard (1,000) or dense (1,750, N >= 2,000)")
    parser.add_argument("--servers", default="almanac,radicale,xandikos",
                        help="which servers, comma-separated: almanac, almanac-pg (needs --postgres), radicale, xandikos")
    parser.add_argument("--almanac", type=Path, help="the almanac release binary")
    parser.add_argument("--postgres", metavar="URL",
                        help="also run almanac-pg, Almanac on this PostgreSQL database (postgres://USER@HOST:PORT/DB"
                             "?sslmode=disable; no search_path: each run gets a schema of its own, dropped at the end)")
    parser.add_argument("--python", default=sys.executable, help="python that runs Radicale and Xandikos")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients of the full load")
    parser.add_argument("--single-puts", type=int, default=1000, help="objects PUT by the single client")
    parser.add_argument("--load-budget", type=float, default=600, help="seconds a server gets to load one size")
    parser.add_argument("--iterations", type=int, default=200, help="most requests per scenario")
    parser.add_argument("--scenario-budget", type=float, default=20, help="seconds per scenario (soft)")
    parser.add_argument("--request-timeout", type=float, default=300, help="seconds one request may take")
    parser.add_argument("--no-import", action="store_true", help="skip the `almanac import` measurement")
    parser.add_argument("--output", type=Path, default=OUT / "server-results.md")
    args = parser.parse_args()
    if args.almanac:
        args.almanac = args.almanac.resolve()
    kinds = [k.strip() for k in args.servers.split(",") if k.strip()]
    if args.postgres and "almanac-pg" not in kinds:
        kinds.append("almanac-pg")
    if "almanac-pg" in kinds and not args.postgres:
        parser.error("almanac-pg needs --postgres URL")
    if args.postgres and "search_path=" in args.postgres:
        parser.error("--postgres: leave out search_path; each almanac-pg run gets a schema of its own")
    args.kinds = kinds
    return args


def main() -> int:
    args = parse_args()
    kinds = args.kinds
    results: dict[int, list[ServerResult]] = {}
    sections = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"N={n:,}: generating and computing expectations", flush=True)
        resources = generate.load(n, args.density)
        exp = expect.load(n, args.density)
        results[n] = []
        for kind in kinds:
            with tempfile.TemporaryDirectory(prefix=f"almanac-bench-{kind}-") as scratch:
                try:
                    result = run_server(kind, n, resources, exp, args, Path(scratch))
                    if kind in ALMANACS and not args.no_import:
                        result.outcomes["import"] = almanac_import(n, args, Path(scratch),
                                                                   args.postgres if kind == "almanac-pg" else None)
                except (RuntimeError, OSError, subprocess.SubprocessError) as error:
                    result = ServerResult(kind, {"put8": Outcome().fail("error", str(error)[:500])})
                results[n].append(result)
        sections.append(table(n, results[n], args.density))
        print("\n" + sections[-1], flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    meta = {"sizes": args.sizes, "density": args.density, "servers": kinds, "clients": args.clients, "iterations": args.iterations}
    if args.postgres:
        meta["postgres"] = servers.libpq_url(args.postgres).split("@")[-1]
    args.output.write_text("# Server benchmark results\n\n" + f"Run: `{json.dumps(meta)}`\n\n" + "\n".join(sections))
    print(f"written {args.output}")
    failures = almanac_failures(results) if set(ALMANACS) & set(kinds) else []
    for failure in failures:
        print(f"ALMANAC FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
