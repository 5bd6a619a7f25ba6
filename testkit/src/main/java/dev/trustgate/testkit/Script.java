package dev.trustgate.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The answers a fake gives its next sends, in order; a send with nothing scripted is accepted. */
final class Script {

    /** What the next send meets. */
    enum Kind { ACCEPT, REFUSE, RATE_LIMIT, FAIL, HANG }

    record Answer(Kind kind, int status, int retryAfterSeconds) {
    }

    private final Deque<Answer> answers = new ArrayDeque<>();
    private final CountDownLatch released = new CountDownLatch(1);

    synchronized void add(Answer answer) {
        answers.addLast(answer);
    }

    synchronized Answer next() {
        return answers.isEmpty() ? new Answer(Kind.ACCEPT, 200, 0) : answers.removeFirst();
    }

    /** Holds a hanging request until the fake closes (at most 30 s). */
    void hang() throws InterruptedException {
        released.await(30, TimeUnit.SECONDS);
    }

    void release() {
        released.countDown();
    }
}
