package org.iommusim.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File failures are told by their reason, not by the bare path Java's exceptions carry as message. */
class IoReasonsTest {
    @TempDir
    Path dir;

    @Test
    void missingFile_isNoSuchFile() {
        try {
            Files.readString(dir.resolve("absent.txt"));
        } catch (IOException e) {
            assertThat(e.getMessage()).doesNotContain("no such file");
            assertThat(IoReasons.of(e)).isEqualTo("no such file");
            return;
        }
        throw new AssertionError("reading a missing file succeeded");
    }

    @Test
    void reasons_nameTheFailure_withoutThePath() {
        assertThat(IoReasons.of(new AccessDeniedException("/x/y"))).isEqualTo("permission denied");
        assertThat(IoReasons.of(new NoSuchFileException("/x/y"))).isEqualTo("no such file");
        assertThat(IoReasons.of(new FileSystemException("/x/y", null, "Read-only file system")))
                .isEqualTo("read-only file system");
        assertThat(IoReasons.of(new IOException("disk on fire"))).isEqualTo("disk on fire");
    }
}
