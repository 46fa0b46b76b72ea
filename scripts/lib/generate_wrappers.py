"""Generates jkeras' typed Java wrappers for all of Keras from the installed Keras.

Run through scripts/generate_wrappers. Deletes and rewrites src/generated/ entirely, deterministically
(sorted, no timestamps): a rerun with the same Keras gives no diff.

What it writes, per family (layers, optimizers, ... see FAMILY_JAVA):
  * one Args class per wrapped class or function (``jkeras.layers.DenseArgs``): a typed setter per
    keyword argument, with the docstring's text for it;
  * two static factories per entry in the family's class (``jkeras.KerasLayers.layerDense(int)`` and
    ``layerDense(int, Consumer<DenseArgs>)``), the classes chained by inheritance up to
    ``jkeras.KerasGenerated`` so that ``import static jkeras.Keras.*`` reaches all of them;
  * for layers, ``jkeras.layers.LayerMethods``: the same factories as default methods piping the
    layer into a Sequential model or a symbolic tensor;
  * the manifest ``jkeras/generated-api.json``: what was generated and what was skipped, with reasons.

Which names a family has, which are aliases and which are skipped is decided by
``python/jkeras/introspect.py`` (imported here by path), the same code the Java test asks the
running Keras through. This file decides how each one looks in Java.

Type of a keyword argument, first rule that applies (see KIND_BY_NAME and infer_kind):
  1. by name, Keras' conventions (KIND_BY_NAME: ``activation`` -> ACTIVATION, ``*_initializer`` ->
     INITIALIZER, ``kernel_size`` -> INT_OR_TUPLE, ``input_shape`` -> SHAPE, ``learning_rate`` ->
     LEARNING_RATE, ``name`` -> STRING...);
  2. by default value: bool -> BOOL, int -> INT, float -> FLOAT, str -> STRING, tuple of ints ->
     INT_OR_TUPLE, tuple of floats -> FLOAT_OR_TUPLE; except that an int default whose docstring
     says "float" is FLOAT (``min_delta=0``, ``max_value=2``: values that may be fractional);
  3. by the first words of the docstring's description ("Integer" -> INT, "float or tuple" ->
     FLOAT_OR_TUPLE, "Boolean" -> BOOL, "String" -> STRING; a leading "Optional", "A", "An" ignored;
     "X or None" is X; any other "X or Y" falls through);
  4. otherwise ANY (a setter taking Object).
"""
import importlib
import importlib.util
import inspect
import json
import re
import shutil
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "generated"
JAVA_OUT = OUT / "java"
MANIFEST = OUT / "resources" / "jkeras" / "generated-api.json"
GENERATED_ANNOTATION = '@javax.annotation.processing.Generated("scripts/generate_wrappers")'


