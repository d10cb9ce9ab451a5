package dev.llamakit.pipelines.io.formats;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.CorpusFormats;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a format read from some bytes: its documents and drops, for assertions. */
final class Collected implements RecordSink {
  final List<Document> docs = new ArrayList<>();
  final List<Drop> drops = new ArrayList<>();
  long metadata;

  @Override
  public void document(Document d) {
    docs.add(d);
  }

  @Override
  public void drop(Drop d) {
    drops.add(d);
  }

  /** Reads {@code bytes} named {@code name} with format {@code format} and its {@code params}. */
  static Collected read(String format, Map<String, ?> params, BadRecordPolicy policy, String name, byte[] bytes)
      throws IOException {
    Collected c = new Collected();
    ReadOptions o = new ReadOptions(false, "text", "id", "url", policy, false, Map.copyOf(params));
    c.metadata = CorpusFormats.standard().create(format, params).reader(o)
        .read(new ByteArrayInputStream(bytes), name, "seg", 3, c);
    return c;
  }
}
