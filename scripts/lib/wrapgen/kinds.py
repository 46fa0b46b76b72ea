"""The kind of a keyword argument (INT, SHAPE, ACTIVATION…), which decides its Java type.

The rules are rules.toml's [kinds]; this module applies them in their order: by name, by default
value (widened by the docstring), by the docstring's first words, else ANY.
"""
import inspect
import re

from wrapgen.rules import KINDS, matches_path


def _by_name_hit(rule, name):
    pattern = rule["arg"]
    if pattern.startswith("*"):
        return name.endswith(pattern[1:])
    if pattern.endswith("*"):
        return name.startswith(pattern[:-1])
    return pattern == name


def kind_by_name(name, default, path=None):
    for rule in KINDS["by_name"]:
        if not _by_name_hit(rule, name):
            continue
        if "where" in rule and (path is None or not matches_path(rule["where"], path)):
            continue
        if rule.get("when") == "numeric default":
            is_number = isinstance(default, int) and not isinstance(default, bool)
            if not (isinstance(default, tuple) or is_number):
                continue
        return rule["kind"]
    return None


def kind_by_default(default):
    if default is None or default is inspect.Parameter.empty:
        return None
    if isinstance(default, bool):
        return "BOOL"
    if isinstance(default, int):
        return "INT"
    if isinstance(default, float):
        return "FLOAT"
    if isinstance(default, str):
        return "STRING"
    if isinstance(default, tuple) and default:
        if all(isinstance(v, int) and not isinstance(v, bool) for v in default):
            return "INT_OR_TUPLE"
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in default):
            return "FLOAT_OR_TUPLE"
    return None


def _compile_doc_rules():
    fragments = KINDS["doc_fragments"]
    rules = []
    for pattern, kind in KINDS["doc_patterns"]:
        for name, fragment in fragments.items():
            pattern = pattern.replace("{" + name + "}", fragment)
        rules.append((re.compile(pattern), kind))
    return rules


_DOC_RULES = _compile_doc_rules()
_PREFIX = re.compile(KINDS["doc_prefix"])
_WIDER = {(d, doc): out for d, doc, out in KINDS["wider_by_doc"]}


def _doc_words(text):
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"^\(optional\)\s*defaults to [^.]*\.\s*", "", text)
    while _PREFIX.match(text):
        text = _PREFIX.sub("", text, count=1)
    return text


def kind_by_doc(doc):
    if not doc:
        return None
    first = _doc_words(doc)
    # The description, or after a short first sentence ("(Optional) Unset by default. An int value…").
    candidates = [first]
    match = re.match(r"^[^.]{0,40}\.\s+(.*)$", first)
    if match:
        candidates.append(_doc_words(match.group(1)))
    for text in candidates:
        for pattern, kind in _DOC_RULES:
            if pattern.search(text):
                return kind
    return None


def infer_kind(name, default, doc, path=None):
    """(kind, rule that decided it: name, default, default+doc, doc or none)."""
    kind = kind_by_name(name, default, path)
    if kind:
        return kind, "name"
    kind = kind_by_default(default)
    widened = _WIDER.get((kind, kind_by_doc(doc)))
    if widened:
        return widened, "default+doc"
    if kind:
        return kind, "default"
    kind = kind_by_doc(doc)
    if kind:
        return kind, "doc"
    return "ANY", "none"


def required_type(kind):
    """The Java type a factory takes for a required argument of this kind."""
    return KINDS["java"][kind]["required"]


def also_required_type(kind):
    """A second type a factory takes when this is its one required argument (Activation objects)."""
    return KINDS["java"][kind].get("required_also")


def setters(kind, v):
    """[(parameter declaration, value stored, note for @param or None)]: the setter overloads."""
    out = []
    for setter in KINDS["java"][kind]["setters"]:
        value = setter.get("value", "{v}").replace("{v}", v)
        out.append((f"{setter['type']} {v}", value, setter.get("note")))
    return out
