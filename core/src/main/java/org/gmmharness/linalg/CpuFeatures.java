package org.gmmharness.linalg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU as Linux's {@code /proc/cpuinfo} describes its first processor: the feature flags a
 * backend picks a native build by, and the identity and vector sets the reports record. Read at
 * run time, since the machine can change between runs.
 */
public final class CpuFeatures {

    /** The vector instruction sets {@link #simdFlags} reports, in its order. */
    private static final List<String> SIMD = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512cd",
            "avx512bw", "avx512dq", "avx512vl", "avx512_vnni", "asimd", "sve");

    private CpuFeatures() {
    }

    /** @return the lines of /proc/cpuinfo's first processor, or none where it cannot be read */
    public static List<String> firstProcessor() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.takeWhile(l -> !l.isBlank()).collect(Collectors.toList());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * @param cpuinfo lines {@code key : value}, as {@link #firstProcessor()} gives them
     * @return the value of the first line whose key is exactly {@code key}, or null
     */
    public static String field(List<String> cpuinfo, String key) {
        for (String l : cpuinfo) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equals(key)) {
                return l.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** @return the feature flags among {@code cpuinfo}'s lines, in their order; empty if it has none */
    public static Set<String> flags(List<String> cpuinfo) {
        String flags = field(cpuinfo, "flags");
        return flags == null || flags.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(flags.split("\\s+")));
    }

    /**
     * @return the vector instruction sets among {@code flags}, space-separated, in a fixed order;
     *         "unknown (no /proc/cpuinfo)" when {@code flags} is empty
     */
    public static String simdFlags(Set<String> flags) {
        if (flags.isEmpty()) {
            return "unknown (no /proc/cpuinfo)";
        }
        String simd = SIMD.stream().filter(flags::contains).collect(Collectors.joining(" "));
        return simd.isEmpty() ? "none of SSE4.2/AVX/AVX2/FMA/AVX-512" : simd;
    }
}
