package jkeras.data;

import static jkeras.Keras.kerasInput;
import static jkeras.Keras.kerasModel;
import static jkeras.Keras.layerDense;
import static jkeras.Keras.layerIntegerLookup;
import static jkeras.Keras.layerNormalization;
import static jkeras.Keras.layerStringLookup;
import static jkeras.Keras.layerTextVectorization;
import static jkeras.Keras.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.models.Model;
import jkeras.runtime.PythonException;
import jkeras.tensor.DType;
import jkeras.tensor.StringTensor;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** String tensors reach Keras as text (never as code), and the preprocessing layers adapt from Java. */
class TextTest {
    private static final String HOSTILE = "__import__('os').system('touch /tmp/jkeras-pwned')";

    @Test
    void stringsCrossAsDataWhateverTheyHold() {
        try (StringTensor texts = StringTensor.of("a \"quoted\" word", "line\nbreak here", HOSTILE, "café naïve 東京", "");
             Layer vectorizer = layerTextVectorization(t -> t.standardize(null).split("whitespace").outputMode("int").outputSequenceLength(3))) {
            assertArrayEquals(new long[] {5}, texts.shape());
            assertEquals("café naïve 東京", texts.getFlat(3));
            vectorizer.adapt(texts);
            List<Object> vocabulary = vectorizer.getVocabulary();
            for (String token : List.of("\"quoted\"", "__import__('os').system('touch", "/tmp/jkeras-pwned')", "東京", "café", "break")) {
                assertTrue(vocabulary.contains(token), token + " in " + vocabulary);
            }
            assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/jkeras-pwned")), "the text ran as code");
            KerasTensor input = kerasInput(shape(), i -> i.dtype("string"));
            try (Model model = kerasModel(input, vectorizer.apply(input)); Tensor ids = model.predict(texts)) {
                assertArrayEquals(new long[] {5, 3}, ids.shape());
                assertEquals(vocabulary.indexOf("東京"), ids.getLong(3, 2), "the third token of the fourth text");
                assertEquals(0, ids.getLong(4, 0), "an empty text pads with 0");
            }
        }
    }

    @Test
    void lookupLayersTakeAVocabularyAndNormalizationAdaptsFromATensor() {
        try (Layer lookup = layerStringLookup(); StringTensor words = StringTensor.of(List.of("b", "a", "zz", "a"), 2, 2)) {
            lookup.setVocabulary(List.of("a", "b", "c"));
            assertEquals(List.of("[UNK]", "a", "b", "c"), lookup.getVocabulary());
            assertArrayEquals(new long[] {2, 2}, words.shape());
        }
        try (Layer ints = layerIntegerLookup(); Tensor values = Tensor.fromArray(new long[] {7, 7, 7, 3, 3, 9})) {
            ints.adapt(values);
            assertEquals(List.of(-1L, 7L, 3L, 9L), ints.getVocabulary().stream().map(v -> ((Number) v).longValue()).toList(),
                    "most frequent first, after the out-of-vocabulary entry");
        }
        try (Layer normalization = layerNormalization(); Tensor data = Tensor.fromArray(new float[][] {{1, 10}, {3, 30}})) {
            normalization.adapt(data);
            KerasTensor input = kerasInput(2);
            try (Model model = kerasModel(input, normalization.apply(input)); Tensor normalized = model.predict(data)) {
                assertArrayEquals(new float[] {-1, -1, 1, 1}, normalized.toFloatArray(), 1e-3f, "mean 0, variance 1 per feature");
            }
        }
    }

    @Test
    void adaptOnALayerWithoutItNamesTheLayer() {
        try (Layer dense = layerDense(3); Tensor data = Tensor.zeros(DType.FLOAT32, 4, 2)) {
            PythonException e = assertThrows(PythonException.class, () -> dense.adapt(data));
            assertTrue(e.isInstanceOf("TypeError") && e.getMessage().contains("Dense has no adapt()"), e.getMessage());
            IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class, () -> dense.adapt(null));
            assertTrue(nothing.getMessage().contains("adapt(data)"), nothing.getMessage());
        }
    }
}
