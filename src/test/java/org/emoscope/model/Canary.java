package org.emoscope.model;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Classes a crafted model file names in its configuration. Loading one sets its flag here (its static initialiser
 * runs when Jackson resolves the name, before anything checks what the class is), so a test can tell whether a name
 * got as far as the class loader; reading the flags does not load the classes.
 */
final class Canary {

    /** Set when {@link Refused} is initialised. */
    static final AtomicBoolean REFUSED_LOADED = new AtomicBoolean();
    /** Set when {@link GivenToDl4j} is initialised. */
    static final AtomicBoolean DL4J_LOADED = new AtomicBoolean();

    private Canary() {
    }

    /** Named by the bundles that {@link ModelBundle#load} must refuse. */
    static final class Refused {
        static {
            REFUSED_LOADED.set(true);
        }
    }

    /** Named in a configuration given to DL4J directly, to show what the check prevents. */
    static final class GivenToDl4j {
        static {
            DL4J_LOADED.set(true);
        }
    }
}
