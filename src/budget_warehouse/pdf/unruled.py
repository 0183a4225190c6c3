"""Grids for tables printed without rulings (or with horizontal rules only).

Some files print a table as text aligned in columns, or draw its rulings in a
way the reader does not take apart (one filled path of many thin boxes), so
the page has no grid, or a grid of one column whose rows hold a whole
printed row each.  This module rebuilds the grid from the text alone, so the
table reader sees the same cells it sees in a ruled table:

* the table is a block of lines that print figures (numbers standing alone),
  with the lines just above it up to the title, the unit line or a wide gap
  as its header;
* columns are the stretches of x that the body's text covers (numbers are
  right aligned, labels left aligned, each stays within its column; a row
  numbering the columns, 栏次 1 2 3, is centred and places none), plus the
  header cells that stand over no body text: a header is centred in its
  cell, so one standing just left of right-aligned figures, or just right of
  left-aligned codes, that have no header of their own heads them; any other
  is a column left blank on this page;
* a number is never cut in two: it lies in one column, the one it is most
  within;
* a header cell printed over other header cells is a group: it heads the
  columns around which it is centred, like a merged cell of a ruled grid;
  a header cell wrapped over two or three lines is one cell;
* a body row is a line that prints figures or is spaced like one; a line
  closer to its neighbour than the rows are to each other is the wrapped
  tail (or head) of a cell of that row.  Horizontal rules, when the page
  has them across the table, are the row edges instead.

Nothing here knows a template or a file: only positions and whether a piece
of text is a number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from budget_warehouse.pdf.layout import Cell, Grid, Line, group_lines
from budget_warehouse.pdf.tables import is_numbering_row
from budget_warehouse.pdf.text import Char, Extent, Segment

_AMOUNT = re.compile(r"^[-−]?(?:\d+(?:[,，]\d{3})+|\d+)(?:[.．]\d+)?$")
_TITLE_END = re.compile(r"表(?:[（(][^）)]{1,8}[）)])?$")
_HEADING = re.compile(r"单位\s*[:：]|编制(?:部门|单位)|部门(?:名称)?\s*[:：]")
_NOTE = re.compile(r"^(?:注|说明|备注)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# what a cell prints for nothing where a figure would go
_NIL = re.compile(r"^[-—–－―/／]+$")
# how far off the centre of its cell a header may be printed (points)
_CENTRING = 2.0


def _is_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text))


@dataclass(slots=True)
class _Row:
    line: Line
    pieces: list[Line]
    amounts: int

    @property
    def top(self) -> float:
        return self.line.top

    @property
    def bottom(self) -> float:
        return self.line.bottom

    @property
    def baseline(self) -> float:
        return self.line.chars[0].baseline

    @property
    def height(self) -> float:
        return max(self.line.height, 1.0)


def _pieces(line: Line) -> list[Line]:
    """A line cut where two characters are further apart than a letter's spacing: cells printed close
    together (the columns of a packed header, a figure against the next label) are separate pieces."""
    chars = line.chars
    pieces = [Line([chars[0]])]
    for char in chars[1:]:
        last = pieces[-1].chars[-1]
        gap = char.x0 - last.x1
        limit = max(1.5, 0.5 * max(last.x1 - last.x0, char.x1 - char.x0))
        if gap > limit or (gap > 1.0 and last.text.isdigit() and _CJK.match(char.text)):
            pieces.append(Line([char]))
        else:
            pieces[-1].chars.append(char)
    return pieces


def _is_title(text: str) -> bool:
    return 4 <= len(text) <= 60 and bool(_TITLE_END.search(text)) and "…" not in text


def _breaks_table(row: _Row) -> bool:
    """A line that a table does not run through: a title, the unit or department line, a note."""
    text = re.sub(r"\s+", "", row.line.text)
    return _is_title(text) or bool(_HEADING.search(text)) or bool(_NOTE.match(text))


def _blocks(rows: list[_Row]) -> list[tuple[int, int]]:
    """Index ranges (first, last inclusive) of the lines that print a table's body: lines with figures, and
    the lines between and just after them that are spaced like rows."""
    blocks: list[tuple[int, int]] = []
    index = 0
    while index < len(rows):
        if rows[index].amounts == 0:
            index += 1
            continue
        first = last = index
        pitch = rows[index].height * 2.5
        cursor = index + 1
        while cursor < len(rows):
            row = rows[cursor]
            if _breaks_table(row):
                break
            gap = row.baseline - rows[cursor - 1].baseline
            # rows left blank part the figures less than a few rows' height
            if gap > max(3.0 * pitch, 4 * row.height) and (not row.amounts or gap > 8 * pitch):
                break
            if row.amounts:
                pitch = min(pitch, gap) if last == cursor - 1 and gap > 0.8 * row.height else pitch
                last = cursor
            elif cursor - last > 3:
                break
            cursor += 1
        # label rows after the last figure (rows left blank) while spaced like rows
        while last + 1 < len(rows) and not _breaks_table(rows[last + 1]):
            gap = rows[last + 1].baseline - rows[last].baseline
            if gap > 1.5 * pitch or len(rows[last + 1].pieces) == 1 and len(rows[last + 1].line.text) > 40:
                break
            last += 1
        blocks.append((first, last))
        index = last + 1
    return blocks


def _header_start(rows: list[_Row], first: int, floor: int) -> int:
    """The first header line above the body's first line: the lines above it up to a title, unit line or gap."""
    start = first
    while start - 1 >= floor:
        above, below = rows[start - 1], rows[start]
        if _breaks_table(above) or above.amounts:
            break
        if below.top - above.bottom > 2.5 * max(above.height, below.height):
            break
        if any(len(piece.chars) > 30 for piece in above.pieces):
            break  # a paragraph, not a header cell
        start -= 1
    return start


