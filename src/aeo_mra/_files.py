"""Reading a dataset file: a regular file only, up to the size limit, as UTF-8 text."""

from __future__ import annotations

import os
import stat

from ._limits import MAX_FILE_BYTES
from .errors import DataError, _quoted

__all__ = ["read_text"]

# Opening a FIFO for reading waits for a writer unless the open is non-blocking.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_text(path: object) -> tuple[str, str]:
    """The text of the dataset file at ``path``, and the file's name for reports.

    The argument's type is checked before any I/O, so that a file descriptor (``0``) is
    never read or closed by mistake.

    Raises:
        TypeError: ``path`` is not a ``str`` or ``os.PathLike`` naming a file.
        DataError: Not a regular file, larger than the limit, or not UTF-8.
        OSError: The file cannot be opened.
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"path must be a str or os.PathLike naming a dataset file, "
            f"not {type(path).__name__}: {_quoted(path)}"
        )
    name = os.fspath(path)
    if not isinstance(name, str):
        raise TypeError(f"path must name the file as text, not bytes: {_quoted(name)}")
    descriptor = os.open(name, _FLAGS)
    # Checked before open() wraps the descriptor: open() refuses a directory itself, in an
    # error that names the descriptor's number instead of the path.
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise DataError([f"{name}: not a regular file (a dataset is read from a file)"])
    with open(descriptor, "rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise DataError([f"{name}: larger than the limit of {MAX_FILE_BYTES // 2**20} MiB"])
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some editors write, is fine
    except UnicodeDecodeError as error:
        raise DataError([f"{name}: not UTF-8 text: {error}"]) from None
    return text, name
