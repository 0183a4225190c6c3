"""The PDF reader, in the order it reads a file.

1. ``text``: each page's characters, with their boxes and fonts, and its rulings (PDFium).
2. ``layout``: characters into lines by baseline, rulings into grids with merged cells;
   ``unruled`` synthesizes a grid where a page prints a table without usable rulings.
3. ``tables``: each printed table found by its title, columns and rows against the template
   descriptions, and its figures read with their page, label, code, column and unit as printed.
4. ``narrative``: the sentences of the 情况说明 that state figures, read as claims.
5. ``document``: the document's identity (department, region, year, phase, scope) and template,
   from what it prints, and the whole read as one result.
"""
