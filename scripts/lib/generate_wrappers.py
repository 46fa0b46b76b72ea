"""Generates jkeras' typed Java wrappers for all of Keras from the installed Keras.

Run through scripts/generate_wrappers. Rewrites src/generated/ (or the folder given by --out)
entirely and deterministically (sorted, no timestamps): a rerun with the same Keras gives no diff,
which scripts/test checks.

The work is split into small parts under scripts/lib/wrapgen/ (see its __init__), with the rules
as data in wrapgen/rules.toml. Which names each family wraps and which it skips, with reasons, is
decided by python/jkeras/introspect.py (imported here by path), the same code the Java tests ask
the running Keras through.

What it writes, per family:
  * objects (layers, optimizers, losses, ...): one Args class per wrapped class or function
    (``jkeras.layers.DenseArgs``: a typed setter per keyword argument, with Keras' whole docstring),
    and two static factories per entry in the family's class (``jkeras.KerasLayers.layerDense(int)``
    and ``layerDense(int, Consumer<DenseArgs>)``); for layers also ``jkeras.layers.LayerMethods``;
  * ops (keras.ops, keras.ops.image, keras.random): one static method per function
    (``opAdd(x1, x2)``), a second one taking an Args class where the function has optional
    arguments;
  * the factory classes chained by inheritance up to ``jkeras.KerasGenerated``, so that
    ``import static jkeras.Keras.*`` reaches all of them;
  * the manifest ``jkeras/generated-api.json``: what was generated and what was skipped, with reasons.
"""
import argparse
import importlib.util
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from wrapgen import make_args, make_factories, make_ops, manifest  # noqa: E402
from wrapgen.entries import Entry, resolve  # noqa: E402
from wrapgen.rules import FAMILIES  # noqa: E402

DEFAULT_OUT = ROOT / "src" / "generated"
MANIFEST = Path("resources") / "jkeras" / "generated-api.json"


def load_introspect():
    """python/jkeras/introspect.py, loaded by path: only that module, not the jkeras package around it."""
    spec = importlib.util.spec_from_file_location("jkeras_introspect", ROOT / "python" / "jkeras" / "introspect.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def java_path(out, qualified):
    return out / "java" / Path(*qualified.split(".")).with_suffix(".java")


def generate(introspect, version):
    """{relative path: text} of every file, and the manifest."""
    files = {}
    info = {"generator": "scripts/generate_wrappers", "keras_version": version, "families": {},
            "kind_rules": manifest.kind_rules()}
    methods = {}
    parent = None
    families = introspect.families()
    for family in families:
        rules = FAMILIES[family]
        api = introspect.public_api(family)
        maker = make_ops if rules.get("maker") == "ops" else None
        entries = []
        for item in api["generated"]:
            entry = Entry(family, item, resolve(item["path"]))
            if entry.method in methods:
                raise SystemExit(f"generator error: {entry.path} and {methods[entry.method]} are both {entry.method}")
            methods[entry.method] = entry.path
            entries.append(entry)
            if maker:
                entry.has_args_class = maker.has_args_class(entry)
                if not entry.has_args_class:
                    continue
                text = make_args.write(entry, version, None, params=entry.optional, doc=maker.args_class_doc(entry))
            else:
                made_by = (f"Made by {{@code jkeras.Keras.{entry.method}}}. Each setter sets the keyword argument of "
                           "the same name (camelCase); an argument not set keeps Keras' default, and "
                           "{@code kwarg(pythonName, value)} reaches any other.")
                text = make_args.write(entry, version, made_by)
            path = java_path(Path(), entry.args_fq)
            if path in files:
                raise SystemExit(f"generator error: two Args classes at {path}")
            files[path] = text
        cls = rules["factory_class"]
        if maker:
            files.update(maker.write_family(family, entries, parent, version))
        else:
            files[java_path(Path(), f"jkeras.{cls}")] = make_factories.write_factory_class(family, entries, parent, version)
        if family == "layers":
            files[java_path(Path(), "jkeras.layers.LayerMethods")] = make_factories.write_layer_methods(entries, version)
        parent = cls
        info["families"][family] = manifest.family_entry(family, api, entries, rules["package"])
    files[java_path(Path(), "jkeras.KerasGenerated")] = make_factories.write_generated_root(parent, version, families)
    if make_ops.uses(families):
        files.update(make_ops.write_support(version))
    files[MANIFEST] = manifest.text(info)
    return files, info


def main(argv=None):
    parser = argparse.ArgumentParser(description="Generates jkeras' Java wrappers from the installed Keras.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder to write into, replaced entirely (default: src/generated)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    introspect = load_introspect()
    import keras

    files, info = generate(introspect, keras.__version__)
    out = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    for path, text in sorted(files.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    counts = ", ".join(f"{f} {len(m['generated'])}" for f, m in info["families"].items())
    java_files = sum(1 for p in files if p.suffix == ".java")
    print(f"[jkeras] generated wrappers for Keras {keras.__version__}: {counts}; "
          f"{java_files} Java files in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
