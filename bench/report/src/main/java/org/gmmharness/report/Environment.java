package org.gmmharness.report;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.CpuFeatures;

/**
 * The machine and software a report was measured on, as an ordered map of labels to values for the
 * report's environment table: CPU model, logical cores, memory, OS, JDK and the JVM flags that
 * matter, library versions (from gmm-harness-versions.properties, filled in from the parent pom),
 * the BLAS threading environment variables, and each backend's own
 * {@link org.gmmharness.linalg.LinearAlgebra#environment()} under keys {@code "<backend>: <key>"}
 * (see {@link #backendEntries(Map, String)}).
 */
public final class Environment {

    /** The size of the buffer {@link #freshMemory()} times, MiB. */
    static final int FRESH_MIB = 64;

    /** Environment variables that change how native BLAS libraries run. */
    public static final List<String> BLAS_VARIABLES = List.of("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS",
            "OMP_NUM_THREADS");

    private static final String VERSIONS = "/gmm-harness-versions.properties";

    private Environment() {
    }

    /** @return the environment, with every available backend's own entries */
    public static Map<String, String> collect() {
        return collect(Backends.availableNames());
    }

    /**
     * @param backends the backends whose {@code environment()} to include, each created once
     * @return the environment, label → value, in the report's order
     */
    public static Map<String, String> collect(List<String> backends) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Host", hostName());
        List<String> cpuinfo = CpuFeatures.firstProcessor();
        env.put("CPU", cpuModel(cpuinfo));
        env.put("CPU SIMD", CpuFeatures.simdFlags(CpuFeatures.flags(cpuinfo)));
        env.put("JIT vectors", jitVectors());
        env.put("Logical cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("Memory", memory());
        env.put("Fresh memory", freshMemory());
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        env.put("JDK", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version",
                System.getProperty("java.version")));
        env.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("JVM flags", jvmFlags());
        env.put("Garbage collectors", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
        env.put("JVM max heap", gib(Runtime.getRuntime().maxMemory()));
        versions().forEach((lib, version) -> env.put(lib + " version", version));
        for (String name : BLAS_VARIABLES) {
            String value = System.getenv(name);
            env.put(name, value == null || value.isBlank() ? "(unset)" : value);
        }
        for (String backend : backends) {
            env.putAll(backendEnvironment(backend));
        }
        return env;
    }

    /**
     * @return this machine's name, the part before the first dot; from the resolver, else
     *         {@code HOSTNAME}, else /etc/hostname, else {@code unknown-host}
     */
    public static String hostName() {
        List<String> candidates = new ArrayList<>();
        try {
            candidates.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException | RuntimeException e) {
            // try the others
        }
        candidates.add(System.getenv("HOSTNAME"));
        candidates.add(firstLine(Path.of("/etc/hostname")));
        for (String c : candidates) {
            if (c != null && !c.isBlank() && !c.equals("localhost")) {
                String name = c.trim();
                int dot = name.indexOf('.');
                return dot > 0 && !Character.isDigit(name.charAt(0)) ? name.substring(0, dot) : name;
            }
        }
        return "unknown-host";
    }

    /**
     * @param environment a map from {@link #collect()}
     * @return the entries one backend reported, with the {@code "<backend>: "} prefix removed
     */
    public static Map<String, String> backendEntries(Map<String, String> environment, String backend) {
        String prefix = backend + ": ";
        Map<String, String> out = new LinkedHashMap<>();
        environment.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** @return one backend's {@code environment()} under keys {@code "<backend>: <key>"} */
    static Map<String, String> backendEnvironment(String backend) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Map<String, String> own = Backends.create(backend).environment();
            if (own.isEmpty()) {
                out.put(backend + ": runs on", "the JVM heap (no native library reported)");
            }
            own.forEach((k, v) -> out.put(backend + ": " + k, v));
        } catch (RuntimeException | LinkageError e) {
            out.put(backend + ": error", "could not be created: " + e);
        }
        return out;
    }

    /**
     * @param cpuinfo the lines of /proc/cpuinfo's first processor
     * @return its model name with family, model and stepping, which tell apart CPUs that share a
     *         name (a VM's "AMD EPYC" is Zen 3 as family 25, Zen 5 as family 26), else the JVM's
     *         architecture
     */
    static String cpuModel(List<String> cpuinfo) {
        String name = CpuFeatures.field(cpuinfo, "model name");
        if (name == null) {
            return fallbackCpu();
        }
        List<String> ids = new ArrayList<>();
        for (String key : List.of("cpu family", "model", "stepping")) {
            String v = CpuFeatures.field(cpuinfo, key);
            if (v != null) {
                ids.add(key.replace("cpu ", "") + " " + v);
            }
        }
        return ids.isEmpty() ? name : name + " (" + String.join(", ", ids) + ")";
    }

    /**
     * @return the instruction set and vector width HotSpot's JIT compiles for on this machine
     *         ({@code UseAVX}, {@code MaxVectorSize}), which it chooses from the CPU at start-up
     */
    static String jitVectors() {
        try {
            var hs = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return "UseAVX=" + hs.getVMOption("UseAVX").getValue() + ", MaxVectorSize="
                    + hs.getVMOption("MaxVectorSize").getValue() + " bytes";
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String fallbackCpu() {
        String id = System.getenv("PROCESSOR_IDENTIFIER");
        return id != null ? id : "unknown (" + System.getProperty("os.arch") + ")";
    }

    private static String memory() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return gib(((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize()) + " physical";
        }
        return "unknown";
    }

    /**
     * What a page costs the first time it is touched, which decides how much a program pays for
     * memory it has not used before (and why the in-process timings keep freed memory on both sides):
     * a direct buffer of {@value #FRESH_MIB} MiB, which Java zeroes as it allocates it, so touching each
     * new page once; the best of three.
     */
    static String freshMemory() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            ByteBuffer b = ByteBuffer.allocateDirect(FRESH_MIB << 20);
            best = Math.min(best, System.nanoTime() - start);
            b.put(0, (byte) 1);
        }
        return String.format(Locale.ROOT, "%.2f ms per MiB touched for the first time (a %d MiB buffer allocated "
                + "and zeroed, best of 3)", best / 1e6 / FRESH_MIB, FRESH_MIB);
    }

    /** The flags that change how the benchmarks run: -X and -XX options and native-library properties. */
    private static String jvmFlags() {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") || a.startsWith("-Dorg.nd4j") || a.startsWith("-Dorg.bytedeco")
                        || a.startsWith("-Djava.util.concurrent") || a.startsWith("--add-"))
                .collect(Collectors.toList());
        return flags.isEmpty() ? "(defaults)" : String.join(" ", flags);
    }

    /** @return the library versions the build filled in, sorted by library name */
    static Map<String, String> versions() {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = Environment.class.getResourceAsStream(VERSIONS)) {
            if (in == null) {
                return out;
            }
            Properties p = new Properties();
            p.load(in);
            p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
        } catch (IOException e) {
            out.put("versions", "unreadable: " + e.getMessage());
        }
        return out;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static String firstLine(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
