package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * A step of the {@link Item} stream: drops pass through untouched; each document goes to {@link #process(Document,
 * DoFn.OutputReceiver)}, which emits the document (changed or not) or {@link Routes#drop its drop}.
 */
abstract class DocumentStep extends DoFn<Item, Item> {
  @ProcessElement
  public final void processItem(@Element Item item, OutputReceiver<Item> out) {
    if (item.isDrop()) {
      out.output(item);
    } else {
      process(item.document(), out);
    }
  }

  /** Handles one document. */
  abstract void process(Document d, OutputReceiver<Item> out);
}
