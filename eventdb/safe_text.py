"""Text from articles made safe for the places it is shown: terminals and spreadsheets.

Article fields (titles, outlets, quotes, file names) are untrusted: an escape
sequence in a title must not clear an analyst's screen, a newline in a file name
must not forge an `error:` line, and a CSV cell must not run as a spreadsheet
formula.
"""

from __future__ import annotations

import re
from typing import Any

# C0 and C1 control characters and DEL; tab and newline are handled by the caller's `keep`.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# OWASP "CSV injection": a cell starting with one of these is read as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\x{ord(char):02x}")


def for_terminal(text: str, keep: str = "") -> str:
    """`text` with control characters shown as escapes (`\\x1b`, `\\n`), except those listed in `keep`."""
    if keep:
        return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _CONTROL.sub(_escape, text)


def for_csv(value: Any) -> Any:
    """A string cell that a spreadsheet would run as a formula gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
