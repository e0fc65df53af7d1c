package org.gmmharness.cli;

/** The information criterion {@code select} minimises. */
enum Criterion {
    /** Bayesian information criterion, −2·N·score + p·ln N. */
    BIC,
    /** Akaike information criterion, −2·N·score + 2p. */
    AIC
}
