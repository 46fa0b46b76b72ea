package jkeras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jkeras.datasets.SequenceArgs;
import jkeras.models.CompileArgs;
import jkeras.models.InputArgs;
import jkeras.models.LoadArgs;
import jkeras.models.SequentialArgs;
import jkeras.models.SummaryArgs;
import jkeras.internal.PythonRuntime;
import jkeras.training.EvaluateArgs;
import jkeras.training.FitArgs;
import jkeras.training.PredictArgs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written argument classes have a typed setter for every keyword argument of the Keras
 * function they stand for, in the running Keras: nothing reachable only through kwarg(...). Each
 * left-out parameter is named here with the reason.
 */
class ArgsCoverageTest {
    static List<Arguments> covered() {
        return List.of(
                Arguments.of(CompileArgs.class, "keras.Model.compile", Set.of()),
                Arguments.of(FitArgs.class, "keras.Model.fit", Set.of("x", "y")),                    // Java parameters of fit
                Arguments.of(EvaluateArgs.class, "keras.Model.evaluate", Set.of("x", "y", "return_dict")), // always a dict
                Arguments.of(PredictArgs.class, "keras.Model.predict", Set.of("x")),
                Arguments.of(SummaryArgs.class, "keras.Model.summary", Set.of("print_fn")),        // jkeras captures the text
                Arguments.of(InputArgs.class, "keras.Input", Set.of("shape")),                      // kerasInput's parameter
                Arguments.of(LoadArgs.class, "keras.models.load_model", Set.of("filepath")),       // loadModel's parameter
                Arguments.of(SequentialArgs.class, "keras.Sequential", Set.of("layers")),           // layers are chained on
                Arguments.of(SequenceArgs.class, "keras.datasets.imdb.load_data", Set.of("path")));  // Keras' cache file name
    }

    @ParameterizedTest
    @MethodSource("covered")
    void everyKeywordHasATypedSetter(Class<?> argsClass, String pythonFunction, Set<String> leftOut) {
        List<?> parameters = (List<?>) PythonRuntime.get().call("jkeras.introspect:keyword_parameters", pythonFunction);
        Set<String> setters = Arrays.stream(argsClass.getMethods())
                .filter(m -> m.getDeclaringClass() == argsClass && Modifier.isPublic(m.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Object parameter : parameters) {
            String name = (String) parameter;
            if (!leftOut.contains(name) && !setters.contains(camelCase(name))) {
                missing.add(name + " (" + camelCase(name) + ")");
            }
        }
        assertEquals(List.of(), missing, argsClass.getSimpleName() + " lacks setters for " + pythonFunction + " arguments");
    }

    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
