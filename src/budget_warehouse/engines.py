"""Which engine maps the intake's reader over the files: ``open_engine(name)`` gives an ``intake.ReadFiles``.

* ``local``: the local process pool (``intake._run_isolated``: one forked, bounded process per file, as many at
  once as the machine has cores, up to 8);
* ``spark``: a Spark job (``spark_intake.SparkReader``) on ``SPARK_MASTER`` (default local mode on this
  machine's cores), each task running the same bounded process per file.

Both give the same readings, and so the same intake output; Spark's session is stopped when the block ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from budget_warehouse import intake

ENGINES = ("local", "spark")


class EngineError(RuntimeError):
    """The engine cannot read the folder as the local pool would (a Spark worker without the files or with
    another reader, a context that stopped); the message says which."""


@contextmanager
def open_engine(name: str = "local", master: str | None = None) -> Iterator[intake.ReadFiles]:
    """The engine's map over files, for the block (``master``: Spark's, else ``SPARK_MASTER``, else local mode)."""
    if name == "local":
        yield intake._run_isolated
        return
    if name != "spark":
        raise ValueError(f"unknown engine {name!r}: one of {', '.join(ENGINES)}")
    from budget_warehouse import spark_intake

    reader = spark_intake.SparkReader(master)
    try:
        yield reader
    finally:
        reader.close()
