package org.iommusim.reports.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void write_existingFile_replacedAndNoTemporaryLeft() throws IOException {
        Path f = dir.resolve("report.html");
        Files.writeString(f, "old");
        AtomicFiles.writeString(f, "new");
        assertThat(f).hasContent("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void write_contentFails_oldFileKeptAndNoTemporaryLeft() throws IOException {
        Path f = dir.resolve("report.html");
        Files.writeString(f, "complete");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(f).hasContent("complete");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void write_posixFileSystem_readableByAll() throws IOException {
        Path f = dir.resolve("report.html");
        AtomicFiles.writeString(f, "x");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.getFileStore(f).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void write_missingFolder_created() throws IOException {
        Path f = dir.resolve("charts/a.svg");
        AtomicFiles.writeString(f, "<svg/>");
        assertThat(f).hasContent("<svg/>");
    }
}
