package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what a reader produced, for assertions. */
final class CollectingSink implements RecordSink {
  final List<Document> docs = new ArrayList<>();
  final List<Drop> drops = new ArrayList<>();

  @Override
  public void document(Document d) {
    docs.add(d);
  }

  @Override
  public void drop(Drop d) {
    drops.add(d);
  }
}
