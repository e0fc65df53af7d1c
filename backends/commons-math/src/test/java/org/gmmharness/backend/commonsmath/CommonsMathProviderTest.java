package org.gmmharness.backend.commonsmath;

import org.gmmharness.linalg.LinearAlgebraProvider;
import org.gmmharness.linalg.ProviderContract;

/** The provider contract on the Commons Math provider; this module's test class path holds core and Commons Math only. */
class CommonsMathProviderTest extends ProviderContract {

    @Override
    protected LinearAlgebraProvider provider() {
        return new CommonsMathProvider();
    }

    @Override
    protected String name() {
        return "commons-math";
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    protected Class<?> backendClass() {
        return CommonsMathLinearAlgebra.class;
    }
}
