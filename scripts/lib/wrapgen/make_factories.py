"""Maker of the factory classes (jkeras.KerasLayers…), the piping interface LayerMethods, and the
root jkeras.KerasGenerated that jkeras.Keras extends."""
from wrapgen import javadoc as J
from wrapgen.common import GENERATED_ANNOTATION, header
from wrapgen.kinds import also_required_type, required_type
from wrapgen.names import local_name, name_words
from wrapgen.rules import FAMILIES


def _signatures(entry):
    """(parameter names, [types of each overload]) of the factories' required arguments."""
    required = entry.required
    names = [local_name(p.java) for p in required]
    variants = [[required_type(p.kind) for p in required]]
    if len(required) == 1 and also_required_type(required[0].kind):
        variants.append([also_required_type(required[0].kind)])
    return names, variants


def _summary(entry):
    return J.text(entry.summary) + f" ({{@code {entry.path}}})"


def _see_args(entry):
    return f"Keras' documentation, with every keyword argument: {{@link {entry.args_fq}}}."


def factory_methods(entry):
    """The static factories of one entry, as Java text."""
    names, variants = _signatures(entry)
    noun = FAMILIES[entry.family]["noun"]
    params_doc = [(n, p.describe()) for n, p in zip(names, entry.required)]
    args_doc = f"sets Keras' keyword arguments on a {{@link {entry.args_fq}}}"
    body_doc = [_summary(entry), _see_args(entry)]
    consumer = f"java.util.function.Consumer<{entry.args_fq}> args"
    out = []
    for types in variants:
        decls = [f"{t} {n}" for t, n in zip(types, names)]
        out.append("\n" + J.comment(body_doc, params=params_doc, tags=[f"@return {noun}"]))
        out.append(f"    public static {entry.returns} {entry.method}({', '.join(decls)}) {{\n"
                   f"        return {entry.method}({', '.join(names + ['kw -> { }'])});\n    }}\n")
        out.append("\n" + J.comment(body_doc, params=params_doc + [("args", args_doc)], tags=[f"@return {noun}"]))
        body = [f"        {entry.args_fq} kw = new {entry.args_fq}();\n"]
        body += [f"        kw.kwarg(\"{p.name}\", {n});\n" for p, n in zip(entry.required, names)]
        body += ["        args.accept(kw);\n", f"        return {entry.make};\n"]
        out.append(f"    public static {entry.returns} {entry.method}({', '.join(decls + [consumer])}) {{\n"
                   + "".join(body) + "    }\n")
        if entry.merge:
            out.extend(_merge_methods(entry, names, decls, params_doc, args_doc, consumer))
    return out


def _merge_methods(entry, names, decls, params_doc, args_doc, consumer):
    """Merge layers applied at once to the tensors they merge: layerConcatenate(List.of(a, b))."""
    tensors = "java.util.List<jkeras.layers.KerasTensor> inputs"
    inputs_doc = ("inputs", "the symbolic tensors to merge")
    apply_doc = [J.text(entry.summary) + f" ({{@code {entry.path}}}), applied at once to {{@code inputs}}, as R's "
                 "{@code layer_" + "_".join(name_words(entry.name)) + "(list(a, b))}.", _see_args(entry)]
    out = ["\n" + J.comment(apply_doc, params=params_doc + [inputs_doc], tags=["@return the merged tensor"]),
           f"    public static jkeras.layers.KerasTensor {entry.method}({', '.join(decls + [tensors])}) {{\n"
           f"        return {entry.method}({', '.join(names + ['inputs', 'kw -> { }'])});\n    }}\n",
           "\n" + J.comment(apply_doc, params=params_doc + [inputs_doc, ("args", args_doc)],
                            tags=["@return the merged tensor"]),
           f"    public static jkeras.layers.KerasTensor {entry.method}({', '.join(decls + [tensors, consumer])}) {{\n"
           f"        return {entry.method}({', '.join(names + ['args'])}).apply(inputs.toArray(new jkeras.layers.KerasTensor[0]));\n    }}\n"]
    return out


