"""Files written safely: atomic writes (temporary file, fsync, rename) and exclusive locks."""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from geo.exc import BuildLocked, OutputError

WRITE_ERRNOS = frozenset(
    getattr(errno, name) for name in (
        "ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EFBIG", "EIO", "ENOTDIR", "EEXIST",
        "EISDIR",
    ) if hasattr(errno, name)
)  # fmt: skip
"""The errors of a write that the user must fix (space, permissions, a read-only disk)."""


def output_error(path: str | os.PathLike[str], error: OSError) -> OutputError:
    """A clear :class:`~geo.exc.OutputError` for *error* met while writing *path*."""
    reason = error.strerror or str(error)
    hint = {
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the folder is on a read-only file system",
        errno.EACCES: "no permission to write there",
        errno.EPERM: "no permission to write there",
    }.get(error.errno or 0, "")
    return OutputError(
        f"cannot write {path}: {reason}"
        + (f" ({hint})" if hint else "")
        + "; the previous file is unchanged"
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file beside *path*; on success fsync and rename it over *path*.

    If the block raises (or the process dies), *path* keeps its previous content and the
    temporary file is removed (or left as ``.<name>.*.tmp``, never under the real name).
    A disk that is full, read-only or not ours raises :class:`~geo.exc.OutputError`.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
    except OSError as error:
        raise output_error(target, error) from error
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        if error.errno in WRITE_ERRNOS and not isinstance(error, OutputError):
            raise output_error(target, error) from error
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write *text* (UTF-8) to *path* atomically."""
    with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)


STALE_TEMP_SECONDS = 600.0
"""A temporary file of :func:`atomic_open` older than this was left by a killed writer (a
write takes milliseconds): :func:`sweep_temp_files` removes it."""


def sweep_temp_files(
    folder: str | os.PathLike[str], name: str = "*", older_than: float = STALE_TEMP_SECONDS
) -> int:
    """Remove the temporary files :func:`atomic_open` left in *folder* for targets matching
    *name* (``.<name>.*.tmp``) that are older than *older_than* seconds, so that the writers
    of a shared folder (builds, Dask workers) never lose a file being written. Returns how
    many were removed; a folder that cannot be listed is left alone."""
    removed, limit = 0, time.time() - older_than
    try:
        for path in Path(folder).glob(f".{name}.*.tmp"):
            try:
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
    except OSError:
        return removed
    return removed


@contextmanager
def output_lock(out: Path) -> Iterator[Path]:
    """Hold an exclusive lock on ``<out>.lock`` (kept on disk); :class:`BuildLocked` if taken,
    :class:`~geo.exc.OutputError` if the folder cannot be written.

    The lock is released by the kernel when the process dies, so a killed build never leaves
    a stale lock behind.
    """
    lock_path = out.with_name(out.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a")  # noqa: SIM115 - closed below
    except OSError as error:
        raise output_error(lock_path, error) from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BuildLocked(
                f"{out}: another build is writing this table right now (lock {lock_path}); "
                "wait for it to finish"
            ) from error
        for stale in out.parent.glob(f".{out.name}.*.tmp"):
            stale.unlink(missing_ok=True)  # left by a killed build: nobody else writes *out*
        try:
            yield lock_path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
