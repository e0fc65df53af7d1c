package org.gmmharness.backend.ejml;

import org.ejml.data.DMatrixRMaj;
import org.gmmharness.linalg.ArrayBoundaryContract;
import org.gmmharness.linalg.ConventionsContract;
import org.gmmharness.linalg.EStepCompositeContract;
import org.gmmharness.linalg.ElementwiseContract;
import org.gmmharness.linalg.FactorisationContract;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.MStepCompositeContract;
import org.gmmharness.linalg.ProductContract;
import org.gmmharness.linalg.ReductionContract;
import org.gmmharness.linalg.ThreadSafetyContract;

import org.junit.jupiter.api.Nested;

/**
 * The whole {@link LinearAlgebra} contract on the EJML backend: one nested class per part of
 * the contract, each a subclass of that part's abstract class in core's test-jar.
 */
class EjmlContractTest {

    /** @return a new instance of the backend under test */
    static LinearAlgebra<DMatrixRMaj> newBackend() {
        return new EjmlLinearAlgebra();
    }

    @Nested
    class ArrayBoundary extends ArrayBoundaryContract<DMatrixRMaj> {
        @Override
        protected LinearAlgebra<DMatrixRMaj> backend() {
            return newBackend();
        }
    }

    @Nested
    class Products extends ProductContract<DMatrixRMaj> {
        @Override
        protected LinearAlgebra<DMatrixRMaj> backend() {
            return newBackend();
        }
    }

    @Nested
    class Elementwise extends ElementwiseContract<DMatrixRMaj> {
        @Override
        protected LinearAlgebra<DMatrixRMaj> backend() {
            return newBackend();
        }
    }

    @Nested
    class Reductions extends ReductionContract<DMatrixRMaj> {
        @Override
        protected LinearAlgebra<DMatrixRMaj> backend() {
            return newBackend();
        }
    }

    @Nested
    class Factorisations extends FactorisationContract<DMatrixRMaj> {
        @Override
        protected LinearAlgebra<DMatrixRMaj> backend() {
            return newBackend();
        }
    }

    @Nested
    class MStepComposites extends MStepCompositeContract<DMatrixRMaj> {
        @Override
        protected LinearAlgebra<DMatrixRMaj> backend() {
            return newBackend();
        }
    }

    @Nested
    class EStepComposites extends EStepCompositeContract<DMatrixRMaj> {
        @Override
        protected LinearAlgebra<DMatrixRMaj> backend() {
            return newBackend();
        }
    }

    @Nested
    class Conventions extends ConventionsContract<DMatrixRMaj> {
        @Override
        protected LinearAlgebra<DMatrixRMaj> backend() {
            return newBackend();
        }
    }

    @Nested
    class ThreadSafety extends ThreadSafetyContract<DMatrixRMaj> {
        @Override
        protected LinearAlgebra<DMatrixRMaj> backend() {
            return newBackend();
        }
    }
}