@dataclass(slots=True)
class _Box(Extent):
    """A header cell: pieces stacked over one or more lines."""

    pieces: list[Line]
    group: bool = False
    col0: int = 0
    col1: int = 0
    row0: int = 0
    row1: int = 0

    @property
    def x0(self) -> float:
        return min(piece.x0 for piece in self.pieces)

    @property
    def x1(self) -> float:
        return max(piece.x1 for piece in self.pieces)

    @property
    def top(self) -> float:
        return min(piece.top for piece in self.pieces)

    @property
    def bottom(self) -> float:
        return max(piece.bottom for piece in self.pieces)


def _bands(intervals: list[tuple[float, float]], allowance: int) -> list[list[float]]:
    """The stretches of x covered by more than ``allowance`` of the intervals."""
    events = sorted([(x0, 1) for x0, _ in intervals] + [(x1, -1) for _, x1 in intervals], key=lambda e: (e[0], -e[1]))
    bands: list[list[float]] = []
    depth = 0
    for x, step in events:
        before = depth
        depth += step
        if before <= allowance < depth:
            if bands and x - bands[-1][1] <= 1.0:
                continue  # touching: one band
            bands.append([x, x])
        elif depth <= allowance < before:
            bands[-1][1] = x
    return bands


def _header_boxes(header: list[_Row], bands: list[list[float]]) -> list[_Box]:
    """Header pieces joined into cells: letters spaced out over one column (项    目), lines wrapped in one cell."""

    def band_of(x: float) -> int:
        return next((i for i, (b0, b1) in enumerate(bands) if b0 - 2 <= x <= b1 + 2), -1 - bisect_right([b[0] for b in bands], x))

    boxes: list[_Box] = []
    previous: list[_Box] = []
    for row in header:
        pieces: list[Line] = []
        spaced = False  # the last piece is letters spaced out one by one
        for piece in row.pieces:
            single = len(piece.chars) == 1
            if (
                pieces
                and single
                and (spaced or len(pieces[-1].chars) == 1)
                and piece.x0 - pieces[-1].x1 <= 3.5 * row.height
                and band_of(piece.x_mid) == band_of(pieces[-1].x_mid)
            ):
                pieces[-1] = Line([*pieces[-1].chars, *piece.chars])
                spaced = True
            else:
                pieces.append(piece)
                spaced = False
        current: list[_Box] = []
        for piece in pieces:
            above = next(
                (
                    box
                    for box in previous
                    if 0 <= piece.top - box.bottom <= 0.6 * row.height
                    and (box.x0 - 1 <= piece.x_mid <= box.x1 + 1 or piece.x0 - 1 <= box.x_mid <= piece.x1 + 1)
                ),
                None,
            )
            if above is not None:
                above.pieces.append(piece)
                current.append(above)
            else:
                box = _Box([piece])
                boxes.append(box)
                current.append(box)
        previous = current + [box for box in previous if box not in current]
    return boxes


