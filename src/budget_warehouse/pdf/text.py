"""Characters with their boxes, and the ruling lines, of every page of a PDF.

The reader is PDFium (pypdfium2): it gives each character's box and each
path object's segments at a few hundredths of a second per document, where
pdfplumber (pdfminer) takes most of a second.  Everything the table and
narrative readers need is built from these two lists, so the choice of
library is confined to this module.

Coordinates are in PDF points with the origin at the top left of the page
as it is displayed: the crop box's corner, whatever the user space's origin
(a crop box at -12, 12 or a media box offset alike), with a page that has
/Rotate turned upright, so ``top`` grows downwards and text reads along
increasing ``x0``.  Rulings drawn inside a form XObject (a page whose whole
content is one placed form, as a PDF re-written by PDFium prints it) are
taken through the form's matrix into the page's space, where the characters
already are.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


class PdfError(Exception):
    """The file cannot be read as a text PDF; ``reason`` is a short code for the intake report."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class Extent:
    """The middle of anything with a box (x0, x1, top, bottom): a character, a line, a header cell."""

    __slots__ = ()
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def x_mid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Char(Extent):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    baseline: float


@dataclass(frozen=True, slots=True)
class Segment:
    """An axis-parallel stretch of ruling: ``horizontal`` at ``pos`` (a y) from ``start`` to ``end`` (x), or vertical."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)


# a ruling is a path (or a filled rectangle) at most this thick, in points
_RULE_THICKNESS = 2.0
# a path with more segments than this is a drawing, not a table's ruling
_MAX_PATH_SEGMENTS = 400


# an affine map of PDF space, (a, b, c, d, e, f): x' = a x + c y + e, y' = b x + d y + f
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# forms placed inside forms are followed this deep
_MAX_FORM_DEPTH = 4


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _then(inner: Matrix, outer: Matrix) -> Matrix:
    """The map that applies ``inner``, then ``outer``."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _matrix_of(handle) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(handle, ctypes.byref(matrix)):
        return _IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _display_transform(rotation: int, box: tuple[float, float, float, float]):
    """A function from PDF user space (origin bottom left) to upright display space (origin at the top left of
    the crop box ``box``, as left, bottom, right, top), and the display's width and height."""
    left, bottom, right, top = box
    width, height = right - left, top - bottom
    if rotation == 90:
        return lambda x, y: (y - bottom, x - left), (height, width)
    if rotation == 180:
        return lambda x, y: (right - x, y - bottom), (width, height)
    if rotation == 270:
        return lambda x, y: (top - y, right - x), (height, width)
    return lambda x, y: (x - left, top - y), (width, height)


_POINT_X, _POINT_Y = ctypes.c_float(), ctypes.c_float()
_POINT = (ctypes.byref(_POINT_X), ctypes.byref(_POINT_Y))


def _clip_box(text_object) -> tuple[float, float, float, float] | None:
    """The box a text object's clip paths leave it, in its own space (the intersection of each path's box;
    None where it is not clipped). A rectangle (move, three lines, close: how a cell or a page region is
    clipped) is read by two opposite corners, which keeps this cheap for the producers that draw every
    character as an object of its own."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(text_object)
    if not clip:
        return None
    left, bottom, right, top = -math.inf, -math.inf, math.inf, math.inf
    for path in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        count = pdfium_c.FPDFClipPath_CountPathSegments(clip, path)
        xs, ys = [], []
        for index in (0, 2) if count in (4, 5) else range(count):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, *_POINT):
                xs.append(_POINT_X.value)
                ys.append(_POINT_Y.value)
        if xs and max(xs) - min(xs) >= 1 and max(ys) - min(ys) >= 1:
            left, bottom = max(left, min(xs)), max(bottom, min(ys))
            right, top = min(right, max(xs)), min(top, max(ys))
    return None if left == -math.inf else (left, bottom, right, top)


def _in_page_space(text_object, box: tuple[float, float, float, float]) -> bool:
    """Whether a text object's own bounds (and so its clip path) are in page space, as its characters' boxes
    are: a text drawn inside a form reports both in the form's space, where they cannot be compared."""
    if not text_object:
        return False
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not pdfium_c.FPDFPageObj_GetBounds(text_object, *(ctypes.byref(value) for value in (left, bottom, right, top))):
        return False
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return left.value - 2 <= x <= right.value + 2 and bottom.value - 2 <= y <= top.value + 2


