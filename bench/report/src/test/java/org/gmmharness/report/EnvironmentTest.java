package org.gmmharness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The CPU as the report's environment table records it. */
class EnvironmentTest {

    private static final List<String> ZEN5 = List.of(
            "processor\t: 0",
            "vendor_id\t: AuthenticAMD",
            "cpu family\t: 26",
            "model\t\t: 2",
            "model name\t: AMD EPYC",
            "stepping\t: 1");

    @Test
    void theModelNameCarriesFamilyModelAndStepping() {
        assertEquals("AMD EPYC (family 26, model 2, stepping 1)", Environment.cpuModel(ZEN5));
    }

    @Test
    void withoutCpuinfoTheArchitectureIsGiven() {
        assertTrue(Environment.cpuModel(List.of()).contains(System.getProperty("os.arch"))
                || System.getenv("PROCESSOR_IDENTIFIER") != null);
    }

    @Test
    void freshMemoryIsTimedPerMiB() {
        String fresh = Environment.freshMemory();
        assertTrue(fresh.matches("\\d+\\.\\d\\d ms per MiB touched for the first time \\(a 64 MiB buffer .*"), fresh);
        assertTrue(Double.parseDouble(fresh.substring(0, fresh.indexOf(' '))) > 0, fresh);
    }

    @Test
    void theJitsVectorSettingsAreRead() {
        assertTrue(Environment.jitVectors().matches("UseAVX=\\d+, MaxVectorSize=\\d+ bytes"), Environment.jitVectors());
    }
}
