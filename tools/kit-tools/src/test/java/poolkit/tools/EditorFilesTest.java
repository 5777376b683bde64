package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("progress --watch ignores the files editors write beside the code")
class EditorFilesTest {

    @Test
    @DisplayName("vim, emacs, JetBrains, gedit, VS Code and backup files are temporary")
    void temporary() {
        for (String name : new String[] {".ConnectionPool.java.swp", ".ConnectionPool.java.swo", "4913",
                "ConnectionPool.java~", "#ConnectionPool.java#", ".#ConnectionPool.java",
                "ConnectionPool.java___jb_tmp___", "ConnectionPool.java___jb_old___", ".goutputstream-ABC123",
                "ConnectionPool.java.crswap", "ConnectionPool.java.tmp", "ConnectionPool.java.orig", ".DS_Store"}) {
            assertThat(EditorFiles.isTemporary(Path.of("src/main/java/poolkit", name))).as(name).isTrue();
        }
    }

    @Test
    @DisplayName("sources and resources are not")
    void code() {
        for (String name : new String[] {"ConnectionPool.java", "PoolConfig.java", "trading-pools.properties",
                "module-info.java", "schema.sql"}) {
            assertThat(EditorFiles.isTemporary(Path.of("src/main/java/poolkit", name))).as(name).isFalse();
        }
    }
}