def load_introspect():
    """python/jkeras/introspect.py, loaded by path: only that module, not the jkeras package around it."""
    spec = importlib.util.spec_from_file_location("jkeras_introspect", ROOT / "python" / "jkeras" / "introspect.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- families, Java side

FAMILY_JAVA = {
    # family: (factory prefix, factory class, Args package, Java type returned)
    "layers": ("layer", "KerasLayers", "jkeras.layers", "jkeras.layers.Layer"),
    "optimizers": ("optimizer", "KerasOptimizers", "jkeras.optimizers", "jkeras.optimizers.Optimizer"),
    "learning_rate_schedules": ("learningRateSchedule", "KerasLearningRateSchedules", "jkeras.optimizers",
                                "jkeras.optimizers.LearningRateSchedule"),
    "losses": ("loss", "KerasLosses", "jkeras.losses", "jkeras.losses.Loss"),
    "metrics": ("metric", "KerasMetrics", "jkeras.metrics", "jkeras.metrics.Metric"),
    "activations": ("activation", "KerasActivations", "jkeras.activations", "jkeras.activations.Activation"),
    "initializers": ("initializer", "KerasInitializers", "jkeras.initializers", "jkeras.initializers.Initializer"),
    "regularizers": ("regularizer", "KerasRegularizers", "jkeras.regularizers", "jkeras.regularizers.Regularizer"),
    "constraints": ("constraint", "KerasConstraints", "jkeras.constraints", "jkeras.constraints.Constraint"),
    "callbacks": ("callback", "KerasCallbacks", "jkeras.callbacks", "jkeras.callbacks.Callback"),
    "applications": ("application", "KerasApplications", "jkeras.applications", "jkeras.models.Model"),
}

# How a factory makes its object: the returned type's create(path, kwargs), except applications,
# whose constructors return a plain Keras model to wrap.
MAKE_JAVA = {"applications": 'jkeras.models.Model.wrap(jkeras.runtime.PythonObject.construct("{path}", kw))'}


def make_expression(family):
    return MAKE_JAVA.get(family, FAMILY_JAVA[family][3] + '.create("{path}", kw)')

NOUN = {
    "layers": "the layer", "optimizers": "the optimizer", "learning_rate_schedules": "the schedule",
    "losses": "the loss", "metrics": "the metric", "activations": "the activation function",
    "initializers": "the initializer", "regularizers": "the regularizer", "constraints": "the constraint",
    "callbacks": "the callback", "applications": "the model",
}

# ----------------------------------------------------------------------------- method names

# Whole words R keras3 spells as one (``MobileNet`` -> mobilenet, ``IoU`` -> iou), replaced before
# the name is split into words.
ONE_WORD = {
    "ConvNeXt": "Convnext", "DenseNet": "Densenet", "EfficientNet": "Efficientnet", "MobileNet": "Mobilenet",
    "NASNet": "Nasnet", "ResNet": "Resnet", "IoU": "Iou", "NaN": "Nan", "RMSprop": "Rmsprop",
    "UpSampling": "Upsampling", "FBeta": "Fbeta", "TensorBoard": "Tensorboard", "XLarge": "Xlarge",
}

# R keras3's names where splitting gives something else; the value is the CamelCase after the prefix.
NAME_OVERRIDES = {
    "layers": {
        "ELU": "ActivationElu",                 # layer_activation_elu
        "LeakyReLU": "ActivationLeakyRelu",     # layer_activation_leaky_relu
        "PReLU": "ActivationParametricRelu",    # layer_activation_parametric_relu
        "ReLU": "ActivationRelu",               # layer_activation_relu
        "Softmax": "ActivationSoftmax",         # layer_activation_softmax
        "TFSMLayer": "Tfsm",                    # layer_tfsm
    },
}

_WORD = re.compile(
    r"\d+[A-Z]+(?![a-z0-9])"      # 2D, 3D: a digit with an uppercase suffix stays one word
    r"|[A-Z]+(?=[A-Z][a-z])"      # an acronym before a word: CSV|Logger, LR|On
    r"|[A-Z]?[a-z]+"              # a word
    r"|[A-Z]+"                    # an acronym: LSTM, GRU
    r"|\d+"                       # digits
)


def name_words(python_name):
    """``Conv2DTranspose`` -> [conv, 2d, transpose]; ``leaky_relu`` -> [leaky, relu]: R keras3's words."""
    name = python_name
    for whole, word in ONE_WORD.items():
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
    override = NAME_OVERRIDES.get(family, {}).get(python_name)
    return override if override else camel(name_words(python_name))


# Java's reserved words, and names KwArgs / Object already use: a setter so named gets "Value".
RESERVED = {
    "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
    "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
    "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
    "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
    "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var",
    "record", "yield", "sealed", "permits",
    "kwarg", "put", "has", "toMap", "self", "toString", "intOrTuple", "floatOrTuple", "tuple", "list",
    "equals", "hashCode", "getClass", "notify", "notifyAll", "wait", "clone", "finalize",
}


def java_name(python_name):
    """``kernel_initializer`` -> ``kernelInitializer``; Java keywords get a ``Value`` suffix."""
    parts = [p for p in python_name.split("_") if p]
    name = parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:]) if parts else python_name
    return name + "Value" if name in RESERVED else name


# ----------------------------------------------------------------------------- argument kinds

# Rule 1: by name. A pattern is a full name, "*_suffix", "prefix_*", or "Entry.name" for one
# argument of one class or function. The first pattern that matches wins.
KIND_BY_NAME = [
    # Keras' conventions
    ("activation", "ACTIVATION"), ("recurrent_activation", "ACTIVATION"), ("classifier_activation", "ACTIVATION"),
    ("*_initializer", "INITIALIZER"),
    ("*_regularizer", "REGULARIZER"),
    ("*_constraint", "CONSTRAINT"),
    ("kernel_size", "INT_OR_TUPLE"), ("strides", "INT_OR_TUPLE"), ("pool_size", "INT_OR_TUPLE"),
    ("dilation_rate", "INT_OR_TUPLE"), ("output_size", "INT_OR_TUPLE"), ("size", "INT_OR_TUPLE"),
    ("padding", "INT_OR_TUPLE if the default is a tuple or an int"),
    ("input_shape", "SHAPE"), ("target_shape", "SHAPE"), ("shape", "SHAPE"), ("batch_shape", "SHAPE"),
    ("noise_shape", "SHAPE"), ("dims", "SHAPE"), ("output_shape", "SHAPE"),
    ("learning_rate", "LEARNING_RATE"), ("initial_learning_rate", "LEARNING_RATE"),
    ("layer", "LAYER"), ("backward_layer", "LAYER"),
    ("inner_optimizer", "OPTIMIZER"),
    ("name", "STRING"), ("dtype", "STRING"), ("seed", "INT"),
    ("*_dtype", "STRING"),
    # Added where the docstrings say nothing usable (no entry, or prose first)
    ("data_format", "STRING"),              # augmentation layers document it on their base class
    ("pooling", "STRING"),                  # applications: None, "avg" or "max"
    ("average", "STRING"),                  # F1Score, FBetaScore: None, "micro", "macro", "weighted"
    ("equation", "STRING"),                 # EinsumDense: "ab,bc->ac"
    ("filepath", "STRING"), ("filename", "STRING"), ("directory", "STRING"), ("*_dir", "STRING"),
    ("num_*", "INT"), ("*_dim", "INT"), ("*_steps", "INT"),   # counts, sizes, step counts
    ("max_tokens", "INT"), ("max_number", "INT"), ("output_sequence_length", "INT"),
    ("ignore_class", "INT"), ("ema_overwrite_frequency", "INT"),
    ("output_padding", "INT_OR_TUPLE"),     # Conv3DTranspose documents it nowhere
    ("shared_axes", "INT_OR_TUPLE"), ("attention_axes", "INT_OR_TUPLE"),  # an int or several
    ("flash_attention", "BOOL"),            # True, False or None (automatic)
    ("clipnorm", "FLOAT"), ("clipvalue", "FLOAT"), ("global_clipnorm", "FLOAT"), ("loss_scale_factor", "FLOAT"),
    ("threshold", "FLOAT"), ("threshold.default_value", "FLOAT"), ("EarlyStopping.baseline", "FLOAT"),
    ("EarlyStopping.min_delta", "FLOAT"), ("MaxNorm.max_value", "FLOAT"), ("squareplus.b", "FLOAT"),  # int defaults
]


