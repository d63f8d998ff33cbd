#!/usr/bin/env python3
"""Compare two caldav-server-tester runs (reference = Radicale, candidate = Almanac) and write RESULTS.md.

Gate: every feature the tester observes on the candidate must be fully supported ("full"; observations that are
values, not support levels, are reported only), except the features in NOT_SUPPORTED below, each with the reason
Almanac chooses not to support it or the tester cannot observe it; and no check may raise on the candidate. The
reference run is there to be compared with, not to lower the bar: a feature Radicale lacks is still required of
Almanac. Exit status 1 when the gate fails, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone


def level(info: dict | None) -> str:
    """One word for an observed feature: its support level, or its value for an observation."""
    if not info:
        return "not observed"
    if "support" in info:
        return str(info["support"])
    if "value" in info:
        return f"value={info['value']}"
    return json.dumps(info, sort_keys=True)


def check_verdict(entry: dict | None) -> str:
    """A check passes when it ran without raising and every feature it probes is fully supported."""
    if entry is None:
        return "not run"
    if entry.get("error"):
        return "ERROR"
    levels = [level(info) for info in entry["features"].values()]
    support = [lv for lv in levels if not lv.startswith("value=")]
    full = sum(1 for lv in support if lv == "full")
    if full == len(support):
        return "pass"
    return f"partial {full}/{len(support)}"


def escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# Features Almanac does not support fully, on purpose or because the tester cannot observe them here. Everything
# else the tester observes must be "full". Keep each entry's reason true; remove an entry when it no longer applies
# (the gate then reports the entry as stale, so the list cannot silently outgrow what Almanac does).
NOT_SUPPORTED = {
    # A PUT into a collection that does not exist answers 409 (RFC 4791 §5.3.2: calendars are made by MKCALENDAR or
    # an extended MKCOL); creating one implicitly would turn every mistyped URL into a new calendar.
    "create-calendar.auto": "chosen: a PUT does not create its calendar (409; use MKCALENDAR)",
    # "@" and "%40" in a path reach the same resource: Almanac decodes percent-encoding in every segment, as clients
    # that rewrite spellings (python-caldav's ownCloud heuristic) need. The tester calls that lenient, not wrong.
    "url.encode-at.identity": "chosen: '@' and '%40' name one resource (the tester: nothing a client must work around)",
    # Unobservable here: the test accounts' names have no "@", so no principal path carries one.
    "url.encode-at.literal.principal": "unobservable: no '@' in the test accounts' names",
    # The tester skips RFC 6764 discovery on localhost; /.well-known/caldav is tested by ServiceDiscoveryTests and
    # used by the vdirsyncer and python-caldav parts.
    "well-known": "unobservable: the tester does not probe /.well-known/caldav on localhost",
}


def compare(reference: dict, candidate: dict) -> tuple[list[str], list[str]]:
    """Return (failures, improvements over the reference) as human-readable lines."""
    failures: list[str] = []
    improvements: list[str] = []
    if candidate.get("fatal"):
        failures.append(f"{candidate['label']} run failed before any check: {candidate['fatal']}")
    for name, cand in sorted(candidate["checks"].items()):
        if cand.get("error"):
            failures.append(f"check {name} raised on {candidate['label']}: {cand['error']}")
    for name in sorted(set(reference["checks"]) - set(candidate["checks"])):
        failures.append(f"check {name} did not run on {candidate['label']}")
    for feature in sorted(set(reference["features"]) | set(candidate["features"])):
        ref_level = level(reference["features"].get(feature))
        cand_level = level(candidate["features"].get(feature))
        if cand_level.startswith("value=") or (cand_level == "not observed" and feature not in candidate["features"]
                                                and ref_level in ("not observed", "unsupported")):
            continue
        if feature in NOT_SUPPORTED:
            if cand_level == "full":
                failures.append(f"feature {feature} is full on {candidate['label']} now: remove it from NOT_SUPPORTED")
            continue
        if cand_level != "full":
            failures.append(f"feature {feature}: {candidate['label']} {cand_level} ({reference['label']} {ref_level})")
        elif ref_level != "full":
            improvements.append(f"feature {feature}: {reference['label']} {ref_level}, {candidate['label']} full")
    return failures, improvements


def render(reference: dict, candidate: dict, failures: list[str], improvements: list[str]) -> str:
    ref, cand = reference["label"], candidate["label"]
    ref_name, cand_name = ref.capitalize(), cand.capitalize()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"# caldav-server-tester: {ref_name} vs {cand_name}",
        "",
        f"Generated by `conformance/run.sh` on {when} with caldav-server-tester {reference['tester_version']} "
        f"(caldav {reference['caldav_version']}). Both servers ran on loopback with a fresh data folder; every "
        "check of the tester ran once per server (see `conformance/server_tester.py`). Raw outputs: `conformance/out/`.",
        "",
        f"Gate: every feature the tester observes on {cand_name} must be fully supported, except the ones listed "
        f"below with the reason, and no check may raise on {cand_name}; {ref_name} is shown beside it for comparison. "
        f"Result: **{'FAIL' if failures else 'PASS'}** ({len(failures)} failures, "
        f"{len(improvements)} features where {cand_name} does better than {ref_name}).",
        "",
        f"## Not fully supported by {cand_name}, and why",
        "",
    ] + [f"- {feature}: {escape(reason)}" for feature, reason in sorted(NOT_SUPPORTED.items())] + [""]
    if failures:
        out += ["## Failures", ""] + [f"- {escape(r)}" for r in failures] + [""]
    if improvements:
        out += [f"## Where {cand_name} does better", ""] + [f"- {escape(i)}" for i in improvements] + [""]
    out += [
        "## Checks",
        "",
        "`pass`: ran without raising and every probed feature is `full`; `partial n/m`: n of m probed features `full`.",
        "",
        f"| check | {ref_name} | {cand_name} |",
        "| --- | --- | --- |",
    ]
    for name in sorted(set(reference["checks"]) | set(candidate["checks"])):
        out.append(f"| {name} | {check_verdict(reference['checks'].get(name))} "
                   f"| {check_verdict(candidate['checks'].get(name))} |")
    out += [
        "",
        "## Features",
        "",
        "Support levels as the tester names them: full, quirk, fragile, ungraceful, unsupported, broken, unknown.",
        "",
        f"| feature | {ref_name} | {cand_name} | |",
        "| --- | --- | --- | --- |",
    ]
    for feature in sorted(set(reference["features"]) | set(candidate["features"])):
        r = level(reference["features"].get(feature))
        c = level(candidate["features"].get(feature))
        mark = ("not supported (listed)" if feature in NOT_SUPPORTED else
                "FAIL" if c not in ("full", "not observed") and not c.startswith("value=") else
                "better" if c == "full" and r != "full" else "")
        out.append(f"| {feature} | {escape(r)} | {escape(c)} | {mark} |")
    errors = [(name, e["error"]) for name, e in sorted(candidate["checks"].items()) if e.get("error")]
    if errors:
        out += ["", f"## Checks that raised on {cand_name}", ""] + [f"- {n}: {escape(e)}" for n, e in errors]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", help="JSON from server_tester.py for the reference server (Radicale)")
    parser.add_argument("candidate", help="JSON from server_tester.py for the server under test (Almanac)")
    parser.add_argument("--results", required=True, help="Markdown file to write")
    args = parser.parse_args()
    with open(args.reference, encoding="utf-8") as handle:
        reference = json.load(handle)
    with open(args.candidate, encoding="utf-8") as handle:
        candidate = json.load(handle)
    if reference.get("fatal"):
        print(f"server-tester: reference run failed: {reference['fatal']}", file=sys.stderr)
        return 1
    failures, improvements = compare(reference, candidate)
    with open(args.results, "w", encoding="utf-8") as handle:
        handle.write(render(reference, candidate, failures, improvements))
    for line in failures:
        print(f"FAIL {line}")
    observed = [f for f, info in candidate["features"].items() if not level(info).startswith("value=")]
    full = sum(1 for f in observed if level(candidate["features"][f]) == "full")
    print(f"server-tester gate: {full} of {len(observed)} features full on {candidate['label']}, "
          f"{len(NOT_SUPPORTED)} listed as not supported; {len(failures)} failures, {len(improvements)} better "
          f"than {reference['label']} -> {'FAIL' if failures else 'PASS'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
