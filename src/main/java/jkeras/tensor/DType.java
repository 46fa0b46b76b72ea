package jkeras.tensor;

import java.util.Locale;

/** Element types of a {@link Tensor}, named as NumPy names them. Memory is little-endian, as NumPy's is here. */
public enum DType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    FLOAT16("float16", 2),
    INT8("int8", 1),
    INT16("int16", 2),
    INT32("int32", 4),
    INT64("int64", 8),
    UINT8("uint8", 1),
    BOOL("bool", 1);

    private final String numpyName;
    private final int byteSize;

    DType(String numpyName, int byteSize) {
        this.numpyName = numpyName;
        this.byteSize = byteSize;
    }

    /** NumPy's name of the type ({@code np.dtype(name)}). */
    public String numpyName() {
        return numpyName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64 || this == FLOAT16;
    }

    /** The type NumPy calls {@code name} ("float32", "int64", "bool"…). */
    public static DType fromNumpy(String name) {
        for (DType type : values()) {
            if (type.numpyName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no jkeras dtype for NumPy dtype '" + name + "'; supported: "
                + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