def kind_by_name(name, default, owner=None):
    for pattern, kind in KIND_BY_NAME:
        if "." in pattern:
            hit = pattern == f"{owner}.{name}"
        elif pattern.startswith("*"):
            hit = name.endswith(pattern[1:])
        elif pattern.endswith("*"):
            hit = name.startswith(pattern[:-1])
        else:
            hit = pattern == name
        if not hit:
            continue
        if kind == "INT_OR_TUPLE if the default is a tuple or an int":
            is_number = isinstance(default, int) and not isinstance(default, bool)
            return "INT_OR_TUPLE" if isinstance(default, tuple) or is_number else None
        return kind
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


# Rule 3: the first words of the description, lowercased, backticks and a leading "Optional",
# "(Optional)", "A", "An", "Python", "Defaults to X." taken away. "X or None" is X; "X or Y" is not.
_INT = r"(?:positive |non-negative |nonnegative |strictly positive )?(?:int|integer|ints|integers)(?: value)?"
_FLOAT = (r"(?:positive |non-negative |nonnegative |small )?"
          r"(?:float|floats|floating[- ]point(?: number| value)?|number(?! of)|scalar float|scalar)(?: value)?")
_OR_TUPLE = r",? or (?:a |an )?(?:python )?(?:tuple|list|tuple/list|list/tuple)\b"
_NOT_SCALAR = r"(?!\s*(?:matrix|tensor|tensors|array|arrays|list|lists|vector))"
_TAIL = r"(?=$|[\s.,;:(])" + _NOT_SCALAR + r"(?!,?\s*or\b(?!\s*none\b))"
_DOC_RULES = [
    (re.compile("^" + _INT + _OR_TUPLE), "INT_OR_TUPLE"),
    (re.compile("^" + _FLOAT + _OR_TUPLE), "FLOAT_OR_TUPLE"),
    (re.compile(r"^(?:a )?single float,? or (?:a )?tuple"), "FLOAT_OR_TUPLE"),
    # "a float represented as fraction of 2 Pi, or a tuple of size 2…" (augmentation ranges)
    (re.compile("^" + _FLOAT + r"\b[^.;]*,? or (?:a |an )?(?:tuple|list|list/tuple|tuple/list)\b"), "FLOAT_OR_TUPLE"),
    (re.compile(r"^tuple of (?:two|2) floats"), "FLOAT_OR_TUPLE"),
    (re.compile("^" + _INT + _TAIL), "INT"),
    (re.compile(r"^number of "), "INT"),  # "Number of epochs with no improvement…"
    (re.compile("^" + _FLOAT + _TAIL), "FLOAT"),
    (re.compile(r"^(?:bool|boolean)" + _TAIL), "BOOL"),
    (re.compile(r"^(?:str|string)" + _TAIL), "STRING"),
]
_PREFIX = re.compile(r"^(?:\(optional\)|optional\.?|an|a|python)[\s,]+")


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


# Rule 2's exceptions: a default narrower than what the docstring allows (``min_delta=0`` documented
# as float, ``axis=-1`` documented as "int or list") takes the docstring's kind.
WIDER_BY_DOC = {
    ("INT", "FLOAT"): "FLOAT",
    ("INT", "INT_OR_TUPLE"): "INT_OR_TUPLE",
    ("FLOAT", "FLOAT_OR_TUPLE"): "FLOAT_OR_TUPLE",
    ("INT", "FLOAT_OR_TUPLE"): "FLOAT_OR_TUPLE",
}


def infer_kind(name, default, doc, owner=None):
    """(kind, rule): the first rule of the module's doc that applies."""
    kind = kind_by_name(name, default, owner)
    if kind:
        return kind, "name"
    kind = kind_by_default(default)
    widened = WIDER_BY_DOC.get((kind, kind_by_doc(doc)))
    if widened:
        return widened, "default+doc"
    if kind:
        return kind, "default"
    kind = kind_by_doc(doc)
    if kind:
        return kind, "doc"
    return "ANY", "none"


# Kind -> Java type of a required parameter of a factory.
REQUIRED_TYPE = {
    "INT": "int", "FLOAT": "double", "BOOL": "boolean", "STRING": "String", "INT_OR_TUPLE": "int",
    "FLOAT_OR_TUPLE": "double", "SHAPE": "jkeras.layers.Shape", "ACTIVATION": "String",
    "INITIALIZER": "String", "REGULARIZER": "String", "CONSTRAINT": "String",
    "LEARNING_RATE": "double", "LAYER": "jkeras.layers.Layer", "OPTIMIZER": "jkeras.optimizers.Optimizer",
    "ANY": "Object",
}

