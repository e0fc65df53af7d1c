package org.gmmharness.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link LinearAlgebraProvider} as {@link Backends} finds it through
 * {@link java.util.ServiceLoader}, on a test class path that holds core and this one backend:
 * registered and available under its lower-case name, found by that name in any case and with
 * surrounding blanks, a new instance per {@code create}, named when an unknown name is asked for,
 * the default when it is the only backend, and describing itself. Every backend subclasses it (it
 * is published in core's test-jar).
 */
public abstract class ProviderContract {

    /** @return a new instance of the provider under test, as {@link java.util.ServiceLoader} makes it */
    protected abstract LinearAlgebraProvider provider();

    /** @return the backend's name, as users select it */
    protected abstract String name();

    /** @return the provider's priority among available backends */
    protected abstract int priority();

    /** @return the class of the backend the provider creates */
    protected abstract Class<?> backendClass();

    @Test
    void createByNameGoesThroughServiceLoader() {
        LinearAlgebra<?> la = Backends.create(name());
        assertInstanceOf(backendClass(), la);
        assertEquals(name(), la.name());
    }

    @Test
    void createIsCaseInsensitiveAndIgnoresSurroundingBlanks() {
        assertInstanceOf(backendClass(), Backends.create(name().toUpperCase(Locale.ROOT)));
        String mixed = Character.toUpperCase(name().charAt(0)) + name().substring(1);
        assertInstanceOf(backendClass(), Backends.create(" " + mixed + " "));
    }

    @Test
    void saysWhetherItsProductsAreTunedAsItsBackendDoes() {
        assertEquals(Backends.create(name()).tunedProducts(), provider().tunedProducts());
    }

    @Test
    void eachCreateReturnsANewInstance() {
        assertNotSame(Backends.create(name()), Backends.create(name()));
    }

    @Test
    void isRegisteredAndAvailable() {
        assertTrue(Backends.availableNames().contains(name()),
                Backends.availableNames() + ": " + provider().unavailableReason());
        Class<?> providerClass = provider().getClass();
        assertTrue(Backends.providers().stream().anyMatch(providerClass::isInstance));
    }

    @Test
    void anUnknownNameIsRefusedWithTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.create("nope"));
        assertTrue(e.getMessage().contains("Unknown backend 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains(name()), e.getMessage());
    }

    @Test
    void isTheDefaultWhenItIsTheOnlyBackend() {
        assertInstanceOf(backendClass(), Backends.createDefault());
    }

    @Test
    void providerDescribesItself() {
        LinearAlgebraProvider p = provider();
        assertEquals(name(), p.name());
        assertEquals(priority(), p.priority());
        assertTrue(p.isAvailable());
        assertEquals("", p.unavailableReason());
        assertInstanceOf(backendClass(), p.create());
    }
}
