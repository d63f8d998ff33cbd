"""A tiny step recorder shared by the conformance scripts: named checks, a summary line, an exit status.

Each script calls ``steps.check(name, condition, detail)`` for every assertion; a failed check is recorded and the
script goes on, so one run shows every difference. An exception inside ``steps.stage(name)`` records the stage as failed
(the rest of the stage is skipped) and the script continues with the next stage.
"""

from __future__ import annotations

import contextlib
import sys
import traceback


class Steps:
    def __init__(self, part: str) -> None:
        self.part = part
        self.passed = 0
        self.failed: list[str] = []

    def check(self, name: str, condition: bool, detail: object = "") -> bool:
        if condition:
            self.passed += 1
            print(f"  ok    {name}")
        else:
            self.failed.append(name)
            print(f"  FAIL  {name}" + (f": {detail}" if detail != "" else ""))
        return bool(condition)

    @contextlib.contextmanager
    def stage(self, name: str):
        print(f"[{self.part}] {name}")
        try:
            yield
        except Exception as exc:  # a stage that raises is one failure; later stages still run
            self.failed.append(f"{name}: {type(exc).__name__}")
            print(f"  FAIL  {name} raised {type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stdout)

    def finish(self) -> int:
        total = self.passed + len(self.failed)
        print(f"{self.part}: {self.passed} passed, {len(self.failed)} failed (of {total} checks)")
        for name in self.failed:
            print(f"{self.part}: failed: {name}")
        return 1 if self.failed or total == 0 else 0
