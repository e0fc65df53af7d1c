package org.gmmharness.backend.commonsmath;

import org.apache.commons.math3.linear.RealMatrix;
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
 * The whole {@link LinearAlgebra} contract on the Commons Math backend: one nested class per part of
 * the contract, each a subclass of that part's abstract class in core's test-jar.
 */
class CommonsMathContractTest {

    /** @return a new instance of the backend under test */
    static LinearAlgebra<RealMatrix> newBackend() {
        return new CommonsMathLinearAlgebra();
    }

    @Nested
    class ArrayBoundary extends ArrayBoundaryContract<RealMatrix> {
        @Override
        protected LinearAlgebra<RealMatrix> backend() {
            return newBackend();
        }
    }

    @Nested
    class Products extends ProductContract<RealMatrix> {
        @Override
        protected LinearAlgebra<RealMatrix> backend() {
            return newBackend();
        }
    }

    @Nested
    class Elementwise extends ElementwiseContract<RealMatrix> {
        @Override
        protected LinearAlgebra<RealMatrix> backend() {
            return newBackend();
        }
    }

    @Nested
    class Reductions extends ReductionContract<RealMatrix> {
        @Override
        protected LinearAlgebra<RealMatrix> backend() {
            return newBackend();
        }
    }

    @Nested
    class Factorisations extends FactorisationContract<RealMatrix> {
        @Override
        protected LinearAlgebra<RealMatrix> backend() {
            return newBackend();
        }
    }

    @Nested
    class MStepComposites extends MStepCompositeContract<RealMatrix> {
        @Override
        protected LinearAlgebra<RealMatrix> backend() {
            return newBackend();
        }
    }

    @Nested
    class EStepComposites extends EStepCompositeContract<RealMatrix> {
        @Override
        protected LinearAlgebra<RealMatrix> backend() {
            return newBackend();
        }
    }

    @Nested
    class Conventions extends ConventionsContract<RealMatrix> {
        @Override
        protected LinearAlgebra<RealMatrix> backend() {
            return newBackend();
        }
    }

    @Nested
    class ThreadSafety extends ThreadSafetyContract<RealMatrix> {
        @Override
        protected LinearAlgebra<RealMatrix> backend() {
            return newBackend();
        }
    }
}
