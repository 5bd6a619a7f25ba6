package dev.trustgate.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of the project's documentation, marked {@code <!-- NAME:start -->} … {@code <!-- NAME:end -->}:
 * a bash block is run as a reader runs it, with bash from the repository root and the variables the reader
 * would set; any other (a proxy's configuration) is read as it stands. The tests that use them keep the
 * documentation from rotting.
 */
final class MarkdownScript {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** How a run ended, and everything it printed (stdout and stderr). */
    record Run(int exitCode, String output) {
    }

    private final String name;
    private final String text;

    private MarkdownScript(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** The block {@code name} of {@code markdown} (a path from the repository root). */
    static MarkdownScript of(String markdown, String name) {
        Pattern block = Pattern.compile("<!-- " + Pattern.quote(name) + ":start -->\\s*```[a-z]*\\n(.*?)```\\s*<!-- "
                + Pattern.quote(name) + ":end -->", Pattern.DOTALL);
        try {
            Matcher matcher = block.matcher(Files.readString(ROOT.resolve(markdown)));
            if (!matcher.find()) {
                throw new IllegalStateException(markdown + " has no block marked " + name);
            }
            return new MarkdownScript(name, matcher.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return text;
    }

    /** Runs the block with plain {@code bash} (the block sets its own options) and {@code env}; {@code work} keeps its output. */
    Run run(Path work, Map<String, String> env) {
        try {
            Files.createDirectories(work);
            Path script = work.resolve(name + ".sh");
            Path output = work.resolve(name + "-" + System.nanoTime() + ".out");
            Files.writeString(script, text);
            ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            bash.environment().keySet().removeIf(k -> k.startsWith("TRUSTGATE_") || k.startsWith("WHATSAPP_"));
            bash.environment().putAll(env);
            Process process = bash.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish in 180 s: " + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
