package io.mlci.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of a test server that injects the failures real object stores produce:
 * 500 Internal Error, 503 SlowDown, and connections dropped half-way through a response body.
 * Every {@code period}-th request fails, cycling through the three kinds, so retries of the same
 * request eventually get through. The upstream must not check signatures (the Host changes).
 *
 * <p>{@link #droppingConditionalPutResponses} makes instead a proxy that forwards every request
 * but, for the first conditional PUTs ({@code If-None-Match}) the server accepted, drops the
 * connection instead of passing the success on: the write happened, the client never hears so.
 */
public final class FaultyHttpProxy implements AutoCloseable {

    public enum Fault { INTERNAL_ERROR, SLOW_DOWN, DROPPED_CONNECTION }

    private static final Set<String> UNFORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "date");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI upstream;
    private final int period;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger conditionalPutsToDrop = new AtomicInteger();
    private final AtomicInteger droppedResponses = new AtomicInteger();
    private final Map<Fault, AtomicInteger> injected = Map.of(
            Fault.INTERNAL_ERROR, new AtomicInteger(), Fault.SLOW_DOWN, new AtomicInteger(),
            Fault.DROPPED_CONNECTION, new AtomicInteger());

    public FaultyHttpProxy(URI upstream, int period) throws IOException {
        this.upstream = upstream;
        this.period = period;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Forwards everything, dropping the responses of the first {@code count} successful conditional PUTs. */
    public static FaultyHttpProxy droppingConditionalPutResponses(URI upstream, int count) throws IOException {
        FaultyHttpProxy proxy = new FaultyHttpProxy(upstream, Integer.MAX_VALUE);
        proxy.conditionalPutsToDrop.set(count);
        return proxy;
    }

    /** How many successful conditional PUTs had their response dropped. */
    public int droppedResponses() {
        return droppedResponses.get();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int injected(Fault fault) {
        return injected.get(fault).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int n = requests.incrementAndGet();
            Fault fault = n % period == 0 ? Fault.values()[(n / period) % Fault.values().length] : null;
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (fault == Fault.INTERNAL_ERROR) {
                injected.get(fault).incrementAndGet();
                sendError(exchange, 500, "InternalError", "We encountered an internal error. Please try again.");
                return;
            }
            if (fault == Fault.SLOW_DOWN) {
                injected.get(fault).incrementAndGet();
                sendError(exchange, 503, "SlowDown", "Please reduce your request rate.");
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            if (exchange.getRequestMethod().equals("PUT") && exchange.getRequestHeaders().containsKey("If-None-Match")
                    && response.statusCode() == 200 && conditionalPutsToDrop.getAndDecrement() > 0) {
                droppedResponses.incrementAndGet();
                return; // closing the exchange before any response header drops the connection
            }
            response.headers().map().forEach((name, values) -> {
                if (!UNFORWARDED.contains(name.toLowerCase())) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] payload = response.body();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (head) {
                response.headers().firstValue("content-length")
                        .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
                exchange.sendResponseHeaders(response.statusCode(), -1);
                return;
            }
            exchange.sendResponseHeaders(response.statusCode(), payload.length == 0 ? -1 : payload.length);
            if (payload.length == 0) {
                return;
            }
            OutputStream out = exchange.getResponseBody();
            if (fault == Fault.DROPPED_CONNECTION && payload.length > 1 && exchange.getRequestMethod().equals("GET")) {
                injected.get(fault).incrementAndGet();
                out.write(payload, 0, payload.length / 2);
                out.flush();
                // Closing the exchange with bytes missing makes the server drop the connection.
                return;
            }
            out.write(payload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!UNFORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : xml.length);
        if (!head) {
            exchange.getResponseBody().write(xml);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
