"""The generator's rules (scripts/lib/wrapgen), in plain CPython: names, argument kinds, docstrings
as Javadoc. The generator is not part of the jkeras package: its folder goes on sys.path here. Only
the tests of jkeras.introspect import Keras.
"""
import importlib.util
import inspect
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts", "lib"))

from wrapgen import docstrings, javadoc, kinds, names  # noqa: E402
from wrapgen.rules import FAMILIES  # noqa: E402


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

# The brief's contract: R keras3's names, CamelCased after the family's prefix.
NAMES = {
    ("layers", "Conv2D"): "layerConv2d", ("layers", "MaxPooling2D"): "layerMaxPooling2d",
    ("layers", "Conv2DTranspose"): "layerConv2dTranspose", ("layers", "LSTM"): "layerLstm",
    ("layers", "GRU"): "layerGru", ("layers", "ConvLSTM2D"): "layerConvLstm2d",
    ("layers", "BatchNormalization"): "layerBatchNormalization", ("layers", "Dropout"): "layerDropout",
    ("layers", "Flatten"): "layerFlatten", ("layers", "Activation"): "layerActivation",
    ("layers", "Concatenate"): "layerConcatenate", ("layers", "PReLU"): "layerActivationParametricRelu",
    ("layers", "ReLU"): "layerActivationRelu", ("layers", "ELU"): "layerActivationElu",
    ("layers", "LeakyReLU"): "layerActivationLeakyRelu", ("layers", "Softmax"): "layerActivationSoftmax",
    ("layers", "UpSampling2D"): "layerUpsampling2d", ("layers", "STFTSpectrogram"): "layerStftSpectrogram",
    ("optimizers", "RMSprop"): "optimizerRmsprop", ("optimizers", "SGD"): "optimizerSgd",
    ("optimizers", "Adadelta"): "optimizerAdadelta", ("optimizers", "Adam"): "optimizerAdam",
    ("optimizers", "AdamW"): "optimizerAdamW",
    ("losses", "CategoricalCrossentropy"): "lossCategoricalCrossentropy", ("losses", "KLDivergence"): "lossKlDivergence",
    ("callbacks", "EarlyStopping"): "callbackEarlyStopping", ("callbacks", "ReduceLROnPlateau"): "callbackReduceLrOnPlateau",
    ("callbacks", "CSVLogger"): "callbackCsvLogger", ("callbacks", "TerminateOnNaN"): "callbackTerminateOnNan",
    ("callbacks", "ModelCheckpoint"): "callbackModelCheckpoint", ("callbacks", "TensorBoard"): "callbackTensorboard",
    ("initializers", "GlorotUniform"): "initializerGlorotUniform", ("regularizers", "L1L2"): "regularizerL1L2",
    ("constraints", "MaxNorm"): "constraintMaxNorm", ("activations", "relu"): "activationRelu",
    ("activations", "leaky_relu"): "activationLeakyRelu", ("activations", "relu6"): "activationRelu6",
    ("applications", "ResNet50"): "applicationResnet50", ("applications", "ResNet50V2"): "applicationResnet50V2",
    ("applications", "MobileNetV2"): "applicationMobilenetV2",
    ("applications", "MobileNetV3Large"): "applicationMobilenetV3Large",
    ("applications", "EfficientNetB0"): "applicationEfficientnetB0",
    ("applications", "EfficientNetV2B0"): "applicationEfficientnetV2b0",
    ("applications", "EfficientNetV2S"): "applicationEfficientnetV2s",
    ("applications", "InceptionResNetV2"): "applicationInceptionResnetV2", ("applications", "VGG16"): "applicationVgg16",
    ("applications", "NASNetLarge"): "applicationNasnetLarge", ("applications", "ConvNeXtTiny"): "applicationConvnextTiny",
    ("applications", "ConvNeXtXLarge"): "applicationConvnextXlarge", ("applications", "DenseNet121"): "applicationDensenet121",
    ("learning_rate_schedules", "ExponentialDecay"): "learningRateScheduleExponentialDecay",
    ("metrics", "AUC"): "metricAuc", ("metrics", "BinaryIoU"): "metricBinaryIou", ("metrics", "F1Score"): "metricF1Score",
    ("metrics", "FBetaScore"): "metricFbetaScore", ("metrics", "R2Score"): "metricR2Score",
    ("metrics", "TopKCategoricalAccuracy"): "metricTopKCategoricalAccuracy",
    ("ops", "add"): "opAdd", ("ops", "log1p"): "opLog1p", ("ops", "deg2rad"): "opDeg2rad",
    ("ops", "top_k"): "opTopK", ("ops", "arctan2"): "opArctan2", ("ops", "conv_transpose"): "opConvTranspose",
    ("ops_image", "resize"): "opImageResize", ("ops_image", "pad_images"): "opImagePad",
    ("ops_image", "crop_images"): "opImageCrop", ("ops_image", "rgb_to_grayscale"): "opImageRgbToGrayscale",
    ("random", "normal"): "randomNormal", ("random", "randint"): "randomInteger",
    ("random", "truncated_normal"): "randomTruncatedNormal",
}


