package org.gmmharness.em;

/**
 * A component's covariance is not positive definite, so its precision cannot be formed: the
 * failure scikit-learn reports for singleton or collapsed samples.
 */
public class IllDefinedCovarianceException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** scikit-learn's message, with what to do. */
    static final String ADVICE = "Fitting the mixture model failed because some components have "
            + "ill-defined empirical covariance (for instance caused by singleton or collapsed samples). "
            + "Try to decrease the number of components, increase reg_covar, or scale the input data.";

    /** @param component the first component whose covariance failed, or -1 for the tied one */
    IllDefinedCovarianceException(int component) {
        super(ADVICE + (component >= 0 ? " (component " + component + ")" : " (tied covariance)"));
    }
}
