"""The one harness for race tests: a callable run by N threads that start at the same instant.

Races only show on PostgreSQL (SQLite serialises writes), so a race test module says

    pytestmark = races.MARKS

and tests/conftest.py skips it on other databases (and fails instead of skipping when CI asks for PostgreSQL).
Each thread gets its own database connection, connects before the barrier (so the threads really start together)
and closes it when done; what the callable returned and what it raised are collected, never lost.
"""

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection, connections

MARKS = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@dataclass
class RaceOutcome:
    results: list[Any] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)

    def raise_errors(self) -> None:
        """Fail with every exception the threads raised (each is a bug: the losers of a race must not crash)."""
        assert self.errors == [], [repr(error) for error in self.errors]


def race(
    target: Callable[[], Any] | Sequence[Callable[[], Any]], threads: int = 10, *, timeout: float = 120
) -> RaceOutcome:
    """Run `target` in `threads` threads released together by a barrier; returns their results and errors.

    `target` may also be a list of callables, one per thread (two coordinators accepting, ten applicants booking)."""
    targets = list(target) if isinstance(target, Sequence) else [target] * threads
    barrier = threading.Barrier(len(targets), timeout=timeout)
    outcome = RaceOutcome()
    lock = threading.Lock()

    def worker(target):
        try:
            connection.ensure_connection()
            barrier.wait()
            result = target()
        except BaseException as exc:  # noqa: BLE001 - collected and asserted by the test
            with lock:
                outcome.errors.append(exc)
        else:
            with lock:
                outcome.results.append(result)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(each,), name=f"race-{n}") for n, each in enumerate(targets)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in pool), "a racing thread did not finish in time"
    return outcome
