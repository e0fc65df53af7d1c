package org.gmmharness.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.LinearAlgebraProvider;
import org.junit.jupiter.api.Test;

/** The EJML provider as found by {@link java.util.ServiceLoader} through {@link Backends}. */
class EjmlProviderTest {

    @Test
    void createByNameGoesThroughServiceLoader() {
        LinearAlgebra<?> la = Backends.create("ejml");
        assertInstanceOf(EjmlLinearAlgebra.class, la);
        assertEquals("ejml", la.name());
    }

    @Test
    void createIsCaseInsensitive() {
        assertInstanceOf(EjmlLinearAlgebra.class, Backends.create("EJML"));
        assertInstanceOf(EjmlLinearAlgebra.class, Backends.create(" Ejml "));
    }

    @Test
    void eachCreateReturnsANewInstance() {
        assertNotSame(Backends.create("ejml"), Backends.create("ejml"));
    }

    @Test
    void ejmlIsRegisteredAndAvailable() {
        assertTrue(Backends.availableNames().contains("ejml"), Backends.availableNames().toString());
        assertTrue(Backends.providers().stream().anyMatch(p -> p instanceof EjmlProvider));
    }

    @Test
    void unknownNameListsEjml() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.create("nope"));
        assertTrue(e.getMessage().contains("Unknown backend 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("ejml"), e.getMessage());
    }

    @Test
    void isTheDefaultWhenItIsTheOnlyBackend() {
        // This module's test class path holds core and EJML only.
        assertInstanceOf(EjmlLinearAlgebra.class, Backends.createDefault());
    }

    @Test
    void providerDescribesItself() {
        LinearAlgebraProvider p = new EjmlProvider();
        assertEquals("ejml", p.name());
        assertEquals(10, p.priority());
        assertTrue(p.isAvailable());
        assertEquals("", p.unavailableReason());
        assertInstanceOf(EjmlLinearAlgebra.class, p.create());
    }
}
