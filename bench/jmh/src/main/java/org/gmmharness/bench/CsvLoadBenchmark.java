package org.gmmharness.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.io.CsvData;
import org.gmmharness.io.NpyWriter;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading a data file, the first part of the time a user waits for a fit: {@link CsvData#read} of a
 * seeded N×D file (W2's shape by default, 1,000,000×8) written to a temporary file when the trial
 * starts. As CSV, the numbers have five decimals ({@code -12.34567}), with a header row, 71.5 MB
 * for W2; as {@code .npy}, little-endian float64 in C order. The file's size is printed at setup, so
 * that the time per read gives MB/s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms2g"})
@State(Scope.Benchmark)
public class CsvLoadBenchmark {

    /** Number of rows N. */
    @Param({"1000000"})
    public String n;

    /** Number of columns D. */
    @Param({"8"})
    public String d;

    /** The file's format: {@code csv} or {@code npy}. */
    @Param({"csv"})
    public String format;

    private Path file;
    private long size;

    /**
     * The bytes read, counted per operation: JMH reports them in the benchmark's mode (milliseconds
     * per byte), from which the report takes MB/s.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** Bytes of the file read so far. */
        public long bytes;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Workload w = new Workload("load", Integer.parseInt(n), Integer.parseInt(d), 4, CovarianceType.FULL);
        double[][] x = WorkloadData.generate(w, Workloads.DATA_SEED);
        switch (format) {
            case "csv" -> file = Files.createTempFile("gmm-load-", ".csv");
            case "npy" -> file = Files.createTempFile("gmm-load-", ".npy");
            default -> throw new IllegalArgumentException("format must be csv or npy, got " + format);
        }
        if (format.equals("csv")) {
            writeCsv(file, x);
        } else {
            NpyWriter.write(file, x);
        }
        size = Files.size(file);
        System.out.println("\n" + file + ": " + size + " bytes (" + n + "x" + d + " " + format + ")");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** @return the data read from the file */
    @Benchmark
    public CsvData read(Bytes counted) throws IOException {
        counted.bytes += size;
        return CsvData.read(file, null, null);
    }

    /** Writes {@code x} as CSV with a header {@code x0,x1,...} and five decimals per number. */
    public static void writeCsv(Path file, double[][] x) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < x[0].length; j++) {
                line.append(j > 0 ? "," : "").append('x').append(j);
            }
            line.append('\n');
            for (double[] row : x) {
                for (int j = 0; j < row.length; j++) {
                    if (j > 0) {
                        line.append(',');
                    }
                    fixed5(line, row[j]);
                }
                line.append('\n');
                if (line.length() > 1 << 15) {
                    out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
                    line.setLength(0);
                }
            }
            out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Appends {@code v} with five decimals, as {@code %.5f} writes it. */
    static void fixed5(StringBuilder out, double v) {
        long scaled = Math.round(Math.abs(v) * 1e5);
        if (v < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / 100_000).append('.');
        String fraction = Long.toString(scaled % 100_000);
        for (int k = fraction.length(); k < 5; k++) {
            out.append('0');
        }
        out.append(fraction);
    }
}
