"""Reading the seed extractions: their lines, tables and inline/block markup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------
# Seeds


def read_seed(seed_dir: Path, prefix: str) -> list[str]:
    """The lines of the seed whose file name starts with ``prefix`` (e.g. "000_")."""
    matches = sorted(seed_dir.glob(f"{prefix}*.txt"))
    if len(matches) != 1:
        raise FileNotFoundError(f"expected one seed {prefix}*.txt in {seed_dir}, found {matches}")
    return matches[0].read_text(encoding="utf-8").splitlines()


def is_rule_line(line: str) -> bool:
    """Markdown table separators left in the seeds ("---\\t---"): not content."""
    return "\t" in line and re.fullmatch(r"[-\t ]+", line) is not None


@dataclass
class Text:
    line: str


@dataclass
class Table:
    """Tab-separated seed lines. ``segments`` are the pieces the seed shows on separate
    pages: a new segment starts after a blank line (the table carried on over a page)."""

    segments: list[list[list[str]]] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return self.segments[0][0]


def blocks(lines: list[str], starts_new_table=lambda fields, head: False) -> list[Text | Table]:
    """Group seed lines into narrative lines and tables.

    Tab lines separated only by blank lines stay one table (each blank starts a new
    segment: a page break), unless the line after the blank is a table header the paper
    knows (``starts_new_table``) and not a word-for-word repeat of this table's header."""
    out: list[Text | Table] = []
    table: Table | None = None
    blank_since_row = False
    for line in lines:
        if is_rule_line(line):
            continue
        if not line.strip():
            blank_since_row = table is not None
            continue
        if "\t" not in line:
            table = None
            blank_since_row = False
            out.append(Text(line.strip()))
            continue
        fields = line.split("\t")
        if table is not None and blank_since_row:
            head = table.header
            if fields != head and starts_new_table(fields, head):
                table = None
            else:
                table.segments.append([])
        if table is None:
            table = Table([[]])
            out.append(table)
        elif not blank_since_row and fields[0] == table.header[0] and fields == table.header:
            table.segments.append([])
        table.segments[-1].append(fields)
        blank_since_row = False
    return out


# ---------------------------------------------------------------------------
# Inline and block markup in the seeds

_INLINE = re.compile(
    r"\*\*(?P<b>.+?)\*\*|<b>(?P<hb>.*?)</b>|<i>(?P<hi>.*?)</i>|<u>(?P<hu>.*?)</u>"
    r"|(?<![\w*])\*(?P<i>[^*\s][^*]*?)\*(?![\w*])",
    re.S,
)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


def runs(text: str, bold: bool = False, italic: bool = False, underline: bool = False) -> list[Run]:
    """Split ``text`` into runs, turning **x**, *x*, <b>, <i>, <u> into real formatting."""
    out: list[Run] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Run(text[pos : m.start()], bold, italic, underline))
        kind = m.lastgroup
        inner = m.group(kind)
        out.extend(
            runs(
                inner,
                bold or kind in ("b", "hb"),
                italic or kind in ("i", "hi"),
                underline or kind == "hu",
            )
        )
        pos = m.end()
    if pos < len(text):
        out.append(Run(text[pos:], bold, italic, underline))
    return [r for r in out if r.text]


def plain(text: str) -> str:
    """The text of a seed fragment with its markup removed."""
    return "".join(r.text for r in runs(text))


@dataclass
class Block:
    kind: str  # "p", "bullet" or "frac"
    text: str = ""
    num: str = ""
    den: str = ""


_FRAC = re.compile(r"^\$\\frac\{([^}]*)\}\{([^}]*)\}\$$")
_TAGS = re.compile(r"<ul[^>]*>|</ul>|<li>|</li>|<p>|</p>")


def cell_blocks(text: str) -> list[Block]:
    """Paragraphs and bullets of one seed cell (``<p>``, ``<ul>``/``<li>`` and "•")."""
    text = text.strip()
    m = _FRAC.match(text)
    if m:
        return [Block("frac", num=m.group(1), den=m.group(2))]
    out: list[Block] = []
    in_ul = False
    buf = ""

    def flush():
        nonlocal buf
        chunk = buf.strip()
        buf = ""
        if not chunk:
            return
        if in_ul:
            parts = [p.strip() for p in re.split(r"\s*•\s*", chunk)]
            out.extend(Block("bullet", p) for p in parts if p)
        else:
            out.append(Block("p", chunk))

    pos = 0
    for m in _TAGS.finditer(text):
        buf += text[pos : m.start()]
        pos = m.end()
        tag = m.group(0)
        if tag.startswith("<ul"):
            flush()
            in_ul = True
        elif tag == "</ul>":
            flush()
            in_ul = False
        else:
            flush()
    buf += text[pos:]
    flush()
    return out
