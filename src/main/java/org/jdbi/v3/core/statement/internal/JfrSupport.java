package org.jdbi.v3.core.statement.internal;

/**
 * Takes the place of Jdbi's own class of this name (ours is first on every class path: the jar's manifest, the
 * launchers' class path, the tests' classes folder). Jdbi's registers a flight-recorder event type for its statements
 * the first time any statement runs, when the runtime has the jdk.jfr module, and has no switch to turn that off;
 * registering initialises the recorder's whole metadata repository, a large share of the CPU a registry's opening
 * costs (ADR 27). The runtime keeps jdk.jfr, which the Parquet reader needs, and nothing here ever records Jdbi's
 * statement events. The same methods as Jdbi's: {@code JdbiFlightRecorderTest} compares them with the jar's.
 */
public final class JfrSupport {

    private JfrSupport() {
    }

    /** As if the runtime had no flight recorder: Jdbi's statements carry no event. */
    public static boolean isJfrAvailable() {
        return false;
    }

    /** As {@link #isJfrAvailable()}. */
    public static boolean isFlightRecorderAvailable() {
        return false;
    }

    /** The event a statement carries when no recorder is there: one that never commits. */
    public static OptionalEvent newStatementEvent() {
        return new NoStatementEvent();
    }
}