_ANY_DOC = "any value jkeras converts: numbers, strings, lists, maps, tensors, Python object handles"


def setters(kind, v):
    """Kind -> [(parameter declaration, value stored, note)]: the setter overloads."""
    if kind == "INT":
        return [(f"int {v}", v, None)]
    if kind == "FLOAT":
        return [(f"double {v}", v, None)]
    if kind == "BOOL":
        return [(f"boolean {v}", v, None)]
    if kind == "STRING":
        return [(f"String {v}", v, None)]
    if kind == "INT_OR_TUPLE":
        return [(f"int... {v}", f"{v} == null ? null : intOrTuple({v})",
                 "one int, or several for a tuple (one per axis)")]
    if kind == "FLOAT_OR_TUPLE":
        return [(f"double... {v}", f"{v} == null ? null : floatOrTuple({v})",
                 "one number, or several for a tuple")]
    if kind == "SHAPE":
        return [(f"Integer... {v}", f"{v} == null ? null : tuple({v})", "dimensions; {@code null} for an unknown one"),
                (f"jkeras.layers.Shape {v}", v, None)]
    if kind == "ACTIVATION":
        return [(f"String {v}", v, "an activation's name ({@code \"relu\"})"),
                (f"jkeras.activations.Activation {v}", v, None)]
    if kind in ("INITIALIZER", "REGULARIZER", "CONSTRAINT"):
        family = kind.lower() + "s"
        cls = {"INITIALIZER": "Initializer", "REGULARIZER": "Regularizer", "CONSTRAINT": "Constraint"}[kind]
        article = "an" if kind == "INITIALIZER" else "a"
        return [(f"String {v}", v, f"{article} {kind.lower()}'s name"), (f"jkeras.{family}.{cls} {v}", v, None)]
    if kind == "LEARNING_RATE":
        return [(f"double {v}", v, None), (f"jkeras.optimizers.LearningRateSchedule {v}", v, None)]
    if kind == "LAYER":
        return [(f"jkeras.layers.Layer {v}", v, None)]
    if kind == "OPTIMIZER":
        return [(f"jkeras.optimizers.Optimizer {v}", v, None)]
    return [(f"Object {v}", v, _ANY_DOC)]


# ----------------------------------------------------------------------------- docstrings

_SECTION = re.compile(r"^([A-Z][A-Za-z ]*[a-z)]|Args|Returns?):\s*$")


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


def parse_doc(doc):
    """(paragraphs of prose, {arg name: description}, {section title: text}) from a cleaned docstring."""
    lines = (doc or "").expandtabs().splitlines()
    prose, sections, current, fence = [], {}, None, False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = not fence
            if current is None:
                prose.append("```")  # marks the block so it is left out below
            else:
                sections[current].append(line)
            continue
        if not fence and not line.startswith(" ") and _SECTION.match(stripped):
            current = stripped[:-1].strip()
            sections.setdefault(current, [])
            continue
        if not fence and current is not None and stripped and not line.startswith(" "):
            current = None  # prose after a section, at the left margin
        if current is None:
            prose.append(None if fence else line)
        else:
            sections[current].append(line)

    paragraphs, block, skipping = [], [], False
    for line in prose + [""]:
        if line == "```" or line is None:
            skipping = True
            block = []
            continue
        if not (line or "").strip():
            if block and not skipping and not any(l.strip().startswith(">>>") for l in block):
                paragraphs.append(" ".join(l.strip() for l in block))
            block, skipping = [], False
            continue
        block.append(line)

    args = {}
    for title in ("Args", "Arguments", "Parameters"):
        args.update(_parse_args(sections.get(title, [])))
    texts = {t: "\n".join(ls) for t, ls in sections.items()}
    return paragraphs, args, texts


def _parse_args(lines):
    args, name, indent = {}, None, None
    for line in lines:
        if not line.strip():
            continue
        width = len(line) - len(line.lstrip())
        if indent is None:
            indent = width
        match = re.match(r"^\s*\**([A-Za-z_]\w*)(?:\s*\([^)]*\))?\s*:(.*)$", line)
        if width <= indent and match:
            name = match.group(1)
            args[name] = [match.group(2).strip()]
        elif name is not None:
            args[name].append(line.strip())
    return {n: " ".join(p for p in parts if p) for n, parts in args.items()}


def section_text(text):
    return " ".join(l.strip() for l in text.splitlines() if l.strip())


def _escape_html(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
            .replace("\\", "&#92;").replace("*/", "*&#47;").replace("{", "&#123;").replace("}", "&#125;"))


def javadoc_text(text):
    """Markdown-ish docstring text as safe javadoc HTML: `code` -> {@code code}, the rest escaped."""
    text = re.sub(r"\[([^\]]+)\]\(\s*([^)\s]+)\s*\)", r"\1 (\2)", text)  # [text](url) -> text (url)
    out = []
    for i, part in enumerate(re.split(r"`+", text)):
        if i % 2 == 1 and part:
            if re.search(r"[{}\\@]|\*/", part) or part.strip() != part or not part.strip():
                out.append("<code>" + _escape_html(part) + "</code>")
            else:
                out.append("{@code " + part + "}")
        else:
            out.append(_escape_html(part))
    return "".join(out)


