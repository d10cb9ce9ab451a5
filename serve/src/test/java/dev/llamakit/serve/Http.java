package dev.llamakit.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test client over loopback: the JDK's HttpClient, JSON bodies, and an SSE parser. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final String base;
  final String apiKey;

  Http(Server s, String apiKey) {
    this.base = "http://127.0.0.1:" + s.port();
    this.apiKey = apiKey;
  }

  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return b;
  }

  Response get(String path) throws Exception {
    HttpResponse<String> r = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }

  Response post(String path, String body) throws Exception {
    HttpResponse<String> r = client.send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }

  Response post(String path, JsonNode body) throws Exception {
    return post(path, body.toString());
  }

  /** POSTs and parses the server-sent events: every {@code data:} payload in order ({@code [DONE]} as text). */
  List<String> events(String path, JsonNode body) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> r = client.send(request(path)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      throw new AssertionError("stream answered " + r.statusCode());
    }
    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      throw new AssertionError("not an event stream: " + r.headers().map());
    }
    List<String> data = new ArrayList<>();
    List<String> lines = r.body().toList();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("data: ")) {
        data.add(l.substring("data: ".length()));
        if (i + 1 < lines.size() && !lines.get(i + 1).isEmpty()) {
          throw new AssertionError("an event must end with a blank line: " + lines);
        }
      } else if (!l.isEmpty()) {
        throw new AssertionError("unexpected SSE line: " + l);
      }
    }
    return data;
  }
}
