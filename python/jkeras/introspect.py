"""What the installed Keras exports, family by family: the names jkeras wraps and those it does not.

One source of truth for scripts/generate_wrappers (which imports this file by path, outside any
JVM) and for the Java test that checks the committed wrappers against the running Keras
(``jkeras.introspect:public_api``). Pure Python: needs Keras, not Jep.

The rules, for a family's module (``keras.layers``…):

* every public name (no leading underscore) is either wrapped or skipped with a reason; nothing is
  dropped silently;
* class families wrap classes that subclass the family's base; function families wrap public
  callables that are not classes or modules;
* names bound to the same object are one entry: the canonical name is the object's own
  ``__name__`` when the module exports it (``Conv2D`` for ``Convolution2D``), else the first
  exported CamelCase name in sorted order; the others are its aliases;
* skipped: the family's base and other abstract classes, what jkeras replaces by hand-written API
  (``InputLayer``, ``CallbackList``…), and names outside the family (functions in a class family,
  submodules, (de)serialization utilities), each with a one-line reason.
"""
import importlib
import inspect

# family -> (module, "class" with the base class's path, or "function")
FAMILIES = {
    "layers": ("keras.layers", "class", "keras.layers.Layer"),
    "optimizers": ("keras.optimizers", "class", "keras.optimizers.Optimizer"),
    "learning_rate_schedules": ("keras.optimizers.schedules", "class",
                                "keras.optimizers.schedules.LearningRateSchedule"),
    "losses": ("keras.losses", "class", "keras.losses.Loss"),
    "metrics": ("keras.metrics", "class", "keras.metrics.Metric"),
    "activations": ("keras.activations", "function", None),
    "initializers": ("keras.initializers", "class", "keras.initializers.Initializer"),
    "regularizers": ("keras.regularizers", "class", "keras.regularizers.Regularizer"),
    "constraints": ("keras.constraints", "class", "keras.constraints.Constraint"),
    "callbacks": ("keras.callbacks", "class", "keras.callbacks.Callback"),
    "applications": ("keras.applications", "function", None),
    "ops": ("keras.ops", "function", None),
    "ops_image": ("keras.ops.image", "function", None),
    "random": ("keras.random", "function", None),
}

# Ops that take Python functions to call or trace (a loop's body, a branch, a function to
# differentiate): a Java lambda is not a Python callable, so these are left to Python code.
_TAKES_FUNCTIONS = ("takes a Python function to call or trace ({args}); a Java lambda is not one: "
                    "call it from Python code")

# Members of a family that cannot sensibly be a wrapper, by family and canonical name.
SKIP = {
    "layers": {
        "Wrapper": "abstract base of wrapper layers (Bidirectional, TimeDistributed…): subclass it in Python",
        "InputLayer": "made by Keras for symbolic inputs: jkeras has kerasInput",
    },
    "ops": {
        "associative_scan": _TAKES_FUNCTIONS.format(args="f"),
        "cond": _TAKES_FUNCTIONS.format(args="true_fn, false_fn"),
        "custom_gradient": _TAKES_FUNCTIONS.format(args="f"),
        "fori_loop": _TAKES_FUNCTIONS.format(args="body_fun"),
        "jvp": _TAKES_FUNCTIONS.format(args="fun"),
        "map": _TAKES_FUNCTIONS.format(args="f"),
        "scan": _TAKES_FUNCTIONS.format(args="f"),
        "switch": _TAKES_FUNCTIONS.format(args="branches"),
        "vectorize": _TAKES_FUNCTIONS.format(args="pyfunc"),
        "vectorized_map": _TAKES_FUNCTIONS.format(args="function"),
        "while_loop": _TAKES_FUNCTIONS.format(args="cond, body"),
    },
    "callbacks": {
        "CallbackList": "internal to fit: Keras builds it from the callbacks given",
        "History": "internal to fit: Keras adds it to every model and fit returns it",
        "LambdaCallback": "Java callbacks replace it (a Python lambda cannot be written in Java)",
    },
}

# Public names outside a family that deserve a precise reason, by family (or "*" for all).
OUTSIDE = {
    "*": {
        "get": "lookup utility (name or config to object): jkeras passes names and objects directly",
        "serialize": "(de)serialization utility: not an object to make",
        "deserialize": "(de)serialization utility: not an object to make",
    },
    "layers": {
        "Input": "function making a symbolic input: jkeras has kerasInput",
        "InputSpec": "not a layer: an input specification Keras layers declare",
        "add": "functional form of the Add layer: use layerAdd(list of tensors)",
        "average": "functional form of the Average layer: use layerAverage(list of tensors)",
        "concatenate": "functional form of the Concatenate layer: use layerConcatenate(list of tensors)",
        "dot": "functional form of the Dot layer: use layerDot(axes, list of tensors)",
        "maximum": "functional form of the Maximum layer: use layerMaximum(list of tensors)",
        "minimum": "functional form of the Minimum layer: use layerMinimum(list of tensors)",
        "multiply": "functional form of the Multiply layer: use layerMultiply(list of tensors)",
        "subtract": "functional form of the Subtract layer: use layerSubtract(list of tensors)",
    },
    "ops": {
        "image": "submodule: its own family (ops_image), opImage... in Java",
        "linalg": "submodule whose functions keras.ops exports itself: wrapped there",
        "nn": "submodule whose functions keras.ops exports itself: wrapped there",
        "numpy": "submodule whose functions keras.ops exports itself: wrapped there",
    },
    "random": {
        "SeedGenerator": "a class, not a random function: make one with "
                         "pythonObject(\"keras.random.SeedGenerator\", a -> a.kwarg(\"seed\", 1)) and pass it as seed",
    },
    "optimizers": {
        "OptimizerMap": "not an optimizer: the variable-to-optimizer map MultiOptimizer takes; "
                        "make it with pythonObject(\"keras.optimizers.OptimizerMap\", …)",
        "legacy": "submodule of Keras 2 compatibility stubs",
        "schedules": "submodule: its own family (learning_rate_schedules)",
    },
}

