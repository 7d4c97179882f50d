"""The report's chart (matplotlib, no display): per field, the points secured, expected beyond
them, and still lost, as stacked horizontal bars."""
from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")  # files only; never a window, even where a display exists

from matplotlib.figure import Figure  # noqa: E402

COLOURS = ("#1a7f37", "#7aa7dd", "#f3c7c3")  # secured, expected, still lost: the dashboard's
LABELS = ("Đã xác nhận nội bộ", "Dự kiến thêm", "Còn mất")


def field_chart_png(rows: list[tuple[str, float, float, float]]) -> bytes:
    """`rows`: (label, secured, expected beyond secured, still lost) per field, top to bottom."""
    height = 1.2 + 0.45 * max(len(rows), 1)
    figure = Figure(figsize=(6.3, height), dpi=160)
    axes = figure.subplots()
    labels = [textwrap.shorten(label, 42, placeholder="…") for label, *_ in rows]
    positions = list(range(len(rows)))[::-1]
    left = [0.0] * len(rows)
    for index, (colour, name) in enumerate(zip(COLOURS, LABELS), start=1):
        values = [row[index] for row in rows]
        axes.barh(positions, values, left=left, color=colour, label=name, height=0.6)
        left = [a + b for a, b in zip(left, values)]
    axes.set_yticks(positions, labels, fontsize=8)
    axes.set_xlabel("Điểm", fontsize=8)
    axes.tick_params(axis="x", labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    # No timestamp in the file: the same figures give the same bytes.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
