package org.gmmharness.backend.nd4j;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import org.gmmharness.linalg.CpuFeatures;

/**
 * Chooses which of ND4J's native builds JavaCPP loads, before anything native is touched.
 *
 * <p>JavaCPP loads the build named by the system property {@value #EXTENSION_PROPERTY} (for example
 * {@code -avx2} loads {@code linux-x86_64-avx2}) and falls back to the plain build when that jar is
 * absent; without the property it takes the most specialised build on the class path, whether the
 * CPU can run it or not. A build with instructions the CPU lacks does not fail politely: the JVM
 * dies with SIGILL while ND4J initialises. So, unless the user has set the property, this class
 * sets it to the best build that is both on the class path and supported by the CPU's flags
 * (read from {@code /proc/cpuinfo} on Linux). Where the flags cannot be read it leaves JavaCPP's
 * default alone.
 *
 * <p>Only static methods and no static state: the provider stays light.
 */
final class NativeBuild {

    /** JavaCPP's system property naming the native build's extension. */
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    /** Where nd4j-native keeps each build's libraries: this folder plus the classifier. */
    static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";

    private NativeBuild() {
    }

    /**
     * Sets {@value #EXTENSION_PROPERTY} for this JVM if it is unset and the CPU's flags are known.
     *
     * @param loader the class loader that holds nd4j-native's jars
     * @return a one-line account of what was chosen and why
     */
    static String select(ClassLoader loader) {
        String preset = System.getProperty(EXTENSION_PROPERTY);
        if (preset != null) {
            return "extension '" + preset + "' set by the user";
        }
        String platform = platform();
        Set<String> flags = CpuFeatures.flags(CpuFeatures.firstProcessor());
        if (flags.isEmpty()) {
            return "CPU flags unknown on " + platform + "; JavaCPP's default build";
        }
        String library = System.mapLibraryName("jnind4jcpu");
        String extension = choose(platform, flags,
                classifier -> loader.getResource(BINDINGS + classifier + "/" + library) != null);
        System.setProperty(EXTENSION_PROPERTY, extension);
        return "extension '" + extension + "' for " + platform + " (CPU flags: " + CpuFeatures.simdFlags(flags) + ")";
    }

    /**
     * The extension of the most specialised x86-64 build that the CPU supports and that is on the
     * class path: {@code -avx512} (AVX-512 F, CD, BW, DQ and VL, as libnd4j's AVX-512 build is
     * compiled for Skylake-X), then {@code -avx2} (AVX2 and FMA), else the plain build ({@code ""}).
     *
     * @param present whether the libraries of a classifier such as {@code linux-x86_64-avx2} exist
     */
    static String choose(String platform, Set<String> flags, Predicate<String> present) {
        if (platform.endsWith("-x86_64")) {
            if (flags.containsAll(List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"))
                    && present.test(platform + "-avx512")) {
                return "-avx512";
            }
            if (flags.containsAll(List.of("avx", "avx2", "fma")) && present.test(platform + "-avx2")) {
                return "-avx2";
            }
        }
        return "";
    }

    /** @return JavaCPP's name for this platform, such as {@code linux-x86_64}, without loading JavaCPP */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx"
                : os.startsWith("windows") ? "windows" : os.replace(' ', '_');
        String a = arch.equals("amd64") || arch.equals("x86-64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") ? "arm64" : arch;
        return o + "-" + a;
    }
}
