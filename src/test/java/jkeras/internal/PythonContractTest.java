package jkeras.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jkeras.runtime.PythonObject;
import org.junit.jupiter.api.Test;

/**
 * The Java↔Python contract: the functions of python/jkeras that Java calls are listed once, in
 * {@link PythonFunctions}, each resolves in Python, each is used, and no other Java source names one.
 */
class PythonContractTest {
    private static final Pattern FUNCTION_NAME = Pattern.compile("\"jkeras(\\.[a-z_]+)+:[a-zA-Z_]+\"");
    private static final List<Path> SOURCE_ROOTS = List.of(Path.of("src/main/java"), Path.of("src/generated/java"));

    @Test
    void everyListedFunctionResolvesToAPublicFunctionOfThePythonPackage() throws Exception {
        Map<String, String> functions = listed();
        assertTrue(functions.size() > 40, "PythonFunctions lists " + functions.size() + " functions");
        for (Map.Entry<String, String> function : functions.entrySet()) {
            // bridge.resolve is what every call goes through: it imports the module and refuses
            // names outside the package, private names and things not callable.
            try (PythonObject resolved = PythonObject.wrap(PythonRuntime.get().call("jkeras.bridge:resolve", function.getValue()))) {
                assertNotNull(resolved, function.getKey());
            }
        }
    }

    @Test
    void noJavaSourceOutsideTheListSpellsAFunctionName() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            if (file.endsWith(Path.of("jkeras/internal/PythonFunctions.java"))) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
                if (!comment && FUNCTION_NAME.matcher(line).find()) {
                    offenders.add(file + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertEquals(List.of(), offenders, "name Python functions through PythonFunctions");
    }

    @Test
    void everyListedFunctionIsUsed() throws Exception {
        StringBuilder code = new StringBuilder();
        for (Path file : sources()) {
            if (!file.endsWith(Path.of("jkeras/internal/PythonFunctions.java"))) {
                code.append(Files.readString(file));
            }
        }
        TreeSet<String> unused = new TreeSet<>();
        for (String constant : listed().keySet()) {
            if (!Pattern.compile("\\bPythonFunctions\\." + constant + "\\b").matcher(code).find()) {
                unused.add(constant);
            }
        }
        assertEquals(new TreeSet<String>(), unused, "listed in PythonFunctions but called nowhere");
    }

    private static Map<String, String> listed() throws IllegalAccessException {
        Map<String, String> functions = new LinkedHashMap<>();
        for (Field field : PythonFunctions.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && field.getType() == String.class) {
                String value = (String) field.get(null);
                Matcher shape = FUNCTION_NAME.matcher("\"" + value + "\"");
                assertTrue(shape.matches(), field.getName() + " = " + value);
                functions.put(field.getName(), value);
            }
        }
        return functions;
    }

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : SOURCE_ROOTS) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        assertTrue(files.size() > 50, "found " + files.size() + " Java sources under " + SOURCE_ROOTS);
        return files;
    }
}