_ONE = {
    "layers": "a layer class", "optimizers": "an optimizer class",
    "learning_rate_schedules": "a learning-rate schedule class", "losses": "a loss class",
    "metrics": "a metric class", "activations": "an activation function",
    "initializers": "an initializer class", "regularizers": "a regularizer class",
    "constraints": "a constraint class", "callbacks": "a callback class",
    "applications": "an application function",
    "ops": "an op function", "ops_image": "an image op function", "random": "a random function",
}

_KIND_WORD = {
    "losses": "loss function, not a Loss class: pass its name to compile (loss = \"{name}\")",
    "metrics": "metric function, not a Metric class: pass its name to compile (metrics = \"{name}\")",
}


def families():
    """The family names, in a fixed order."""
    return list(FAMILIES)


def public_names(family):
    """Every public name the family's module exports, sorted."""
    module = importlib.import_module(FAMILIES[family][0])
    return sorted(n for n in dir(module) if not n.startswith("_"))


def _resolve(path):
    module_name, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


def _outside_reason(family, name, obj):
    for table in (OUTSIDE.get(family, {}), OUTSIDE["*"]):
        if name in table:
            return table[name]
    if inspect.ismodule(obj) and family == "applications":
        return "submodule of helpers for its models (preprocess_input, decode_predictions), not a model"
    if inspect.ismodule(obj):
        return f"submodule, not {_ONE[family]}"
    if family in _KIND_WORD and callable(obj) and not isinstance(obj, type):
        return _KIND_WORD[family].format(name=name)
    what = "class" if isinstance(obj, type) else type(obj).__name__
    return f"a {what} outside the family: not {_ONE[family]}"


def public_api(family):
    """The family as the installed Keras exports it.

    Returns ``{"family", "module", "base", "exported": [all public names],
    "generated": [{"name", "path", "aliases"}], "skipped": [{"name", "reason"}]}``, each list sorted
    by name; ``generated`` holds canonical names only, their aliases inside.
    """
    module_name, kind, base_path = FAMILIES[family]
    module = importlib.import_module(module_name)
    base = _resolve(base_path) if base_path else None
    exported = public_names(family)

    members = {}  # id(obj) -> (obj, [names])
    skipped = []
    for name in exported:
        obj = getattr(module, name)
        if kind == "class":
            member = isinstance(obj, type) and issubclass(obj, base)
        else:
            member = callable(obj) and not isinstance(obj, type) and not inspect.ismodule(obj) \
                and name not in OUTSIDE["*"]
        if member:
            members.setdefault(id(obj), (obj, []))[1].append(name)
        else:
            skipped.append({"name": name, "reason": _outside_reason(family, name, obj)})

    generated = []
    for obj, names in members.values():
        own = getattr(obj, "__name__", None)
        canonical = own if own in names else sorted(names, key=lambda n: (not n[:1].isupper(), n))[0]
        aliases = sorted(n for n in names if n != canonical)
        reason = None
        if obj is base:
            reason = "the family's abstract base class: subclass it in Python"
        elif canonical in SKIP.get(family, {}):
            reason = SKIP[family][canonical]
        if reason is not None:
            skipped.extend({"name": n, "reason": reason} for n in [canonical] + aliases)
            continue
        generated.append({"name": canonical, "path": f"{module_name}.{canonical}", "aliases": aliases})

    generated.sort(key=lambda e: e["name"])
    skipped.sort(key=lambda e: e["name"])
    return {
        "family": family,
        "module": module_name,
        "base": base_path,
        "exported": exported,
        "generated": generated,
        "skipped": skipped,
    }


def attributes(obj, names):
    """``{name: getattr(obj, name)}`` for those of ``names`` that ``obj`` has: what a constructor
    stored, for checks on objects without ``get_config`` (callbacks)."""
    return {name: getattr(obj, name) for name in names if hasattr(obj, name)}


def keyword_parameters(path):
    """Names of the keyword parameters of the function or method at ``path``
    (``keras.Model.fit``): what hand-written jkeras argument classes must cover. Leaves out
    ``self`` and ``*args``/``**kwargs``."""
    from jkeras.objects import resolve  # handles attributes of classes (keras.Model.fit)

    target = resolve(path)
    if inspect.isclass(target):
        target = target.__init__
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [p.name for p in inspect.signature(target).parameters.values() if p.kind in kinds and p.name != "self"]
