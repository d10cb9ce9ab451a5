package dev.llamakit.serve.web;

import com.sun.net.httpserver.HttpExchange;
import dev.llamakit.serve.http.Endpoint;
import dev.llamakit.serve.http.Exchanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /}: the chat page, one static resource ({@code dev/llamakit/serve/web/chat.html}, plain HTML and JS, no
 * build step), read once at start-up. It is open without the API key (it holds no data; the page asks for the key
 * and sends it on its API calls).
 */
public final class ChatPage implements Endpoint {
  /** The route. */
  public static final String PATH = "/";
  static final String RESOURCE = "chat.html";
  private final byte[] html;

  public ChatPage() {
    try (InputStream in = ChatPage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource dev/llamakit/serve/web/" + RESOURCE + " is missing");
      }
      html = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource dev/llamakit/serve/web/" + RESOURCE, e);
    }
  }

  @Override
  public void handle(HttpExchange ex, String rid) throws IOException {
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.getResponseHeaders().set("Content-Security-Policy",
        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'");
    Exchanges.send(ex, 200, "text/html; charset=utf-8", html);
  }
}
