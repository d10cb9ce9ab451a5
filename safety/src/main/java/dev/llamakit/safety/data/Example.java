package dev.llamakit.safety.data;

/**
 * One labelled training/validation text: raw {@code text}, its {@code label} (a category id, {@code safe}, or an
 * injection label), the data set it came from, and the {@code group} key that decides its split (examples built
 * from the same template share a group, so a template never straddles train and validation).
 */
public record Example(String text, String label, String source, String group) {
  /** An example grouped by its own text. */
  public static Example of(String text, String label, String source) {
    return new Example(text, label, source, null);
  }
}
