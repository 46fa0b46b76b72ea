"""Maker of the ops families (keras.ops, keras.ops.image, keras.random): one static method per
function (``opAdd(x1, x2)``), and where the function has optional arguments a second one taking
them on an Args class (``opSum(x, s -> s.axis(1).keepdims(true))``).

Every method returns ``<T> T``: what the op gives, typed as the caller takes it (a Tensor, a
KerasTensor, a List, a Long…). They all call Python through ``jkeras.OpCall`` (written here too, not
public), which calls ``jkeras.ops:call`` and wraps Python handles as KerasTensors.
"""
from pathlib import Path

from wrapgen import javadoc as J
from wrapgen.common import GENERATED_ANNOTATION, header
from wrapgen.docstrings import ARGUMENTS, Para
from wrapgen.kinds import setters
from wrapgen.make_factories import write_factory_class
from wrapgen.names import local_name
from wrapgen.rules import FAMILIES

HELPER = "jkeras.OpCall"
CONSUMER = "java.util.function.Consumer"

TYPE_PARAM_DOC = ("the caller's type for the result: {@link jkeras.tensor.Tensor} when it ran at once, "
                  "{@link jkeras.layers.KerasTensor} when it is symbolic, {@code List} for several (see "
                  "{@link jkeras.KerasOps})")
ANY_DOC = "a tensor ({@link jkeras.tensor.Tensor} or a Python tensor handle), a number or a list"

SEMANTICS = [
    "Every function takes its required arguments in Python's order, each any value: a "
    "{@link jkeras.tensor.Tensor}, a {@link jkeras.layers.KerasTensor} or another Python tensor handle, a "
    "Java number, boolean or string, a list, an array, a {@link jkeras.layers.Shape}. Optional arguments go "
    "through the second form's lambda, typed and documented like every keyword argument in jkeras: "
    "{@code opSum(x, s -> s.axis(1).keepdims(true))}; {@code kwarg(name, value)} reaches any other.",
    "<b>What comes back.</b> When an argument is symbolic (a {@link jkeras.layers.KerasTensor} of the functional "
    "API, or a Python tensor handle such as the inputs of a layer's {@code call} while Keras traces it), the "
    "op is recorded, not run, and the result is a handle: a {@link jkeras.layers.KerasTensor}. When every "
    "argument is a Java value, the op runs at once and the result comes back as a "
    "{@link jkeras.tensor.Tensor} over NumPy's memory (no copy; close it like any tensor). Several results "
    "(a Python tuple) come back as a {@code List}; Python scalars as {@code Long}, {@code Double}, "
    "{@code Boolean} or {@code String}. Dtypes a Tensor cannot hold (complex, strings) are an error that "
    "names the dtype.",
    "<b>Typing.</b> Each function returns {@code <T> T}: the type the caller assigns the result to. "
    "{@code Tensor t = opAdd(a, b)} and {@code KerasTensor s = opAdd(input, 1)} both compile; a wrong guess is "
    "a {@code ClassCastException} at that line. With {@code var}, or passed straight into another op, the "
    "result is an {@code Object}, which every op takes. One trap: passed as the only value of a varargs "
    "parameter ({@code String.format(\"%s\", opSum(x))}, {@code Arrays.asList(...)}), Java infers an array; "
    "assign it or cast it to {@code Object} first. Ops that take any number of tensors (einsum's operands, "
    "meshgrid's) take them as a {@code List}: {@code opEinsum(\"ij,jk->ik\", List.of(a, b))}.",
    "Each call crosses into Python once: many small ops on small tensors cost more than one op on a big "
    "one. Functions that take Python functions ({@code cond}, {@code while_loop}, {@code scan}…) are not "
    "wrapped; {@code jkeras/generated-api.json} lists them with the reason.",
]


def has_args_class(entry):
    """An Args class when there is something to set: optional arguments, or **kwargs."""
    return bool(entry.optional) or entry.takes_kwargs


