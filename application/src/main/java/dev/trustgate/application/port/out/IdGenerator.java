package dev.trustgate.application.port.out;

/** Unique ids for records trustgate creates; {@code prefix} tells a reader what an id names. */
public interface IdGenerator {

    String newId(String prefix);
}
