#!/usr/bin/env python3
"""Run every caldav-server-tester check against one live server and write the result as JSON.

caldav-server-tester (PyPI) probes a server and records *features* (e.g. ``search.recurrences.expanded.event``) with a
support level (full, quirk, fragile, ungraceful, unsupported, broken, unknown). Its CLI (``caldav-server-tester
--caldav-url URL --caldav-username U --caldav-password P [--config-section S ...] --format json|text|hints``) runs all
checks in one ``check_all()`` call and only prints the features that deviate from its defaults; one check that raises
ends the whole run. This driver uses the same library objects as the CLI (``get_davclient`` + ``ServerQuirkChecker``) but
runs the checks one by one so that a crash in one check is recorded against that check and the others still run, and it
keeps every observed feature (not only the deviations) so two servers can be compared feature by feature.

Output JSON: {"label", "url", "tester_version", "caldav_version", "checks": {Check: {"error", "seconds", "features":
{feature: observed-dict}}}, "features": {feature: observed-dict}, "report": <the CLI's verbose text report>}.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import inspect
import json
import logging
import sys
import time
import traceback


def check_classes(checks_module, check_base) -> list[type]:
    """Every check class of the tester, in name order (PrepareCalendar included: it records features too)."""
    return sorted(
        (
            obj
            for _, obj in inspect.getmembers(checks_module, inspect.isclass)
            if obj.__module__ == checks_module.__name__ and issubclass(obj, check_base) and obj is not check_base
        ),
        key=lambda cls: cls.__name__,
    )


def observed(feature_set, feature: str, flat: dict) -> dict:
    """The observed value of one declared feature; a feature folded into its parent reads through the parent."""
    if feature in flat:
        return dict(flat[feature])
    try:
        value = feature_set.is_supported(feature, dict)
    except Exception as exc:  # the tester's own lookup asserts on undeclared names
        return {"support": "unknown", "note": f"lookup failed: {exc}"}
    return dict(value) if isinstance(value, dict) else {"value": value}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="server name for the report, e.g. radicale or almanac")
    parser.add_argument("--url", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--extra-user", action="append", default=[], metavar="USER:PASSWORD",
                        help="second account on the same server, for the multi-user scheduling checks")
    parser.add_argument("--output", required=True, help="JSON file to write")
    args = parser.parse_args()

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    import caldav
    from caldav.davclient import get_davclient
    from caldav_server_tester import checks as checks_module
    from caldav_server_tester.checker import ServerQuirkChecker
    from caldav_server_tester.checks_base import Check

    result: dict = {
        "label": args.label,
        "url": args.url,
        "tester_version": importlib.metadata.version("caldav-server-tester"),
        "caldav_version": caldav.__version__,
        "checks": {},
        "features": {},
        "report": "",
        "fatal": None,
    }

    extra_clients = []
    try:
        conn = get_davclient(url=args.url, username=args.username, password=args.password)
        for spec in args.extra_user:
            user, _, password = spec.partition(":")
            extra = get_davclient(url=args.url, username=user, password=password)
            extra.__enter__()
            extra_clients.append(extra)
        with conn:
            checker = ServerQuirkChecker(conn, extra_clients=extra_clients)
            try:
                for cls in check_classes(checks_module, Check):
                    started = time.monotonic()
                    error = None
                    try:
                        cls(checker).run_check(only_once=True)
                    except Exception as exc:  # record and go on: one broken check must not hide the others
                        error = f"{type(exc).__name__}: {exc}"
                        logging.warning("%s raised %s", cls.__name__, error)
                        traceback.print_exc(file=sys.stderr)
                    result["checks"][cls.__name__] = {
                        "error": error,
                        "seconds": round(time.monotonic() - started, 2),
                        "declared": sorted(getattr(cls, "features_to_be_checked", set())),
                    }
            finally:
                try:
                    checker.cleanup(force=True)
                except Exception as exc:
                    logging.warning("cleanup failed: %s", exc)
            fs = checker.features_checked
            flat = fs.dotted_feature_set_list(compact=False)
            result["features"] = flat
            for entry in result["checks"].values():
                entry["features"] = {f: observed(fs, f, flat) for f in entry.pop("declared")}
            result["report"] = checker.report(verbose=True)
    except Exception as exc:  # connection or principal discovery failed: the whole run is void
        result["fatal"] = f"{type(exc).__name__}: {exc}"
        traceback.print_exc(file=sys.stderr)
    finally:
        for extra in extra_clients:
            try:
                extra.__exit__(None, None, None)
            except Exception:
                pass

    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=2, sort_keys=True, default=str)
    failed = sum(1 for c in result["checks"].values() if c["error"])
    print(f"server-tester {args.label}: {len(result['checks'])} checks run, {failed} raised, "
          f"{len(result['features'])} features observed" + (f"; FATAL {result['fatal']}" if result["fatal"] else ""))
    return 1 if result["fatal"] else 0


if __name__ == "__main__":
    sys.exit(main())
