package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The CPU's fields and flags as /proc/cpuinfo's lines give them. */
class CpuFeaturesTest {

    private static final List<String> ZEN5 = List.of(
            "processor\t: 0",
            "cpu family\t: 26",
            "model\t\t: 2",
            "model name\t: AMD EPYC",
            "flags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2 avx512f avx512dq avx512vl avx_vnni");

    @Test
    void aFieldIsTheValueOfItsExactKey() {
        assertEquals("2", CpuFeatures.field(ZEN5, "model"));
        assertEquals("AMD EPYC", CpuFeatures.field(ZEN5, "model name"));
        assertNull(CpuFeatures.field(ZEN5, "stepping"));
    }

    @Test
    void theSimdFlagsAreTheVectorSetsInAFixedOrder() {
        Set<String> flags = CpuFeatures.flags(ZEN5);
        assertTrue(flags.contains("avx512f") && flags.contains("fpu"), flags.toString());
        assertEquals("sse4_2 avx avx2 fma avx512f avx512dq avx512vl", CpuFeatures.simdFlags(flags));
        assertEquals("none of SSE4.2/AVX/AVX2/FMA/AVX-512",
                CpuFeatures.simdFlags(CpuFeatures.flags(List.of("flags\t: fpu sse sse2 sse4_1"))));
        assertEquals("unknown (no /proc/cpuinfo)", CpuFeatures.simdFlags(CpuFeatures.flags(List.of())));
    }
}
