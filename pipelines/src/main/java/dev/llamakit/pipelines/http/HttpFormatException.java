package dev.llamakit.pipelines.http;

/** An HTTP message that cannot be read: a bad status line, a header without a colon, broken chunks or gzip. */
public final class HttpFormatException extends Exception {
  private final boolean coding;

  public HttpFormatException(String message, boolean coding) {
    super(message);
    this.coding = coding;
  }

  /** True when the head is fine but the payload's transfer or content coding is broken or unsupported. */
  public boolean coding() {
    return coding;
  }
}