@pytest.mark.parametrize("family, name", sorted(NAMES))
def test_method_names_are_r_keras3_names_in_camel_case(family, name):
    assert names.method_name(family, name) == NAMES[(family, name)]


def test_java_names_are_camel_case_and_never_keywords():
    assert names.java_name("kernel_initializer") == "kernelInitializer"
    assert names.java_name("beta_1") == "beta1"
    assert names.java_name("default") == "defaultValue"
    assert names.java_name("list") == "listValue"  # KwArgs.list would be hidden


@pytest.mark.parametrize("name, default, doc, kind", [
    ("activation", None, None, "ACTIVATION"),
    ("kernel_initializer", "glorot_uniform", None, "INITIALIZER"),
    ("padding", "valid", None, "STRING"),
    ("padding", (1, 1), None, "INT_OR_TUPLE"),
    ("target_shape", None, None, "SHAPE"),
    ("learning_rate", 0.001, None, "LEARNING_RATE"),
    ("use_bias", True, None, "BOOL"),
    ("units", inspect.Parameter.empty, "Positive integer, dimensionality of the output space.", "INT"),
    ("rate", None, "Float between 0 and 1.", "FLOAT"),
    ("momentum", 0.99, None, "FLOAT"),
    ("patience", 0, "Number of epochs with no improvement.", "INT"),
    ("label_smoothing", 0, "(Optional) Float in `[0, 1]`.", "FLOAT"),  # an int default documented as float
    ("axis", -1, "Integer or List/Tuple. The axis or axes to normalize across.", "INT_OR_TUPLE"),
    ("factor", None, "a float represented as fraction of 2 Pi, or a tuple of size 2", "FLOAT_OR_TUPLE"),
    ("top_k", None, "(Optional) Unset by default. An int value specifying the top-k", "INT"),
    ("decay_rate", None, "A Python number.  The decay rate.", "FLOAT"),
    ("weights", None, "Optional floating-point matrix of size `(input_dim, output_dim)`.", "ANY"),
    ("vocabulary", None, "Either an array of strings or a string path to a text file.", "ANY"),
    ("monitor", None, "String or None, the quantity.", "STRING"),
    ("mode", None, "String or list of strings.", "ANY"),
])
def test_argument_kinds(name, default, doc, kind):
    assert kinds.infer_kind(name, default, doc)[0] == kind


@pytest.mark.parametrize("name, default, path, kind", [
    ("seed", None, "keras.layers.Dropout", "INT"),
    ("seed", None, "keras.random.normal", "ANY"),          # an int or a SeedGenerator
    ("axis", None, "keras.ops.sum", "INT_OR_TUPLE"),
    ("fill_value", 0, "keras.ops.image.affine_transform", "FLOAT"),
    ("b", 4, "keras.activations.squareplus", "FLOAT"),
    ("b", 4, "keras.layers.Other", "INT"),
])
def test_rules_scoped_to_a_python_path(name, default, path, kind):
    assert kinds.infer_kind(name, default, None, path)[0] == kind


def test_javadoc_text_is_escaped_and_code_marked():
    assert javadoc.text("use `Dense` & <b> @x */") == "use {@code Dense} &amp; &lt;b&gt; &#64;x *&#47;"
    assert javadoc.text("a `{'k': 1}` dict") == "a <code>&#123;'k': 1&#125;</code> dict"
    assert javadoc.text("see [the paper](http://x.org/p)") == 'see <a href="http://x.org/p">the paper</a>'
    assert javadoc.text("see [this](#anchor)") == "see this (#anchor)"
    assert javadoc.text("**Note:** it") == "<b>Note:</b> it"
    assert "\\u" not in javadoc.text("a `\\u0041` escape")  # javac reads \\u in comments