def args_class_doc(entry):
    """The Args class's Javadoc: short; the op's own method carries Keras' documentation."""
    factory = f"jkeras.{FAMILIES[entry.family]['factory_class']}"
    return [f"Keyword arguments of {{@code {entry.path}}}: {J.text(entry.summary)}",
            f"Set in the second form of {{@link {factory}{_link(entry, True)}}}; Keras' documentation is on "
            f"{{@link {factory}{_link(entry, False)}}}. Each setter sets the keyword argument of the same name "
            "(camelCase); an argument not set keeps Keras' default, and {@code kwarg(pythonName, value)} "
            "reaches any other."]


def _required(entry):
    """[(Java parameter name, Param)] of the positional arguments, the variadic one last."""
    return [(local_name(p.java), p) for p in entry.required]


def _declarations(entry, consumer):
    # *args is a List, not Java varargs: an op's generic result passed as the one value of an
    # Object... parameter would be inferred as an Object[] and fail its cast.
    out = [f"java.util.List<?> {name}" if p.variadic else f"Object {name}" for name, p in _required(entry)]
    if consumer:
        out.append(f"{CONSUMER}<{entry.args_fq}> args")
    return out


def _positional(entry, consumer):
    fixed = [n for n, p in _required(entry) if not p.variadic]
    variadic = [n for n, p in _required(entry) if p.variadic]
    array = "new Object[] {" + ", ".join(fixed) + "}"
    if not variadic:
        return array
    return f"{HELPER}.concat({array}, {variadic[0]})"


def _link(entry, consumer):
    types = ["java.util.List" if p.variadic else "Object" for _, p in _required(entry)]
    if consumer:
        types.append(CONSUMER)
    return f"#{entry.method}({', '.join(types)})"


def _param_docs(entry):
    out = []
    for name, p in _required(entry):
        text = p.describe() if (p.doc or p.blocks) else ANY_DOC
        if p.variadic:
            text += " (a list: any number of them)"
        out.append((name, text))
    return out


def _returns(entry):
    returns = None
    for title in ("Returns", "Return"):
        returns = returns or next((b for b in entry.blocks if getattr(b, "title", None) == title), None)
    if returns is None:
        return "@return the result"
    html = J.joined(J.chunks(returns.blocks))
    return "@return " + (html or "the result")


def _keyword_doc(entry):
    """The optional arguments as a <dl> whose terms link to their setters."""
    if not has_args_class(entry):
        return []
    if not entry.optional:
        return [f"<b>Keyword arguments:</b> any, by name, through {{@link {entry.args_fq}#kwarg(String, Object)}} "
                "in the second form."]
    lines = ["<dl>"]
    for p in entry.optional:
        java_type = setters(p.kind, p.java)[0][0].split(" ")[0]
        lines.append(f"<dt>{{@link {entry.args_fq}#{p.java}({java_type}) {p.name}}}</dt>")
        lines.append("<dd>" + p.describe() + "</dd>")
    lines.append("</dl>")
    return [f"<b>Keyword arguments</b> (set in the second form, on {{@link {entry.args_fq}}}):", "\n".join(lines)]


def op_methods(entry):
    """The static method(s) of one op, as Java text."""
    blocks = entry.blocks
    if blocks and isinstance(blocks[0], Para):
        blocks = blocks[1:]
    summary = J.text(entry.summary) + f" ({{@code {entry.path}}})"
    body = [summary] + J.chunks(blocks, skip=set(ARGUMENTS) | {"Returns", "Return"}) + _keyword_doc(entry)
    params = [("<T>", TYPE_PARAM_DOC)] + _param_docs(entry)
    out = ["\n" + J.comment(body, params=params, tags=[_returns(entry)])]
    decls = ", ".join(_declarations(entry, consumer=False))
    out.append(f"    public static <T> T {entry.method}({decls}) {{\n"
               f"        return {HELPER}.call(\"{entry.path}\", {_positional(entry, False)}, null);\n    }}\n")
    if has_args_class(entry):
        short = [summary, f"The form with keyword arguments; Keras' documentation is on {{@link {_link(entry, False)}}}."]
        args_doc = f"sets Keras' keyword arguments on a {{@link {entry.args_fq}}}"
        out.append("\n" + J.comment(short, params=params + [("args", args_doc)], tags=[_returns(entry)]))
        decls = ", ".join(_declarations(entry, consumer=True))
        out.append(f"    public static <T> T {entry.method}({decls}) {{\n"
                   f"        {entry.args_fq} kw = new {entry.args_fq}();\n"
                   f"        args.accept(kw);\n"
                   f"        return {HELPER}.call(\"{entry.path}\", {_positional(entry, True)}, kw);\n    }}\n")
    return out


