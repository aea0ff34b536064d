package org.iommusim.scenarios.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.IVersionProvider;

/**
 * Reads the tool version that Maven writes into {@code iommusim/version.properties}, and the git
 * commit of the checkout the running jar (or classes folder) was built in, when it was built in
 * one ({@code <checkout>/scenarios/target/...}): {@code git rev-parse HEAD}, with
 * {@code -dirty} appended when tracked files differ from it.
 */
public final class VersionProvider implements IVersionProvider {
    private static final long GIT_TIMEOUT_SECONDS = 5;

    /** The version of this build, or {@code unknown} when run from unfiltered sources. */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/iommusim/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The git commit of the checkout this build lives in, if any (and if git answers). */
    public static Optional<String> gitCommit() {
        try {
            Path code = Path.of(VersionProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = code.getParent();
            boolean built = target != null && target.getFileName() != null
                    && "target".equals(target.getFileName().toString()) && target.getParent() != null;
            Path checkout = built ? target.getParent().getParent() : null;
            if (checkout == null || !Files.exists(checkout.resolve(".git"))) {
                return Optional.empty();
            }
            Optional<String> head = git(checkout, "rev-parse", "HEAD");
            if (head.isEmpty()) {
                return head;
            }
            Optional<String> changes = git(checkout, "status", "--porcelain", "--untracked-files=no");
            return Optional.of(head.get() + (changes.map(String::isEmpty).orElse(true) ? "" : "-dirty"));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroy();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "iommusim " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
