package io.mlci.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Assume;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A real headless Chromium driven through chromedriver's W3C WebDriver protocol (plain HTTP and
 * JSON, no client library). Chromium and chromedriver come from Debian's packages; on a machine
 * without them the helper installs them when it may (root with apt-get), and otherwise skips the
 * test saying why.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process driver;
    private final URI base;
    private final String session;

    private HeadlessChromium(Process driver, URI base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    public static HeadlessChromium start() throws Exception {
        ensureInstalled();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(which("chromedriver"), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        waitUntilReady(base, driver);
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", which("chromium"));
        options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
                .add("--disable-background-networking").add("--disable-dev-shm-usage").add("--window-size=1280,900")
                .add("--allow-file-access-from-files");
        ObjectNode body = JSON.createObjectNode();
        body.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome").set("goog:chromeOptions", options);
        JsonNode created = send(base, "POST", "session", body);
        return new HeadlessChromium(driver, base, created.path("value").path("sessionId").asText());
    }

    public void open(Path file) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("url", file.toUri().toString());
        send(base, "POST", "session/" + session + "/url", body);
    }

    /** Runs JavaScript in the page and returns its result. */
    public JsonNode script(String javascript) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", javascript);
        body.putArray("args");
        return send(base, "POST", "session/" + session + "/execute/sync", body).path("value");
    }

    /** Waits until the expression is true in the page. */
    public void waitFor(String expression, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!script("return !!(" + expression + ");").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never got to: " + expression);
            }
            Thread.sleep(50);
        }
    }

    public void screenshot(Path png) throws Exception {
        JsonNode shot = send(base, "GET", "session/" + session + "/screenshot", null);
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(shot.path("value").asText()));
    }

    @Override
    public void close() {
        try {
            send(base, "DELETE", "session/" + session, null);
        } catch (Exception e) {
            // the driver is going away anyway
        }
        driver.destroy();
    }

    private static JsonNode send(URI base, String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed (" + response.statusCode() + "): "
                    + json.path("value").path("message").asText(response.body()));
        }
        return json;
    }

    private static void waitUntilReady(URI base, Process driver) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (!driver.isAlive()) {
                throw new IllegalStateException("chromedriver exited with " + driver.exitValue());
            }
            try {
                if (send(base, "GET", "status", null).path("value").path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromedriver did not become ready");
    }

    private static synchronized void ensureInstalled() throws Exception {
        if (which("chromium") != null && which("chromedriver") != null) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Assume.assumeTrue("headless Chromium is not installed and cannot be installed here (needs root and apt-get): "
                + "apt-get install chromium chromium-driver", root && which("apt-get") != null);
        System.err.println("[test] installing chromium and chromium-driver from Debian for the dashboard test");
        run(List.of("apt-get", "update", "-qq"));
        run(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "chromium-driver"));
        Assume.assumeTrue("chromium or chromedriver still missing after apt-get install",
                which("chromium") != null && which("chromedriver") != null);
    }

    private static void run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        int exit = builder.start().waitFor();
        Assume.assumeTrue(String.join(" ", command) + " failed with " + exit, exit == 0);
    }

    private static String which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
