"""The limits every input is held to, so that no input costs unbounded time or memory.

A dataset file, a place or a code over a limit is refused with an error that names the
limit, before the work it would cost. docs/security.md lists them for users.
"""

from __future__ import annotations

from datetime import date

MAX_FILE_BYTES = 8 * 2**20
"""The largest dataset file read (8 MiB; the bundled one is about 100 KB)."""
MAX_RECORDS = 10_000
"""The most entries of one table or array in a dataset (arrangements, sources, aliases …)."""
MAX_STRING = 10_000
"""The longest string in a dataset, in characters."""
MAX_DEPTH = 16
"""The deepest nesting of arrays and tables in a dataset (the bundled one nests 6 deep)."""
MAX_PROBLEMS = 100
"""The most problems a `DataError` lists; it says how many more it found."""
MAX_PROBLEM_CHARS = 300
"""The longest line of a `DataError`'s report; longer ones are cut."""
MAX_PLACE = 200
"""The longest place string asked about, in characters (names are under 100)."""
MAX_CODE = 100
"""The longest AEO code parsed, in characters, separators and ``AEO<…>`` included."""
MAX_CACHED_KEY = 64
"""The longest place string a registry remembers answers for (longer ones are answered
afresh each time, so a cache never holds a long string a caller passed)."""
MAX_SUGGESTED = 1_024
"""The most unknown names whose suggestions a registry remembers."""
EARLIEST_DAY = date(1900, 1, 1)
"""The earliest date a dataset may give."""
LATEST_DAY = date(2999, 12, 31)
"""The latest date a dataset may give (far from ``date.max``, so a day after it exists)."""
