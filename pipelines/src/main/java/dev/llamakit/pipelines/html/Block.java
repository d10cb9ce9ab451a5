package dev.llamakit.pipelines.html;

/**
 * One block of an HTML page's text: a paragraph, heading, list item, table row, preformatted block or a run of
 * text between block boundaries.
 *
 * @param text the block's text, whitespace collapsed (lines kept inside {@code <pre>})
 * @param linkChars how many of its characters are inside {@code <a>} elements
 * @param kind what made the block
 * @param group blocks of one list or data table share a group number; -1 for others
 */
public record Block(String text, int linkChars, Kind kind, int group) {
  /** What made a block. */
  public enum Kind { TEXT, HEADING, ITEM, ROW, PRE }

  /** The share of the block's characters inside links. */
  public double linkDensity() {
    return text.isEmpty() ? 0 : (double) linkChars / text.length();
  }
}
