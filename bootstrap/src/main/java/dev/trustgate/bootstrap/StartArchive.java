package dev.trustgate.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the start-up archive beside the jar at package time: a JVM runs {@link StartArchiveTraining} under
 * {@code -XX:ArchiveClassesAtExit}, so {@code java -XX:SharedArchiveFile=trustgate.jsa -jar trustgate.jar} maps the
 * classes a start needs, already parsed and verified, instead of loading them from the jar. The archive appears
 * under its name only once a JVM has used it, so a start never meets a half-written one (the JVM crashes on those);
 * a JVM that cannot record one leaves none, and a start without it is only slower. Run by the build, not by people:
 * {@code StartArchive <jar> <archive>}.
 */
public final class StartArchive {

    private static final long TRAINING_MINUTES = 5;

    private StartArchive() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: StartArchive <trustgate.jar> <archive.jsa>");
        }
        build(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath());
    }

    /**
     * Records the archive for {@code jar} at {@code archive} (absolute paths: the JVM matches the jar by its path).
     *
     * @throws IllegalStateException when the training run fails: the jar cannot start and serve
     */
    static void build(Path jar, Path archive) throws IOException, InterruptedException {
        Path part = archive.resolveSibling(archive.getFileName() + ".part");
        Path data = archive.resolveSibling("start-archive-training");
        Path log = archive.resolveSibling("start-archive-training.log");
        Files.deleteIfExists(archive); // an archive of the previous jar would only make every start warn
        Files.deleteIfExists(part);
        delete(data);
        int trained = run(log, "-XX:ArchiveClassesAtExit=" + part, "-jar", jar.toString(), "start-archive-training",
                "--data", data.toString());
        delete(data);
        if (trained != 0) {
            throw new IllegalStateException("the start-up archive's training run of " + jar + " failed (exit " + trained
                    + "): the jar does not start and serve; see " + log);
        }
        if (!Files.isRegularFile(part)) {
            System.out.println("[trustgate] this JVM recorded no start-up archive (see " + log + "); trustgate starts "
                    + "without it, only slower");
            return;
        }
        Path check = archive.resolveSibling("start-archive-check.log");
        if (run(check, "-Xshare:on", "-XX:SharedArchiveFile=" + part, "-jar", jar.toString(), "--version") != 0) {
            Files.deleteIfExists(part);
            System.out.println("[trustgate] the JVM cannot use the start-up archive it recorded (see " + check
                    + "); trustgate starts without it, only slower");
            return;
        }
        Files.deleteIfExists(check);
        Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs {@code java arguments…} with its output in {@code log}; its exit code (killed after a few minutes). */
    private static int run(Path log, String... arguments) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(java()));
        line.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    /**
     * The {@code java} a person's command runs, the first on the PATH (an archive fits only the JVM that wrote it);
     * without one there, the JVM running this.
     */
    private static String java() {
        String name = System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java";
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, name))) {
                return Path.of(folder, name).toString();
            }
        }
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
