/**
 * The performance report: the scikit-learn baseline timed in the same run, the backends' agreement
 * on the same fit, the machine's environment, and the generator that writes report.md, its charts,
 * summary.json and the raw JMH JSON into a folder under results/.
 */
package org.gmmharness.report;
