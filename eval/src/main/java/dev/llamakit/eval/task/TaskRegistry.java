package dev.llamakit.eval.task;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks shipped as resources ({@code dev/llamakit/eval/tasks/index.txt} lists them, one
 * name a line, {@code #} comments; a new task is its JSON file and one line there), by name; an unknown name
 * gets the nearest names as suggestions.
 */
public final class TaskRegistry {
  private static final String ROOT = "/dev/llamakit/eval/tasks/";
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final Map<String, Task> tasks;

  private TaskRegistry(Map<String, Task> tasks) {
    this.tasks = tasks;
  }

  /** The built-in tasks. */
  public static TaskRegistry builtIn() {
    Map<String, Task> tasks = new LinkedHashMap<>();
    for (String name : indexNames()) {
      Task t = load(ROOT + name + ".json");
      if (!t.name().equals(name)) {
        throw new IllegalStateException("task file " + name + ".json declares task '" + t.name() + "'");
      }
      tasks.put(name, t);
    }
    return new TaskRegistry(tasks);
  }

  private static List<String> indexNames() {
    String text = new String(bytes(ROOT + "index.txt"), java.nio.charset.StandardCharsets.UTF_8);
    return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().distinct().toList();
  }

  /** Reads and checks one task file from the class path. */
  public static Task load(String resource) {
    byte[] bytes = bytes(resource);
    try {
      TaskSpec spec = JSON.readValue(bytes, TaskSpec.class);
      return new Task(spec, resource, sha256(bytes));
    } catch (IOException e) {
      throw new IllegalArgumentException("task file " + resource + " is malformed: " + e.getMessage(), e);
    }
  }

  /** Every task name. */
  public List<String> names() {
    return List.copyOf(tasks.keySet());
  }

  /** The task {@code name}; an unknown name is an error listing the nearest names. */
  public Task get(String name) {
    Task t = tasks.get(name);
    if (t == null) {
      throw new IllegalArgumentException("unknown task '" + name + "'" + suggestions(name, tasks.keySet()));
    }
    return t;
  }

  /** Reads a JSON resource of this package's tree (e.g. the MMLU subject table). */
  public static JsonNode readTree(String resource) {
    try {
      return readTree(bytes(resource.startsWith("/") ? resource : ROOT + resource));
    } catch (IOException e) {
      throw new UncheckedIOException("resource " + resource + " is malformed: " + e.getMessage(), e);
    }
  }

  /** "; did you mean: a, b?" for the names closest to {@code name}, or the full list when none is close. */
  public static String suggestions(String name, java.util.Collection<String> known) {
    List<String> near = dev.llamakit.engine.suggest.Suggestions.near(name, known);
    return near.isEmpty() ? "; known: " + String.join(", ", known) : "; did you mean: " + String.join(", ", near) + "?";
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = TaskRegistry.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readTree(byte[] b) throws IOException {
    return JSON.readTree(b);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
