package io.mlci.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on loopback that accepts every connection and then never answers — or, with
 * {@link #trickling()}, sends HTTP response headers and then one body byte every 100 ms for ever:
 * the two ways a remote can hang a transfer.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final boolean trickle;

    private SilentServer(boolean trickle) throws IOException {
        this.trickle = trickle;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptForever, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SilentServer silent() throws IOException {
        return new SilentServer(false);
    }

    public static SilentServer trickling() throws IOException {
        return new SilentServer(true);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** How many connections were accepted: a retried request opens another. */
    public int connections() {
        return accepted.size();
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.add(client);
                if (trickle) {
                    Thread writer = new Thread(() -> trickle(client), "silent-server-trickle");
                    writer.setDaemon(true);
                    writer.start();
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void trickle(Socket client) {
        try {
            OutputStream out = client.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up, as it should
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket client : accepted) {
            client.close();
        }
    }
}
