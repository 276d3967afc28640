package org.ancconnect.portal.benchmark;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} integer options over defaults; an unknown name or a non-number stops with a message. */
final class Options {

    private Options() {
    }

    static Map<String, Integer> parse(String[] args, Map<String, Integer> defaults) {
        Map<String, Integer> values = new HashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!defaults.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: " + defaults.keySet().stream().map(k -> "--" + k + " N").toList()
                        + "; got " + args[i]);
            }
            try {
                values.put(name, Integer.parseInt(args[i + 1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " needs a whole number, got " + args[i + 1]);
            }
        }
        return values;
    }
}
