/**
 * The Apache Commons Math 3.6.1 backend of the linear-algebra SPI:
 * {@link org.gmmharness.backend.commonsmath.CommonsMathLinearAlgebra} works on {@code BlockRealMatrix},
 * and {@link org.gmmharness.backend.commonsmath.CommonsMathProvider} registers it as {@code "commons-math"}.
 */
package org.gmmharness.backend.commonsmath;
