package dev.trustgate.application.fakes;

/** A fake store whose whole state can be copied and put back, so a failed transaction leaves no trace. */
public interface InMemoryState {

    Object snapshot();

    void restore(Object snapshot);
}
