"""scripts/generate_wrappers' parts: rules as data (rules.toml), small makers that write Java.

names      R keras3's method names in camelCase, Java-safe setter names
kinds      the kind of a keyword argument (decides its Java type), by name, default and docstring
docstrings Keras' docstrings as blocks: paragraphs, lists, code, sections
javadoc    blocks and docstring text as Javadoc HTML that doclint accepts
entries    one wrapped class or function: its arguments, kinds and documentation
make_args, make_factories, make_ops   the Java files of each shape
manifest   what was wrapped and skipped, with reasons (jkeras/generated-api.json)
"""
