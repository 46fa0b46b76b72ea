"""One wrapped class or function: its Java names, its arguments with their kinds, its documentation."""
import importlib
import re

from wrapgen import docstrings as D
from wrapgen import javadoc as J
from wrapgen.kinds import infer_kind
from wrapgen.names import camel, java_name, method_name, name_words
from wrapgen.rules import FAMILIES, LAYERS


def resolve(path):
    module_name, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


class Param:
    """A keyword argument: Python name, Java setter name, kind (and the rule that chose it), docs."""

    def __init__(self, name, default, doc, required, path, blocks=None, extra=False, html=None):
        self.name = name
        self.default = default
        self.doc = doc          # the docstring's description, joined: what kind rules read
        self.blocks = blocks    # the same description as blocks: what Javadoc shows
        self.required = required
        self.extra = extra      # not in the signature: Layer's keyword arguments
        self.html = html        # Javadoc written here rather than taken from Keras
        self.kind, self.rule = infer_kind(name, default, doc, path)
        self.java = java_name(name)
        self.variadic = False   # *args: several positional values

    def describe(self):
        """Javadoc HTML for the argument: the docstring's description, and Keras' default."""
        if self.html:
            return self.html
        if self.blocks:
            text = J.inline(self.blocks)
        elif self.doc:
            text = J.text(self.doc)
        else:
            text = f"The {{@code {self.name}}} argument."
        said = self.doc and re.search(r"\bdefaults?\b", self.doc, re.IGNORECASE)
        if not self.required and not self.extra and not said:
            default = D.python_repr(self.default)
            if default is not None:
                text += " Keras' default: " + J.text("`" + default + "`") + "."
        return text


class Entry:
    """A class or function of a family, as the makers see it."""

    def __init__(self, family, info, obj):
        rules = FAMILIES[family]
        self.family = family
        self.name = info["name"]
        self.path = info["path"]
        self.aliases = info["aliases"]
        self.package = rules["package"]
        self.factory_class = rules["factory_class"]
        self.returns = rules["returns"]
        self.method = method_name(family, self.name)
        base = camel(name_words(self.name)) if self.name == self.name.lower() else self.name
        self.args_class = rules.get("args_prefix", "") + base + "Args"
        self.args_fq = f"{self.package}.{self.args_class}"
        self.make = rules.get("make", self.returns + '.create("{path}", kw)').format(path=self.path)

        self.blocks = D.parse(D.doc_of(obj))
        self.summary = D.summary_of(self.blocks, f"Keras' {self.name}.")
        self.arg_docs = D.arguments(self.blocks)

        self.python_class = f"{obj.__module__}.{obj.__qualname__}" if isinstance(obj, type) else None
        params = list(D.signature_of(obj).parameters.values())
        if isinstance(obj, type) or rules.get("first_argument_is_input"):
            params = params[1:]  # self; an activation's input x
        self.takes_kwargs = any(p.kind is p.VAR_KEYWORD for p in params)
        self.params = []
        for p in params:
            if p.kind is p.VAR_KEYWORD:
                continue
            if p.kind is p.VAR_POSITIONAL and not rules.get("variadic"):
                continue
            required = p.default is p.empty
            doc, blocks = self.arg_docs.get(p.name, (None, None))
            param = Param(p.name, None if required else p.default, doc, required, self.path, blocks)
            param.variadic = p.kind is p.VAR_POSITIONAL
            self.params.append(param)

        self.merge = False
        self.cell = False
        if family == "layers":
            self._layer_extras(obj)

    def _layer_extras(self, cls):
        self.merge = issubclass(cls, resolve(LAYERS["merge_base"]))
        self.cell = self.name.endswith(tuple(LAYERS["cell_suffixes"]))
        own = {p.name for p in self.params}
        if self.takes_kwargs:
            for extra in LAYERS["extra"]:
                if extra["name"] not in own:
                    self.params.append(Param(extra["name"], extra.get("default"), None, False, self.path,
                                             extra=True, html=extra["doc"]))
        self.input_shape_setters = "input_shape" not in own
        self.input_dim_setter = "input_dim" not in own

    @property
    def required(self):
        return [p for p in self.params if p.required]

    @property
    def optional(self):
        return [p for p in self.params if not p.required]

    @property
    def in_layer_methods(self):
        return self.family == "layers" and not self.merge and not self.cell
