"""Generic access to the Python objects Java holds handles to: making them, describing them."""
import functools
import importlib
import json


def resolve(path):
    """The object at a dotted path: ``keras.layers.Dense``, ``my_package.layers.MyLayer``.

    The path names a module attribute; it is imported and looked up, never evaluated.
    """
    module_name, _, name = path.rpartition(".")
    if not module_name or not name.isidentifier():
        raise ValueError(f"not a dotted Python path: {path!r}")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        # A class inside a class or module attribute path, e.g. keras.optimizers.schedules.X
        module = resolve(module_name)
    try:
        return getattr(module, name)
    except AttributeError:
        raise AttributeError(f"{module_name} has no {name!r}") from None


def construct(path, kwargs):
    """Calls the class or function at ``path`` with keyword arguments."""
    return resolve(path)(**kwargs)


def function_ref(path, kwargs):
    """The function at ``path``, with ``kwargs`` bound when there are any (activations)."""
    function = resolve(path)
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