def summary_of(paragraphs, fallback):
    if not paragraphs:
        return fallback
    text = paragraphs[0].strip()
    return text if text.endswith((".", ":", "!", "?")) else text + "."


_NBSP = "\x00"


def _wrap(text, subsequent_indent=""):
    """Wrapped at 100 columns, never inside an inline {@code ...} tag."""
    protected = re.sub(r"\{@code [^}]*\}", lambda m: m.group(0).replace(" ", _NBSP), text)
    lines = textwrap.wrap(protected, 100, subsequent_indent=subsequent_indent, break_long_words=False,
                          break_on_hyphens=False)
    return [line.replace(_NBSP, " ") for line in lines]


def javadoc(blocks, indent="    ", params=(), tags=()):
    """A /** */ comment: blocks of javadoc HTML (the first the summary), then @param and other tags."""
    lines = []
    for i, block in enumerate(blocks):
        if i:
            lines.append("")
            block = "<p>" + block
        lines.extend(_wrap(block) or [""])
    if params or tags:
        lines.append("")
    for name, text in params:
        lines.extend(_wrap(f"@param {name} {text}", subsequent_indent="       "))
    for tag in tags:
        lines.extend(_wrap(tag, subsequent_indent="       "))
    body = "\n".join(f"{indent} *" + (" " + l if l else "") for l in lines)
    return f"{indent}/**\n{body}\n{indent} */\n"


# ----------------------------------------------------------------------------- model of one entry

class Param:
    def __init__(self, name, default, doc, required, extra=False, owner=None):
        self.name = name
        self.default = default
        self.doc = doc
        self.required = required
        self.extra = extra  # not in the signature: Layer's keyword arguments
        self.kind, self.rule = infer_kind(name, default, doc, owner)
        self.java = java_name(name)

    def describe(self):
        """Javadoc HTML for the argument: the docstring's text, Keras' default."""
        text = javadoc_text(self.doc) if self.doc else f"The {{@code {self.name}}} argument."
        said = self.doc and re.search(r"\bdefaults?\b", self.doc, re.IGNORECASE)
        if not self.required and not self.extra and not said:
            default = python_repr(self.default)
            if default is not None:
                text += " Keras' default: " + javadoc_text("`" + default + "`") + "."
        return text


def python_repr(value):
    if value is None or isinstance(value, (bool, int, float, str, tuple)):
        return repr(value)
    return None  # objects' reprs carry addresses: not deterministic


LAYER_EXTRA = [
    # name, javadoc: Layer's keyword arguments, taken through **kwargs. Kinds: name and dtype STRING by
    # name, trainable and autocast BOOL (their default in keras.layers.Layer is True).
    ("name", "String name of the layer; unique within a model. Made from the class name if not given."),
    ("dtype", "The dtype of the layer's computations and weights ({@code \"float32\"}, {@code \"mixed_float16\"}…)."),
    ("trainable", "Boolean, whether the layer's variables should be trainable."),
    ("autocast", "Boolean, whether to cast inputs to the layer's compute dtype (default: true)."),
]

INPUT_SHAPE_DOC = ("Shape of one sample, no batch axis; on the first layer of a Sequential model it becomes "
                   "the model's input.")
INPUT_DIM_DOC = ("Size of a one-axis sample: the same as {@code inputShape(dim)}; on the first layer of a "
                 "Sequential model it becomes the model's input.")

MERGE_BASE = "keras.src.layers.merging.base_merge.Merge"


class Entry:
    def __init__(self, family, info, obj):
        self.family = family
        self.name = info["name"]
        self.path = info["path"]
        self.aliases = info["aliases"]
        prefix, self.factory_class, self.package, self.returns = FAMILY_JAVA[family]
        make = make_expression(family)
        self.method = prefix + method_suffix(family, self.name)
        args_base = camel(name_words(self.name)) if family == "activations" else self.name
        self.args_class = args_base + "Args"
        self.args_fq = f"{self.package}.{self.args_class}"
        doc = clean_doc(obj.__doc__)
        if isinstance(obj, type) and not doc.strip():
            doc = clean_doc(obj.__init__.__doc__)
        self.paragraphs, self.arg_docs, self.sections = parse_doc(doc)
        self.summary = summary_of(self.paragraphs, f"Keras' {self.name}.")

        self.python_class = f"{obj.__module__}.{obj.__qualname__}" if isinstance(obj, type) else None
        target = obj.__init__ if isinstance(obj, type) else obj
        signature = inspect.signature(target)
        params = list(signature.parameters.values())
        if isinstance(obj, type) or family == "activations":
            params = params[1:]  # self; an activation's input x
        self.takes_kwargs = any(p.kind is p.VAR_KEYWORD for p in params)
        self.params = []
        for p in params:
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            required = p.default is p.empty
            self.params.append(Param(p.name, None if required else p.default, self.arg_docs.get(p.name), required,
                                     owner=self.name))

        self.merge = False
        self.cell = False
        self.make = make.format(path=self.path)
        if family == "layers":
            self._layer_extras()

    def _layer_extras(self):
        merge = _resolve(MERGE_BASE)
        cls = _resolve(self.path)
        self.merge = issubclass(cls, merge)
        # RNN cells are called on (inputs, states): not a layer to pipe a tensor into.
        self.cell = self.name.endswith(("Cell", "Cells"))
        own = {p.name for p in self.params}
        if self.takes_kwargs:
            for name, doc in LAYER_EXTRA:
                if name not in own:
                    param = Param(name, True if name in ("trainable", "autocast") else None, None, False, extra=True)
                    param.doc_html = doc
                    self.params.append(param)
        self.input_shape_setters = "input_shape" not in own
        self.input_dim_setter = "input_dim" not in own

    @property
    def required(self):
        return [p for p in self.params if p.required]

    @property
    def in_layer_methods(self):
        return self.family == "layers" and not self.merge and not self.cell


