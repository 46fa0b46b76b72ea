"""Generic access to the Python objects Java holds handles to: making them, describing them."""
import functools
import importlib
import json

from jkeras import runtime


def resolve(path):
    """The object at a dotted path: ``keras.layers.Dense``, ``my_package.layers.MyLayer``.

    The path names a module attribute; it is imported and looked up, never evaluated. When the JVM
    restricts class names to some modules (``-Djkeras.allowedModules``), other paths are refused
    before anything is imported.
    """
    if not isinstance(path, str):
        raise TypeError(f"a Python path must be a string; received {path!r}")
    module_name, _, name = path.rpartition(".")
    if not module_name or not name.isidentifier():
        raise ValueError(f"not a dotted Python path: {path!r}")
    _check_allowed(path)
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        # A class inside a class or module attribute path, e.g. keras.optimizers.schedules.X
        missing = f"cannot find {path!r}: {error} (on the Python path of the env jkeras runs)"
        if "." not in module_name:
            raise ModuleNotFoundError(missing) from None
        try:
            module = resolve(module_name)
        except (ModuleNotFoundError, AttributeError):
            raise ModuleNotFoundError(missing) from None
    try:
        return getattr(module, name)
    except AttributeError:
        raise AttributeError(f"{module_name} has no {name!r}") from None


def _check_allowed(path):
    allowed = runtime.allowed_modules
    if allowed and not any(path == p.rstrip(".") or path.startswith(p if p.endswith(".") else p + ".") for p in allowed):
        raise PermissionError(
            f"{path!r} is outside the modules this program allows (-Djkeras.allowedModules={','.join(allowed)})"
        )


# What a factory of each family may make: a subclass of the family's base class, or something the
# family's public module exports (Keras' own functions: losses, metrics, activations, applications).
_KINDS = {
    "layer": ("keras.layers.Layer", "keras.layers"),
    "callback": ("keras.callbacks.Callback", "keras.callbacks"),
    "optimizer": ("keras.optimizers.Optimizer", "keras.optimizers"),
    "schedule": ("keras.optimizers.schedules.LearningRateSchedule", "keras.optimizers.schedules"),
    "loss": ("keras.losses.Loss", "keras.losses"),
    "metric": ("keras.metrics.Metric", "keras.metrics"),
    "initializer": ("keras.initializers.Initializer", "keras.initializers"),
    "regularizer": ("keras.regularizers.Regularizer", "keras.regularizers"),
    "constraint": ("keras.constraints.Constraint", "keras.constraints"),
    "activation": (None, "keras.activations"),
    "application": (None, "keras.applications"),
}


def check_kind(path, obj, kind):
    """Raises TypeError unless ``obj`` (found at ``path``) may be made by a ``kind`` factory."""
    base_path, namespace = _KINDS[kind]
    if base_path is not None and isinstance(obj, type) and issubclass(obj, resolve(base_path)):
        return
    if _exported_by(obj, namespace):
        return
    what = f"a subclass of {base_path} or " if base_path else ""
    raise TypeError(f"{path} is not a Keras {kind}: expected {what}something {namespace} exports; received {obj!r}")


def _exported_by(obj, namespace):
    module = importlib.import_module(namespace)
    stack, seen = [module], set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        for value in vars(current).values():
            if value is obj:
                return True
            # keras.applications exports its architectures in submodules (keras.applications.resnet).
            if type(value) is type(module) and value.__name__.startswith(namespace + "."):
                stack.append(value)
    return False


def construct(path, kwargs, kind=None):
    """Calls the class or function at ``path`` with keyword arguments, once it is known to be of ``kind``."""
    target = resolve(path)
    if kind is not None:
        check_kind(path, target, kind)
    elif not callable(target):
        raise TypeError(f"{path} is not callable; received {target!r}")
    return target(**kwargs)


def call_method(obj, name, args, kwargs):
    """``obj.name(*args, **kwargs)``: the generic path for Java's handles; private names are refused."""
    return getattr(obj, _public_name(name))(*args, **kwargs)


def get_attribute(obj, name):
    return getattr(obj, _public_name(name))


def set_attribute(obj, name, value):
    """``obj.name = value``: the generic path for Java's handles; private names are refused."""
    setattr(obj, _public_name(name), value)


def _public_name(name):
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("_"):
        raise ValueError(f"not a public attribute name: {name!r}")
    return name


def function_ref(path, kwargs, kind=None):
    """The function at ``path``, with ``kwargs`` bound when there are any (activations)."""
    function = resolve(path)
    if kind is not None:
        check_kind(path, function, kind)
    if not callable(function):
        raise TypeError(f"{path} is not callable")
    if not kwargs:
        return function
    bound = functools.partial(function, **kwargs)
    functools.update_wrapper(bound, function)
    return bound


def class_name(obj):
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def config_json(obj):
    """``obj.get_config()`` as JSON text; what JSON cannot hold goes through Keras' serializer."""
    return to_json_text(obj.get_config())


def to_json_text(value):
    import keras

    def fallback(item):
        if hasattr(item, "tolist"):
            return item.tolist()
        return keras.saving.serialize_keras_object(item)

    return json.dumps(value, default=fallback)


def describe(obj):
    """repr() of the object, for PythonObject.toString()."""
    return repr(obj)
