package org.gmmharness.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gmmharness.linalg.Backends;

/** The backends every verify test runs on: all that are registered and available here. */
public final class BackendSource {

    /** Backends this module depends on; a test run without one of them is a failed run. */
    public static final List<String> REQUIRED = List.of("ejml", "commons-math", "nd4j");

    private BackendSource() {
    }

    /** @return the names of the available backends, after checking that the required ones are there */
    public static List<String> names() {
        List<String> names = Backends.availableNames();
        for (String required : REQUIRED) {
            assertTrue(names.contains(required), "backend " + required + " is not available: " + names);
        }
        return names;
    }
}