def _resolve(path):
    module_name, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


# ----------------------------------------------------------------------------- Java writers

def header(version):
    return f"// Generated by scripts/generate_wrappers from Keras {version}. Do not edit; rerun the generator.\n"


def param_html(p):
    return getattr(p, "doc_html", None) or p.describe()


def write_args_class(entry, version):
    cls = entry.args_class
    blocks = [f"Keyword arguments of {{@code {entry.path}}}: {javadoc_text(entry.summary)}"]
    blocks += [javadoc_text(p) for p in entry.paragraphs[1:]]
    for title in ("Input shape", "Output shape"):
        if title in entry.sections and section_text(entry.sections[title]):
            blocks.append(f"<b>{title}:</b> " + javadoc_text(section_text(entry.sections[title])))
    blocks.append(f"Made by {{@code jkeras.Keras.{entry.method}}}. Each setter sets the keyword argument of "
                  "the same name (camelCase); an argument not set keeps Keras' default, and "
                  "{@code kwarg(pythonName, value)} reaches any other.")
    out = [header(version), f"package {entry.package};\n\n", javadoc(blocks, indent=""),
           f"{GENERATED_ANNOTATION}\n", f"public final class {cls} extends jkeras.runtime.KwArgs<{cls}> {{\n",
           f"    /** Empty: every argument at Keras' default. */\n    public {cls}() {{}}\n"]
    seen = set()
    for p in entry.params:
        for decl, stored, note in setters(p.kind, p.java):
            signature = (p.java, decl.split(" ")[0])
            if signature in seen:
                raise SystemExit(f"generator error: {entry.path}: two setters {signature}")
            seen.add(signature)
            text = param_html(p)
            primitive = decl.split(" ")[0] in ("int", "double", "boolean")
            doc_params = [(p.java, note or ("the value" if primitive else "the value; {@code null} passes None"))]
            out.append("\n" + javadoc([text], params=doc_params, tags=["@return these arguments"]))
            out.append(f"    public {cls} {p.java}({decl}) {{\n        return put(\"{p.name}\", {stored});\n    }}\n")
    if entry.family == "layers":
        if entry.input_shape_setters:
            out.append("\n" + javadoc([INPUT_SHAPE_DOC], params=[("dims", "dimensions; {@code null} for an unknown one")],
                                      tags=["@return these arguments"]))
            out.append(f"    public {cls} inputShape(Integer... dims) {{\n"
                       f"        return put(\"input_shape\", dims == null ? null : tuple(dims));\n    }}\n")
            out.append("\n" + javadoc([INPUT_SHAPE_DOC], params=[("shape", "the shape of one sample")],
                                      tags=["@return these arguments"]))
            out.append(f"    public {cls} inputShape(jkeras.layers.Shape shape) {{\n"
                       f"        return put(\"input_shape\", shape);\n    }}\n")
        if entry.input_dim_setter:
            out.append("\n" + javadoc([INPUT_DIM_DOC], params=[("dim", "the size")], tags=["@return these arguments"]))
            out.append(f"    public {cls} inputDim(int dim) {{\n        return put(\"input_dim\", dim);\n    }}\n")
    out.append("}\n")
    return "".join(out)


def _safe(name, taken):
    return name + "Value" if name in taken else name


