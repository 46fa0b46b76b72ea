"""The manifest jkeras/generated-api.json: what was generated and what was skipped, with reasons."""
import json

from wrapgen.rules import FAMILIES, KINDS


def family_entry(family, api, entries, args_package):
    rules = FAMILIES[family]
    return {
        "module": api["module"],
        "base": api["base"],
        "factory_class": f"jkeras.{rules['factory_class']}",
        "args_package": args_package,
        "returns": rules["returns"],
        "generated": [entry_of(e) for e in entries],
        "skipped": api["skipped"],
    }


def entry_of(entry):
    out = {
        "name": entry.name,
        "path": entry.path,
        "method": entry.method,
        "args_class": entry.args_fq if getattr(entry, "has_args_class", True) else None,
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
    variadic = [p.name for p in entry.params if p.variadic]
    if variadic:
        out["variadic"] = variadic[0]
    return out


def kind_rules():
    return {
        "by_name": KINDS["by_name"],
        "order": ["name", "default value (an int default documented as float is FLOAT)", "docstring", "ANY"],
        "source": "scripts/lib/wrapgen/rules.toml",
    }


def text(manifest):
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
    result = "\n".join(out) + "\n"
    assert json.loads(result) == json.loads(json.dumps(manifest))
    return result
