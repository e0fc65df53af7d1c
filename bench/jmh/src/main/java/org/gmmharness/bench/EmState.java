package org.gmmharness.bench;

import org.gmmharness.em.EmSteps;
import org.gmmharness.em.GaussianMixture;
import org.gmmharness.em.InitMethod;
import org.gmmharness.linalg.Backends;
import org.gmmharness.workload.Workload;
import org.gmmharness.workload.WorkloadData;
import org.gmmharness.workload.Workloads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A prepared EM run on one backend and workload: the data on the backend, parameters from a
 * seeded {@code random_from_data} start, and one iteration already done so that every step has
 * its inputs. Built once per trial.
 */
@State(Scope.Benchmark)
public class EmState extends AbstractWorkloadState {

    /** The steps a fit runs, ready to time. */
    public EmSteps<?> steps;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = workload();
        GaussianMixture settings = GaussianMixture.builder(w.k()).covarianceType(w.covarianceType())
                .initMethod(InitMethod.RANDOM_FROM_DATA).randomState(0).build();
        steps = EmSteps.prepare(Backends.create(backend), settings, WorkloadData.generate(w, Workloads.DATA_SEED));
        steps.iteration();
    }
}
