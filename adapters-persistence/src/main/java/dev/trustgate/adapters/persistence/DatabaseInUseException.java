package dev.trustgate.adapters.persistence;

/**
 * The embedded H2 file is open in another process (a running trustgate, or a trustgate command): H2 lets
 * one process use a file at a time. Commands that find it so can turn to the running server instead.
 */
public final class DatabaseInUseException extends StorageStartException {

    private static final long serialVersionUID = 1L;

    private final String database;

    public DatabaseInUseException(String database, Throwable cause) {
        super("cannot open the database at " + database + ": another process has it open (an H2 file is used by one trustgate "
                + "process at a time)", cause);
        this.database = database;
    }

    /** The database's URL without settings or password, as an operator would name it. */
    public String database() {
        return database;
    }
}
