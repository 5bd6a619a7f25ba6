package dev.trustgate.adapters.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before trustgate opens its H2 file after a crash, finds the commits H2's own crash recovery would drop.
 *
 * <p>H2 (2.2 up to at least 2.5.252) writes a commit that lands in reused space of the file and then
 * rewrites the file header naming the chunk <em>before</em> it ({@code FileStore.storeBuffer} sets
 * {@code lastChunk} only after {@code RandomAccessStore.writeChunk} wrote the header). After a crash the
 * quick recovery H2 runs on open follows that header and stops at the older version, although the newer
 * chunks — commits that had returned, webhooks answered 200 — are complete in the file; until the header
 * is rewritten (every 20 versions or so) the newest commits are unreachable that way. H2's full scan (the
 * recovery mode its Recover tool uses) finds them. When it finds a newer version than the quick path, the
 * file is opened that way once and closed cleanly, so its header names the newest chunk and H2's normal
 * open starts from there.
 */
final class H2CrashRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(H2CrashRecovery.class);
    /** The store-header key H2 writes on a clean close (FileStore.HDR_CLEAN, not public). */
    private static final String CLEAN_SHUTDOWN = "clean";

    private H2CrashRecovery() {
    }

    /**
     * Makes H2's next open of {@code file} see every complete commit in it; does nothing for a missing file,
     * one closed cleanly, or one H2's own recovery reads completely. A file H2 cannot read at all (locked,
     * damaged) is left to H2's open to report.
     *
     * @throws StorageStartException when the file holds commits H2 would drop and recovering them failed
     */
    static void recoverNewestCommits(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        String name = file.toString();
        long quick;
        try (MVStore store = new MVStore.Builder().fileName(name).readOnly().open()) {
            if (store.getStoreHeader().containsKey(CLEAN_SHUTDOWN)) {
                return;
            }
            quick = store.getCurrentVersion();
        } catch (RuntimeException e) {
            return;
        }
        long full;
        try (MVStore store = new MVStore.Builder().fileName(name).readOnly().recoveryMode().open()) {
            full = store.getCurrentVersion();
        } catch (RuntimeException e) {
            return;
        }
        if (full <= quick) {
            return;
        }
        try {
            MVStore store = new MVStore.Builder().fileName(name).recoveryMode().autoCommitDisabled().open();
            // no compaction: only the clean header naming the newest chunk is written
            store.close(0);
            long now;
            try (MVStore reopened = new MVStore.Builder().fileName(name).readOnly().open()) {
                now = reopened.getCurrentVersion();
            }
            if (now < full) {
                throw new IllegalStateException("H2 still opens version " + now);
            }
        } catch (RuntimeException e) {
            throw new StorageStartException("the H2 file " + file + " holds commits up to version " + full
                    + " but H2 would open it at version " + quick + ", and recovering them failed: "
                    + JdbiStorage.rootMessage(e), e);
        }
        LOG.warn("H2 file {} was not closed cleanly: recovered versions {} to {}, which H2's own recovery would have dropped",
                file, quick + 1, full);
    }
}
