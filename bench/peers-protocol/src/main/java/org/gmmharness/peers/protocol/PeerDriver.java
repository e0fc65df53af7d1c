package org.gmmharness.peers.protocol;

import java.util.List;

/**
 * One peer library, driven the way its documentation says. {@link PeerMain} calls
 * {@link #setUp(PeerRequest)} once, then {@link #fit()} once cold and {@link PeerRequest#repeats()}
 * more times, timing each call, and finally {@link #close()}.
 */
public interface PeerDriver extends AutoCloseable {

    /** @return the library's name, such as {@code Apache Spark MLlib} */
    String library();

    /** @return the library's version, read from its own classes where it says it */
    String version();

    /** @return the class or entry point driven */
    String api();

    /** @return whether {@link #fit()} starts from the request's start (false where the API takes none) */
    boolean sameStart();

    /** @return how the library was driven where the report must say it (settings forced by its quirks) */
    List<String> notes();

    /**
     * Takes the request: the data into the library's own structures, its context started. Timed
     * apart from the fits.
     *
     * @throws Exception anything the library throws; the driver then fails with its message
     */
    void setUp(PeerRequest request) throws Exception;

    /**
     * @return the parameters after exactly {@link PeerRequest#iterations()} EM iterations
     * @throws Exception anything the library throws
     */
    Mixture fit() throws Exception;

    /** Stops what {@link #setUp(PeerRequest)} started; by default nothing. */
    @Override
    default void close() {
    }
}
