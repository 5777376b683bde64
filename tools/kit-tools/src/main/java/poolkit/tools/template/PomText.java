package poolkit.tools.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits of a module's pom as text, so that everything but the edit stays as it was (comments, layout): for a template
 * with exercise 1, a module that compiles the kit's reference pool compiles the student's exercise-1 pool instead.
 */
public final class PomText {

    static final String EXERCISE_1 = "exercise-1-basic-pool";
    static final Pattern REFERENCE_POOL_DIR = Pattern.compile(
            "<poolkit\\.reference-pool\\.dir>\\s*\\$\\{poolkit\\.root\\}/reference-pool/src/main/java\\s*</poolkit\\.reference-pool\\.dir>");

    private static final String GIVEN_SOURCES_PLUGIN = """
                  <plugin>
                    <!-- The exercise-1 pool throws exercise 1's NotImplemented until it is done: compile exercise 1's
                         given code too. -->
                    <groupId>org.codehaus.mojo</groupId>
                    <artifactId>build-helper-maven-plugin</artifactId>
                    <executions>
                      <execution>
                        <id>exercise-1-given-sources</id>
                        <phase>generate-sources</phase>
                        <goals>
                          <goal>add-source</goal>
                        </goals>
                        <configuration>
                          <sources>
                            <source>${poolkit.root}/EXERCISE_1/src/given/java</source>
                          </sources>
                        </configuration>
                      </execution>
                    </executions>
                  </plugin>
            """.replace("EXERCISE_1", EXERCISE_1);

    private PomText() {
    }

    /** True when the pom compiles the kit's reference pool ({@code poolkit.reference-pool.dir} set to it). */
    public static boolean compilesReferencePool(String pom) {
        return REFERENCE_POOL_DIR.matcher(pom).find();
    }

    /**
     * The pom compiling exercise 1's {@code src/main/java} in place of the reference pool, and exercise 1's given code
     * with it (a build-helper plugin added to its {@code <build><plugins>}, made when missing). The pom must compile the
     * reference pool ({@link #compilesReferencePool}).
     */
    public static String onStudentPool(String pom) {
        if (!compilesReferencePool(pom)) {
            throw new IllegalArgumentException("the pom does not set poolkit.reference-pool.dir to the reference pool");
        }
        String indent = indentOf(pom, REFERENCE_POOL_DIR);
        pom = REFERENCE_POOL_DIR.matcher(pom).replaceFirst(Matcher.quoteReplacement(
                "<!-- In this assignment the pool is the student's own: exercise 1's, compiled from its folder in place of\n"
                + indent + "     the kit's reference pool (with exercise 1's given code, see the build section). -->\n"
                + indent + "<poolkit.reference-pool.dir>${poolkit.root}/" + EXERCISE_1
                + "/src/main/java</poolkit.reference-pool.dir>"));
        String masked = maskComments(pom);
        int build = masked.indexOf("<build>");
        int buildEnd = masked.indexOf("</build>");
        int managed = masked.indexOf("</pluginManagement>", Math.max(0, build)); // its plugins would only be managed
        int plugins = build < 0 ? -1 : masked.indexOf("<plugins>", managed >= 0 && managed < buildEnd ? managed : build);
        if (plugins >= 0 && plugins < buildEnd) {
            int at = pom.indexOf('\n', plugins) + 1;
            return pom.substring(0, at) + GIVEN_SOURCES_PLUGIN + pom.substring(at);
        } else if (build >= 0) {
            int at = pom.indexOf('\n', build) + 1;
            return pom.substring(0, at) + "    <plugins>\n" + GIVEN_SOURCES_PLUGIN + "    </plugins>\n" + pom.substring(at);
        }
        int at = masked.lastIndexOf("</project>");
        return pom.substring(0, at) + "\n  <build>\n    <plugins>\n" + GIVEN_SOURCES_PLUGIN + "    </plugins>\n  </build>\n"
                + pom.substring(at);
    }

    /** The indentation of the line where the pattern first matches (its text before the match, as spaces). */
    static String indentOf(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return "";
        }
        int lineStart = text.lastIndexOf('\n', m.start()) + 1;
        return text.substring(lineStart, m.start()).replaceAll("\\S", " ");
    }

    /** The text with every XML comment's characters replaced by spaces, so positions stay the same. */
    public static String maskComments(String xml) {
        StringBuilder masked = new StringBuilder(xml);
        Matcher comment = Pattern.compile("(?s)<!--.*?-->").matcher(xml);
        while (comment.find()) {
            for (int i = comment.start(); i < comment.end(); i++) {
                if (masked.charAt(i) != '\n') {
                    masked.setCharAt(i, ' ');
                }
            }
        }
        return masked.toString();
    }
}
