package org.gmmharness.kmeans;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Runs one body on several workers of the common {@link ForkJoinPool}, the calling thread being
 * worker 0. The tasks are made once and reinitialised for each run, so that a run allocates
 * nothing. Not thread-safe: one team serves one fit.
 */
final class Team {

    /** Work of one worker. */
    interface Body {
        void run(int worker);
    }

    private final Action[] actions;

    /** @param limit the most workers any run will ask for */
    Team(int limit) {
        int size = Math.max(1, Math.min(limit, threads()));
        actions = new Action[size];
        for (int w = 0; w < size; w++) {
            actions[w] = new Action(w);
        }
    }

    /** @return the threads a team may use: the processors, at most the common pool's workers and the caller */
    static int threads() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.getCommonPoolParallelism() + 1));
    }

    /** @return the number of workers of a run */
    int size() {
        return actions.length;
    }

    /** Runs {@code body} on workers 0 .. min(workers, size)-1 and returns when all have finished. */
    void run(int workers, Body body) {
        int n = Math.max(1, Math.min(workers, actions.length));
        for (int w = 1; w < n; w++) {
            actions[w].body = body;
            actions[w].reinitialize();
            actions[w].fork();
        }
        Throwable failure = null;
        try {
            body.run(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int w = n - 1; w >= 1; w--) {
            try {
                actions[w].join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                actions[w].body = null;
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw (Error) failure;
        }
    }

    private static final class Action extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int worker;
        private transient Body body;

        Action(int worker) {
            this.worker = worker;
        }

        @Override
        protected void compute() {
            body.run(worker);
        }
    }
}
