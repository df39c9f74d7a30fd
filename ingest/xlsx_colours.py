"""Cell fill colours as the officer sees them: plain fills and conditional formats.

A RAG column is often coloured by a conditional-formatting rule rather than
a fill, so we evaluate the common rule types (cell value equals / contains /
begins with / ends with a text, and `=$K5="GREEN"`-style expressions) the way
Excel would for that cell, and fall back to the plain fill.
"""

from __future__ import annotations

import re

from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.utils.cell import column_index_from_string, range_boundaries

from .colours import WHITE, colour_hex, fill_hex

_EXPR_EQUALS = re.compile(r'^(\$?)([A-Z]{1,3})(\$?)(\d+)\s*=\s*"([^"]*)"$', re.I)
_EXPR_SEARCH = re.compile(
    r'^(?:NOT\()?ISNUMBER\((?:SEARCH|FIND)\("([^"]*)",\s*\$?[A-Z]{1,3}\$?\d+\)\)\)?$', re.I
)


def _argb(color) -> str | None:
    """An openpyxl Color's ARGB string, its own or its palette entry's; None for theme and
    automatic colours, which we do not resolve."""
    if color is None:
        return None
    if color.type == "rgb" and isinstance(color.rgb, str):
        return color.rgb
    if color.type == "indexed" and color.indexed is not None and color.indexed < len(COLOR_INDEX):
        return COLOR_INDEX[color.indexed]
    return None


def cell_fill_hex(fill) -> str | None:
    """The visible background of a cell's own PatternFill."""
    if fill is None or fill.fill_type in (None, "none"):
        return None
    return fill_hex(_argb(fill.fgColor))


def rule_fill_hex(fill) -> str | None:
    """The background a conditional format paints (Excel stores it in bgColor)."""
    if fill is None:
        return None
    colour = colour_hex(_argb(fill.bgColor)) or colour_hex(_argb(fill.fgColor))
    return None if colour in (WHITE, "000000") else colour


def _literal(formula: str) -> str | float | None:
    text = formula.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    try:
        return float(text)
    except ValueError:
        return None


def _cell_is(op: str, value, formulas: list[str]) -> bool:
    args = [_literal(f) for f in formulas]
    if not args or args[0] is None:
        return False
    if isinstance(args[0], str) or isinstance(value, str):
        left, args = str(value or "").strip().lower(), [str(a).lower() for a in args]
    else:
        left = value
    try:
        if op == "equal":
            return left == args[0]
        if op == "notEqual":
            return left != args[0]
        if op == "greaterThan":
            return left > args[0]
        if op == "lessThan":
            return left < args[0]
        if op == "greaterThanOrEqual":
            return left >= args[0]
        if op == "lessThanOrEqual":
            return left <= args[0]
        if op == "between" and len(args) == 2:
            return args[0] <= left <= args[1]
    except TypeError:
        return False
    return False


def _expression(formula: str, ws, row: int, col: int, anchor: tuple[int, int]) -> bool:
    """Evaluate the two expression shapes officers' templates use; others are not guessed."""
    match = _EXPR_EQUALS.match(formula.strip())
    if match:
        col_fixed, col_letters, row_fixed, row_number, text = match.groups()
        ref_col = column_index_from_string(col_letters.upper())
        ref_row = int(row_number)
        if not col_fixed:
            ref_col += col - anchor[0]
        if not row_fixed:
            ref_row += row - anchor[1]
        target = ws.cell(row=ref_row, column=ref_col).value
        return str(target or "").strip().lower() == text.lower()
    match = _EXPR_SEARCH.match(formula.strip())
    if match:
        text = str(ws.cell(row=row, column=col).value or "").lower()
        found = match[1].lower() in text
        return not found if formula.strip().upper().startswith("NOT(") else found
    return False


def _rule_matches(rule, ws, value, row: int, col: int, anchor: tuple[int, int]) -> bool:
    text = str(value or "").lower()
    needle = (rule.text or "").lower()
    if rule.type == "cellIs":
        return _cell_is(rule.operator or "", value, list(rule.formula or ()))
    if rule.type == "containsText":
        return bool(needle) and needle in text
    if rule.type == "notContainsText":
        return bool(needle) and needle not in text
    if rule.type == "beginsWith":
        return bool(needle) and text.startswith(needle)
    if rule.type == "endsWith":
        return bool(needle) and text.endswith(needle)
    if rule.type == "expression" and rule.formula:
        return _expression(rule.formula[0], ws, row, col, anchor)
    return False


def conditional_fills(ws) -> dict[tuple[int, int], str]:
    """(row, col) → RRGGBB for every cell a conditional-format rule colours."""
    found: dict[tuple[int, int], tuple[int, str]] = {}
    for cf in ws.conditional_formatting:
        for rng in cf.sqref.ranges:
            min_col, min_row, max_col, max_row = range_boundaries(rng.coord)
            for rule in cf.rules:
                colour = rule_fill_hex(rule.dxf.fill) if rule.dxf is not None else None
                if colour is None:
                    continue
                for row in range(min_row, max_row + 1):
                    for col in range(min_col, max_col + 1):
                        value = ws.cell(row=row, column=col).value
                        prior = found.get((row, col))
                        if prior is not None and prior[0] <= rule.priority:
                            continue
                        if _rule_matches(rule, ws, value, row, col, (min_col, min_row)):
                            found[(row, col)] = (rule.priority, colour)
    return {pos: colour for pos, (_, colour) in found.items()}