def factory_methods(entry):
    """The static factories of one entry, as Java text."""
    prefix_docs = [javadoc_text(entry.summary) + f" ({{@code {entry.path}}})"]
    required = entry.required
    names = [_safe(p.java, {"args", "kw", "inputs"}) for p in required]
    variants = [[REQUIRED_TYPE[p.kind] for p in required]]
    if len(required) == 1 and required[0].kind == "ACTIVATION":
        variants.append(["jkeras.activations.Activation"])
    noun = NOUN[entry.family]
    out = []
    for types in variants:
        decls = [f"{t} {n}" for t, n in zip(types, names)]
        params_doc = [(n, param_html(p)) for n, p in zip(names, required)]
        args_doc = f"sets Keras' keyword arguments on a {{@link {entry.args_fq}}}"
        short_call = ", ".join(names + ["kw -> { }"])
        out.append("\n" + javadoc(prefix_docs, params=params_doc, tags=[f"@return {noun}"]))
        out.append(f"    public static {entry.returns} {entry.method}({', '.join(decls)}) {{\n"
                   f"        return {entry.method}({short_call});\n    }}\n")
        consumer = f"java.util.function.Consumer<{entry.args_fq}> args"
        out.append("\n" + javadoc(prefix_docs, params=params_doc + [("args", args_doc)], tags=[f"@return {noun}"]))
        body = [f"        {entry.args_fq} kw = new {entry.args_fq}();\n"]
        body += [f"        kw.kwarg(\"{p.name}\", {n});\n" for p, n in zip(required, names)]
        body += ["        args.accept(kw);\n", f"        return {entry.make};\n"]
        out.append(f"    public static {entry.returns} {entry.method}({', '.join(decls + [consumer])}) {{\n"
                   + "".join(body) + "    }\n")
        if entry.merge:
            tensors = "java.util.List<jkeras.layers.KerasTensor> inputs"
            inputs_doc = ("inputs", "the symbolic tensors to merge")
            apply_doc = [javadoc_text(entry.summary) + f" ({{@code {entry.path}}}), applied at once to "
                         "{@code inputs}, as R's {@code layer_" + "_".join(name_words(entry.name)) + "(list(a, b))}."]
            call = ", ".join(names + ["inputs", "kw -> { }"])
            out.append("\n" + javadoc(apply_doc, params=params_doc + [inputs_doc], tags=["@return the merged tensor"]))
            out.append(f"    public static jkeras.layers.KerasTensor {entry.method}({', '.join(decls + [tensors])}) {{\n"
                       f"        return {entry.method}({call});\n    }}\n")
            out.append("\n" + javadoc(apply_doc, params=params_doc + [inputs_doc, ("args", args_doc)],
                                      tags=["@return the merged tensor"]))
            call = ", ".join(names + ["args"])
            out.append(f"    public static jkeras.layers.KerasTensor {entry.method}({', '.join(decls + [tensors, consumer])}) {{\n"
                       f"        return {entry.method}({call}).apply(inputs.toArray(new jkeras.layers.KerasTensor[0]));\n    }}\n")
    return out, variants, names


FAMILY_TITLE = {
    "layers": "layers ({@code keras.layers})",
    "optimizers": "optimizers ({@code keras.optimizers})",
    "learning_rate_schedules": "learning-rate schedules ({@code keras.optimizers.schedules})",
    "losses": "losses ({@code keras.losses})",
    "metrics": "metrics ({@code keras.metrics})",
    "activations": "activation functions ({@code keras.activations})",
    "initializers": "initializers ({@code keras.initializers})",
    "regularizers": "regularizers ({@code keras.regularizers})",
    "constraints": "constraints ({@code keras.constraints})",
    "callbacks": "callbacks ({@code keras.callbacks})",
    "applications": "applications, ready-made models ({@code keras.applications})",
}


def write_factory_class(family, entries, parent, version):
    cls = FAMILY_JAVA[family][1]
    extends = f" extends {parent}" if parent else ""
    doc = [f"The factories of Keras' {FAMILY_TITLE[family]}, one pair per class or function: reached through "
           "{@code import static jkeras.Keras.*}."]
    if family == "layers":
        doc.append("Merge layers (Add, Concatenate…) also have overloads that take the tensors to merge and "
                   "apply the layer at once; required arguments (Dot's axes) come first, then the tensors, "
                   "then the keyword arguments.")
    out = [header(version), "package jkeras;\n\n", javadoc(doc, indent=""), f"{GENERATED_ANNOTATION}\n",
           f"public abstract class {cls}{extends} {{\n", "    /** Static members only. */\n",
           f"    protected {cls}() {{}}\n"]
    for entry in entries:
        out.extend(factory_methods(entry)[0])
    out.append("}\n")
    return "".join(out)


def write_layer_methods(entries, version):
    doc = ["Every Keras layer as a method that pipes it into this, like R's {@code %>%}: "
           "{@code model.layerDense(64)} adds a Dense layer to a Sequential model, "
           "{@code tensor.layerDense(64)} applies one to a symbolic tensor. Merge layers (several inputs) "
           "and RNN cells (called on states) are left out: use their factories in {@link jkeras.Keras}.",
           "@param <T> what piping returns: the model, or the output tensor"]
    out = [header(version), "package jkeras.layers;\n\n", javadoc(doc[:1], indent="", tags=[doc[1]]),
           f"{GENERATED_ANNOTATION}\n", "public interface LayerMethods<T> extends LayerChain<T> {\n"]
    for entry in entries:
        if not entry.in_layer_methods:
            continue
        _, variants, names = factory_methods(entry)
        required = entry.required
        params_doc = [(n, param_html(p)) for n, p in zip(names, required)]
        base_doc = [javadoc_text(entry.summary) + f" ({{@code {entry.path}}}), piped into this."]
        for types in variants:
            decls = [f"{t} {n}" for t, n in zip(types, names)]
            out.append("\n" + javadoc(base_doc, params=params_doc, tags=["@return the model, or the layer's output"]))
            out.append(f"    default T {entry.method}({', '.join(decls)}) {{\n"
                       f"        return then(jkeras.KerasLayers.{entry.method}({', '.join(names)}));\n    }}\n")
            consumer = f"java.util.function.Consumer<{entry.args_fq}> args"
            out.append("\n" + javadoc(base_doc, params=params_doc + [("args", f"sets Keras' keyword arguments on a {{@link {entry.args_fq}}}")],
                                      tags=["@return the model, or the layer's output"]))
            out.append(f"    default T {entry.method}({', '.join(decls + [consumer])}) {{\n"
                       f"        return then(jkeras.KerasLayers.{entry.method}({', '.join(names + ['args'])}));\n    }}\n")
    out.append("}\n")
    return "".join(out)


