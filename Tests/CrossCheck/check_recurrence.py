#!/usr/bin/env python3
"""Cross-checks Fixtures/recurrence/*.json against python-dateutil, independently of the Swift engine.

For each case the recurrence set is built the RFC 5545 way: DTSTART (in the case's TZID) is the first occurrence,
the RRULE adds its instances, EXDATE removes wall clocks. The result, as wall clocks in the TZID, must equal
'expected' (the whole set when 'complete' is true, else its first instances).

Usage: /work/main/.venv/bin/python Tests/CrossCheck/check_recurrence.py [fixture.json ...]
The last line reads 'N passed, M failed'; the exit status is non-zero when anything failed.
"""
import json
import pathlib
import sys

from dateutil import tz
from dateutil.rrule import rrulestr, rruleset

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "Fixtures" / "recurrence"
FORMAT = "%Y%m%dT%H%M%S"


def parse_local(text, zone):
    from datetime import datetime
    return datetime.strptime(text, FORMAT).replace(tzinfo=zone)


def expand(case):
    zone = tz.gettz(case["tzid"])
    if zone is None:
        raise RuntimeError(f"unknown zone {case['tzid']}")
    start = parse_local(case["dtstart"], zone)
    rules = rruleset()
    rules.rrule(rrulestr(case["rrule"], dtstart=start))
    rules.rdate(start)
    for text in case.get("exdate", []):
        rules.exdate(parse_local(text, zone))
    wanted = len(case["expected"])
    produced = []
    # One more than expected for complete cases, to catch extra instances.
    limit = wanted + 1 if case["complete"] else wanted
    for value in rules:
        produced.append(value.astimezone(zone).strftime(FORMAT))
        if len(produced) >= limit:
            break
    return produced


def check(case):
    """Compares dateutil's set with 'expected', or with 'dateutilExpected' where the fixture records that dateutil
    reads the case differently (the difference is then reported, not hidden)."""
    expected = case.get("dateutilExpected", case["expected"])
    produced = expand(dict(case, expected=expected))
    if case["complete"]:
        return produced == expected, produced
    return produced[: len(expected)] == expected, produced


def main(paths):
    files = [pathlib.Path(p) for p in paths] or sorted(FIXTURES.glob("*.json"))
    passed = failed = 0
    for path in files:
        for case in json.loads(path.read_text())["cases"]:
            try:
                ok, produced = check(case)
            except Exception as error:  # a rule dateutil cannot read is a failure, not a crash
                ok, produced = False, [f"error: {error}"]
            if ok:
                passed += 1
                if "rfcListed" in case:
                    print(f"note  {case['id']}: dateutil agrees with 'expected'; the RFC lists {case['rfcListed']}")
                if "dateutilExpected" in case:
                    print(f"note  {case['id']}: dateutil differs as recorded: {case['dateutilExpected']} instead of {case['expected']}")
            else:
                failed += 1
                print(f"FAIL  {path.name} {case['id']}: {case['description']}")
                print(f"      expected {case['expected']}")
                print(f"      dateutil {produced}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
