"""Latency summaries: percentiles of client-observed and server-reported (Server-Timing) durations."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (with fewer than 100 samples p99 is the maximum, never an interpolation)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Outcome:
    """The result of one scenario on one server: samples, the verdict of the checks, and a note for the table."""
    status: str = "ok"               # ok | wrong | error | skipped | did not finish
    client_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    note: str = ""
    rate: float | None = None        # events per second, for the PUT runs

    def percentiles(self) -> tuple[float, float, float] | None:
        if not self.client_ms:
            return None
        return tuple(percentile(self.client_ms, f) for f in (0.50, 0.95, 0.99))

    def server_percentiles(self) -> tuple[float, float] | None:
        if not self.server_ms:
            return None
        return percentile(self.server_ms, 0.50), percentile(self.server_ms, 0.95)

    def fail(self, status: str, note: str) -> "Outcome":
        """Keeps the first problem: later iterations of a wrong scenario usually repeat it."""
        if self.status == "ok":
            self.status, self.note = status, note
        return self
