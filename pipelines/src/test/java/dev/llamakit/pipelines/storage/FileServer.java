package dev.llamakit.pipelines.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** A plain HTTP server on the loopback interface serving the files under a folder (GET and HEAD; 404 otherwise). */
public final class FileServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;

  private FileServer(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  public static FileServer serving(Path root) throws IOException {
    return new FileServer(root);
  }

  /** {@code http://127.0.0.1:<port>} */
  public String url() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  private void serve(HttpExchange x) throws IOException {
    try (x) {
      Path f = root.resolve(x.getRequestURI().getPath().substring(1)).normalize();
      boolean head = x.getRequestMethod().equals("HEAD");
      if (!f.startsWith(root) || !Files.isRegularFile(f)
          || !(head || x.getRequestMethod().equals("GET"))) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      long size = Files.size(f);
      if (head) {
        x.getResponseHeaders().set("Content-Length", Long.toString(size));
        x.sendResponseHeaders(200, -1);
        return;
      }
      x.sendResponseHeaders(200, size);
      try (OutputStream o = x.getResponseBody()) {
        Files.copy(f, o);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
