package poolkit.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Flags, options with a value, plain arguments, and Maven arguments (after "--", or any -D/-P argument). */
public record Options(List<String> flags, Map<String, String> values, List<String> arguments, List<String> maven) {

    static final List<String> WITH_VALUE = List.of("--modules", "--canonical", "--out", "--task");

    public static Options parse(List<String> args) {
        List<String> flags = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> arguments = new ArrayList<>();
        List<String> maven = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                maven.addAll(args.subList(i + 1, args.size()));
                break;
            } else if (WITH_VALUE.contains(arg)) {
                if (i + 1 == args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                values.put(arg, args.get(++i));
            } else if (arg.startsWith("-D") || arg.startsWith("-P")) {
                maven.add(arg);
            } else if (arg.startsWith("--")) {
                flags.add(arg);
            } else {
                arguments.add(arg);
            }
        }
        return new Options(flags, values, arguments, maven);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }
}
