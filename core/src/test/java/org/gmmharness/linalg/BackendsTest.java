package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Backends} on core's own class path, where no provider is registered, and with fake
 * providers registered through a throw-away services file and the context class loader (which
 * {@link java.util.ServiceLoader#load(Class)} uses).
 */
class BackendsTest {

    // ---- no provider on the class path ---------------------------------------------------

    @Test
    void noProvidersAreRegisteredInCore() {
        assertTrue(Backends.providers().isEmpty(), "core must not register a backend");
        assertTrue(Backends.availableNames().isEmpty());
    }

    @Test
    void createOfAnUnknownNameSaysSoAndListsTheAvailableBackends() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.create("nope"));
        assertTrue(e.getMessage().contains("Unknown backend 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("Available backends"), e.getMessage());
    }

    @Test
    void createDefaultWithoutAnyProviderThrowsIllegalState() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Backends::createDefault);
        assertTrue(e.getMessage().contains("No linear-algebra backend is available"), e.getMessage());
    }

    // ---- fake providers ------------------------------------------------------------------

    @Test
    void providersAreOrderedByPriorityThenName(@TempDir Path dir) throws Exception {
        List<String> names = withProviders(dir, () -> Backends.providers().stream()
                .map(LinearAlgebraProvider::name).collect(Collectors.toList()),
                Fast.class, Slow.class, Broken.class, AlsoSlow.class);
        assertEquals(List.of("broken", "fast", "also-slow", "slow"), names);
    }

    @Test
    void availableNamesLeaveOutUnavailableProvidersBestFirst(@TempDir Path dir) throws Exception {
        List<String> names = withProviders(dir, Backends::availableNames, Slow.class, Broken.class, Fast.class);
        assertEquals(List.of("fast", "slow"), names);
    }

    @Test
    void createIsCaseInsensitiveAndIgnoresSurroundingSpace(@TempDir Path dir) throws Exception {
        List<String> created = withProviders(dir, () -> List.of(
                Backends.create("fast").name(), Backends.create("FAST").name(), Backends.create("  Slow ").name()),
                Fast.class, Slow.class);
        assertEquals(List.of("fast", "fast", "slow"), created);
    }

    @Test
    void createOfAnUnavailableBackendGivesItsReason(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = withProviders(dir,
                () -> assertThrows(IllegalArgumentException.class, () -> Backends.create("broken")),
                Fast.class, Broken.class);
        assertTrue(e.getMessage().contains("not available"), e.getMessage());
        assertTrue(e.getMessage().contains(Broken.REASON), e.getMessage());
        assertTrue(e.getMessage().contains("Available backends: fast"), e.getMessage());
    }

    @Test
    void createOfAnUnknownNameListsTheRegisteredAvailableBackends(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = withProviders(dir,
                () -> assertThrows(IllegalArgumentException.class, () -> Backends.create("nope")),
                Fast.class, Slow.class, Broken.class);
        assertTrue(e.getMessage().contains("Unknown backend 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("Available backends: fast, slow."), e.getMessage());
    }

    @Test
    void createDefaultPicksTheHighestPriorityAvailableBackend(@TempDir Path dir) throws Exception {
        // Broken has the highest priority but is unavailable.
        String name = withProviders(dir, () -> Backends.createDefault().name(), Slow.class, Broken.class, Fast.class);
        assertEquals("fast", name);
    }

    @Test
    void createDefaultWithOnlyUnavailableProvidersNamesTheirReasons(@TempDir Path dir) throws Exception {
        IllegalStateException e = withProviders(dir,
                () -> assertThrows(IllegalStateException.class, Backends::createDefault), Broken.class);
        assertTrue(e.getMessage().contains("broken (" + Broken.REASON + ")"), e.getMessage());
    }

    @Test
    void theSizeRuleTakesNd4jFromW3sSizeUpAndEjmlBelow() {
        assertEquals("ejml", Backends.preferredNameFor(100_000, 2, 3)); // W4
        assertEquals("ejml", Backends.preferredNameFor(100_000, 16, 8)); // W1: 2.05e8
        assertEquals("ejml", Backends.preferredNameFor(1_000_000, 8, 4)); // W2: 2.56e8
        assertEquals("ejml", Backends.preferredNameFor(20_000, 64, 16)); // W3: 1.31e9
        assertEquals("ejml", Backends.preferredNameFor(100_000, 128, 4)); // large-D: 6.55e9
        assertEquals("nd4j", Backends.preferredNameFor(50_000, 256, 4)); // 1.31e10
        assertEquals("ejml", Backends.preferredNameFor(150, 4, 3)); // iris
        assertEquals("nd4j", Backends.preferredNameFor(Long.MAX_VALUE / 2, 1000, 1000), "no overflow");
        assertEquals("ejml", Backends.preferredNameFor(0, 0, 1));
    }

    @Test
    void createDefaultForASmallFitDoesNotProbeTheLargeFitBackend(@TempDir Path dir) throws Exception {
        FakeNd4j.probes = 0;
        String name = withProviders(dir, () -> Backends.createDefaultFor(1000, 4, 3).name(), FakeNd4j.class,
                FakeEjml.class);
        assertEquals("ejml", name);
        assertEquals(0, FakeNd4j.probes, "nd4j's natives are not loaded for a small fit");
    }

    @Test
    void createDefaultForALargeFitTakesTheLargeFitBackend(@TempDir Path dir) throws Exception {
        String name = withProviders(dir, () -> Backends.createDefaultFor(50_000, 256, 4).name(), FakeEjml.class,
                FakeNd4j.class);
        assertEquals("nd4j", name);
    }

    @Test
    void createDefaultForFallsBackToTheHighestPriorityAvailableBackend(@TempDir Path dir) throws Exception {
        assertEquals("fast", withProviders(dir, () -> Backends.createDefaultFor(1_000_000, 8, 4).name(),
                Slow.class, Fast.class));
        assertEquals("fast", withProviders(dir, () -> Backends.createDefaultFor(10, 2, 2).name(),
                Slow.class, Fast.class));
    }

    /**
     * Runs {@code body} with the given provider classes registered: writes a services file into
     * {@code dir} and makes a loader over it (delegating to this class's loader for the classes)
     * the context class loader for the duration.
     */
    @SafeVarargs
    private static <T> T withProviders(Path dir, Callable<T> body,
                                       Class<? extends LinearAlgebraProvider>... providers) throws Exception {
        writeServicesFile(dir, providers);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                BackendsTest.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @SafeVarargs
    private static void writeServicesFile(Path dir, Class<? extends LinearAlgebraProvider>... providers)
            throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        StringBuilder lines = new StringBuilder();
        for (Class<? extends LinearAlgebraProvider> p : providers) {
            lines.append(p.getName()).append('\n');
        }
        Files.writeString(services.resolve(LinearAlgebraProvider.class.getName()), lines, StandardCharsets.UTF_8);
    }

    /** A stand-in backend whose only working method is {@link LinearAlgebra#name()}. */
    private static LinearAlgebra<?> fakeBackend(String name) {
        return (LinearAlgebra<?>) Proxy.newProxyInstance(BackendsTest.class.getClassLoader(),
                new Class<?>[] {LinearAlgebra.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Base of the fake providers; public with public subclasses so that ServiceLoader can build them. */
    public abstract static class FakeProvider implements LinearAlgebraProvider {
        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public String unavailableReason() {
            return "";
        }

        @Override
        public LinearAlgebra<?> create() {
            if (!isAvailable()) {
                throw new IllegalStateException(unavailableReason());
            }
            return fakeBackend(name());
        }
    }

    /** Stands in for EJML: available, priority 10. */
    public static final class FakeEjml extends FakeProvider {
        @Override
        public String name() {
            return "ejml";
        }

        @Override
        public int priority() {
            return 10;
        }
    }

    /** Stands in for ND4J: available, priority 20, and counts how often it is probed. */
    public static final class FakeNd4j extends FakeProvider {
        static int probes;

        @Override
        public String name() {
            return "nd4j";
        }

        @Override
        public int priority() {
            return 20;
        }

        @Override
        public boolean isAvailable() {
            probes++;
            return true;
        }
    }

    /** Available, priority 5. */
    public static final class Fast extends FakeProvider {
        @Override
        public String name() {
            return "fast";
        }

        @Override
        public int priority() {
            return 5;
        }
    }

    /** Available, priority 1. */
    public static final class Slow extends FakeProvider {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public int priority() {
            return 1;
        }
    }

    /** Available, priority 1: sorts before {@link Slow} by name. */
    public static final class AlsoSlow extends FakeProvider {
        @Override
        public String name() {
            return "also-slow";
        }

        @Override
        public int priority() {
            return 1;
        }
    }

    /** Unavailable, with the highest priority. */
    public static final class Broken extends FakeProvider {
        static final String REASON = "native library libfake.so not found";

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public int priority() {
            return 100;
        }

        @Override
        public boolean isAvailable() {
            return false;
        }

        @Override
        public String unavailableReason() {
            return REASON;
        }
    }
}
