package dev.llamakit.pipelines.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * A plain HTTP server (or HTTPS, given a TLS context) on the loopback interface serving the files under a folder (GET
 * and HEAD; 404 otherwise).
 */
public final class FileServer implements AutoCloseable {
  private final HttpServer server;
  private final Path root;

  private FileServer(Path root, SSLContext tls) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 0);
    } else {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.createContext("/", this::serve);
    server.start();
  }

  public static FileServer serving(Path root) throws IOException {
    return new FileServer(root, null);
  }

  public static FileServer servingTls(Path root, SSLContext tls) throws IOException {
    return new FileServer(root, tls);
  }

  /** {@code http://127.0.0.1:<port>} (or https) */
  public String url() {
    return (server instanceof HttpsServer ? "https://" : "http://") + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
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
