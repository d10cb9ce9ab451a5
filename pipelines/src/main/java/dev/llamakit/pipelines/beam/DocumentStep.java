package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DocumentCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/** Applies a document DoFn with the two standard outputs ({@link Routes#DOCS}, {@link Routes#DROPS}) and coders. */
final class DocumentStep {
  private DocumentStep() {}

  static PCollectionTuple apply(PCollection<Document> docs, String name, DoFn<Document, Document> fn) {
    return apply(docs, name, ParDo.of(fn));
  }

  static PCollectionTuple apply(PCollection<Document> docs, String name, ParDo.SingleOutput<Document, Document> p) {
    PCollectionTuple out = docs.apply(name, p.withOutputTags(Routes.DOCS, TupleTagList.of(Routes.DROPS)));
    out.get(Routes.DOCS).setCoder(DocumentCoder.of());
    out.get(Routes.DROPS).setCoder(Coders.DropCoder.of());
    return out;
  }
}
