package io.github.eiaoutages.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes the README's screenshots of pages behind the management login (Hawtio): headless Chromium driven over
 * the DevTools protocol, which can send the Basic credentials with every request of the page - a URL with
 * credentials covers only the first one. Usage: BrowserScreenshot url user password out.png [width height wait-ms]
 */
public final class BrowserScreenshot {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserScreenshot() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String authorization = "Basic "
                + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        Path out = Path.of(args[3]);
        int width = args.length > 4 ? Integer.parseInt(args[4]) : 1400;
        int height = args.length > 5 ? Integer.parseInt(args[5]) : 900;
        long waitMillis = args.length > 6 ? Long.parseLong(args[6]) : 8000;
        Path profile = Files.createTempDirectory("chromium-profile-");
        Process chromium = new ProcessBuilder(
                        System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=9333",
                        "--window-size=" + width + "," + height,
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String socket = null;
            for (int i = 0; i < 50 && socket == null; i++) {
                Thread.sleep(200);
                try {
                    for (JsonNode target : JSON.readTree(http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:9333/json"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())) {
                        if ("page".equals(target.path("type").asText())) {
                            socket = target.path("webSocketDebuggerUrl").asText();
                        }
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
            }
            DevTools devtools = new DevTools(http, URI.create(socket));
            devtools.call("Network.enable", Map.of());
            devtools.call("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", authorization)));
            devtools.call("Page.navigate", Map.of("url", url));
            Thread.sleep(waitMillis);
            JsonNode shot = devtools.call("Page.captureScreenshot", Map.of("format", "png"));
            Files.write(
                    out,
                    Base64.getDecoder().decode(shot.path("result").path("data").asText()));
            System.out.println("wrote " + out);
        } finally {
            chromium.destroy();
            chromium.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Request/response over the DevTools WebSocket: one JSON message per call, matched by id. */
    private static final class DevTools implements WebSocket.Listener {
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        DevTools(HttpClient http, URI uri) {
            this.socket = http.newWebSocketBuilder().buildAsync(uri, this).join();
        }

        JsonNode call(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                    .join();
            return answer.get(60, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> answer =
                            message.has("id") ? pending.remove(message.get("id").asInt()) : null;
                    if (answer != null) {
                        answer.complete(message);
                    }
                } catch (Exception e) {
                    // an event we do not wait for
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
