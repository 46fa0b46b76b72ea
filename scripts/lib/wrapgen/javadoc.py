"""Docstring text and blocks as Javadoc that doclint accepts, and /** */ comments made of them.

Inline: `code` becomes {@code code} (or <code> with entities when it holds braces, @ or */),
**bold** <b>, [text](url) a link; everything else is HTML-escaped, and nothing javac reads as a
unicode escape survives. Blocks: paragraphs <p>, lists <ul>/<ol>, code <pre>{@code ...}</pre> (or an
escaped <pre> when {@code} cannot hold it), sections a bold title, argument lists <dl>.
"""
import re
import textwrap

from wrapgen import docstrings as D


def escape_html(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
            .replace("\\", "&#92;").replace("*/", "*&#47;").replace("{", "&#123;").replace("}", "&#125;"))


_LINK = re.compile(r"\[([^\]]+)\]\(\s*([^)\s]+)\s*\)")


def text(markdown):
    """Markdown-ish docstring text as inline Javadoc HTML."""
    out = []
    for i, part in enumerate(re.split(r"`+", markdown)):
        if i % 2 == 1 and part:
            if re.search(r"[{}\\@]|\*/", part) or part.strip() != part or not part.strip():
                out.append("<code>" + escape_html(part) + "</code>")
            else:
                out.append("{@code " + part + "}")
        else:
            out.append(_prose(part))
    return "".join(out)


def _prose(part):
    """Text outside backticks: links and bold kept, the rest escaped."""
    out = []
    last = 0
    for match in _LINK.finditer(part):
        out.append(_bold(escape_html(part[last:match.start()])))
        label, url = match.group(1), match.group(2)
        if re.match(r"^https?://[^\s\"<>]+$", url):
            out.append(f'<a href="{escape_html(url)}">{_bold(escape_html(label))}</a>')
        else:
            out.append(_bold(escape_html(f"{label} ({url})")))
        last = match.end()
    out.append(_bold(escape_html(part[last:])))
    return "".join(out)


def _bold(escaped):
    return re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", escaped)


def code_block(code):
    """Lines of a <pre> block: {@code} when it can hold the code verbatim, else escaped HTML."""
    lines = code.split("\n")
    verbatim = (_balanced(code) and "*/" not in code and "\\u" not in code
                and not any(l.lstrip().startswith("@") for l in lines))
    if verbatim:
        return ["<pre>{@code"] + lines + ["}</pre>"]
    return ["<pre>"] + [escape_html(l) for l in lines] + ["</pre>"]


def _balanced(code):
    """Whether every brace closes one opened before it: what {@code ...} needs to end in the right place."""
    depth = 0
    for ch in code:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


# ----------------------------------------------------------------------------- blocks to HTML
# Blocks render to "chunks": HTML strings, one per paragraph or block element; a chunk may span
# lines (a <pre>'s code keeps its own). comment() puts a blank line between chunks and wraps
# every line that is not code.


def chunks(blocks, skip=(), term=None):
    """The chunks of docstring blocks; sections titled in ``skip`` are left out (rendered elsewhere);
    ``term(section title, name)`` may give the HTML of a definition's term (a link to its setter)."""
    out = []
    for block in blocks:
        if isinstance(block, D.Para):
            out.append(text(block.text))
        elif isinstance(block, D.Code):
            out.append("\n".join(code_block(block.text)))
        elif isinstance(block, D.Items):
            out.append(list_html(block))
        elif isinstance(block, D.Section):
            if block.title in skip:
                continue
            inner = chunks(block.blocks)
            title = f"<b>{escape_html(block.title)}:</b>"
            if inner and not is_block(inner[0]):
                out.append(title + " " + inner[0])
                out.extend(inner[1:])
            else:
                out.append(title)
                out.extend(inner)
        elif isinstance(block, D.Definitions):
            if block.title in skip:
                continue
            out.append(f"<b>{escape_html(block.title)}:</b>")
            out.append(definitions_html(block.entries, term and (lambda name: term(block.title, name))))
    return out


def is_block(chunk):
    return chunk.lstrip().startswith(("<pre", "<ul", "<ol", "<dl"))


def joined(chunk_list):
    """Chunks as one piece of flowing HTML (for a <li>, a <dd>, an @param): paragraphs after the
    first open with <p>."""
    out = []
    for i, chunk in enumerate(chunk_list):
        out.append(chunk if i == 0 or is_block(chunk) else "<p>" + chunk)
    return "\n".join(out)


def inline(blocks):
    return joined(chunks(blocks))


def list_html(items):
    tag = "ol" if items.ordered else "ul"
    lines = [f"<{tag}>"]
    for item in items.items:
        lines.append("<li>" + inline(item) + "</li>")
    lines.append(f"</{tag}>")
    return "\n".join(lines)


def definitions_html(entries, term=None):
    """<dl> of (name, blocks, joined text) entries; ``term(name)`` may give a term's HTML."""
    lines = ["<dl>"]
    for name, blocks, _ in entries:
        html = (term(name) if term else None) or ("{@code " + name + "}" if name else "")
        if html:
            lines.append(f"<dt>{html}</dt>")
        lines.append("<dd>" + inline(blocks) + "</dd>")
    lines.append("</dl>")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- comments

_NBSP = "\x00"
_UNBREAKABLE = re.compile(r"\{@(?:code|link) [^}]*\}|<a href=\"[^\"]*\">")


def layout(html, subsequent_indent=""):
    """Lines of at most 100 columns, code in <pre> as it is, never broken inside {@code ...} or a link."""
    out = []
    in_pre = False
    for line in html.split("\n"):
        if in_pre or line.startswith("<pre"):
            out.append(line)
            in_pre = "</pre>" not in line
            continue
        protected = _UNBREAKABLE.sub(lambda m: m.group(0).replace(" ", _NBSP), line)
        wrapped = textwrap.wrap(protected, 100, initial_indent=subsequent_indent if out else "",
                                subsequent_indent=subsequent_indent, break_long_words=False,
                                break_on_hyphens=False)
        out.extend(l.replace(_NBSP, " ") for l in wrapped or [""])
        if "<pre" in line:
            in_pre = "</pre>" not in line.split("<pre", 1)[1]
    return out


def comment(body, indent="    ", params=(), tags=()):
    """A /** */ comment. ``body``: chunks, the first the summary sentence; ``params``: (name, html)
    for @param tags; ``tags``: further block tags (``@return ...``)."""
    lines = []
    for i, chunk in enumerate(body):
        if i:
            lines.append("")
        lines.extend(layout(chunk if i == 0 or is_block(chunk) else "<p>" + chunk))
    if params or tags:
        lines.append("")
    for name, html in params:
        lines.extend(layout(f"@param {name} {html}", subsequent_indent="       "))
    for tag in tags:
        lines.extend(layout(tag, subsequent_indent="       "))
    rendered = "\n".join(f"{indent} *" + (" " + l if l else "") for l in lines)
    return f"{indent}/**\n{rendered}\n{indent} */\n"
