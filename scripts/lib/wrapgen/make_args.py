"""Maker of Args classes: one typed setter per keyword argument of a Keras class or function."""
from wrapgen import javadoc as J
from wrapgen.common import GENERATED_ANNOTATION, header
from wrapgen.docstrings import ARGUMENTS, Para
from wrapgen.kinds import setters
from wrapgen.rules import LAYERS


def class_doc(entry, made_by):
    """The Args class's Javadoc: Keras' whole docstring (its argument list linked to the setters)."""
    body = [f"Keyword arguments of {{@code {entry.path}}}: {J.text(entry.summary)}"]
    blocks = entry.blocks
    if blocks and isinstance(blocks[0], Para):
        blocks = blocks[1:]
    first_setter = {}
    for p in entry.params:
        first_setter.setdefault(p.name, (p.java, setters(p.kind, p.java)[0][0].split(" ")[0]))

    def term(title, name):
        if title in ARGUMENTS and name in first_setter:
            java, java_type = first_setter[name]
            return f"{{@link #{java}({java_type}) {name}}}"
        return None

    body += J.chunks(blocks, term=term)
    body.append(made_by)
    return body


def write(entry, version, made_by, params=None, doc=None):
    """The Args class of ``entry`` (its ``params``, by default all of them; its Javadoc ``doc``, by
    default Keras' whole docstring), as Java source."""
    cls = entry.args_class
    params = entry.params if params is None else params
    doc = class_doc(entry, made_by) if doc is None else doc
    out = [header(version), f"package {entry.package};\n\n", J.comment(doc, indent=""),
           f"{GENERATED_ANNOTATION}\n", f"public final class {cls} extends jkeras.runtime.KwArgs<{cls}> {{\n",
           f"    /** Empty: every argument at Keras' default. */\n    public {cls}() {{}}\n"]
    seen = set()
    for p in params:
        for decl, stored, note in setters(p.kind, p.java):
            signature = (p.java, decl.split(" ")[0])
            if signature in seen:
                raise SystemExit(f"generator error: {entry.path}: two setters {signature}")
            seen.add(signature)
            primitive = decl.split(" ")[0] in ("int", "double", "boolean")
            doc_params = [(p.java, note or ("the value" if primitive else "the value; {@code null} passes None"))]
            out.append("\n" + J.comment([p.describe()], params=doc_params, tags=["@return these arguments"]))
            out.append(f"    public {cls} {p.java}({decl}) {{\n        return put(\"{p.name}\", {stored});\n    }}\n")
    if entry.family == "layers":
        out.extend(_layer_setters(entry, cls))
    out.append("}\n")
    return "".join(out)


def _layer_setters(entry, cls):
    """inputShape/inputDim: where a Sequential model's first layer says its input (Keras takes them
    through **kwargs)."""
    out = []
    if entry.input_shape_setters:
        doc = LAYERS["input_shape_doc"]
        out.append("\n" + J.comment([doc], params=[("dims", "dimensions; {@code null} for an unknown one")],
                                    tags=["@return these arguments"]))
        out.append(f"    public {cls} inputShape(Integer... dims) {{\n"
                   f"        return put(\"input_shape\", dims == null ? null : tuple(dims));\n    }}\n")
        out.append("\n" + J.comment([doc], params=[("shape", "the shape of one sample")],
                                    tags=["@return these arguments"]))
        out.append(f"    public {cls} inputShape(jkeras.layers.Shape shape) {{\n"
                   f"        return put(\"input_shape\", shape);\n    }}\n")
    if entry.input_dim_setter:
        out.append("\n" + J.comment([LAYERS["input_dim_doc"]], params=[("dim", "the size")],
                                    tags=["@return these arguments"]))
        out.append(f"    public {cls} inputDim(int dim) {{\n        return put(\"input_dim\", dim);\n    }}\n")
    return out
