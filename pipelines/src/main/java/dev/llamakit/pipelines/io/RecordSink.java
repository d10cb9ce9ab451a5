package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;

/** Where a reader puts what it reads: documents, and records it could not turn into documents. */
public interface RecordSink {
  void document(Document d);

  void drop(Drop d);
}
