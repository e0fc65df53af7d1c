package org.gmmharness.bench;

import org.gmmharness.em.CovarianceType;
import org.gmmharness.linalg.Backends;
import org.gmmharness.workload.Workload;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JMH parameters that name a backend and a workload, shared by the states built from them.
 * JMH sets inherited {@code @Param} fields of a {@code @State} class; the names are those
 * {@link BenchmarkSuite} sets. The values are strings so that any value passes through JMH's
 * {@code -p} unchanged and is parsed in one place, {@link #workload()}. A subclass builds its state
 * from them in a {@code @Setup(Level.Trial)} method.
 */
@State(Scope.Benchmark)
public abstract class AbstractWorkloadState {

    /** Backend name, as {@link Backends#create(String)} takes it. */
    @Param({"ejml"})
    public String backend;

    /** Number of samples N. */
    @Param({"100000"})
    public String n;

    /** Number of features D. */
    @Param({"16"})
    public String d;

    /** Number of components K. */
    @Param({"8"})
    public String k;

    /** Covariance type, as scikit-learn names it. */
    @Param({"full"})
    public String covarianceType;

    /** @return the workload these parameters describe */
    public Workload workload() {
        return new Workload("bench", Integer.parseInt(n), Integer.parseInt(d), Integer.parseInt(k),
                CovarianceType.parse(covarianceType));
    }
}
