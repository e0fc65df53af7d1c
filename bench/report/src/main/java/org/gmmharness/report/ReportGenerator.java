package org.gmmharness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gmmharness.workload.BenchProfile;

/**
 * Writes a report folder {@code <results>/<yyyy-MM-dd>-<host>-<profile>/}: {@code report.md}, its
 * PNG charts, {@code summary.json}, the raw JMH results as {@code jmh.json} and the scikit-learn
 * timings as {@code sklearn.json}. The JMH results are read by {@link JmhResults}, turned into one
 * {@link ReportSummary} by {@link SummaryBuilder}, and that summary is what summary.json, the charts
 * and report.md are all written from.
 */
public final class ReportGenerator {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportGenerator() {
    }

    /**
     * Writes the report. Everything is written into a hidden temporary folder beside the target and
     * renamed into place at the end, so a report folder is never half-written; if the folder name is
     * taken, {@code -2}, {@code -3} … is appended.
     *
     * @param resultsRoot the results folder, created if missing
     * @param profile     the profile that was run; its workloads are the ones reported
     * @param jmhJson     JMH's JSON results of the run
     * @param sklearn     scikit-learn's timings, or why there are none
     * @param agreement   the backends' deviations, from {@link BackendAgreement#measure}
     * @param environment the environment table's rows, from {@link Environment#collect()}
     * @param host        the machine's name, used in the folder name (characters other than letters,
     *                    digits, dot, underscore and hyphen become hyphens)
     * @param date        the day of the run
     * @return the folder written
     * @throws UncheckedIOException     if a file cannot be read or written (nothing is left behind)
     * @throws IllegalArgumentException if the JMH file is not JMH JSON
     */
    public static Path write(Path resultsRoot, BenchProfile profile, Path jmhJson, SklearnTimings sklearn,
                             Agreement agreement, Map<String, String> environment, String host, LocalDate date) {
        return write(resultsRoot, profile, jmhJson, sklearn, agreement, null, environment, host, date);
    }

    /**
     * As {@link #write(Path, BenchProfile, Path, SklearnTimings, Agreement, Map, String, LocalDate)},
     * with the time-to-solution processes of the run.
     *
     * @param processes the command-line processes and failed in-process fits, or null when not measured
     */
    public static Path write(Path resultsRoot, BenchProfile profile, Path jmhJson, SklearnTimings sklearn,
                             Agreement agreement, ProcessTimings processes, Map<String, String> environment,
                             String host, LocalDate date) {
        return write(resultsRoot, profile, jmhJson, sklearn, agreement, processes, null, environment, host, date);
    }

    /**
     * As {@link #write(Path, BenchProfile, Path, SklearnTimings, Agreement, ProcessTimings, Map, String,
     * LocalDate)}, with the peers comparison: the report's "Peers" section, its chart and
     * summary.json's {@code peers} block.
     *
     * @param peers the comparison, or null when the run had none (the section then says so)
     */
    public static Path write(Path resultsRoot, BenchProfile profile, Path jmhJson, SklearnTimings sklearn,
                             Agreement agreement, ProcessTimings processes, PeerComparison peers,
                             Map<String, String> environment, String host, LocalDate date) {
        String safeHost = safeHost(host);
        String name = date.format(DateTimeFormatter.ISO_LOCAL_DATE) + "-" + safeHost + "-" + profile.id();
        Path tmp = null;
        try {
            Files.createDirectories(resultsRoot);
            tmp = Files.createTempDirectory(resultsRoot, "." + name + ".tmp-");
            JmhResults results = JmhResults.read(jmhJson);
            ReportSummary summary = SummaryBuilder.build(profile, date, host, results, sklearn, agreement, processes);
            Files.copy(jmhJson, tmp.resolve("jmh.json"));
            JSON.writeValue(tmp.resolve("sklearn.json").toFile(), sklearn);
            PeerFigures peerFigures = peers == null ? null : PeerFigures.of(peers, summary);
            String noPeers = "this run had no peers comparison";
            ObjectNode json = SummaryJson.toJson(summary);
            json.set("peers", PeersJson.toJson(peerFigures, noPeers));
            JSON.writeValue(tmp.resolve("summary.json").toFile(), json);
            Set<String> charts = new LinkedHashSet<>(Charts.writeAll(summary, tmp));
            if (peerFigures != null && peers.measured() && PeersChart.write(peerFigures, profile.id(), tmp)) {
                charts.add(PeersSection.CHART);
            }
            Files.writeString(tmp.resolve("report.md"), MarkdownReport.render(summary, environment,
                    results.forkJvmArgs(), charts, PeersSection.render(peerFigures, noPeers, charts)),
                    StandardCharsets.UTF_8);
            Path done = moveIntoPlace(tmp, resultsRoot, name);
            tmp = null;
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report under " + resultsRoot + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    /** @return {@code host} with every character other than letters, digits, '.', '_' and '-' replaced by '-' */
    static String safeHost(String host) {
        String safe = host == null ? "" : host.trim().replaceAll("[^A-Za-z0-9._-]", "-");
        return safe.isEmpty() || safe.startsWith(".") ? "host" + safe : safe;
    }

    /** Renames {@code tmp} to {@code name}, or {@code name-2}, {@code name-3} … if taken. */
    private static Path moveIntoPlace(Path tmp, Path root, String name) throws IOException {
        for (int i = 1; ; i++) {
            Path target = root.resolve(i == 1 ? name : name + "-" + i);
            if (Files.exists(target)) {
                continue;
            }
            try {
                return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                // another run took the name in between: try the next
            } catch (AtomicMoveNotSupportedException e) {
                return Files.move(tmp, target);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort: a hidden temporary folder is all that can remain
        }
    }
}
