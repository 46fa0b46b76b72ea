package jkeras.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark driver's {@code --name value} arguments over its defaults; an unknown name is an error listing the known ones. */
final class BenchOptions {
    private BenchOptions() {}

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
