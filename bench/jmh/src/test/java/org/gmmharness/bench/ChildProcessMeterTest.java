package org.gmmharness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gmmharness.workload.BenchProfile;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process measurement's parsing and bookkeeping; no timing is asserted. */
class ChildProcessMeterTest {

    @TempDir
    Path tmp;

    @Test
    void readsVmHwmInKilobytesFromAProcStatusText() {
        String status = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 9876543 kB\n"
                + "VmSize:\t 9000000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t  100000 kB\nThreads:\t42\n";
        assertEquals(123456.0 * 1024, ChildProcessMeter.parseVmHwm(status));
    }

    @Test
    void aStatusWithoutVmHwmGivesNaN() {
        // a zombie's status has no memory lines
        assertTrue(Double.isNaN(ChildProcessMeter.parseVmHwm("Name:\tjava\nState:\tZ (zombie)\nThreads:\t1\n")));
        assertTrue(Double.isNaN(ChildProcessMeter.parseVmHwm("")));
    }

    @Test
    void anUnknownUnitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChildProcessMeter.parseVmHwm("VmHWM:\t 12 pages\n"));
    }

    @Test
    void ourOwnStatusHasAPeakAtLeastAsLargeAsTheCurrentResidentSet() throws IOException {
        Path self = Path.of("/proc/self/status");
        if (!Files.isReadable(self)) {
            return; // not Linux
        }
        String text = Files.readString(self);
        double hwm = ChildProcessMeter.parseVmHwm(text);
        double rss = Double.NaN;
        for (String line : text.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        assertTrue(hwm > 0 && hwm >= rss * 0.5, "VmHWM " + hwm + " against VmRSS " + rss);
    }

    @Test
    void reportsTheExitCodeAndTheEndOfStandardErrorOfAFailedChild() throws Exception {
        ChildProcessMeter.Run r = ChildProcessMeter.run(List.of("/bin/sh", "-c",
                "echo starting >&2; echo 'java.lang.OutOfMemoryError: Java heap space' >&2; exit 3"), List.of(), tmp,
                1, TimeUnit.MINUTES);
        assertFalse(r.ok());
        assertEquals(3, r.exitCode());
        assertEquals("java.lang.OutOfMemoryError: Java heap space", TimeToSolutionSuite.lastLine(r.errorTail()));
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "the stderr file is removed");
        }
    }

    @Test
    void removesTheNamedVariablesFromTheChildsEnvironment() throws Exception {
        String present = "HOME"; // set in any login environment; a shell gives PATH a default of its own
        if (System.getenv(present) == null) {
            return;
        }
        ChildProcessMeter.Run r = ChildProcessMeter.run(List.of("/bin/sh", "-c",
                "if [ -n \"${" + present + "+x}\" ]; then exit 4; fi; exit 0"), List.of(present), tmp, 1,
                TimeUnit.MINUTES);
        assertEquals(0, r.exitCode());
    }

    @Test
    void csvFilesHoldEverySampleExactly() throws IOException {
        double[][] x = {{1.0, -2.5e-7}, {Math.PI, 1e300}, {0.1 + 0.2, -0.0}};
        Path csv = tmp.resolve("x.csv");
        long bytes = TimeToSolutionSuite.writeCsv(x, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(Files.size(csv), bytes);
        assertEquals(3, lines.size());
        for (int i = 0; i < x.length; i++) {
            String[] cells = lines.get(i).split(",");
            for (int j = 0; j < x[i].length; j++) {
                assertEquals(Double.doubleToLongBits(x[i][j]), Double.doubleToLongBits(Double.parseDouble(cells[j])));
            }
        }
    }

    @Test
    void timeToSolutionWorkloadsAreFoundByTheirIds() {
        assertEquals(Workloads.LARGE_D, Workloads.byId("large-D"));
        assertEquals(Workloads.W2, Workloads.byId("W2"));
        Workload scaled = Workloads.byId("large-D/100");
        assertEquals(1000, scaled.n());
        assertEquals(128, scaled.d());
        assertEquals("large-D/100", scaled.id());
        for (BenchProfile p : BenchProfile.values()) {
            for (Workload w : p.timeToSolution()) {
                assertEquals(w, Workloads.byId(w.id()), p + " " + w.id());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Workloads.byId("W9"));
        assertThrows(IllegalArgumentException.class, () -> Workloads.byId("W1/0"));
    }
}
