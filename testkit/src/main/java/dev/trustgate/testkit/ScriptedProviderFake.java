package dev.trustgate.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What every {@link ProviderFake} shares: the loopback server, the script of what the next sends meet, and the
 * record of every send. A provider's fake adds its routes and says how its provider words a refusal, a rate
 * limit and a failure; an accepted send is answered by the route itself.
 *
 * @param <F> the fake itself, so that scripting chains keep its own type
 */
public abstract class ScriptedProviderFake<F extends ScriptedProviderFake<F>> implements ProviderFake {

    protected final ObjectMapper json = new ObjectMapper();
    private final Script script = new Script();
    private final List<Received> sends = new CopyOnWriteArrayList<>();
    private Javalin server;

    /** Starts the fake on an ephemeral loopback port with the provider's {@code routes}; call it last in the constructor. */
    protected final void serve(Consumer<JavalinConfig> routes) {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            routes.accept(config);
        }).start("127.0.0.1", 0);
    }

    /** Records the send as it arrived, then answers it as scripted: {@code accept} answers an accepted one. */
    protected final void answerSend(Context ctx, Handler accept) throws Exception {
        Map<String, String> headers = new HashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        sends.add(new Received(ctx.method().name(), ctx.path(), headers, ctx.body()));
        Script.Answer answer = script.next();
        switch (answer.kind()) {
            case HANG -> {
                script.hang();
                ctx.status(200).contentType("application/json").result("{}");
            }
            case REFUSE -> refuse(ctx);
            case RATE_LIMIT -> {
                ctx.header("Retry-After", Integer.toString(answer.retryAfterSeconds()));
                rateLimit(ctx);
            }
            case FAIL -> fail(ctx, answer.status());
            case ACCEPT -> accept.handle(ctx);
        }
    }

    /** Answers a bad request (400) in the provider's error shape. */
    protected abstract void refuse(Context ctx);

    /** Answers 429 in the provider's error shape (the {@code Retry-After} header is already set). */
    protected abstract void rateLimit(Context ctx);

    /** Answers {@code status} (5xx) in the provider's error shape. */
    protected abstract void fail(Context ctx, int status);

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public F accepting() {
        script.add(new Script.Answer(Script.Kind.ACCEPT, 200, 0));
        return self();
    }

    @Override
    public F refusing() {
        script.add(new Script.Answer(Script.Kind.REFUSE, 400, 0));
        return self();
    }

    @Override
    public F rateLimiting(int retryAfterSeconds) {
        script.add(new Script.Answer(Script.Kind.RATE_LIMIT, 429, retryAfterSeconds));
        return self();
    }

    @Override
    public F failing(int status) {
        script.add(new Script.Answer(Script.Kind.FAIL, status, 0));
        return self();
    }

    @Override
    public F hanging() {
        script.add(new Script.Answer(Script.Kind.HANG, 0, 0));
        return self();
    }

    @Override
    public List<Received> sends() {
        return List.copyOf(sends);
    }

    @Override
    public void close() {
        script.release();
        server.stop();
    }
}
