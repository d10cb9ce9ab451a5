package dev.llamakit.engine.grammar;

/** A JSON schema this compiler cannot turn into a grammar, naming the keyword and where it is (a JSON pointer). */
public final class JsonSchemaException extends RuntimeException {
  private final String keyword;
  private final String path;

  public JsonSchemaException(String keyword, String path, String message) {
    super((path.isEmpty() ? "schema" : "schema at " + path) + ": " + message);
    this.keyword = keyword;
    this.path = path;
  }

  /** The keyword at fault, e.g. {@code pattern}. */
  public String keyword() {
    return keyword;
  }

  /** Where in the schema, as a JSON pointer ({@code ""} = the root, {@code /properties/age}). */
  public String path() {
    return path;
  }
}
