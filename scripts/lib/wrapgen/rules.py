"""The generator's rules, read once from rules.toml (data, not code: a rule changes there)."""
import fnmatch
from pathlib import Path

try:
    import tomllib  # Python 3.11+
except ModuleNotFoundError:  # Python 3.10: the same parser, as a package
    try:
        import tomli as tomllib
    except ModuleNotFoundError:
        raise SystemExit("scripts/generate_wrappers reads its rules with tomllib: it needs Python 3.11+, "
                         "or the tomli package on Python 3.10 (pip install tomli)") from None

RULES_FILE = Path(__file__).with_name("rules.toml")

with RULES_FILE.open("rb") as _f:
    RULES = tomllib.load(_f)

FAMILIES = RULES["families"]
NAMES = RULES["names"]
JAVA = RULES["java"]
KINDS = RULES["kinds"]
LAYERS = RULES["layers"]


def family(name):
    """The Java side of a family: prefix, factory_class, package, returns, make, noun, title…"""
    return FAMILIES[name]


def matches_path(glob, path):
    """Whether a rule's ``where`` glob (``keras.random.*``) covers the Python path of an entry."""
    return glob is None or fnmatch.fnmatchcase(path, glob)
