"""Keras' docstrings as blocks: paragraphs, lists, code, headed sections and argument lists.

A docstring is read the way Keras writes them (Google style with Markdown): a summary line,
paragraphs, ``Title:`` sections (rules.toml [docs] headings) whose bodies may be indented or not,
``name: description`` entries under Args/Raises, ``-``/``*``/``1.`` lists, ```` ``` ```` fences and
``>>>`` doctest blocks. Nothing is dropped: what is not recognised stays a paragraph.
"""
import inspect
import re
from dataclasses import dataclass, field

from wrapgen.rules import RULES

_DOCS = RULES["docs"]
HEADINGS = frozenset(_DOCS["headings"])
DEFINITIONS = frozenset(_DOCS["definitions"])
ARGUMENTS = tuple(_DOCS["arguments"])

_HEADING = re.compile(r"^([A-Z][A-Za-z0-9 ()'/-]*):\s*$")
_BULLET = re.compile(r"^([-*+]|\d{1,2}[.)])\s+(.*)$")
_ENTRY = re.compile(r"^\**([A-Za-z_]\w*)(?:\s*\([^)]*\))?\s*:(.*)$")


@dataclass
class Para:
    text: str


@dataclass
class Items:
    items: list  # each a list of blocks
    ordered: bool = False


@dataclass
class Code:
    text: str


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)


@dataclass
class Definitions:
    title: str
    entries: list  # (name, [blocks], joined text)


def clean_doc(raw):
    """inspect.cleandoc, except that lines inside ``` fences do not count for the common indent
    (some Keras docstrings have code at the left margin, which defeats cleandoc)."""
    lines = (raw or "").expandtabs().splitlines()
    if not lines:
        return ""
    indents, fence = [], False
    for line in lines[1:]:
        if line.strip().startswith("```"):
            fence = not fence
            continue
        if line.strip() and not fence:
            indents.append(len(line) - len(line.lstrip()))
    margin = min(indents) if indents else 0
    out = [lines[0].strip()]
    for line in lines[1:]:
        width = len(line) - len(line.lstrip())
        out.append(line[min(margin, width):])
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


def doc_of(obj):
    """The cleaned docstring of a class (or its __init__'s when the class has none) or function."""
    doc = clean_doc(getattr(obj, "__doc__", None))
    if isinstance(obj, type) and not doc.strip():
        doc = clean_doc(obj.__init__.__doc__)
    return doc


def _indent(line):
    return len(line) - len(line.lstrip())


def _dedent(lines):
    """Lines with their common indent (blank lines aside) removed."""
    widths = [_indent(l) for l in lines if l.strip()]
    margin = min(widths) if widths else 0
    return [l[margin:] if l.strip() else "" for l in lines]


def parse(doc):
    """The blocks of a cleaned docstring (or of any Markdown-ish text at the left margin)."""
    return _blocks(doc.expandtabs().splitlines())


def _blocks(lines):
    out = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        indent = _indent(line)
        if stripped.startswith("```"):
            i, code = _fence(lines, i)
            out.append(Code(code))
            continue
        if stripped.startswith(">>>"):
            i, code = _doctest(lines, i)
            if out and isinstance(out[-1], Code) and out[-1].text.lstrip().startswith(">>>"):
                out[-1] = Code(out[-1].text + "\n\n" + code)  # one session, shown as one block
            else:
                out.append(Code(code))
            continue
        markdown_heading = re.match(r"^#{1,6}\s+(.+)$", stripped) if indent == 0 else None
        if markdown_heading:  # "## Model function" (JaxLayer): a bold line
            out.append(Para("**" + markdown_heading.group(1).strip("# ") + "**"))
            i += 1
            continue
        heading = _HEADING.match(stripped) if indent == 0 else None
        if heading and heading.group(1) in HEADINGS:
            i, section = _section(lines, i + 1, heading.group(1))
            out.append(section)
            continue
        bullet = _BULLET.match(stripped)
        if bullet:
            i, items = _list(lines, i)
            out.append(items)
            continue
        if indent > 0:
            # An indented block under prose: its own blocks ("It is defined as:" then a formula).
            j = i
            while j < n and (not lines[j].strip() or _indent(lines[j]) >= indent):
                j += 1
            out.extend(_blocks(_dedent(lines[i:j])))
            i = j
            continue
        i, text = _paragraph(lines, i)
        out.append(Para(text))
    return out


def _paragraph(lines, i):
    """Lines up to a blank line, a fence, a doctest, a list or a heading; joined by spaces."""
    parts = [lines[i].strip()]
    i += 1
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped or stripped.startswith(("```", ">>>")) or _BULLET.match(stripped):
            break
        if _indent(line) == 0 and _HEADING.match(stripped) and _HEADING.match(stripped).group(1) in HEADINGS:
            break
        if _indent(line) > 0 and parts[-1].endswith(":"):
            break  # "defined as:" followed by an indented formula
        parts.append(stripped)
        i += 1
    return i, " ".join(parts)


