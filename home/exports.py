"""Spreadsheet exports an office opens as they are: translated headings, local times, titles.

Every admin view that offers CSV or XLSX mixes in OfficeExportMixin, Wagtail's own snippet
listings included, so the formatting lives here once. Values are written as the admin shows them:
choices by their label, yes and no in words, times in the admin's time zone; text a spreadsheet
would run as a formula stays text.
"""

import csv
import datetime
import re
import unicodedata
from decimal import Decimal

from django.contrib.admin.utils import label_for_field
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.views.mixins import Echo
from wagtail.coreutils import multigetattr

BOM = "\ufeff"  # without it, Excel on Chinese Windows reads a CSV as GBK and garbles it
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Most specific first: a datetime is also a date.
FORMATS = [
    (datetime.datetime, "%Y-%m-%d %H:%M", "yyyy-mm-dd hh:mm"),
    (datetime.date, "%Y-%m-%d", "yyyy-mm-dd"),
    (datetime.time, "%H:%M", "hh:mm"),
]
NUMBERS = (int, float, Decimal)
SHEET_NAME_FORBIDS = re.compile(r"[\[\]:*?/\\]")
NARROWEST, WIDEST = 6, 50


def neutralise(value):
    """Return value with a leading quote if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def local(value):
    """Return a datetime as the naive wall-clock time of the admin's time zone."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


def plain(value):
    """Return a value as text the way the admin shows it, not yet guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    for kind, text_format, _excel in FORMATS:
        if isinstance(value, kind):
            return local(value).strftime(text_format)
    if isinstance(value, list | tuple):
        return ", ".join(plain(item) for item in value)
    return force_str(value)


def as_text(value):
    """Return a value as a CSV cell shows it."""
    return neutralise(plain(value))


def as_cell(value):
    """Return a value as an XLSX cell holds it: numbers stay numbers, dates naive local dates."""
    if value is None or isinstance(value, NUMBERS) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return local(value)
    return plain(value)


def excel_format(value):
    """Return the number format Excel shows a date, datetime or time with, or None."""
    return next((excel for kind, _text, excel in FORMATS if isinstance(value, kind)), None)


def value_at(item, path):
    """Return the value at a dotted path; a field with choices gives its translated label."""
    *owners, name = path.split(".")
    owner = multigetattr(item, ".".join(owners)) if owners else item
    display = getattr(owner, f"get_{name}_display", None)
    return display() if callable(display) else multigetattr(item, path)


def heading_for(model, path):
    """Return the verbose name of the field a dotted path ends at, or the path if none."""
    *relations, name = path.split(".")
    try:
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        return capfirst(force_str(label_for_field(name, model)))
    except (AttributeError, FieldDoesNotExist):
        return path


def text_width(value):
    """Return how many narrow characters a cell's text takes; Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in plain(value))


def sheet_name(title):
    """Return a title as a worksheet name Excel accepts: 31 characters, none of []:*?/\\."""
    return SHEET_NAME_FORBIDS.sub(" ", title)[:31].strip() or "Sheet1"


def preamble(title, scope):
    """Return the lines above the header: the report, what it covers and when it was taken."""
    lines = [_("%(label)s: %(value)s") % {"label": label, "value": value} for label, value in scope]
    exported = plain(timezone.now())
    return [
        title,
        *(lines or [_("Filters: none")]),
        _("Exported at: %(time)s") % {"time": exported},
        "",
    ]


def write_row(sheet, number, values, font=None):
    """Write a row of cells at row number; text that looks like a formula is kept as text."""
    # Cell by cell at a known row: reading sheet.max_row after each append scans every cell.
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=number, column=column, value=as_cell(value))
        if cell.data_type == "f":
            cell.data_type = "s"
        cell.number_format = excel_format(value) or cell.number_format
        if font:
            cell.font = font


def size_columns(sheet, header_row, widths):
    for cell, width in zip(sheet[header_row], widths, strict=True):
        sheet.column_dimensions[cell.column_letter].width = min(max(width + 2, NARROWEST), WIDEST)


def write_workbook(output, title, scope, headings, rows):
    """Write a sheet named for the report: title, scope and time, then a frozen header row."""
    # Imported here, as Wagtail does, so processes that never write a workbook never load it.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(title)
    lines = preamble(title, scope)
    for number, line in enumerate(lines, start=1):
        write_row(sheet, number, [line])
    sheet["A1"].font = Font(bold=True, size=14)
    header_row = len(lines) + 1
    write_row(sheet, header_row, headings, font=Font(bold=True))
    sheet.freeze_panes = f"A{header_row + 1}"
    widths = [text_width(heading) for heading in headings]
    for number, row in enumerate(rows, start=header_row + 1):
        write_row(sheet, number, row)
        widths = [max(width, text_width(value)) for width, value in zip(widths, row, strict=True)]
    size_columns(sheet, header_row, widths)
    workbook.save(output)


def as_requested(chunks):
    """Stream chunks in the language and time zone of the request that asked for them."""
    # The admin switches to the user's language and zone only while the view runs, and a
    # streamed file is written after the view returns.
    language, zone = translation.get_language(), timezone.get_current_timezone()

    def stream():
        with translation.override(language), timezone.override(zone):
            yield from chunks

    return stream()


class OfficeExportMixin:
    """Write a SpreadsheetExportMixin view's CSV and XLSX for an office's spreadsheet program."""

    def to_row_dict(self, item):
        return {field: value_at(item, field) for field in self.list_export}

    def get_heading(self, queryset, field):
        heading = self.export_headings.get(field)
        if heading:
            return force_str(heading)
        return heading_for(getattr(queryset, "model", None), field)

    def export_scope(self):
        """Return (label, value) pairs naming what the export covers, as the listing shows it."""
        scope = [(force_str(f.field_label), force_str(f.value)) for f in self.active_filters]
        if getattr(self, "search_query", ""):
            scope.append((_("Search"), self.search_query))
        return scope

    def stream_csv(self, queryset):
        writer = csv.writer(Echo())
        yield BOM
        yield writer.writerow([self.get_heading(queryset, field) for field in self.list_export])
        for item in queryset:
            yield writer.writerow([as_text(value) for value in self.to_row_dict(item).values()])

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        response.streaming_content = as_requested(response.streaming_content)
        return response

    def write_xlsx(self, queryset, output):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (list(self.to_row_dict(item).values()) for item in queryset)
        title = force_str(self.get_page_title())
        write_workbook(output, title, self.export_scope(), headings, rows)
