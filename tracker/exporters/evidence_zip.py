"""The evidence files of a self-assessment as one .zip, written as it is read.

The archive is produced piece by piece: each file is read from the upload folder in chunks and
its compressed bytes handed on at once, so a download (or the command line's file) never holds
more than a chunk of it in memory, however many files there are. The stream cannot seek, so
zipfile writes each entry's sizes after its data (data descriptors), which every unzip reads.
A file listed but missing from the upload folder is skipped and named in a note inside the
archive rather than failing a download already under way.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import BinaryIO, Iterator
from zoneinfo import ZoneInfo

CHUNK = 64 * 1024
MISSING_NOTE = "TEP-KHONG-TIM-THAY.txt"  # "files not found", at the archive's root


@dataclass(frozen=True)
class ZipEntry:
    path: str              # inside the archive: "1.2.3 - …/name.pdf" (domain/archive_names)
    source: str            # on disk
    uploaded_at: datetime  # naive UTC: the entry's date, in local time
    size: int              # as recorded; zipfile decides on ZIP64 from it


class _Sink:
    """A write-only, unseekable file that keeps what was written until it is taken."""

    def __init__(self):
        self._parts: list[bytes] = []
        self._position = 0

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def _date_time(moment: datetime, zone: str) -> tuple[int, int, int, int, int, int]:
    local = moment.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))
    return max(local.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def stream(entries: list[ZipEntry], zone: str = "Asia/Ho_Chi_Minh") -> Iterator[bytes]:
    """The archive's bytes, a chunk at a time."""
    return (data for data in _pieces(entries, zone) if data)


def _pieces(entries: list[ZipEntry], zone: str) -> Iterator[bytes]:
    sink = _Sink()
    missing: list[ZipEntry] = []
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            try:
                source = open(entry.source, "rb")
            except OSError:
                missing.append(entry)
                continue
            with source:
                info = zipfile.ZipInfo(entry.path, date_time=_date_time(entry.uploaded_at, zone))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.file_size = entry.size
                with archive.open(info, "w") as target:
                    while chunk := source.read(CHUNK):
                        target.write(chunk)
                        yield sink.take()
            yield sink.take()
        if missing:
            note = ("Không tìm thấy các tệp sau trong thư mục lưu trữ của phần mềm:\n"
                    + "".join(f"- {entry.path}\n" for entry in missing))
            archive.writestr(MISSING_NOTE, note.encode("utf-8"))
    yield sink.take()


def write(entries: list[ZipEntry], target: BinaryIO, zone: str = "Asia/Ho_Chi_Minh") -> int:
    """The archive into an open file; returns its size in bytes."""
    size = 0
    for data in stream(entries, zone):
        target.write(data)
        size += len(data)
    return size
