"""Names: R keras3's method names in camelCase (``layer_conv_2d`` -> ``layerConv2d``) and Java-safe
setter names (``kernel_initializer`` -> ``kernelInitializer``)."""
import re

from wrapgen.rules import FAMILIES, JAVA, NAMES

_WORD = re.compile(
    r"\d+[A-Z]+(?![a-z0-9])"      # 2D, 3D: a digit with an uppercase suffix stays one word
    r"|[A-Z]+(?=[A-Z][a-z])"      # an acronym before a word: CSV|Logger, LR|On
    r"|[A-Z]?[a-z]+"              # a word
    r"|[A-Z]+"                    # an acronym: LSTM, GRU
    r"|\d+"                       # digits
)

RESERVED = frozenset(JAVA["reserved"])


def name_words(python_name):
    """``Conv2DTranspose`` -> [conv, 2d, transpose]; ``leaky_relu`` -> [leaky, relu]: R keras3's words.

    A snake_case name (a function's) splits at ``_`` only, as R keeps it: ``log1p``, ``deg2rad``.
    """
    if python_name == python_name.lower():
        return [w for w in python_name.split("_") if w]
    name = python_name
    for whole, word in NAMES["one_word"].items():
        name = name.replace(whole, word)
    words = []
    for part in name.split("_"):
        words.extend(w.lower() for w in _WORD.findall(part))
    # Version tags: V, 2 -> v2; a last single letter (+ digits) joins it: EfficientNetV2B0 -> v2b0.
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        if w == "v" and i + 1 < len(words) and words[i + 1].isdigit():
            tag = w + words[i + 1]
            i += 2
            rest = words[i:]
            if rest and len(rest[0]) == 1 and rest[0].isalpha() and all(r.isdigit() for r in rest[1:]):
                tag += "".join(rest)
                i = len(words)
            out.append(tag)
            continue
        out.append(w)
        i += 1
    return out


def camel(words):
    return "".join(w[:1].upper() + w[1:] for w in words)


def method_suffix(family, python_name):
    """What follows the family's prefix: R keras3's name in CamelCase, or the family's override."""
    override = NAMES.get("overrides", {}).get(family, {}).get(python_name)
    return override if override else camel(name_words(python_name))


def method_name(family, python_name):
    return FAMILIES[family]["prefix"] + method_suffix(family, python_name)


def java_name(python_name):
    """``kernel_initializer`` -> ``kernelInitializer``; Java keywords get a ``Value`` suffix."""
    parts = [p for p in python_name.split("_") if p]
    name = parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:]) if parts else python_name
    return name + "Value" if name in RESERVED else name


def local_name(java, taken=None):
    """A factory's parameter name that cannot clash with the factory's own locals (args, kw…)."""
    taken = set(JAVA["factory_locals"]) if taken is None else taken
    return java + "Value" if java in taken else java
