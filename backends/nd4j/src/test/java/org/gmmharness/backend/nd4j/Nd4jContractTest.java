package org.gmmharness.backend.nd4j;

import java.util.List;

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
import org.nd4j.linalg.api.ndarray.INDArray;

import org.junit.jupiter.api.Nested;

/**
 * The whole {@link LinearAlgebra} contract on the ND4J backend: one nested class per part of
 * the contract, each a subclass of that part's abstract class in core's test-jar.
 */
class Nd4jContractTest {

    /** @return a new instance of the backend under test */
    static LinearAlgebra<INDArray> newBackend() {
        return new Nd4jLinearAlgebra();
    }

    @Nested
    class ArrayBoundary extends ArrayBoundaryContract<INDArray> {
        @Override
        protected LinearAlgebra<INDArray> backend() {
            return newBackend();
        }

        @Override
        protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
            return Nd4jLinearAlgebraTest.bothOrders(rowMajor, rows, cols);
        }
    }

    @Nested
    class Products extends ProductContract<INDArray> {
        @Override
        protected LinearAlgebra<INDArray> backend() {
            return newBackend();
        }

        @Override
        protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
            return Nd4jLinearAlgebraTest.bothOrders(rowMajor, rows, cols);
        }
    }

    @Nested
    class Elementwise extends ElementwiseContract<INDArray> {
        @Override
        protected LinearAlgebra<INDArray> backend() {
            return newBackend();
        }

        @Override
        protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
            return Nd4jLinearAlgebraTest.bothOrders(rowMajor, rows, cols);
        }
    }

    @Nested
    class Reductions extends ReductionContract<INDArray> {
        @Override
        protected LinearAlgebra<INDArray> backend() {
            return newBackend();
        }

        @Override
        protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
            return Nd4jLinearAlgebraTest.bothOrders(rowMajor, rows, cols);
        }
    }

    @Nested
    class Factorisations extends FactorisationContract<INDArray> {
        @Override
        protected LinearAlgebra<INDArray> backend() {
            return newBackend();
        }

        @Override
        protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
            return Nd4jLinearAlgebraTest.bothOrders(rowMajor, rows, cols);
        }
    }

    @Nested
    class MStepComposites extends MStepCompositeContract<INDArray> {
        @Override
        protected LinearAlgebra<INDArray> backend() {
            return newBackend();
        }

        @Override
        protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
            return Nd4jLinearAlgebraTest.bothOrders(rowMajor, rows, cols);
        }
    }

    @Nested
    class EStepComposites extends EStepCompositeContract<INDArray> {
        @Override
        protected LinearAlgebra<INDArray> backend() {
            return newBackend();
        }

        @Override
        protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
            return Nd4jLinearAlgebraTest.bothOrders(rowMajor, rows, cols);
        }
    }

    @Nested
    class Conventions extends ConventionsContract<INDArray> {
        @Override
        protected LinearAlgebra<INDArray> backend() {
            return newBackend();
        }

        @Override
        protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
            return Nd4jLinearAlgebraTest.bothOrders(rowMajor, rows, cols);
        }
    }

    @Nested
    class ThreadSafety extends ThreadSafetyContract<INDArray> {
        @Override
        protected LinearAlgebra<INDArray> backend() {
            return newBackend();
        }

        @Override
        protected List<INDArray> layouts(double[] rowMajor, int rows, int cols) {
            return Nd4jLinearAlgebraTest.bothOrders(rowMajor, rows, cols);
        }
    }
}
