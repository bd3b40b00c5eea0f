"""Read exported CSV and XLSX files back the way a spreadsheet program opens them."""

import csv
import io

import openpyxl


def csv_rows(response):
    """Return a CSV export's rows (from a response or its bytes), reading the BOM as Excel does."""
    raw = response if isinstance(response, bytes) else response.getvalue()
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def sheet_of(response):
    """Return an XLSX export's worksheet; a response's content can be read only once."""
    return openpyxl.load_workbook(io.BytesIO(response.getvalue())).active


def header_row(sheet):
    """Return the number of the header row: the last one above the frozen pane."""
    return sheet[sheet.freeze_panes].row - 1


def table_cells(sheet):
    """Return the header and data rows as cells, below the title lines."""
    return list(sheet.iter_rows(min_row=header_row(sheet)))


def table_rows(sheet):
    return [[cell.value for cell in row] for row in table_cells(sheet)]


def title_lines(sheet):
    """Return the text of the lines above the header: the report, its filters, the time."""
    rows = sheet.iter_rows(max_row=header_row(sheet) - 1, max_col=1, values_only=True)
    return [row[0] for row in rows if row[0]]
