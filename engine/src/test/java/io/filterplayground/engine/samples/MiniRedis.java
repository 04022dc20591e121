package io.filterplayground.engine.samples;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real TCP server on loopback speaking enough RESP for the Redis samples: {@code PING}, {@code
 * SET}, {@code GET}, {@code DEL}, {@code FLUSHALL}, as arrays of bulk strings or inline commands.
 * With {@code splitReplies} it writes each simple-string reply in two TCP writes 100 ms apart, so a
 * filter sees the reply arrive in pieces. It closes a connection when the client ends its side.
 */
final class MiniRedis implements AutoCloseable {
    private final ServerSocket server;
    private final boolean splitReplies;
    private final Map<String, String> data = new ConcurrentHashMap<>();
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    MiniRedis(boolean splitReplies) throws IOException {
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.splitReplies = splitReplies;
        this.acceptor = new Thread(this::accept, "mini-redis");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every command name received, upper case, in order. */
    List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "mini-redis-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            List<String> words;
            while ((words = command(in)) != null) {
                if (words.isEmpty()) {
                    continue;
                }
                String name = words.get(0).toUpperCase(Locale.ROOT);
                commands.add(name);
                reply(out, answer(name, words));
            }
        } catch (IOException | InterruptedException e) {
            // The client went away: nothing to answer.
        }
    }

    private String answer(String name, List<String> words) {
        return switch (name) {
            case "PING" -> "+PONG\r\n";
            case "SET" -> {
                data.put(words.get(1), words.get(2));
                yield "+OK\r\n";
            }
            case "GET" -> {
                String v = data.get(words.get(1));
                yield v == null ? "$-1\r\n" : "$" + v.length() + "\r\n" + v + "\r\n";
            }
            case "DEL" -> ":" + (data.remove(words.get(1)) == null ? 0 : 1) + "\r\n";
            case "FLUSHALL" -> {
                data.clear();
                yield "+OK\r\n";
            }
            default -> "-ERR unknown command '" + name + "'\r\n";
        };
    }

    private void reply(OutputStream out, String reply) throws IOException, InterruptedException {
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        if (splitReplies && reply.startsWith("+") && bytes.length > 3) {
            out.write(bytes, 0, 3);
            out.flush();
            Thread.sleep(100);
            out.write(bytes, 3, bytes.length - 3);
        } else {
            out.write(bytes);
        }
        out.flush();
    }

    /** The next command's words; null at the end of the stream. */
    private static List<String> command(InputStream in) throws IOException {
        String first = line(in);
        if (first == null) {
            return null;
        }
        List<String> words = new ArrayList<>();
        if (!first.startsWith("*")) {
            for (String w : first.split(" ")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            return words;
        }
        int count = Integer.parseInt(first.substring(1));
        for (int i = 0; i < count; i++) {
            String head = line(in);
            if (head == null || !head.startsWith("$")) {
                throw new IOException("not a bulk string: " + head);
            }
            byte[] bulk = in.readNBytes(Integer.parseInt(head.substring(1)) + 2);
            words.add(new String(bulk, 0, bulk.length - 2, StandardCharsets.UTF_8));
        }
        return words;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] l = b.toByteArray();
                int n = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
                return new String(l, 0, n, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
