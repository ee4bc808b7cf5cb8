package io.mlci.core.run.env;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the EC2 instance metadata service (IMDSv2: a session token first, then the value) what
 * instance this is. Honours the AWS SDK's variables: {@code AWS_EC2_METADATA_DISABLED=true} turns
 * it off, {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} moves it, {@code AWS_METADATA_SERVICE_TIMEOUT}
 * sets the time limit of each request in seconds. Off EC2 the link-local address does not
 * answer, so the limit is short by default (1 s, the SDK's default).
 */
final class Ec2Metadata {

    private static final String DEFAULT_ENDPOINT = "http://169.254.169.254";
    private static final Duration DEFAULT_LIMIT = Duration.ofSeconds(1);

    private final URI endpoint;
    private final Duration limit;
    private final HttpClient http;

    private Ec2Metadata(URI endpoint, Duration limit) {
        this.endpoint = endpoint;
        this.limit = limit;
        this.http = HttpClient.newBuilder().connectTimeout(limit).build();
    }

    static Optional<Ec2Metadata> from(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("AWS_EC2_METADATA_DISABLED"))) {
            return Optional.empty();
        }
        String endpoint = env.getOrDefault("AWS_EC2_METADATA_SERVICE_ENDPOINT", DEFAULT_ENDPOINT);
        return Optional.of(new Ec2Metadata(URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/"), limit(env)));
    }

    /** A malformed or non-positive limit falls back to the default: the probe is best effort. */
    private static Duration limit(Map<String, String> env) {
        try {
            double seconds = Double.parseDouble(env.getOrDefault("AWS_METADATA_SERVICE_TIMEOUT", "").strip());
            return seconds > 0 && seconds <= 60 ? Duration.ofMillis((long) (seconds * 1000)) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    /** Type, lifecycle and region; empty when not on EC2. */
    Optional<Ec2Instance> instance() {
        try {
            String token = send(HttpRequest.newBuilder(endpoint.resolve("latest/api/token"))
                    .header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                    .PUT(HttpRequest.BodyPublishers.noBody()));
            if (token == null) {
                return Optional.empty();
            }
            String type = get("instance-type", token);
            if (type == null) {
                return Optional.empty();
            }
            return Optional.of(new Ec2Instance(type, get("instance-life-cycle", token), get("placement/region", token)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String get(String item, String token) throws InterruptedException {
        return send(HttpRequest.newBuilder(endpoint.resolve("latest/meta-data/" + item))
                .header("X-aws-ec2-metadata-token", token).GET());
    }

    private String send(HttpRequest.Builder request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request.timeout(limit).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().isBlank() ? response.body().trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
