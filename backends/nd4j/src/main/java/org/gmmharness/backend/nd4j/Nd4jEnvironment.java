package org.gmmharness.backend.nd4j;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.gmmharness.linalg.CpuFeatures;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Describes the native build ND4J runs on, for {@link Nd4jLinearAlgebra#environment()}. Each entry
 * is read independently; one that cannot be read says why instead of failing the rest.
 */
final class Nd4jEnvironment {

    private Nd4jEnvironment() {
    }

    /**
     * @param threads        the backend's thread count, the caller included
     * @param threadProperty the system property that sets it
     */
    static Map<String, String> describe(int threads, String threadProperty) {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, "nd4j.version", Nd4jEnvironment::nd4jVersion);
        put(env, "nd4j.backend", () -> Nd4j.getBackend().getClass().getName());
        put(env, "nd4j.dataType", () -> Nd4j.defaultFloatingPointType().toString());
        String library = loadedLibrary("jnind4jcpu");
        String classifier = classifierOf(library);
        env.put("native.classifier", classifier);
        env.put("native.library", library);
        env.put("simd.level", simdLevel(classifier));
        put(env, "simd.binaryLevel", () -> level(ops().binaryLevel()));
        put(env, "simd.optimalLevel", () -> level(ops().optimalLevel()));
        put(env, "simd.requirementsMet", () -> "minimal " + ops().isMinimalRequirementsMet()
                + ", optimal " + ops().isOptimalRequirementsMet());
        put(env, "cpu.flags", () -> CpuFeatures.simdFlags(CpuFeatures.flags(CpuFeatures.firstProcessor())));
        put(env, "cpu.cores", () -> String.valueOf(Runtime.getRuntime().availableProcessors()));
        put(env, "javacpp.platform", Loader::getPlatform);
        env.put("javacpp.platform.extension",
                String.valueOf(System.getProperty(NativeBuild.EXTENSION_PROPERTY, "(unset)")));
        put(env, "blas.vendor", () -> String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        put(env, "blas.library", () -> loadedLibrary("openblas"));
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        env.put("openblas.coretype.env", coretype == null ? "(unset: OpenBLAS detects the CPU)" : coretype);
        put(env, "openblas.corename", () -> openblasString("openblas_get_corename"));
        put(env, "openblas.config", () -> openblasString("openblas_get_config"));
        put(env, "threads.backend", () -> threads + " (the caller and " + (threads - 1)
                + " worker(s), for the steps that grow with N; -D" + threadProperty + " overrides)");
        put(env, "threads.blas", () -> Nd4j.factory().blas().getMaxThreads()
                + " (OpenBLAS, set by the backend: it is called from the backend's threads)");
        put(env, "threads.omp", () -> String.valueOf(ops().ompGetMaxThreads()));
        put(env, "threads.nd4j", () -> "max " + Nd4j.getEnvironment().maxThreads() + ", master "
                + Nd4j.getEnvironment().maxMasterThreads() + " (libnd4j's pool, for the remaining ND4J ops)");
        put(env, "memory.javacpp.maxBytes", () -> String.valueOf(Pointer.maxBytes()));
        put(env, "memory.javacpp.maxPhysicalBytes", () -> String.valueOf(Pointer.maxPhysicalBytes()));
        put(env, "nd4j.buildInfo", () -> Nd4j.getBackend().buildInfo().replaceAll("\\s*\\n\\s*", "; ").trim());
        put(env, "nd4j.environmentInformation",
                () -> String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation()));
        return env;
    }

    /** A value computed by a call to ND4J that may fail. */
    private interface Value {
        String get() throws Exception;
    }

    private static void put(Map<String, String> env, String key, Value value) {
        String v;
        try {
            v = value.get();
        } catch (Throwable t) {
            v = "unavailable (" + t + ")";
        }
        env.put(key, v == null ? "unknown" : v);
    }

    private static NativeOps ops() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }

    private static String nd4jVersion() throws Exception {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        }
    }

    /** @return the path of the loaded native library whose JavaCPP name starts with {@code name} */
    private static String loadedLibrary(String name) {
        try {
            for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
                String key = e.getKey();
                if (key.equals(name) || key.startsWith(name + "@")) {
                    return e.getValue();
                }
            }
            return "not loaded";
        } catch (Throwable t) {
            return "unknown (" + t + ")";
        }
    }

    /** @return the classifier folder of a library under nd4j-native's bindings, e.g. linux-x86_64-avx2 */
    static String classifierOf(String libraryPath) {
        String marker = "/bindings/";
        String p = libraryPath.replace('\\', '/');
        int at = p.lastIndexOf(marker);
        if (at < 0) {
            return "unknown";
        }
        int end = p.indexOf('/', at + marker.length());
        return end < 0 ? "unknown" : p.substring(at + marker.length(), end);
    }

    /** @return the SIMD instruction set a native classifier is compiled for */
    static String simdLevel(String classifier) {
        if (classifier.contains("avx512")) {
            return "AVX-512";
        }
        if (classifier.contains("avx2")) {
            return "AVX2";
        }
        if (classifier.contains("x86_64")) {
            return "SSE (generic x86-64 build)";
        }
        if (classifier.contains("arm64")) {
            return "NEON (generic arm64 build)";
        }
        return "generic (" + classifier + ")";
    }

    /** libnd4j's levels: 0 generic, 1 x86-64 baseline, 2 AVX2, 3 AVX-512. */
    private static String level(int level) {
        switch (level) {
            case 3:
                return "3 (AVX-512)";
            case 2:
                return "2 (AVX2)";
            case 1:
                return "1 (x86-64 baseline)";
            default:
                return level + " (generic)";
        }
    }

    /**
     * Calls one of OpenBLAS's {@code const char *f(void)} functions in the already-loaded library.
     * JavaCPP's OpenBLAS preset does not map them, so this goes through JNA (on the class path via
     * nd4j-api's dependencies), by reflection so that its absence only blanks this entry.
     */
    private static String openblasString(String function) throws Exception {
        String path = loadedLibrary("openblas_nolapack");
        if (!path.startsWith("/") && !path.contains(":")) {
            path = loadedLibrary("openblas");
        }
        Class<?> nativeLibrary = Class.forName("com.sun.jna.NativeLibrary");
        Object lib = nativeLibrary.getMethod("getInstance", String.class).invoke(null, path);
        Object f = nativeLibrary.getMethod("getFunction", String.class).invoke(lib, function);
        Object s = Class.forName("com.sun.jna.Function").getMethod("invokeString", Object[].class, boolean.class)
                .invoke(f, new Object[0], false);
        return s == null ? "unknown" : s.toString().trim();
    }
}
