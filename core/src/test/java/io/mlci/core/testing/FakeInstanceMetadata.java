package io.mlci.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the EC2 instance metadata service, which exists only on EC2: a loopback HTTP
 * server speaking IMDSv2. A session token is handed out only for a PUT to
 * {@code /latest/api/token} carrying {@code X-aws-ec2-metadata-token-ttl-seconds}; every
 * {@code /latest/meta-data/...} GET must carry that token in {@code X-aws-ec2-metadata-token},
 * else it gets 401, as on EC2 with IMDSv1 turned off.
 */
public final class FakeInstanceMetadata implements AutoCloseable {

    private final HttpServer server;
    private final String token = UUID.randomUUID().toString();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** @param items meta-data item -> value, e.g. {@code instance-type -> g5.xlarge} */
    public FakeInstanceMetadata(Map<String, String> items) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/latest/api/token", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (!exchange.getRequestMethod().equals("PUT")) {
                respond(exchange, 405, "");
            } else if (exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds") == null) {
                respond(exchange, 400, "");
            } else {
                respond(exchange, 200, token);
            }
        });
        server.createContext("/latest/meta-data/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String item = exchange.getRequestURI().getPath().substring("/latest/meta-data/".length());
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"))) {
                respond(exchange, 401, "");
            } else if (!items.containsKey(item)) {
                respond(exchange, 404, "");
            } else {
                respond(exchange, 200, items.get(item));
            }
        });
        server.start();
    }

    /** The value for {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The variables that point mlci at this server, with a time limit a busy test machine meets
     * (the real service answers in milliseconds; the default limit is kept short for that).
     */
    public java.util.Map<String, String> environment() {
        return java.util.Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint(), "AWS_METADATA_SERVICE_TIMEOUT", "10");
    }

    /** "METHOD path" of every request, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
