package poolkit.tools.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** The kit's Markdown as tools/template reads and writes it: sections by heading, paragraphs wrapped as the kit's. */
public final class Markdown {

    /** The width the kit's Markdown is wrapped at. */
    public static final int WIDTH = 116;

    private Markdown() {
    }

    /**
     * A document's sections by "## " heading ("" for the text before the first one), in order, each stripped; a
     * heading inside a fenced code block is text.
     */
    public static Map<String, String> sections(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        String heading = "";
        StringBuilder body = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("## ")) {
                sections.put(heading, body.toString().strip());
                heading = line.substring(3).strip();
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        sections.put(heading, body.toString().strip());
        return sections;
    }

    /** A paragraph broken into lines of at most {@link #WIDTH} characters, as the kit's Markdown is written. */
    public static String wrap(String paragraph) {
        return wrap(paragraph, "");
    }

    /** The same, each line after the first starting with {@code indent} (a list item's continuation). */
    public static String wrap(String paragraph, String indent) {
        StringBuilder text = new StringBuilder();
        int lineStart = 0;
        for (String word : paragraph.strip().split(" +")) {
            if (text.length() > lineStart && text.length() - lineStart + 1 + word.length() > WIDTH) {
                text.append('\n').append(indent);
                lineStart = text.length() - indent.length();
            } else if (text.length() > lineStart) {
                text.append(' ');
            }
            text.append(word);
        }
        return text.toString();
    }
}
