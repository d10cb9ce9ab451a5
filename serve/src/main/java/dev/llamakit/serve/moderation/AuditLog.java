package dev.llamakit.serve.moderation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.policy.Category;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The moderation audit log: one JSON line per moderated request, appended and flushed as it is decided — time,
 * request id, endpoint, decision ({@code allow} / {@code block}), the stage that blocked, the categories named, every
 * shield's decision, score, per-category scores and latency. The checked text is never written unless the log was
 * opened with {@code withText}.
 *
 * <pre>{@code
 * try (AuditLog log = AuditLog.open(Path.of("audit.jsonl"), false)) {
 *   log.record("chatcmpl-1", "/v1/chat/completions", true, "NONE", results, null);
 * }
 * }</pre>
 */
public final class AuditLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;
  private final boolean withText;

  private AuditLog(BufferedWriter out, boolean withText) {
    this.out = out;
    this.withText = withText;
  }

  /** Opens (appends to) {@code file}; {@code withText} also records the checked text. */
  public static AuditLog open(Path file, boolean withText) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new AuditLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND), withText);
  }

  /** Appends one decision. {@code text} is written only when the log records text. */
  public synchronized void record(String requestId, String endpoint, boolean allowed, String stage,
      List<ShieldResult> results, String text) {
    ObjectNode o = JSON.createObjectNode();
    o.put("time", Instant.now().toString());
    o.put("request_id", requestId);
    o.put("endpoint", endpoint);
    o.put("decision", allowed ? "allow" : "block");
    o.put("stage", stage);
    Set<String> cats = new LinkedHashSet<>();
    long micros = 0;
    ArrayNode shields = JSON.createArrayNode();
    for (ShieldResult r : results) {
      ObjectNode s = shields.addObject();
      s.put("shield", r.shieldId());
      s.put("decision", r.decision().name());
      s.put("score", r.score());
      ArrayNode c = s.putArray("categories");
      for (Category k : r.categories()) {
        c.add(k.code());
        if (r.decision().blocks()) {
          cats.add(k.code());
        }
      }
      ObjectNode cs = s.putObject("category_scores");
      r.categoryScores().forEach(cs::put);
      s.put("latency_ms", r.latency().toNanos() / 1e6);
      if (!r.detail().isEmpty()) {
        s.put("detail", r.detail());
      }
      micros += r.latency().toNanos() / 1000;
    }
    ArrayNode c = o.putArray("categories");
    cats.forEach(c::add);
    o.put("shield_latency_ms", micros / 1e3);
    o.set("shields", shields);
    if (withText && text != null) {
      o.put("text", text);
    }
    try {
      out.write(o.toString());
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit log", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