def write_factory_class(family, entries, parent, version, methods=factory_methods, extra_doc=(), lead=None):
    """A family's factory class: abstract, static members only, inheriting the previous family's."""
    cls = FAMILIES[family]["factory_class"]
    extends = f" extends {parent}" if parent else ""
    doc = [lead or f"The factories of Keras' {FAMILIES[family]['title']}, one pair per class or function: "
                   "reached through {@code import static jkeras.Keras.*}."]
    if family == "layers":
        doc.append("Merge layers (Add, Concatenate…) also have overloads that take the tensors to merge and "
                   "apply the layer at once; required arguments (Dot's axes) come first, then the tensors, "
                   "then the keyword arguments.")
    doc.extend(extra_doc)
    out = [header(version), "package jkeras;\n\n", J.comment(doc, indent=""), f"{GENERATED_ANNOTATION}\n",
           f"public abstract class {cls}{extends} {{\n", "    /** Static members only. */\n",
           f"    protected {cls}() {{}}\n"]
    for entry in entries:
        out.extend(methods(entry))
    out.append("}\n")
    return "".join(out)


def write_layer_methods(entries, version):
    """jkeras.layers.LayerMethods: every layer as a default method piping it into a model or tensor."""
    doc = ["Every Keras layer as a method that pipes it into this, like R's {@code %>%}: "
           "{@code model.layerDense(64)} adds a Dense layer to a Sequential model, "
           "{@code tensor.layerDense(64)} applies one to a symbolic tensor. Merge layers (several inputs) "
           "and RNN cells (called on states) are left out: use their factories in {@link jkeras.Keras}."]
    out = [header(version), "package jkeras.layers;\n\n",
           J.comment(doc, indent="", tags=["@param <T> what piping returns: the model, or the output tensor"]),
           f"{GENERATED_ANNOTATION}\n", "public interface LayerMethods<T> extends LayerChain<T> {\n"]
    for entry in entries:
        if not entry.in_layer_methods:
            continue
        names, variants = _signatures(entry)
        params_doc = [(n, p.describe()) for n, p in zip(names, entry.required)]
        base_doc = [J.text(entry.summary) + f" Piped into this ({{@code {entry.path}}}).", _see_args(entry)]
        for types in variants:
            decls = [f"{t} {n}" for t, n in zip(types, names)]
            out.append("\n" + J.comment(base_doc, params=params_doc, tags=["@return the model, or the layer's output"]))
            out.append(f"    default T {entry.method}({', '.join(decls)}) {{\n"
                       f"        return then(jkeras.KerasLayers.{entry.method}({', '.join(names)}));\n    }}\n")
            consumer = f"java.util.function.Consumer<{entry.args_fq}> args"
            out.append("\n" + J.comment(base_doc, params=params_doc + [
                ("args", f"sets Keras' keyword arguments on a {{@link {entry.args_fq}}}")],
                tags=["@return the model, or the layer's output"]))
            out.append(f"    default T {entry.method}({', '.join(decls + [consumer])}) {{\n"
                       f"        return then(jkeras.KerasLayers.{entry.method}({', '.join(names + ['args'])}));\n    }}\n")
    out.append("}\n")
    return "".join(out)


def write_generated_root(parent, version, families):
    """jkeras.KerasGenerated: the end of the chain of factory classes, which jkeras.Keras extends."""
    doc = ["The generated half of {@link jkeras.Keras}: inherits every family's factories "
           "({@code layerDense}, {@code optimizerAdam}, {@code lossCategoricalCrossentropy}, {@code opAdd}…). "
           "What was generated and what was skipped, with reasons, is listed in {@code jkeras/generated-api.json}.",
           "Families, each a class: " + ", ".join(f"{{@link jkeras.{FAMILIES[f]['factory_class']}}}" for f in families) + "."]
    return "".join([header(version), "package jkeras;\n\n", J.comment(doc, indent=""), f"{GENERATED_ANNOTATION}\n",
                    f"public abstract class KerasGenerated extends {parent} {{\n",
                    "    /** Static members only. */\n", "    protected KerasGenerated() {}\n", "}\n"])
