package org.gmmharness.backend.ejml;

import org.gmmharness.linalg.LinearAlgebraProvider;
import org.gmmharness.linalg.ProviderContract;

/** The provider contract on the EJML provider; this module's test class path holds core and EJML only. */
class EjmlProviderTest extends ProviderContract {

    @Override
    protected LinearAlgebraProvider provider() {
        return new EjmlProvider();
    }

    @Override
    protected String name() {
        return "ejml";
    }

    @Override
    protected int priority() {
        return 10;
    }

    @Override
    protected Class<?> backendClass() {
        return EjmlLinearAlgebra.class;
    }
}
