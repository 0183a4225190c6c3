"""A generated bench of layouts: budgets with known figures, printed as the national table set in its variants.

The reader's round trip (STYLE.md, "a bench that knows the answer"): print known figures in a layout, read
them back with the project's reader, compare. One module per job:

1. ``variants``: the printed variants as data (one entry each, combinable) and the grid of documents to print.
2. ``budget``: one department's budget, random but seeded, in exact Decimal arithmetic (parents are the sums
   of their children, totals balance).
3. ``tableset``: the national set's tables of a budget in a layout, cell by cell, each printed figure with the
   table kind, row and measure the reader must give it; the narrative's sentences; the planted errors.
4. ``printer``: the tables, a cover and the narrative drawn into a PDF with reportlab (a CJK TrueType font where
   one is installed, else the non-embedded CID font STSong-Light), each figure with the page it lands on.
5. ``harness``: a generated PDF read with ``budget_warehouse.pdf.document.read_document`` and compared,
   figure by figure, with what was printed.
6. ``findings``: a folder of generated documents built as ``make build DOCS=folder`` builds it, and the findings
   compared with the planted errors (each found on its page, clean documents silent).
"""
