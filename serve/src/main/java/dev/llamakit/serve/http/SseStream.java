package dev.llamakit.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A server-sent-events response: {@code data: <json>\n\n} per event, flushed at once, ending with
 * {@code data: [DONE]} as OpenAI streams end. A write that fails means the client went away: {@link #send} then
 * returns false and every later send does nothing, so the caller can stop generating.
 */
public final class SseStream implements AutoCloseable {
  private final OutputStream out;
  private boolean gone;

  private SseStream(OutputStream out) {
    this.out = out;
  }

  /** Sends the 200 headers of an event stream; a client already gone gives a stream that is {@link #clientGone}. */
  public static SseStream open(HttpExchange ex) {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    SseStream s = new SseStream(ex.getResponseBody());
    try {
      ex.sendResponseHeaders(200, 0);
    } catch (IOException e) {
      s.gone = true;
    }
    return s;
  }

  /** Sends one event; false when the client is gone. */
  public boolean send(JsonNode event) {
    return write("data: " + event.toString() + "\n\n");
  }

  /** Sends the closing {@code [DONE]} event. */
  public boolean done() {
    return write("data: [DONE]\n\n");
  }

  /** True once a write failed. */
  public boolean clientGone() {
    return gone;
  }

  private boolean write(String s) {
    if (gone) {
      return false;
    }
    try {
      out.write(Exchanges.utf8(s));
      out.flush();
      return true;
    } catch (IOException e) {
      gone = true;
      return false;
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      gone = true;
    }
  }
}
