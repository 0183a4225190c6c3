"""A page as text lines and ruled grids.

Budget tables are printed as ruled grids.  The rulings (thin rectangles or
stroked lines) give each table's rows and columns, and a merged cell is a
run of cells with no ruling between them, so a character belongs to exactly
one cell whatever its vertical alignment: a figure printed at the top of a
tall cell, or a name wrapped onto two lines, stays in its row.  Text outside
every grid (titles, the 编制部门 and 单位 lines, the narrative) is returned
as lines read left to right, top to bottom, by position on the page, not in
the order the file happens to store it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from budget_warehouse.pdf.text import Char, Extent, Page, Segment

# rulings closer than this (points) are the same line
_SNAP = 2.0
# a gap between two pieces of one ruling up to this wide is bridged
_BRIDGE = 3.0
# a grid is at least this many rows and columns of cells
_MIN_GRID = 1


@dataclass(slots=True)
class Line(Extent):
    """Characters on one baseline, in reading order; ``runs`` splits them where the gap is wide."""

    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(char.x1 for char in self.chars)

    @property
    def top(self) -> float:
        return min(char.top for char in self.chars)

    @property
    def bottom(self) -> float:
        return max(char.bottom for char in self.chars)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def runs(self, gap: float | None = None) -> list[Line]:
        """Pieces of the line separated by more than ``gap`` points (default: one character's height)."""
        if not self.chars:
            return []
        limit = gap if gap is not None else max(2.0, 0.9 * _median([char.bottom - char.top for char in self.chars]))
        pieces: list[Line] = [Line([self.chars[0]])]
        for char in self.chars[1:]:
            if char.x0 - pieces[-1].chars[-1].x1 > limit:
                pieces.append(Line([char]))
            else:
                pieces[-1].chars.append(char)
        return pieces


@dataclass(slots=True)
class Cell:
    """A cell of a grid (merged cells are one cell), spanning rows row0..row1-1 and columns col0..col1-1."""

    row0: int
    row1: int
    col0: int
    col1: int
    x0: float
    top: float
    x1: float
    bottom: float
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass(slots=True)
class Grid:
    """A ruled table region: column edges ``xs``, row edges ``ys`` and its cells."""

    page: int
    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    # built from the text's alignment (pdf_unruled), not from rulings
    synthesized: bool = False

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def contains(self, x: float, y: float) -> bool:
        return self.x0 - 0.5 <= x <= self.x1 + 0.5 and self.top - 0.5 <= y <= self.bottom + 0.5


@dataclass(slots=True)
class PageLayout:
    page: int
    width: float
    height: float
    grids: list[Grid]
    lines: list[Line]  # text outside every grid


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def group_lines(chars: Iterable[Char]) -> list[Line]:
    """Characters grouped into lines by their baseline, each line sorted left to right, lines top to bottom.

    The baseline (the glyph origin) is shared by every character of a line
    whatever its shape; glyph boxes are not (一 and 、 sit high or low).
    """
    ordered = sorted(chars, key=lambda char: (char.baseline, char.x0))
    lines: list[list[Char]] = []
    for char in ordered:
        tolerance = 0.3 * max(char.bottom - char.top, 1.0)
        if lines and abs(char.baseline - lines[-1][-1].baseline) <= tolerance:
            lines[-1].append(char)
        else:
            lines.append([char])
    result = [Line(sorted(line, key=lambda char: char.x0)) for line in lines]
    result.sort(key=lambda line: (round(line.chars[0].baseline, 1), line.x0))
    return result


def _merge_segments(segments: Iterable[Segment]) -> list[Segment]:
    """Collinear pieces of one ruling joined into one segment."""
    merged: list[Segment] = []
    for horizontal in (True, False):
        pieces = sorted((s for s in segments if s.horizontal == horizontal), key=lambda s: (s.pos, s.start))
        clusters: list[list[Segment]] = []
        for piece in pieces:
            if clusters and piece.pos - clusters[-1][-1].pos <= _SNAP / 2:
                clusters[-1].append(piece)
            else:
                clusters.append([piece])
        for cluster in clusters:
            position = _median([s.pos for s in cluster])
            for piece in sorted(cluster, key=lambda s: s.start):
                last = merged[-1] if merged else None
                if last and last.horizontal == horizontal and last.pos == position and piece.start <= last.end + _BRIDGE:
                    merged[-1] = Segment(horizontal, position, last.start, max(last.end, piece.end))
                else:
                    merged.append(Segment(horizontal, position, piece.start, piece.end))
    return merged


def _cluster(values: Iterable[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= _SNAP:
            continue
        result.append(value)
    return result


def _components(segments: list[Segment]) -> list[list[Segment]]:
    """Rulings that touch each other, as groups (each group one table)."""
    parent = list(range(len(segments)))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    horizontals = [i for i, s in enumerate(segments) if s.horizontal]
    verticals = [i for i, s in enumerate(segments) if not s.horizontal]
    for h in horizontals:
        hs = segments[h]
        for v in verticals:
            vs = segments[v]
            if hs.start - _SNAP <= vs.pos <= hs.end + _SNAP and vs.start - _SNAP <= hs.pos <= vs.end + _SNAP:
                parent[find(h)] = find(v)
    groups: dict[int, list[Segment]] = {}
    for index, segment in enumerate(segments):
        groups.setdefault(find(index), []).append(segment)
    return list(groups.values())


def _covers(segments: list[Segment], position: float, low: float, high: float) -> bool:
    """Whether a ruling at ``position`` runs along most of low..high."""
    middle = (low + high) / 2
    for segment in segments:
        if abs(segment.pos - position) <= _SNAP and segment.start - _SNAP <= middle <= segment.end + _SNAP:
            return True
    return False


def _grid(page: int, group: list[Segment]) -> Grid | None:
    horizontal = [s for s in group if s.horizontal]
    vertical = [s for s in group if not s.horizontal]
    ys = _cluster(s.pos for s in horizontal)
    xs = _cluster(s.pos for s in vertical)
    # an outer edge drawn only as the ends of the other direction's rulings (a table
    # continued from the previous page often has no top border) still bounds the table
    if vertical:
        ys = _cluster([*ys, min(s.start for s in vertical), max(s.end for s in vertical)])
    if horizontal:
        xs = _cluster([*xs, min(s.start for s in horizontal), max(s.end for s in horizontal)])
    if len(xs) < _MIN_GRID + 1 or len(ys) < _MIN_GRID + 1:
        return None
    if xs[-1] - xs[0] < 40 or ys[-1] - ys[0] < 10:
        return None
    rows, columns = len(ys) - 1, len(xs) - 1
    # union elementary cells that no ruling separates
    parent = list(range(rows * columns))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for row in range(rows):
        for column in range(columns):
            here = row * columns + column
            if column + 1 < columns and not _covers(vertical, xs[column + 1], ys[row], ys[row + 1]):
                parent[find(here + 1)] = find(here)
            if row + 1 < rows and not _covers(horizontal, ys[row + 1], xs[column], xs[column + 1]):
                parent[find(here + columns)] = find(here)
    spans: dict[int, list[int]] = {}
    for row in range(rows):
        for column in range(columns):
            root = find(row * columns + column)
            span = spans.setdefault(root, [row, row + 1, column, column + 1])
            span[0], span[1] = min(span[0], row), max(span[1], row + 1)
            span[2], span[3] = min(span[2], column), max(span[3], column + 1)
    cells = [Cell(r0, r1, c0, c1, xs[c0], ys[r0], xs[c1], ys[r1]) for r0, r1, c0, c1 in spans.values()]
    cells.sort(key=lambda cell: (cell.row0, cell.col0))
    return Grid(page, xs, ys, cells)


def _place_chars(grid: Grid, chars: list[Char]) -> None:
    index: dict[tuple[int, int], Cell] = {}
    for cell in grid.cells:
        for row in range(cell.row0, cell.row1):
            for column in range(cell.col0, cell.col1):
                index[(row, column)] = cell
    buckets: dict[int, list[Char]] = {}
    for char in chars:
        row = bisect_right(grid.ys, char.y_mid) - 1
        column = bisect_right(grid.xs, char.x_mid) - 1
        row = min(max(row, 0), len(grid.ys) - 2)
        column = min(max(column, 0), len(grid.xs) - 2)
        cell = index[(row, column)]
        buckets.setdefault(id(cell), []).append(char)
    for cell in grid.cells:
        cell.lines = group_lines(buckets.get(id(cell), []))


def layout(page: Page) -> PageLayout:
    """The page's ruled grids, with their characters placed in cells, and the text lines outside them."""
    grids = [grid for group in _components(_merge_segments(page.segments)) if (grid := _grid(page.number, group))]
    # a grid inside another (a ruled box drawn within a cell) is part of the outer one
    grids = [
        g
        for g in grids
        if not any(o is not g and o.contains(g.x0 + 1, g.top + 1) and o.contains(g.x1 - 1, g.bottom - 1) for o in grids)
    ]
    grids.sort(key=lambda grid: (grid.top, grid.x0))
    inside: dict[int, list[Char]] = {id(grid): [] for grid in grids}
    outside: list[Char] = []
    for char in page.chars:
        for grid in grids:
            if grid.contains(char.x_mid, char.y_mid):
                inside[id(grid)].append(char)
                break
        else:
            outside.append(char)
    for grid in grids:
        _place_chars(grid, inside[id(grid)])
    from budget_warehouse.pdf import unruled as pdf_unruled  # it builds on this module's cells and lines

    if all(pdf_unruled.degenerate(grid) for grid in grids):
        # no rulings between the columns (none at all, horizontal rules and a frame, or rulings drawn in a way
        # the reader does not take apart): the columns and rows are in the text's alignment
        found, rest = pdf_unruled.synthesize(page.number, page.chars, page.segments)
        if found:
            return PageLayout(page.number, page.width, page.height, found, group_lines(rest))
    return PageLayout(page.number, page.width, page.height, grids, group_lines(outside))
