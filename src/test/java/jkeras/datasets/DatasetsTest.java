package jkeras.datasets;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jkeras.runtime.PythonException;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Keras' loaders from Java, offline (the build runs with -Djkeras.offline=true). */
class DatasetsTest {
    @Test
    void fashionMnistFromDebiansFiles() {
        assertTrue(Datasets.offline(), "the tests must never download");
        try (Dataset data = datasetFashionMnist()) {
            assertArrayEquals(new long[] {60000, 28, 28}, data.train().x().shape());
            assertArrayEquals(new long[] {10000}, data.test().y().shape());
            assertEquals(DType.UINT8, data.train().x().dtype());
            assertEquals(9, data.train().y().getInt(0), "the first training image is an ankle boot");
        }
        assertTrue(Datasets.isCached("fashion_mnist"));
    }

    @Test
    void aMissingDatasetNamesItsFilesAndFolder() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Datasets.isCached("cifar100"), "CIFAR-100 is cached here");
        PythonException e = assertThrows(PythonException.class, () -> datasetCifar100());
        assertEquals("jkeras.datasets.DatasetMissing", e.pythonType());
        assertTrue(e.pythonMessage().contains("datasets/cifar-100-python_archive"), e.pythonMessage());
        assertTrue(e.pythonMessage().contains("no download tried"), e.pythonMessage());
    }

    @Test
    void padSequencesMakesOneTensor() {
        try (Tensor padded = padSequences(List.of(new int[] {1, 2, 3}, new int[] {4}, new int[] {5, 6, 7, 8, 9}), 4)) {
            assertArrayEquals(new long[] {3, 4}, padded.shape());
            assertArrayEquals(new int[] {0, 1, 2, 3, 0, 0, 0, 4, 6, 7, 8, 9}, padded.toIntArray());
        }
    }
}
