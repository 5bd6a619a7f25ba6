package dev.trustgate.adapters.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook endpoints that misbehave at the socket level, as a broken or hostile tenant's would: a
 * blackhole accepts connections and never answers; a trickler answers its headers at once and then
 * sends its body one byte a second.
 */
public final class StalledEndpoints {

    private StalledEndpoints() {
    }

    /** Accepts every connection and never reads or writes a byte. */
    public static final class Blackhole implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        public Blackhole() throws IOException {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "blackhole");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public int accepted() {
            return held.size();
        }

        public String url(String path) {
            return "http://127.0.0.1:" + server.getLocalPort() + path;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** Reads a request's headers, answers {@code 200} with a 1000-byte body, and sends that body one byte a second. */
    public static final class Trickler implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final AtomicInteger answering = new AtomicInteger();
        private final ScheduledExecutorService bytes = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "trickler");
            thread.setDaemon(true);
            return thread;
        });

        public Trickler() throws IOException {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        held.add(socket);
                        bytes.execute(() -> answer(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "trickler-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void answer(Socket socket) {
            try {
                InputStream in = socket.getInputStream();
                int matched = 0;
                byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                while (matched < end.length) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
                }
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                answering.incrementAndGet();
                bytes.scheduleAtFixedRate(() -> {
                    try {
                        out.write('.');
                        out.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException("the client hung up", e);
                    }
                }, 1, 1, TimeUnit.SECONDS);
            } catch (IOException e) {
                // the client hung up: nothing more to trickle
            }
        }

        /** Requests whose headers were answered and whose body is trickling. */
        public int answering() {
            return answering.get();
        }

        public String url(String path) {
            return "http://127.0.0.1:" + server.getLocalPort() + path;
        }

        @Override
        public void close() throws IOException {
            bytes.shutdownNow();
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
