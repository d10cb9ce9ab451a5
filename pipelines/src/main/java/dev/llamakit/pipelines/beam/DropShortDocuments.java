package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.text.PyText;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Step 2: cc_net's read-time length rule — documents whose {@code raw_content} has fewer than {@code min} code points
 * (cc_net: 300) are dropped as {@code TOO_SHORT}; ones over {@code max} as {@code TOO_LONG}.
 */
public final class DropShortDocuments extends PTransform<PCollection<Document>, PCollectionTuple> {
  private final int min;
  private final long max;

  private DropShortDocuments(int min, long max) {
    this.min = min;
    this.max = max;
  }

  public static DropShortDocuments within(int min, long max) {
    return new DropShortDocuments(min, max);
  }

  @Override
  public PCollectionTuple expand(PCollection<Document> docs) {
    return DocumentStep.apply(docs, "CheckLength", new LengthFn(min, max));
  }

  static final class LengthFn extends DoFn<Document, Document> {
    private final int min;
    private final long max;

    LengthFn(int min, long max) {
      this.min = min;
      this.max = max;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Document d = c.element();
      int len = PyText.len(d.rawContent());
      if (len < min) {
        Routes.drop(c, new Drop(d.id(), d.url(), DropReason.TOO_SHORT, len + " < " + min + " characters"));
      } else if (len > max) {
        Routes.drop(c, new Drop(d.id(), d.url(), DropReason.TOO_LONG, len + " > " + max + " characters"));
      } else {
        c.output(d);
      }
    }
  }
}