def _is_figure(text: str) -> bool:
    """A number, or a dash printed where a number would go (nothing)."""
    return _is_amount(text) or bool(_NIL.match(text))


def _alignment(pieces: list[Line]) -> str:
    """How a column's text is set: ``right`` (figures), ``left`` (labels, codes) or ``centre``: the edge most of
    its pieces share; where none does more than the others (one piece, figures all as wide), figures are right
    aligned and text left aligned."""
    if len(pieces) >= 2:

        def shared(values: list[float]) -> int:
            return max(sum(1 for other in values if abs(other - value) <= 1.5) for value in values)

        counts = {
            "left": shared([p.x0 for p in pieces]),
            "right": shared([p.x1 for p in pieces]),
            "centre": shared([p.x_mid for p in pieces]),
        }
        best = max(counts.values())
        if best >= 2 and list(counts.values()).count(best) == 1:
            return next(side for side, count in counts.items() if count == best)
    figures = sum(1 for piece in pieces if _is_figure(piece.text))
    return "right" if 2 * figures > len(pieces) else "left"


def _claim_headers(bands: list[list[float]], aligned: list[str], headed: list[bool], alone: list[_Box]) -> list[_Box]:
    """Header cells standing over no body text, given to the column they head where its text is narrower than
    its header and set to one side of the cell.  A header is centred in its cell, so it stands left of a column
    of right-aligned figures (预算数 over 4777.74) and right of a column of left-aligned codes (科目编码 over
    301), and the cell centred on it, from the column's text edge, reaches no other column's text.  A column
    with a header of its own takes none; between two columns, the left-aligned one takes the first header after
    it, the right-aligned one the last before it; where both would take a single header, the nearer.  The bands
    are widened over the headers they take; the headers no column takes are returned (columns left blank on
    this page)."""
    gaps: dict[int, list[_Box]] = {}
    left_over: list[_Box] = []
    for box in sorted(alone, key=lambda box: box.x_mid):
        gap = sum(1 for band in bands if band[1] <= box.x_mid)
        if gap < len(bands) and bands[gap][0] <= box.x_mid:
            left_over.append(box)  # within a column widened over another header: a column of its own
        else:
            gaps.setdefault(gap, []).append(box)
    for gap, run in sorted(gaps.items()):
        # the text either side of the gap, which a header's cell does not reach into
        limit_left = bands[gap - 1][1] if gap > 0 else float("-inf")
        limit_right = bands[gap][0] if gap < len(bands) else float("inf")
        before = gap - 1 if gap > 0 and not headed[gap - 1] and aligned[gap - 1] == "left" else None
        after = gap if gap < len(bands) and not headed[gap] and aligned[gap] == "right" else None
        if before is not None and 2 * run[0].x_mid - bands[before][0] > limit_right + _CENTRING:
            before = None
        if after is not None and 2 * run[-1].x_mid - bands[after][1] < limit_left - _CENTRING:
            after = None
        if before is not None and after is not None and len(run) == 1:
            (box,) = run
            if box.x0 - bands[before][1] <= bands[after][0] - box.x1:
                after = None
            else:
                before = None
        if before is not None:
            box = run.pop(0)
            bands[before][1] = max(bands[before][1], box.x1)
            headed[before] = True
        if after is not None and run:
            box = run.pop()
            bands[after][0] = min(bands[after][0], box.x0)
            headed[after] = True
        left_over.extend(run)
    return left_over


