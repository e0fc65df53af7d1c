package org.gmmharness.linalg;

/** Thrown by {@link LinearAlgebra#cholesky} when its argument is not positive definite. */
public class NotPositiveDefiniteException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** @param message what was factored and why it failed */
    public NotPositiveDefiniteException(String message) {
        super(message);
    }
}