def _visible(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether a character is where a reader sees it: its centre on the page and inside its text's clip path
    (a producer may lay a whole list on each of two pages and clip each to the part that page shows; a
    spreadsheet clips a cell's overflow). What is hidden is not printed."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return all(left - 1 <= x <= right + 1 and bottom - 1 <= y <= top + 1 for left, bottom, right, top in boxes)


def _chars(page: pdfium.PdfPage, transform) -> list[Char]:
    textpage = page.get_textpage()
    page_box = tuple(page.get_bbox())
    try:
        handle = textpage.raw
        count = pdfium_c.FPDFText_CountChars(handle)
        box = pdfium_c.FS_RECTF()
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        # first every printed character with its box and the text object that draws it (and each object's
        # first character)
        found: list[tuple[int, str, tuple[float, float, float, float], int]] = []
        objects: dict[int, tuple[object, tuple[float, float, float, float]]] = {}
        # the page's text in one call (UTF-16, one unit per character unless a character is outside the BMP:
        # then character by character)
        units = (ctypes.c_ushort * (count + 1))()
        written = pdfium_c.FPDFText_GetText(handle, 0, count, units) if count else 0
        codes = list(units[:count]) if written == count + 1 else None
        if codes is not None and any(0xD800 <= code <= 0xDFFF for code in codes):
            codes = None
        for index in range(count):
            code = codes[index] if codes is not None else pdfium_c.FPDFText_GetUnicode(handle, index)
            if code in (0xFFFE, 0x2) and pdfium_c.FPDFText_IsHyphen(handle, index) == 1:
                # a hyphen printed at the end of a wrapped line (广州市统计局2025年- / 2026年信息化运维项目): PDFium
                # marks it as a soft hyphen, but it is printed, and part of the name
                code = 0x2D
            if code < 32 or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF or chr(code).isspace():
                continue
            if pdfium_c.FPDFText_IsGenerated(handle, index) == 1:
                continue
            text = chr(code)
            angle = pdfium_c.FPDFText_GetCharAngle(handle, index)
            # a watermark is set at 30 to 60 degrees; synthetic italics are sheared by
            # less than 25 degrees and read like any other text
            if angle > 0 and min(abs(angle - k * math.pi / 2) for k in range(5)) > 0.45:
                continue
            if not pdfium_c.FPDFText_GetLooseCharBox(handle, index, ctypes.byref(box)):
                continue
            text_object = pdfium_c.FPDFText_GetTextObject(handle, index)
            object_key = ctypes.addressof(text_object.contents) if text_object else 0
            char_box = (box.left, box.bottom, box.right, box.top)
            if object_key not in objects:
                objects[object_key] = (text_object, char_box)
            found.append((index, text, char_box, object_key))
        # then where each text object may show: on the page, and inside its own clip path where that path is in
        # page space (a text drawn in a form reports both in the form's space). Its own: a neighbour's clip
        # would show a cell's overflow where it lands (107.000000 read as 107.0000005)
        shown_in: dict[int, list[tuple[float, float, float, float]]] = {}
        for object_key, (text_object, first) in objects.items():
            clip = _clip_box(text_object) if text_object else None
            # a clip that hides the character is trusted only where the object is in page space
            if clip and not _visible(first, [clip]) and not _in_page_space(text_object, first):
                clip = None
            shown_in[object_key] = [page_box, clip] if clip else [page_box]
        chars: list[Char] = []
        seen: set[tuple[str, int, int]] = set()
        for index, text, (left, bottom, right, top_y), object_key in found:
            if not _visible((left, bottom, right, top_y), shown_in[object_key]):
                continue
            ax, ay = transform(left, top_y)
            bx, by = transform(right, bottom)
            x0, x1 = min(ax, bx), max(ax, bx)
            top, low = min(ay, by), max(ay, by)
            # some producers draw each character twice to make it bold: one is enough
            key = (text, round(x0 * 2), round(top * 2))
            if key in seen:
                continue
            seen.add(key)
            size = pdfium_c.FPDFText_GetFontSize(handle, index)
            if pdfium_c.FPDFText_GetCharOrigin(handle, index, ctypes.byref(origin_x), ctypes.byref(origin_y)):
                baseline = transform(origin_x.value, origin_y.value)[1]
            else:
                baseline = low
            chars.append(Char(text, x0, top, x1, low, size or (low - top), baseline))
        return chars
    finally:
        textpage.close()


def _path_points(handle, outer: Matrix) -> Iterator[list[tuple[float, float]]]:
    """The subpaths of a path object as lists of points, in page space (the object's matrix applied, then
    ``outer``, that of the forms it is drawn in)."""
    count = pdfium_c.FPDFPath_CountSegments(handle)
    if count <= 0 or count > _MAX_PATH_SEGMENTS:
        return
    matrix = _then(_matrix_of(handle), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    current: list[tuple[float, float]] = []
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = _apply(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO and current:
            yield current
            current = []
        current.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and current:
            current.append(current[0])
            yield current
            current = []
    if current:
        yield current


def _path_objects(page: pdfium.PdfPage) -> Iterator[tuple[ctypes.c_void_p, Matrix]]:
    """Raw handles of the page's path objects, including those inside form XObjects (and forms in those), each
    with the matrix from its form's space to the page's (identity for a path drawn on the page itself)."""
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        handle = pdfium_c.FPDFPage_GetObject(page.raw, index)
        yield from _paths_in(handle, _IDENTITY, 0)


def _paths_in(handle, outer: Matrix, depth: int) -> Iterator[tuple[ctypes.c_void_p, Matrix]]:
    kind = pdfium_c.FPDFPageObj_GetType(handle)
    if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
        yield handle, outer
    elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
        # a form's objects are in its own space: its matrix takes them into the space it is placed in
        inner = _then(_matrix_of(handle), outer)
        for index in range(pdfium_c.FPDFFormObj_CountObjects(handle)):
            yield from _paths_in(pdfium_c.FPDFFormObj_GetObject(handle, index), inner, depth + 1)


def _segments(page: pdfium.PdfPage, transform) -> list[Segment]:
    """Axis-parallel rulings: thin filled rectangles and stroked straight lines."""
    segments: list[Segment] = []
    bounds = [ctypes.c_float() for _ in range(4)]
    for handle, outer in _path_objects(page):
        if not pdfium_c.FPDFPageObj_GetBounds(handle, *(ctypes.byref(value) for value in bounds)):
            continue
        left, bottom, right, top = (value.value for value in bounds)
        corners = [transform(*_apply(outer, x, y)) for x, y in ((left, bottom), (left, top), (right, bottom), (right, top))]
        x0, x1 = min(x for x, _ in corners), max(x for x, _ in corners)
        y0, y1 = min(y for _, y in corners), max(y for _, y in corners)
        width, height = x1 - x0, y1 - y0
        if width <= _RULE_THICKNESS and height > _RULE_THICKNESS:
            segments.append(Segment(False, (x0 + x1) / 2, y0, y1))
            continue
        if height <= _RULE_THICKNESS and width > _RULE_THICKNESS:
            segments.append(Segment(True, (y0 + y1) / 2, x0, x1))
            continue
        if width <= _RULE_THICKNESS and height <= _RULE_THICKNESS:
            continue
        # a larger path: keep its straight axis-parallel edges when it is stroked
        stroke = ctypes.c_int()
        fill = ctypes.c_int()
        if pdfium_c.FPDFPath_GetDrawMode(handle, ctypes.byref(fill), ctypes.byref(stroke)) and not stroke.value:
            continue
        for points in _path_points(handle, outer):
            for (px, py), (qx, qy) in zip(points, points[1:], strict=False):
                (sx, sy), (tx, ty) = transform(px, py), transform(qx, qy)
                if abs(sy - ty) < 0.5 and abs(sx - tx) > _RULE_THICKNESS:
                    segments.append(Segment(True, (sy + ty) / 2, min(sx, tx), max(sx, tx)))
                elif abs(sx - tx) < 0.5 and abs(sy - ty) > _RULE_THICKNESS:
                    segments.append(Segment(False, (sx + tx) / 2, min(sy, ty), max(sy, ty)))
    return segments


def open_document(path: Path) -> pdfium.PdfDocument:
    """Open a PDF or say, in words a person can act on, why it cannot be read."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise PdfError("not_a_pdf", f"{path}: is not a PDF (it does not start with %PDF-)")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise PdfError("encrypted", f"{path}: is encrypted (password protected); publish an unprotected copy") from None
        raise PdfError("damaged", f"{path}: cannot be read as a PDF ({message}); the file may be truncated or damaged") from None


def read_pages(path: Path, max_pages: int = 400) -> list[Page]:
    """Every page's characters and rulings.  Raises PdfError for a file that is not a readable text PDF."""
    document = open_document(path)
    try:
        count = len(document)
        if count == 0:
            raise PdfError("damaged", f"{path}: has no pages")
        if count > max_pages:
            raise PdfError("too_large", f"{path}: has {count} pages, more than the {max_pages} a budget document has")
        pages: list[Page] = []
        for index in range(count):
            page = document[index]
            try:
                # the crop box as displayed (within the media box), in user space, before /Rotate
                transform, (display_width, display_height) = _display_transform(page.get_rotation(), page.get_bbox())
                pages.append(Page(index + 1, display_width, display_height, _chars(page, transform), _segments(page, transform)))
            finally:
                page.close()
        if sum(len(page.chars) for page in pages) == 0:
            raise PdfError("no_text", f"{path}: has no text layer ({count} pages of images, a scan?); it needs OCR first")
        return pages
    finally:
        document.close()
