/**
 * k-means clustering used to initialise EM: scikit-learn's greedy k-means++ seeding, reproduced
 * draw for draw from numpy's {@code RandomState}, and Lloyd iterations.
 */
package org.gmmharness.kmeans;
