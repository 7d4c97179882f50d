"""Names inside the evidence archive (.zip): one folder per criterion, "1.2.3 - <short title>",
holding the criterion's files under their original names, made safe. Pure.

A stored original name is shown as the department typed it, but inside an archive it becomes a
path on whoever unpacks it: "../../x.pdf" must not climb out of the folder, "CON.pdf" must open
on Windows, and two files both called "Báo cáo.pdf" must both arrive. So each name is cut to its
last component, stripped of characters no file system takes (and of invisible ones that change
how it reads), kept short, and numbered "Báo cáo (2).pdf" when its folder already holds it.
"""
from __future__ import annotations

import re
import unicodedata

FALLBACK_FILE = "tai-lieu"    # a name that leaves nothing once cleaned
TITLE_CHARS = 60              # of a criterion's title, in its folder's name
NAME_CHARS = 120              # of a file's name, its extension included
# Characters Windows refuses in a name (and the separators every system uses).
_RESERVED = re.compile(r'[<>:"/\\|?*]')
# Device names Windows will not open as files, whatever their extension.
_DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def _visible(text: str) -> str:
    """NFC, without control or format characters (bidi overrides, zero-width spaces)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(" " if c in "\t\n\r" else c for c in text
                   if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn") or c in "\t\n\r")


def safe_component(text: str, fallback: str) -> str:
    """One path component: no separators or reserved characters, no "." or "..", no leading or
    trailing dots and spaces, not a device name; `fallback` when nothing is left."""
    text = " ".join(_RESERVED.sub("_", _visible(text)).split())
    text = text.strip(" .")
    if not text or set(text) <= {".", "_", " "}:
        return fallback
    if text.split(".", 1)[0].strip().lower() in _DEVICES:
        text = "_" + text
    return text


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word where one is near."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" .,;:-")


def folder_name(code: str, title: str) -> str:
    """"1.2.3 - Tỷ lệ hồ sơ giải quyết đúng hạn" for a criterion."""
    short = _cut(" ".join(_visible(title).split()), TITLE_CHARS)
    return safe_component(f"{code} - {short}" if short else code, fallback=safe_component(code, "_"))


def file_name(original: str) -> str:
    """The original name's last component, made safe and at most NAME_CHARS long (the
    extension kept)."""
    last = re.split(r"[/\\]", original or "")[-1]
    name = safe_component(last, FALLBACK_FILE)
    if len(name) <= NAME_CHARS:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        return _cut(name, NAME_CHARS)
    return _cut(stem, NAME_CHARS - len(extension) - 1) + "." + extension


def numbered(name: str, n: int) -> str:
    """"Báo cáo.pdf", 2 → "Báo cáo (2).pdf"."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        return f"{name} ({n})"
    return f"{stem} ({n}).{extension}"


def unique_in(name: str, taken: set[str]) -> str:
    """`name`, or the first "name (n)" that `taken` lacks (compared without case, as Windows and
    macOS do); the name chosen is added to `taken`."""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = numbered(name, n)
    taken.add(candidate.casefold())
    return candidate


def archive_paths(entries: list[tuple[str, str, str]]) -> list[str]:
    """(criterion code, its title, a file's original name) in, in order → "folder/file" each,
    unique in the archive."""
    taken: dict[str, set[str]] = {}
    paths = []
    for code, title, original in entries:
        folder = folder_name(code, title)
        paths.append(f"{folder}/{unique_in(file_name(original), taken.setdefault(folder, set()))}")
    return paths
