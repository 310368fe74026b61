"""Where per-report work runs (reading reports, surveying them, running chapters): a pool of local processes by
default, or the workers of a Dask cluster given its scheduler's address (``--scheduler tcp://host:8786``). The
same job functions either way; a cluster's workers must see the same files (data/, book/) as the machine that
asks, as they do on one machine or over a shared file system, and run one task at a time each (``dask worker
--nthreads 1``): a chapter's run changes its process's working directory."""

from __future__ import annotations

import os
from contextlib import contextmanager


class SchedulerError(Exception):
    """The cluster cannot take the work: its address does not answer, or a worker runs several tasks at once."""


@contextmanager
def executor(workers: int | None = None, scheduler: str | None = None, initializer=None):
    """A concurrent.futures executor: a process pool of ``workers`` (one per core by default), or the executor of a
    Dask client of ``scheduler``; ``initializer`` runs once in each worker process before its first job."""
    if scheduler:
        yield from _dask(scheduler, initializer)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=max(1, workers or os.cpu_count() or 1), initializer=initializer)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


CONNECT = "10s"  # how long a scheduler address is tried before it is said not to answer


def _dask(scheduler: str, initializer):
    from distributed import Client

    try:
        client = Client(scheduler, timeout=CONNECT)
    except OSError as err:
        raise SchedulerError(f"no Dask scheduler answers at {scheduler} ({err})") from None
    try:
        several = {w: n for w, n in client.nthreads().items() if n != 1}
        if several:
            raise SchedulerError(f"the Dask workers at {scheduler} must run one task at a time (dask worker "
                                 f"--nthreads 1); {len(several)} run several")
        if initializer is not None:
            client.run(initializer)
        yield client.get_executor(pure=False)
    finally:
        client.close()
