package dev.llamakit.pipelines.code;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The licence of a checked-out repository: the SPDX id of the first of its root files named {@code LICENSE},
 * {@code LICENCE}, {@code COPYING} (any case, any extension such as {@code .md} or {@code .txt}; sorted by name)
 * that {@link LicenceTable} recognises. Looked up once per root and worker, then cached.
 */
public final class RepoLicences {
  private static final ConcurrentHashMap<Path, Optional<String>> CACHE = new ConcurrentHashMap<>();
  private static final long MAX_LICENCE_BYTES = 1 << 20;

  private RepoLicences() {}

  /** The SPDX id of the repository at {@code root}, or null when it has no recognised licence file. */
  public static String of(Path root) {
    return CACHE.computeIfAbsent(root.toAbsolutePath().normalize(), RepoLicences::detect).orElse(null);
  }

  private static Optional<String> detect(Path root) {
    List<Path> candidates;
    try (Stream<Path> s = Files.list(root)) {
      candidates = s.filter(Files::isRegularFile).filter(p -> isLicenceName(p.getFileName().toString())).sorted()
          .toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    for (Path p : candidates) {
      try {
        if (Files.size(p) > MAX_LICENCE_BYTES) {
          continue;
        }
        String id = LicenceTable.standard().detect(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        if (id != null) {
          return Optional.of(id);
        }
      } catch (IOException e) {
        // an unreadable licence file names no licence; the file itself is read (and reported) as a record
      }
    }
    return Optional.empty();
  }

  /** {@code LICENSE}, {@code LICENCE}, {@code COPYING}, with or without an extension, any case. */
  public static boolean isLicenceName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    int dot = n.indexOf('.');
    String stem = dot < 0 ? n : n.substring(0, dot);
    return stem.equals("license") || stem.equals("licence") || stem.equals("copying");
  }
}