def _fence(lines, i):
    """A ``` fenced block: its lines dedented to the fence's own margin."""
    start = _indent(lines[i])
    body = []
    i += 1
    while i < len(lines) and not lines[i].strip().startswith("```"):
        body.append(lines[i])
        i += 1
    widths = [_indent(l) for l in body if l.strip()]
    margin = min([start] + widths) if widths else start
    return i + 1, "\n".join(l[margin:] if l.strip() else "" for l in body).strip("\n")


def _doctest(lines, i):
    """>>> lines and their output, up to a blank line."""
    body = []
    while i < len(lines) and lines[i].strip():
        body.append(lines[i])
        i += 1
    return i, "\n".join(_dedent(body))


def _list(lines, i):
    """A list: items at one margin; an item takes the lines indented under it."""
    margin = _indent(lines[i])
    ordered = not _BULLET.match(lines[i].strip()).group(1)[0] in "-*+"
    items = []
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            # The list goes on after a blank line only with another item or an indented continuation.
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and (_indent(lines[j]) > margin
                                   or (_indent(lines[j]) == margin and _BULLET.match(lines[j].strip()))):
                i = j
                continue
            break
        bullet = _BULLET.match(stripped)
        if _indent(line) == margin and bullet:
            body = [bullet.group(2)]
            i += 1
            while i < len(lines):
                nxt = lines[i]
                if not nxt.strip():
                    j = i
                    while j < len(lines) and not lines[j].strip():
                        j += 1
                    if j < len(lines) and _indent(lines[j]) > margin and not (
                            _indent(lines[j]) == margin and _BULLET.match(lines[j].strip())):
                        body.append("")
                        i += 1
                        continue
                    break
                if _indent(nxt) <= margin and (_BULLET.match(nxt.strip()) or _indent(nxt) < margin
                                                or _HEADING.match(nxt.strip()) or nxt.strip().startswith(("```", ">>>"))):
                    break
                if _indent(nxt) <= margin and not _lazy_continuation(body):
                    break
                body.append(nxt)
                i += 1
            first, rest = body[0], _dedent(body[1:])
            items.append(_blocks([first] + rest) if rest else [Para(first)])
            continue
        break
    return i, Items(items, ordered)


def _lazy_continuation(body):
    """A line at the list's margin continues an item whose last line did not end a sentence."""
    last = body[-1].rstrip() if body else ""
    return bool(last) and not last.endswith((".", ":", "!", "?"))


def _section(lines, i, title):
    """A heading's body: the indented lines under it, or, when none are, what follows at the margin
    up to the next heading."""
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j < len(lines) and _indent(lines[j]) > 0:
        end = j
        while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > 0
                                    or lines[end].strip().startswith("```")):
            if lines[end].strip().startswith("```"):
                end, _ = _fence(lines, end)
                continue
            end += 1
        body = _dedent(lines[j:end])
    else:
        end = j
        while end < len(lines):
            stripped = lines[end].strip()
            heading = _HEADING.match(stripped) if _indent(lines[end]) == 0 else None
            if heading and heading.group(1) in HEADINGS:
                break
            if stripped.startswith("```"):
                end, _ = _fence(lines, end)
                continue
            end += 1
        body = lines[j:end]
    if title in DEFINITIONS:
        return end, Definitions(title, _entries(body))
    return end, Section(title, _blocks(body))


def _entries(lines):
    """``name: description`` entries at the body's margin; continuation lines belong to the entry."""
    entries = []
    current = None
    widths = [_indent(l) for l in lines if l.strip()]
    margin = widths[0] if widths else 0  # the first entry's; Keras' own indents are not always even
    for line in lines:
        match = _ENTRY.match(line.strip()) if line.strip() and _indent(line) <= margin else None
        if match:
            current = [match.group(1), [match.group(2).strip()]]
            entries.append(current)
        elif current is not None:
            current[1].append(line)
        elif line.strip():
            current = ["", [line.strip()]]
            entries.append(current)
    out = []
    for name, body in entries:
        first, rest = body[0], _dedent(body[1:])
        blocks = _blocks([first] + rest) if first else _blocks(rest)
        joined = " ".join(l.strip() for l in [first] + rest if l.strip())
        out.append((name, blocks, joined))
    return out


# ----------------------------------------------------------------------------- what the generator asks

def arguments(blocks):
    """{argument name: (joined description, blocks)} from the Args/Arguments/Parameters sections."""
    out = {}
    for block in blocks:
        if isinstance(block, Definitions) and block.title in ARGUMENTS:
            for name, body, joined in block.entries:
                if name:
                    out[name] = (joined, body)
    return out


def section(blocks, title):
    for block in blocks:
        if isinstance(block, (Section, Definitions)) and block.title == title:
            return block
    return None


def first_paragraph(blocks):
    for block in blocks:
        if isinstance(block, Para):
            return block.text
        if not isinstance(block, Code):
            return None
    return None


def summary_of(blocks, fallback):
    text = first_paragraph(blocks)
    if not text:
        return fallback
    text = text.strip()
    return text if text.endswith((".", ":", "!", "?")) else text + "."


def python_repr(value):
    """The repr of a default value when it is deterministic (objects' reprs carry addresses)."""
    if value is None or isinstance(value, (bool, int, float, str, tuple)):
        return repr(value)
    return None


def signature_of(obj):
    return inspect.signature(obj.__init__ if isinstance(obj, type) else obj)
