package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.iommusim.core.input.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies registered from outside the model through {@link java.util.ServiceLoader}: each is
 * read from a {@code META-INF/services} file of a class loader of the test's own, so the
 * registrations here never reach {@link ReplacementPolicies#INSTALLED}.
 */
class ReplacementPoliciesTest {
    @TempDir
    Path dir;

    /** A registration under {@code name} that builds {@code builds}'s policy (ServiceLoader needs the no-argument subclasses below). */
    abstract static class Named implements ReplacementPolicy.Type {
        private final String name;
        private final ReplacementPolicy.Type builds;

        Named(String name, ReplacementPolicy.Type builds) {
            this.name = name;
            this.builds = builds;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ReplacementPolicy create(int sets, int ways, RandomGenerator rng) {
            return builds.create(sets, ways, rng);
        }
    }

    /** Registered as {@code lru}, the name of a built-in policy. */
    public static final class LruNamed extends Named {
        public LruNamed() {
            super("lru", OrderPolicy.FIFO);
        }
    }

    /** One of two registrations named {@code twin}. */
    public static final class TwinA extends Named {
        public TwinA() {
            super("twin", OrderPolicy.FIFO);
        }
    }

    /** The other registration named {@code twin}. */
    public static final class TwinB extends Named {
        public TwinB() {
            super("twin", OrderPolicy.LRU);
        }
    }

    private ClassLoader registering(Class<?>... types) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        StringBuilder lines = new StringBuilder();
        for (Class<?> t : types) {
            lines.append(t.getName()).append('\n');
        }
        Files.writeString(services.resolve(ReplacementPolicy.Type.class.getName()), lines);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void registeredPolicy_withNewName_followsTheBuiltIns() throws Exception {
        PolicyRegistry all = ReplacementPolicies.withRegistered(ReplacementPolicies.BUILT_IN, registering(TwinA.class));
        assertThat(all.names()).containsExactly("lru", "tree-plru", "fifo", "random", "round-robin", "twin");
    }

    @Test
    void registeredPolicy_namedLikeBuiltIn_failsNamingTheClashAndBothClasses() throws Exception {
        ClassLoader loader = registering(LruNamed.class);
        assertThatThrownBy(() -> ReplacementPolicies.withRegistered(ReplacementPolicies.BUILT_IN, loader))
                .isInstanceOf(PolicyNameClash.class)
                .isInstanceOf(BadInput.class)
                .hasMessageContaining("named 'lru'")
                .hasMessageContaining(LruNamed.class.getName())
                .hasMessageContaining("which a built-in policy already uses")
                .hasMessageContaining("give it another name")
                .hasMessageContaining("names in use: lru, tree-plru, fifo, random, round-robin");
    }

    @Test
    void twoRegisteredPolicies_withOneName_failNamingBoth() throws Exception {
        ClassLoader loader = registering(TwinA.class, TwinB.class);
        assertThatThrownBy(() -> ReplacementPolicies.withRegistered(ReplacementPolicies.BUILT_IN, loader))
                .isInstanceOf(PolicyNameClash.class)
                .hasMessageContaining("named 'twin'")
                .hasMessageContaining("the registered policy ")
                .hasMessageContaining(TwinA.class.getName())
                .hasMessageContaining(TwinB.class.getName());
    }
}
