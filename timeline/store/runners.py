"""Running independent tasks in this process or on a Dask distributed cluster, results streamed back as they finish."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")

MAX_PENDING_PER_WORKER_THREAD = 4
"""Tasks kept queued per worker thread: enough to keep every worker busy, few enough to bound memory."""


class TaskRunner(Protocol):
    """Maps a function over tasks; yields (task, result or the exception it raised) in completion order."""

    def map_unordered(
        self, fn: Callable[..., Result], tasks: Iterable[Task], *shared: object
    ) -> Iterator[tuple[Task, Result | BaseException]]: ...


class SerialRunner:
    """Runs every task in this process, one after another."""

    def map_unordered(
        self, fn: Callable[..., Result], tasks: Iterable[Task], *shared: object
    ) -> Iterator[tuple[Task, Result | BaseException]]:
        for task in tasks:
            try:
                yield task, fn(task, *shared)
            except Exception as exc:  # reported per task, like a failed cluster task
                yield task, exc


class DaskRunner:
    """Runs tasks on the workers of a Dask distributed client; `shared` arguments are sent to every worker once."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def _capacity(self) -> int:
        threads = sum(self.client.nthreads().values()) or 1
        return threads * MAX_PENDING_PER_WORKER_THREAD

    def map_unordered(
        self, fn: Callable[..., Result], tasks: Iterable[Task], *shared: object
    ) -> Iterator[tuple[Task, Result | BaseException]]:
        from distributed import as_completed  # Dask's distributed (about 0.35 s) only when a cluster is used

        shared_futures = [self.client.scatter([value], broadcast=True)[0] for value in shared]
        pending = iter(tasks)
        task_of: dict[Any, Task] = {}

        def submit() -> Any | None:
            task = next(pending, None)
            if task is None:
                return None
            future = self.client.submit(fn, task, *shared_futures, pure=False)
            task_of[future.key] = task
            return future

        first = [f for f in (submit() for _ in range(self._capacity())) if f is not None]
        running = as_completed(first)  # type: ignore[no-untyped-call]
        for future in running:
            task = task_of.pop(future.key)
            try:
                outcome: Result | BaseException = future.result()
            except Exception as exc:  # a task that raised or whose worker died
                outcome = exc
            future.release()
            following = submit()
            if following is not None:
                running.add(following)  # type: ignore[no-untyped-call]
            yield task, outcome


@contextlib.contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A client of the cluster at `scheduler`, or of a new local cluster of `workers` single-threaded processes.

    The local cluster listens on 127.0.0.1 only and has no dashboard; it is shut down on exit.
    """
    from distributed import Client, LocalCluster  # about 0.35 s to import: only when a cluster is used

    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # The scheduler's HTTP endpoints (health, metrics) still listen: on a free loopback port.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client
