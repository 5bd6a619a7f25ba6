package dev.trustgate.adapters.whatsapp;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A small Graph API on a real socket: records every request and answers with scripted responses. */
final class FakeGraphApi implements AutoCloseable {

    /** A request as the fake received it. */
    record Received(String method, String path, String authorization, String contentType, String body) {
    }

    /** What to answer; {@code hang} keeps the request open until the fake closes. */
    record Answer(int status, String body, String retryAfter, boolean hang) {
        static Answer ok(String body) {
            return new Answer(200, body, null, false);
        }

        static Answer status(int status, String body) {
            return new Answer(status, body, null, false);
        }
    }

    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Javalin server;

    FakeGraphApi() {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/{version}/{phoneNumberId}/{edge}", this::answer);
        }).start("127.0.0.1", 0);
    }

    private void answer(Context ctx) throws InterruptedException {
        received.add(new Received("POST", ctx.path(), ctx.header("Authorization"), ctx.header("Content-Type"), ctx.body()));
        Answer answer;
        synchronized (script) {
            answer = script.isEmpty() ? Answer.status(500, "{\"error\":{\"message\":\"no scripted answer\",\"code\":1}}")
                    : script.removeFirst();
        }
        if (answer.hang()) {
            released.await(30, TimeUnit.SECONDS);
        }
        if (answer.retryAfter() != null) {
            ctx.header("Retry-After", answer.retryAfter());
        }
        ctx.status(answer.status()).contentType("application/json").result(answer.body());
    }

    FakeGraphApi then(Answer answer) {
        synchronized (script) {
            script.addLast(answer);
        }
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop();
    }
}
