package org.gmmharness.backend.commonsmath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gmmharness.linalg.Backends;
import org.gmmharness.linalg.LinearAlgebra;
import org.gmmharness.linalg.LinearAlgebraProvider;
import org.junit.jupiter.api.Test;

/** The Commons Math provider as found by {@link java.util.ServiceLoader} through {@link Backends}. */
class CommonsMathProviderTest {

    @Test
    void createByNameGoesThroughServiceLoader() {
        LinearAlgebra<?> la = Backends.create("commons-math");
        assertInstanceOf(CommonsMathLinearAlgebra.class, la);
        assertEquals("commons-math", la.name());
    }

    @Test
    void createIsCaseInsensitive() {
        assertInstanceOf(CommonsMathLinearAlgebra.class, Backends.create("COMMONS-MATH"));
        assertInstanceOf(CommonsMathLinearAlgebra.class, Backends.create(" Commons-Math "));
    }

    @Test
    void eachCreateReturnsANewInstance() {
        assertNotSame(Backends.create("commons-math"), Backends.create("commons-math"));
    }

    @Test
    void commonsMathIsRegisteredAndAvailable() {
        assertTrue(Backends.availableNames().contains("commons-math"), Backends.availableNames().toString());
        assertTrue(Backends.providers().stream().anyMatch(p -> p instanceof CommonsMathProvider));
    }

    @Test
    void unknownNameListsCommonsMath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.create("nope"));
        assertTrue(e.getMessage().contains("Unknown backend 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("commons-math"), e.getMessage());
    }

    @Test
    void isTheDefaultWhenItIsTheOnlyBackend() {
        // This module's test class path holds core and Commons Math only.
        assertInstanceOf(CommonsMathLinearAlgebra.class, Backends.createDefault());
    }

    @Test
    void providerDescribesItself() {
        LinearAlgebraProvider p = new CommonsMathProvider();
        assertEquals("commons-math", p.name());
        assertEquals(5, p.priority());
        assertTrue(p.isAvailable());
        assertEquals("", p.unavailableReason());
        assertInstanceOf(CommonsMathLinearAlgebra.class, p.create());
    }
}
