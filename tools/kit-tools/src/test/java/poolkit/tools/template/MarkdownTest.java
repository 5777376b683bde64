package poolkit.tools.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Markdown: sections by heading and paragraphs wrapped as the kit's")
class MarkdownTest {

    @Test
    @DisplayName("sections by '## ' heading, in order, the text before the first under \"\"; a heading in a code block is text")
    void sections() {
        assertThat(Markdown.sections("""
                # poolkit
                intro

                ## Start
                ```
                ## not a heading
                ```
                ## Grading
                grade it
                """)).containsExactly(
                java.util.Map.entry("", "# poolkit\nintro"),
                java.util.Map.entry("Start", "```\n## not a heading\n```"),
                java.util.Map.entry("Grading", "grade it"));
    }

    @Test
    @DisplayName("a paragraph is broken before a word that would pass 116 characters; continuation lines get the indent")
    void wrap() {
        String paragraph = "word ".repeat(40);
        String wrapped = Markdown.wrap(paragraph);
        assertThat(wrapped.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Markdown.WIDTH));
        assertThat(wrapped.lines().findFirst().orElseThrow()).hasSize(114); // 23 words: a 24th would make 119
        assertThat(wrapped.replace('\n', ' ')).isEqualTo(paragraph.strip());
        assertThat(Markdown.wrap("- " + paragraph, "  ").lines().skip(1)).allSatisfy(line -> assertThat(line).startsWith("  word"));
        assertThat(Markdown.wrap("  one   two ")).isEqualTo("one two");
    }
}
