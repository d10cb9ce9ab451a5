package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;

/**
 * One element of a recipe's stream: a document still on its way, or the {@link Drop} that replaced it. Every step
 * passes drops through untouched and works on documents, so each step has a single output and the runner can fuse the
 * steps of a recipe into one task (Flink chains single-output operators; a second output would make every document
 * cross a serialisation boundary after every step). {@link Routes#split()} separates the two at the end.
 */
public record Item(Document document, Drop drop) {
  public Item {
    if ((document == null) == (drop == null)) {
      throw new IllegalArgumentException("an item is a document or a drop, exactly one of them");
    }
  }

  /** A document that goes on. */
  public static Item of(Document d) {
    return new Item(d, null);
  }

  /** A record that left the pipeline. */
  public static Item dropped(Drop d) {
    return new Item(null, d);
  }

  public boolean isDrop() {
    return drop != null;
  }
}
