package org.gmmharness.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.gmmharness.linalg.CpuFeatures;
import org.gmmharness.linalg.LinearAlgebraProvider;
import org.gmmharness.linalg.ProviderContract;
import org.junit.jupiter.api.Test;

/**
 * The provider contract on the ND4J provider (this module's test class path holds core and ND4J
 * only), and what ND4J's provider adds: natives that cannot load make it unavailable with the
 * reason, the probe runs once and not at construction, and the native build chosen and reported
 * is one the CPU supports.
 */
class Nd4jProviderTest extends ProviderContract {

    @Override
    protected LinearAlgebraProvider provider() {
        return new Nd4jProvider();
    }

    @Override
    protected String name() {
        return "nd4j";
    }

    @Override
    protected int priority() {
        return 20;
    }

    @Override
    protected Class<?> backendClass() {
        return Nd4jLinearAlgebra.class;
    }

    @Test
    void nativesThatCannotLoadMakeItUnavailableWithTheReason() {
        for (Throwable failure : List.of(
                new UnsatisfiedLinkError("no jnind4jcpu in java.library.path"),
                new ExceptionInInitializerError(new RuntimeException("ND4J is probably missing dependencies")),
                new NoClassDefFoundError("Could not initialize class org.nd4j.linalg.factory.Nd4j"),
                new IllegalStateException("boom"))) {
            AtomicInteger calls = new AtomicInteger();
            Nd4jProvider p = new Nd4jProvider(() -> {
                calls.incrementAndGet();
                if (failure instanceof Error) {
                    throw (Error) failure;
                }
                throw (RuntimeException) failure;
            });
            assertFalse(p.isAvailable(), failure.toString());
            String reason = p.unavailableReason();
            assertTrue(reason.contains(failure.getClass().getName()), reason);
            if (failure.getCause() != null) {
                assertTrue(reason.contains(failure.getCause().getMessage()), reason);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, p::create);
            assertTrue(e.getMessage().contains("not available") && e.getMessage().contains(reason), e.getMessage());
            assertEquals(1, calls.get(), "the probe runs once and is cached");
        }
    }

    @Test
    void constructionDoesNotProbe() {
        AtomicInteger calls = new AtomicInteger();
        Nd4jProvider p = new Nd4jProvider(() -> calls.incrementAndGet());
        assertEquals("nd4j", p.name());
        assertEquals(20, p.priority());
        assertEquals(0, calls.get());
        assertTrue(p.isAvailable());
        assertTrue(p.isAvailable());
        assertEquals(1, calls.get());
    }

    @Test
    void environmentNamesTheBlasVendorAndTheSimdLevel() {
        Map<String, String> env = new Nd4jLinearAlgebra().environment();
        System.out.println("ND4J environment:");
        env.forEach((k, v) -> System.out.println("  " + k + " = " + v));
        assertTrue(Set.of("OPENBLAS", "MKL", "CUBLAS").contains(env.get("blas.vendor")), env.get("blas.vendor"));
        String simd = env.get("simd.level");
        assertTrue(simd.equals("AVX2") || simd.equals("AVX-512") || simd.startsWith("SSE") || simd.startsWith("NEON"),
                simd);
        assertTrue(env.get("native.classifier").startsWith(env.get("javacpp.platform")), env.toString());
        assertTrue(env.containsKey("openblas.coretype.env"));
        assertEquals("DOUBLE", env.get("nd4j.dataType"));
    }

    @Test
    void theBuildLoadedIsOneTheCpuSupports() {
        Map<String, String> env = new Nd4jLinearAlgebra().environment();
        Set<String> flags = CpuFeatures.flags(CpuFeatures.firstProcessor());
        if (!flags.isEmpty()) {
            String expected = NativeBuild.platform() + NativeBuild.choose(NativeBuild.platform(), flags,
                    c -> Nd4jProvider.class.getClassLoader().getResource(NativeBuild.BINDINGS + c + "/"
                            + System.mapLibraryName("jnind4jcpu")) != null);
            assertEquals(expected, env.get("native.classifier"), env.toString());
        }
    }

    @Test
    void nativeBuildChoiceFollowsTheCpuFlags() {
        Set<String> avx2 = Set.of("sse4_2", "avx", "avx2", "fma");
        Set<String> avx512 = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq",
                "avx512vl");
        assertEquals("-avx2", NativeBuild.choose("linux-x86_64", avx2, c -> true));
        assertEquals("-avx512", NativeBuild.choose("linux-x86_64", avx512, c -> true));
        assertEquals("-avx2", NativeBuild.choose("linux-x86_64", avx512, c -> !c.endsWith("avx512")),
                "an AVX-512 CPU without the AVX-512 jar takes the AVX2 build");
        assertEquals("", NativeBuild.choose("linux-x86_64", Set.of("sse4_2", "avx"), c -> true),
                "a CPU without AVX2 takes the plain build even when the AVX2 jar is there");
        assertEquals("", NativeBuild.choose("linux-x86_64", avx2, c -> false), "no SIMD jar: the plain build");
        assertEquals("", NativeBuild.choose("linux-arm64", Set.of("asimd"), c -> true));
    }
}
