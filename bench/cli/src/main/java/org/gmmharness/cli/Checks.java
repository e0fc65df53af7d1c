package org.gmmharness.cli;

import java.security.SecureRandom;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Range checks of option values, failing as bad usage (exit code 2) with the option's name. */
final class Checks {

    /** The largest seed numpy's RandomState takes. */
    static final long MAX_SEED = 0xFFFFFFFFL;

    private Checks() {
    }

    static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + min + ", got " + value
                    + ".");
        }
    }

    static void nonNegative(CommandSpec spec, String option, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new ParameterException(spec.commandLine(), option + " must be a finite number of at least 0, got "
                    + value + ".");
        }
    }

    static void between(CommandSpec spec, String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ParameterException(spec.commandLine(), option + " must be between " + min + " and " + max
                    + ", got " + value + ".");
        }
    }

    /** @return the given seed, checked, or a random one when none was given */
    static long seed(CommandSpec spec, Long seed) {
        if (seed == null) {
            return new SecureRandom().nextInt() & MAX_SEED;
        }
        if (seed < 0 || seed > MAX_SEED) {
            throw new ParameterException(spec.commandLine(), "--seed must be in [0, " + MAX_SEED
                    + "] (numpy's RandomState), got " + seed + ".");
        }
        return seed;
    }

    /** Fails unless {@code file} ends in one of the extensions (lower case, with the dot). */
    static String extension(CommandSpec spec, String option, java.nio.file.Path file, String... allowed) {
        String name = file.getFileName() == null ? ""
                : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        for (String ext : allowed) {
            if (name.endsWith(ext)) {
                return ext;
            }
        }
        throw new ParameterException(spec.commandLine(), option + " must name a " + String.join(" or ", allowed)
                + " file, got " + file + ".");
    }
}
