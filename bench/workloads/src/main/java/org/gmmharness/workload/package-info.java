/**
 * What a benchmark run measures, shared by the benchmarks and the report: the standard workloads
 * ({@link org.gmmharness.workload.Workloads}, each a {@link org.gmmharness.workload.Workload}), their
 * seeded data ({@link org.gmmharness.workload.WorkloadData}) and the run profiles quick, full and
 * smoke ({@link org.gmmharness.workload.BenchProfile}).
 */
package org.gmmharness.workload;