def write_family(family, entries, parent, version):
    """{path: text} of the family's class of static methods."""
    cls = FAMILIES[family]["factory_class"]
    if family == "ops":
        extra = SEMANTICS
    else:
        extra = ["Arguments, results and their Java types work as for every op: see {@link jkeras.KerasOps}."]
    text = write_factory_class(family, entries, parent, version, methods=op_methods, extra_doc=extra,
                               lead=f"Keras' {FAMILIES[family]['title']}, one static method per function, "
                                    "and a second one taking keyword arguments where the function has any: "
                                    "reached through {@code import static jkeras.Keras.*}.")
    return {Path("java", "jkeras", f"{cls}.java"): text}


def uses(families):
    return any(FAMILIES[f].get("maker") == "ops" for f in families)


def write_support(version):
    """jkeras.OpCall: how every op reaches Python, and how its answer comes back."""
    text = header(version) + '''package jkeras;

/**
 * How the generated ops ({@link KerasOps}, {@link KerasImageOps}, {@link KerasRandom}) call Python:
 * one bridge function, {@code jkeras.ops:call}, given the op's Python path; and how its answer comes
 * back: Python handles as {@link jkeras.layers.KerasTensor}s, lists item by item, tensors, numbers,
 * strings and booleans as they are. Not public: the ops are the API.
 */
''' + GENERATED_ANNOTATION + '''
final class OpCall {
    private OpCall() {}

    /** Calls the op at {@code path} with {@code args} and the keyword arguments set on {@code kw} (or none). */
    @SuppressWarnings("unchecked")
    static <T> T call(String path, Object[] args, jkeras.runtime.KwArgs<?> kw) {
        // One flat argument list (path, keywords, then the op's own): no list or empty map to convert.
        Object[] all = new Object[args.length + 2];
        all[0] = path;
        java.util.Map<String, Object> keywords = kw == null ? null : kw.toMap();
        all[1] = keywords == null || keywords.isEmpty() ? null : keywords;
        System.arraycopy(args, 0, all, 2, args.length);
        return (T) fromPython(jkeras.internal.PythonRuntime.get().call(jkeras.internal.PythonFunctions.OPS_CALL, all));
    }

    /** The fixed positional arguments followed by a variadic one's values (einsum's operands). */
    static Object[] concat(Object[] fixed, java.util.List<?> rest) {
        Object[] all = java.util.Arrays.copyOf(fixed, fixed.length + rest.size());
        for (int i = 0; i < rest.size(); i++) {
            all[fixed.length + i] = rest.get(i);
        }
        return all;
    }

    /** Python's answer in Java: a handle becomes a KerasTensor; lists are converted item by item. */
    static Object fromPython(Object value) {
        if (value instanceof java.util.List<?> list) {
            java.util.List<Object> out = new java.util.ArrayList<>(list.size());
            for (Object item : list) {
                out.add(fromPython(item));
            }
            return out;
        }
        if (value == null || value instanceof jkeras.tensor.Tensor || value instanceof Number
                || value instanceof String || value instanceof Boolean || value instanceof java.util.Map) {
            return value;
        }
        return jkeras.layers.KerasTensor.wrap(value);
    }
}
'''
    return {Path("java", "jkeras", "OpCall.java"): text}