def test_docstrings_with_code_at_the_left_margin_are_still_parsed():
    doc = '''Crops.

    Args:
        height: Integer, the height.

    Example:

```python
layer = Crop(2)
```
    '''
    blocks = docstrings.parse(docstrings.clean_doc(doc))
    assert docstrings.summary_of(blocks, None) == "Crops."
    assert {n: d for n, (d, _) in docstrings.arguments(blocks).items()} == {"height": "Integer, the height."}
    example = docstrings.section(blocks, "Example")
    assert example.blocks == [docstrings.Code("layer = Crop(2)")]


DOC = '''Does a thing.

    More about it:

    - `"a"`: the first
        way.
    - `"b"`: the second.

    Args:
        mode: One of:
            - `"a"`: first.
            - `"b"`: second.
          Defaults to `"a"`.
        x: Input tensor.

    Returns:
        A tensor.

    Raises:
        ValueError: if `x` is empty.

    Example:

    >>> f({"k": 1})
    2

    ```python
    @keras.saving.register_keras_serializable()
    class A: pass
    ```
    '''


def test_docstrings_keep_lists_sections_and_examples():
    blocks = docstrings.parse(docstrings.clean_doc(DOC))
    kinds_of = [type(b).__name__ for b in blocks]
    assert kinds_of == ["Para", "Para", "Items", "Definitions", "Section", "Definitions", "Section"]
    assert [i[0].text for i in blocks[2].items] == ['`"a"`: the first way.', '`"b"`: the second.']
    arguments = docstrings.arguments(blocks)
    assert arguments["mode"][0] == 'One of: - `"a"`: first. - `"b"`: second. Defaults to `"a"`.'  # what kind rules read
    assert [type(b).__name__ for b in arguments["mode"][1]] == ["Para", "Items", "Para"]
    assert docstrings.section(blocks, "Raises").entries[0][0] == "ValueError"
    example = docstrings.section(blocks, "Example").blocks
    assert example[0] == docstrings.Code('>>> f({"k": 1})\n2')


def test_javadoc_of_blocks_is_lists_definitions_and_pre():
    blocks = docstrings.parse(docstrings.clean_doc(DOC))
    html = "\n".join(javadoc.chunks(blocks))
    assert "<ul>\n<li>{@code \"a\"}: the first way.</li>" in html
    assert "<b>Args:</b>" in html and "<dt>{@code mode}</dt>" in html
    assert "<dd>One of:\n<ul>" in html
    assert "<b>Returns:</b> A tensor." in html
    assert "<pre>{@code\n>>> f({\"k\": 1})\n2\n}</pre>" in html
    # A line starting with @ would be a block tag inside {@code}: that code is escaped instead.
    assert "<pre>\n&#64;keras.saving.register_keras_serializable()" in html
    comment = javadoc.comment(javadoc.chunks(blocks), params=[("x", "the input")], tags=["@return it"])
    assert comment.startswith("    /**\n     * Does a thing.\n     *\n     * <p>More about it:\n")
    assert "     * <pre>{@code\n     * >>> f(" in comment  # code lines are not re-wrapped
    assert comment.rstrip().endswith("* @return it\n     */")


def test_code_with_unbalanced_braces_or_comment_ends_is_escaped():
    assert javadoc.code_block("a = {")[0] == "<pre>"
    assert javadoc.code_block("x */ y")[1] == "x *&#47; y"
    assert javadoc.code_block("d = {1: 2}") == ["<pre>{@code", "d = {1: 2}", "}</pre>"]


def test_introspect_covers_every_public_name_once():
    introspect = _load("jkeras_introspect", "python/jkeras/introspect.py")
    for family in introspect.families():
        api = introspect.public_api(family)
        names = [e["name"] for e in api["generated"]] + [a for e in api["generated"] for a in e["aliases"]]
        names += [s["name"] for s in api["skipped"]]
        assert sorted(names) == api["exported"], family
        assert all(s["reason"].strip() for s in api["skipped"]), family


def test_every_rule_scoped_to_a_path_still_matches_something_keras_exports():
    from wrapgen.rules import KINDS, matches_path

    introspect = _load("jkeras_introspect", "python/jkeras/introspect.py")
    paths = [e["path"] for f in introspect.families() for e in introspect.public_api(f)["generated"]]
    for rule in KINDS["by_name"]:
        if "where" in rule:
            assert any(matches_path(rule["where"], p) for p in paths), f"stale rule in rules.toml: {rule}"


def test_every_family_of_introspect_has_its_java_rules():
    introspect = _load("jkeras_introspect", "python/jkeras/introspect.py")
    assert set(introspect.families()) == set(FAMILIES)
    prefixes = [FAMILIES[f]["prefix"] for f in FAMILIES]
    assert len(prefixes) == len(set(prefixes))