def _columns(body: list[_Row], boxes: list[_Box]) -> tuple[list[float], list[list[float]]]:
    """Column edges, and each column's text extent."""
    intervals = [(piece.x0, piece.x1) for row in body for piece in row.pieces]
    bands = _bands(intervals, len(body) // 20)
    header_top, header_bottom = (min(b.top for b in boxes), max(b.bottom for b in boxes)) if boxes else (0.0, 0.0)
    for box in boxes:
        below = [o for o in boxes if o is not box and o.top > box.bottom - 0.5 and o.x0 < box.x1 and o.x1 > box.x0]
        box.group = bool(below) or box.y_mid < header_top + 0.4 * (header_bottom - header_top)
    aligned = [
        _alignment([piece for row in body for piece in row.pieces if piece.x0 < band[1] and piece.x1 > band[0]]) for band in bands
    ]
    headed = [False] * len(bands)
    alone: list[_Box] = []
    for box in boxes:
        if box.group:
            continue
        overlapping = [index for index, band in enumerate(bands) if band[0] < box.x1 and band[1] > box.x0]
        for index in overlapping:
            headed[index] = True
        if len(overlapping) == 1:
            band = bands[overlapping[0]]
            band[0], band[1] = min(band[0], box.x0), max(band[1], box.x1)
        elif not overlapping:
            alone.append(box)
    columns = [list(band) for band in bands]
    columns += [[box.x0, box.x1] for box in _claim_headers(columns, aligned, headed, alone)]
    columns.sort()
    merged: list[list[float]] = []
    for column in columns:
        if merged and column[0] < merged[-1][1] - 1:
            merged[-1][1] = max(merged[-1][1], column[1])
        else:
            merged.append(column)
    left = min([merged[0][0], *(b.x0 for b in boxes)]) - 2
    right = max([merged[-1][1], *(b.x1 for b in boxes)]) + 2
    xs = [left] + [(a[1] + b[0]) / 2 for a, b in zip(merged, merged[1:], strict=False)] + [right]
    return xs, merged


def _column_of(xs: list[float], x: float) -> int:
    return min(max(bisect_right(xs, x) - 1, 0), len(xs) - 2)


def _place_header(boxes: list[_Box], xs: list[float]) -> int:
    """Each header box's columns and rows; returns the number of header rows."""
    columns = len(xs) - 1
    for box in boxes:
        if not box.group:
            box.col0, box.col1 = _column_of(xs, box.x0 + 1), _column_of(xs, box.x1 - 1) + 1
            if box.col1 - box.col0 > 1:
                box.col0 = box.col1 = _column_of(xs, box.x_mid)
                box.col1 += 1
    groups = [box for box in boxes if box.group]
    # tiers: groups printed at the same height; the lowest tier first
    tiers: list[list[_Box]] = []
    for box in sorted(groups, key=lambda b: b.top):
        if tiers and box.top < max(b.bottom for b in tiers[-1]) - 0.5:
            tiers[-1].append(box)
        else:
            tiers.append([box])
    header_bottom = max(box.bottom for box in boxes)
    for tier in reversed(tiers):
        bottom = max(b.bottom for b in tier)
        middle = (sum(b.y_mid for b in tier) / len(tier) + header_bottom) / 2
        # the columns a group of this tier can head: those whose header cells are all printed below it
        # (a cell merged over the header's full height is centred beside the groups, not under them)
        eligible = [False] * columns
        for b in boxes:
            if b.top > bottom - 0.5 and (b.group and b.col1 > b.col0 or not b.group and b.y_mid >= middle):
                for c in range(b.col0, b.col1):
                    eligible[c] = True
        for b in boxes:
            if not b.group and (b.top <= bottom - 0.5 or b.y_mid < middle):
                for c in range(b.col0, b.col1):
                    eligible[c] = False
        tier.sort(key=lambda b: b.x_mid)
        centres = [_column_of(xs, b.x_mid) for b in tier]
        floor = 0
        for index, box in enumerate(tier):
            home = centres[index]
            ceiling = centres[index + 1] if index + 1 < len(tier) else columns
            # the widest run of columns around which the group's text is centred
            best: float | None = None
            span = (home, home + 1)
            for a in range(home, floor - 1, -1):
                if a < home and not eligible[a]:
                    break
                for b in range(home + 1, ceiling + 1):
                    if b - 1 > home and not eligible[b - 1]:
                        break
                    # off centre by less than a tenth of the width it gains: the edges between columns are
                    # estimates (midway between a label's end and a figure's start)
                    score = abs((xs[a] + xs[b]) / 2 - box.x_mid) - 0.1 * (xs[b] - xs[a])
                    if best is None or score < best:
                        best, span = score, (a, b)
            box.col0, box.col1 = span
            floor = box.col1
    for depth, tier in enumerate(tiers):
        for box in tier:
            box.row1 = depth + 1
    rows = len(tiers) + 1
    for box in boxes:
        covering = [
            d
            for d, tier in enumerate(tiers)
            for g in tier
            if g is not box and g.col0 <= box.col0 and box.col1 <= g.col1 and g.bottom <= box.top + 0.5
        ]
        above = max(covering) + 1 if covering else 0
        if box.group:
            box.row0 = min(above, box.row1 - 1)
        else:
            box.row0, box.row1 = min(above, rows - 1), rows
    return rows


def _body_rows(body: list[_Row], rules: list[float]) -> list[list[_Row]]:
    """The body's lines gathered into printed rows."""
    if len(rules) >= 2:
        # rules across the table are the row edges when they part every two lines that print figures
        groups: dict[int, list[_Row]] = {}
        for row in body:
            groups.setdefault(bisect_right(rules, (row.top + row.bottom) / 2), []).append(row)
        if all(sum(1 for row in group if row.amounts) <= 1 for group in groups.values()):
            return [groups[key] for key in sorted(groups)]
    steps = [b.baseline - a.baseline for a, b in zip(body, body[1:], strict=False)]
    # the rows' own pitch: the gaps between two lines that both print figures
    figure_steps = sorted(step for step, a, b in zip(steps, body, body[1:], strict=False) if a.amounts and b.amounts)
    ordered = figure_steps if len(figure_steps) >= 3 else sorted(steps)
    pitch = ordered[len(ordered) // 2] if ordered else 0.0
    # a line without figures closer to a neighbour than the rows' pitch is part of that neighbour's row
    edges: list[tuple[float, int]] = []
    for index, row in enumerate(body):
        if row.amounts:
            continue
        up = steps[index - 1] if index > 0 else float("inf")
        down = steps[index] if index < len(steps) else float("inf")
        if min(up, down) < 0.75 * pitch:
            edges.append((up, index - 1) if up <= down else (down, index))
    parent = list(range(len(body)))
    figures = [1 if row.amounts else 0 for row in body]

    def find(index: int) -> int:
        while parent[index] != index:
            index = parent[index]
        return index

    for _, pair in sorted(edges):
        a, b = find(pair), find(pair + 1)
        if a != b and figures[a] + figures[b] <= 1:
            parent[max(a, b)] = min(a, b)
            figures[min(a, b)] += figures[max(a, b)]
    rows: dict[int, list[_Row]] = {}
    for index, row in enumerate(body):
        rows.setdefault(find(index), []).append(row)
    return [rows[key] for key in sorted(rows)]


def _grid(page: int, header: list[_Row], body: list[_Row], rules: list[float]) -> tuple[Grid, list[Char]] | None:
    # a row numbering the columns (栏次 1 2 3 …) prints its numbers centred, not where the figures stand
    shaping = [row for row in body if not _numbers_columns(row)] or body
    provisional = _bands([(p.x0, p.x1) for row in shaping for p in row.pieces], len(shaping) // 20)
    boxes = _header_boxes(header, provisional)
    xs, _ = _columns(shaping, boxes)
    columns = len(xs) - 1
    if columns < 2:
        return None
    header_rows = _place_header(boxes, xs) if boxes else 0
    printed = _body_rows(body, rules)
    # row edges: header tiers, then between printed rows
    ys: list[float] = []
    if boxes:
        top = min(b.top for b in boxes) - 1
        ys.append(top)
        for depth in range(header_rows - 1):
            ends = [b.bottom for b in boxes if b.row1 == depth + 1]
            starts = [b.top for b in boxes if b.row0 == depth + 1]
            edge = max(ends) + 0.5 if ends else ys[-1] + 1
            if starts:
                edge = min(edge, min(starts) - 0.1)
            ys.append(max(edge, ys[-1] + 0.1))
        ys.append(max(max(b.bottom for b in boxes) + 0.5, ys[-1] + 0.1))
    for index, lines in enumerate(printed):
        top = min(line.top for line in lines)
        if not ys:
            ys.append(top - 1)
        elif index > 0:
            previous_bottom = max(line.bottom for line in printed[index - 1])
            ys.append(max((previous_bottom + top) / 2, ys[-1] + 0.1))
        else:
            ys[-1] = min(ys[-1], top - 0.1) if len(ys) > 1 and ys[-1] > top else ys[-1]
    ys.append(max(line.bottom for line in printed[-1]) + 1)
    if header_rows:
        ys[header_rows] = min(ys[header_rows], min(line.top for line in printed[0]) - 0.1)
        ys[header_rows] = max(ys[header_rows], ys[header_rows - 1] + 0.05)
    cells: list[Cell] = []
    taken: set[tuple[int, int]] = set()
    for box in boxes:
        if any((r, c) in taken for r in range(box.row0, box.row1) for c in range(box.col0, box.col1)):
            box.row1 = box.row0 + 1
            box.col1 = box.col0 + 1
            if (box.row0, box.col0) in taken:
                existing = next(c for c in cells if c.row0 <= box.row0 < c.row1 and c.col0 <= box.col0 < c.col1)
                existing.lines = group_lines(
                    [ch for line in existing.lines for ch in line.chars] + [ch for p in box.pieces for ch in p.chars]
                )
                continue
        for r in range(box.row0, box.row1):
            for c in range(box.col0, box.col1):
                taken.add((r, c))
        cell = Cell(box.row0, box.row1, box.col0, box.col1, xs[box.col0], ys[box.row0], xs[box.col1], ys[box.row1])
        cell.lines = group_lines([ch for p in box.pieces for ch in p.chars])
        cells.append(cell)
    for r in range(header_rows):
        for c in range(columns):
            if (r, c) not in taken:
                cells.append(Cell(r, r + 1, c, c + 1, xs[c], ys[r], xs[c + 1], ys[r + 1]))
    for index, lines in enumerate(printed):
        r = header_rows + index
        buckets: dict[int, list[Char]] = {}
        for line in lines:
            for piece in line.pieces:
                if _is_figure(piece.text):
                    # a number is never cut in two: it is in the column it lies most within (a figure wider than
                    # the others of its column reaches past the edge drawn between the columns' text)
                    column = max(range(columns), key=lambda c: min(xs[c + 1], piece.x1) - max(xs[c], piece.x0))
                    buckets.setdefault(column, []).extend(piece.chars)
                    continue
                for char in piece.chars:
                    buckets.setdefault(_column_of(xs, char.x_mid), []).append(char)
        for c in range(columns):
            cell = Cell(r, r + 1, c, c + 1, xs[c], ys[r], xs[c + 1], ys[r + 1])
            cell.lines = group_lines(buckets.get(c, []))
            cells.append(cell)
    cells.sort(key=lambda cell: (cell.row0, cell.col0))
    used = [ch for p in (p for b in boxes for p in b.pieces) for ch in p.chars]
    used += [ch for lines in printed for line in lines for ch in line.line.chars]
    return Grid(page, xs, ys, cells, synthesized=True), used


def _numbers_columns(row: _Row) -> bool:
    """A row that numbers the columns under the header (栏次 | 1 | 2 | 3 …), as the table reader tells it."""
    texts = [re.sub(r"\s+", "", piece.text) for piece in row.pieces]
    return is_numbering_row([t for t in texts if not _is_figure(t)], [t for t in texts if _is_amount(t)])


def _amount_count(pieces: list[Line]) -> int:
    return sum(1 for piece in pieces if _is_amount(piece.text))


def _looks_tabular(figures: list[_Row], titled: bool) -> bool:
    """Figures printed as a table: under a table's title, a row of several figures or two rows of a column;
    with no title, rows of several figures whose right edges line up in columns."""
    edges: dict[int, int] = {}
    for row in figures:
        for piece in row.pieces:
            if _is_amount(piece.text):
                key = round(piece.x1 / 2)
                hit = next((k for k in (key, key - 1, key + 1) if k in edges), key)
                edges[hit] = edges.get(hit, 0) + 1
    aligned = sum(1 for count in edges.values() if count >= 2)
    wide = sum(1 for row in figures if row.amounts >= 2)
    if titled:
        return wide >= 1 or aligned >= 1
    return len(figures) >= 3 and wide >= 2 and aligned >= 2


def degenerate(grid: Grid) -> bool:
    """A grid whose rulings do not part its columns or rows: one column, or a cell that holds several printed
    rows of figures (the rulings between them are drawn in a way the reader does not see)."""
    if len(grid.xs) == 2:
        return True
    for cell in grid.cells:
        if len(cell.lines) >= 3 and sum(1 for line in cell.lines if _amount_count(_pieces(line))) >= 3:
            return True
    return False


def synthesize(page: int, chars: list[Char], segments: list[Segment]) -> tuple[list[Grid], list[Char]]:
    """Grids for the tables these characters print without rulings, and the characters left outside them."""
    lines = group_lines(chars)
    rows = [_Row(line, pieces, _amount_count(pieces)) for line in lines if (pieces := _pieces(line))]
    grids: list[Grid] = []
    used: set[int] = set()
    floor = 0
    for first, last in _blocks(rows):
        body = rows[first : last + 1]
        figures = [row for row in body if row.amounts]
        start = _header_start(rows, first, floor)
        header = rows[start:first]
        titled = any(_is_title(re.sub(r"\s+", "", rows[i].line.text)) for i in range(max(floor, start - 3), start))
        if not _looks_tabular(figures, titled):
            floor = last + 1
            continue
        top, bottom = (header or body)[0].top, body[-1].bottom
        rules = sorted(
            {round(s.pos, 1) for s in segments if s.horizontal and top - 3 <= s.pos <= bottom + 3 and s.end - s.start > 100}
        )
        body_rules = [y for y in rules if body[0].top - 3 <= y <= bottom + 3]
        made = _grid(page, header, body, body_rules if len(body_rules) >= 3 else [])
        floor = last + 1
        if made is None:
            continue
        grid, taken = made
        grids.append(grid)
        used.update(id(char) for char in taken)
    return grids, [char for char in chars if id(char) not in used]