def write_generated_root(parent, version):
    doc = ["The generated half of {@link jkeras.Keras}: inherits every family's factories "
           "({@code layerDense}, {@code optimizerAdam}, {@code lossCategoricalCrossentropy}…). What was "
           "generated and what was skipped, with reasons, is listed in {@code jkeras/generated-api.json}."]
    return "".join([header(version), "package jkeras;\n\n", javadoc(doc, indent=""), f"{GENERATED_ANNOTATION}\n",
                    f"public abstract class KerasGenerated extends {parent} {{\n",
                    "    /** Static members only. */\n", "    protected KerasGenerated() {}\n", "}\n"])


# ----------------------------------------------------------------------------- main

def main():
    started = time.monotonic()
    introspect = load_introspect()
    import keras

    version = keras.__version__
    files = {}
    manifest = {"generator": "scripts/generate_wrappers", "keras_version": version, "families": {}}
    methods = {}
    parent = None
    layer_entries = []
    for family in introspect.families():
        api = introspect.public_api(family)
        entries = []
        for info in api["generated"]:
            entry = Entry(family, info, _resolve(info["path"]))
            if entry.method in methods:
                raise SystemExit(f"generator error: {entry.path} and {methods[entry.method]} are both {entry.method}")
            methods[entry.method] = entry.path
            entries.append(entry)
            path = JAVA_OUT / Path(*entry.package.split(".")) / f"{entry.args_class}.java"
            if path in files:
                raise SystemExit(f"generator error: two Args classes at {path}")
            files[path] = write_args_class(entry, version)
        prefix, cls, package, returns = FAMILY_JAVA[family]
        files[JAVA_OUT / "jkeras" / f"{cls}.java"] = write_factory_class(family, entries, parent, version)
        parent = cls
        if family == "layers":
            layer_entries = entries
        manifest["families"][family] = {
            "module": api["module"],
            "base": api["base"],
            "factory_class": f"jkeras.{cls}",
            "args_package": package,
            "returns": returns,
            "generated": [manifest_entry(e) for e in entries],
            "skipped": api["skipped"],
        }
    files[JAVA_OUT / "jkeras" / "layers" / "LayerMethods.java"] = write_layer_methods(layer_entries, version)
    files[JAVA_OUT / "jkeras" / "KerasGenerated.java"] = write_generated_root(parent, version)
    manifest["kind_rules"] = {
        "by_name": [[p, k] for p, k in KIND_BY_NAME],
        "order": ["name", "default value (an int default documented as float is FLOAT)", "docstring", "ANY"],
    }

    if OUT.exists():
        shutil.rmtree(OUT)
    for path, text in sorted(files.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    MANIFEST.write_text(manifest_text(manifest), encoding="utf-8")

    counts = ", ".join(f"{f} {len(m['generated'])}" for f, m in manifest["families"].items())
    print(f"[jkeras] generated wrappers for Keras {version}: {counts}; "
          f"{len(files)} Java files in {time.monotonic() - started:.1f} s", file=sys.stderr)


def manifest_text(manifest):
    """JSON with one line per entry: small, and a Keras upgrade diffs entry by entry."""
    def one(value):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    out = ["{"]
    for key in sorted(k for k in manifest if k != "families"):
        out.append(f" {one(key)}: {one(manifest[key])},")
    out.append(' "families": {')
    families = sorted(manifest["families"])
    for i, family in enumerate(families):
        info = manifest["families"][family]
        out.append(f"  {one(family)}: {{")
        for key in sorted(k for k in info if k not in ("generated", "skipped")):
            out.append(f"   {one(key)}: {one(info[key])},")
        for key in ("generated", "skipped"):
            out.append(f"   {one(key)}: [")
            rows = [f"    {one(item)}" for item in info[key]]
            out.append(",\n".join(rows))
            out.append("   ]," if key == "generated" else "   ]")
        out.append("  }," if i < len(families) - 1 else "  }")
    out.append(" }")
    out.append("}")
    text = "\n".join(out) + "\n"
    assert json.loads(text) == json.loads(json.dumps(manifest))
    return text


def manifest_entry(entry):
    out = {
        "name": entry.name,
        "path": entry.path,
        "method": entry.method,
        "args_class": entry.args_fq,
        "aliases": entry.aliases,
        # [python name, Java setter, kind, rule that decided the kind]; required ones also by name, in order
        "params": [[p.name, p.java, p.kind, p.rule] for p in entry.params],
        "required": [p.name for p in entry.required],
    }
    if entry.python_class:
        out["python_class"] = entry.python_class
    if entry.family == "layers":
        out["merge"] = entry.merge
        out["layer_methods"] = entry.in_layer_methods
    return out


if __name__ == "__main__":
    main()
