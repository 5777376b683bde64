package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void flagsValuesArgumentsAndMavenArguments() {
        Options options = Options.parse(List.of("exercise-1", "--no-run", "--modules", "a,b", "-Dx=y", "--", "-q", "--all"));
        assertThat(options.arguments()).containsExactly("exercise-1");
        assertThat(options.flag("--no-run")).isTrue();
        assertThat(options.flag("--all")).as("after --, everything is Maven's").isFalse();
        assertThat(options.values()).containsEntry("--modules", "a,b");
        assertThat(options.maven()).containsExactly("-Dx=y", "-q", "--all");
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertThatThrownBy(() -> Options.parse(List.of("--canonical"))).isInstanceOf(UsageException.class)
                .hasMessage("--canonical needs a value");
    }
}
