package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The contract a corpus reader keeps on any input, checked by the fuzz tests: under {@code skip} it never throws and
 * every record ends as exactly one document or drop (or warcinfo) — ids distinct, none beyond the records counted,
 * so read = written + Σ drops holds for what the file held; under {@code fail} it gives the same documents when
 * {@code skip} dropped nothing, and otherwise a {@link BadRecordException} naming the file and the first bad record.
 */
final class ReaderContract {
  /**
   * One reader under test: reads {@code in} named {@code name}; returns the record count, the warcinfo count and the
   * bound record ids stay below (the record count where ids are record indices, as in WET).
   */
  interface Reader {
    long[] read(ReadOptions options, InputStream in, String name, RecordSink sink) throws IOException;
  }

  private ReaderContract() {}

  static void check(Reader reader, Path file) throws IOException {
    String name = file.getFileName().toString();
    CollectingSink skip = new CollectingSink();
    long[] counts;
    try (InputStream in = Files.newInputStream(file)) {
      counts = reader.read(ReadOptions.defaults(), in, name, skip);
    }
    long records = counts[0];
    long warcinfo = counts[1];
    long idBound = counts[2];
    if (skip.docs.size() + skip.drops.size() + warcinfo != records) {
      throw new AssertionError(name + ": " + records + " records but " + skip.docs.size() + " documents + "
          + skip.drops.size() + " drops + " + warcinfo + " warcinfo");
    }
    Set<String> ids = new HashSet<>();
    for (Document d : skip.docs) {
      checkId(ids, d.id(), name, idBound);
    }
    for (Drop d : skip.drops) {
      checkId(ids, d.id(), name, idBound);
      if (d.reason() == null || d.detail() == null || d.detail().isBlank()) {
        throw new AssertionError(name + ": a drop without reason or detail: " + d);
      }
    }
    CollectingSink fail = new CollectingSink();
    try (InputStream in = Files.newInputStream(file)) {
      reader.read(new ReadOptions(true, "text", "id", "url", BadRecordPolicy.FAIL), in, name, fail);
    } catch (BadRecordException e) {
      Drop first = skip.drops.isEmpty() ? null : skip.drops.getFirst();
      if (first == null || !e.getMessage().startsWith(first.id() + ": " + first.reason() + ": ")) {
        throw new AssertionError(name + ": fail policy says '" + e.getMessage() + "', skip's first drop is " + first);
      }
      throw e;
    }
    if (!skip.drops.isEmpty() || !fail.docs.equals(skip.docs)) {
      throw new AssertionError(name + ": fail policy accepted what skip dropped: " + skip.drops);
    }
  }

  private static void checkId(Set<String> ids, String id, String name, long bound) {
    if (!ids.add(id)) {
      throw new AssertionError(name + ": record " + id + " counted twice");
    }
    int hash = id.lastIndexOf('#');
    if (!id.substring(0, hash).equals(name)) {
      throw new AssertionError(name + ": record id " + id + " does not name the file");
    }
    long index = Long.parseLong(id.substring(hash + 1));
    if (index < 0 || index >= bound) {
      throw new AssertionError(name + ": record id " + id + " beyond the " + bound + " records counted");
    }
  }
}
