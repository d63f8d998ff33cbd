"""The results table: per size, one row per scenario, per server p50/p95/p99 (ms) and the ratio Almanac / peer.

A ratio below 1 means Almanac is faster on that latency; for the PUT rows the first figure is events per second and
the ratio is of rates (above 1: Almanac is faster). Almanac's own Server-Timing p50/p95 is shown when it sent it.

`almanac-pg` (Almanac on PostgreSQL) is not a peer: its columns follow Almanac's, with its own Server-Timing, and its
ratio is the other way round, almanac-pg / almanac (on SQLite): for latencies above 1 means PostgreSQL is slower,
for rates below 1 does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stats import Outcome

ROWS = [
    ("put1", "PUT, 1 client"),
    ("put8", "PUT, 8 clients (full load)"),
    ("propfind", "PROPFIND Depth 1 (getetag)"),
    ("sync_initial", "sync-collection, initial"),
    ("month", "month calendar-query"),
    ("month_expand", "month calendar-query + expand"),
    ("multiget", "calendar-multiget of 100"),
    ("get", "GET one object"),
    ("free_busy", "free-busy-query, one week"),
    ("search", "SUMMARY text-match"),
    ("api_month", "JSON API: month of instances"),
    ("api_search", "JSON API: search"),
    ("put_if_match", "If-Match PUT"),
    ("sync_delta", "sync-collection, delta of 8"),
    ("import", "almanac import (whole N, ms)"),
]
RATE_ROWS = {"put1", "put8", "import"}


@dataclass
class ServerResult:
    """Everything measured on one server at one size."""
    server: str
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)  # memory, disk, import time, load progress


def figures(outcome: Outcome | None, rate_row: bool) -> str:
    if outcome is None:
        return "—"
    if outcome.status not in ("ok", "wrong") or outcome.percentiles() is None:
        return outcome.status
    p50, p95, p99 = outcome.percentiles()
    text = f"{p50:.2f} / {p95:.2f} / {p99:.2f}"
    if rate_row and outcome.rate is not None:
        text = f"{outcome.rate:,.0f}/s; " + text
    return text + (" **wrong**" if outcome.status == "wrong" else "")


def ratio(mine: Outcome | None, peer: Outcome | None, rate_row: bool) -> str:
    if not mine or not peer or mine.status != "ok" or peer.status != "ok":
        return "—"
    if rate_row:
        return f"{mine.rate / peer.rate:.2f}x" if mine.rate and peer.rate else "—"
    mine_p50, peer_p50 = mine.percentiles()[0], peer.percentiles()[0]
    return f"{mine_p50 / peer_p50:.3f}" if peer_p50 > 0 else "—"


def table(n: int, results: list[ServerResult], density: str = "standard") -> str:
    """One Markdown table for size N; the Almanac columns (client and Server-Timing) come first."""
    almanac = next((r for r in results if r.server == "almanac"), None)
    variants = [r for r in results if r.server == "almanac-pg"]
    peers = [r for r in results if r.server not in ("almanac", "almanac-pg")]
    header = ["scenario"]
    if almanac:
        header += ["almanac p50 / p95 / p99 ms", "almanac server p50 / p95"]
    for variant in variants:
        header += [f"{variant.server} p50 / p95 / p99 ms", f"{variant.server} server p50 / p95"]
        header += [f"{variant.server} / almanac"] if almanac else []
    for peer in peers:
        header += [f"{peer.server} p50 / p95 / p99 ms"] + ([f"almanac / {peer.server}"] if almanac else [])
    title = f"### N = {n:,}" + ("" if density == "standard" else f", {density} data")
    lines = [title, "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, label in ROWS:
        rate_row = key in RATE_ROWS
        cells = [label]
        mine = almanac.outcomes.get(key) if almanac else None
        if almanac:
            server = mine.server_percentiles() if mine else None
            cells += [figures(mine, rate_row), f"{server[0]:.2f} / {server[1]:.2f}" if server else "—"]
        for variant in variants:
            theirs = variant.outcomes.get(key)
            server = theirs.server_percentiles() if theirs else None
            cells += [figures(theirs, rate_row), f"{server[0]:.2f} / {server[1]:.2f}" if server else "—"]
            if almanac:
                cells.append(ratio(theirs, mine, rate_row))
        for peer in peers:
            theirs = peer.outcomes.get(key)
            cells.append(figures(theirs, rate_row))
            if almanac:
                cells.append(ratio(mine, theirs, rate_row))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for result in results:
        facts = "; ".join(f"{k}: {v}" for k, v in result.facts.items())
        lines.append(f"- {result.server}: {facts}")
        for key, label in ROWS:
            outcome = result.outcomes.get(key)
            if outcome and outcome.note:
                lines.append(f"  - {label}: {outcome.status}: {outcome.note}")
    return "\n".join(lines) + "\n"
