"""Text as people type or paste it, made fit to store and to write into .docx and .xlsx files.

Word's soft line break pastes as a vertical tab (\\x0b) and some systems leave other C0 control
characters in copied text; none of them may appear in the XML of a .docx or an .xlsx, so one
such character in a progress note used to stop the year's report for good. Text is normalised
where it enters (requests, imports), and the writers clean whatever reaches them anyway.
"""
from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL; and the two non-characters XML 1.0
# forbids. A vertical tab or form feed is a line break to whoever typed it.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_UNWANTED = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # only from JSON escapes: no character of any text


class UnreadableText(ValueError):
    """Text that cannot be a user's words: a NUL character or a lone UTF-16 surrogate."""


def clean(value: str) -> str:
    """Line breaks for vertical tabs and form feeds, other control characters removed.
    Raises UnreadableText for a NUL or a lone surrogate: they mean a broken client or an
    attack, and dropping them silently could change what a value means."""
    if "\x00" in value:
        raise UnreadableText("NUL")
    if _SURROGATE.search(value):
        raise UnreadableText("surrogate")
    if value.isprintable():  # the common case, without a regular expression
        return value
    return _UNWANTED.sub("", value.translate(_BREAKS))


def xml_safe(value: str) -> str:
    """What a document writer may put into XML 1.0, whatever reached it: never raises."""
    return _SURROGATE.sub("\ufffd", _UNWANTED.sub("", value.translate(_BREAKS)))


def clean_tree(value):
    """`clean` over every string (keys included) of a parsed JSON document."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: clean_tree(v) for k, v in value.items()}
    return value
