package dev.llamakit.engine.tokenizer;

/** A tokenizer could not be built from its vocabulary, or was asked to do something its vocabulary cannot do. */
public class TokenizerException extends RuntimeException {
  public TokenizerException(String message) {
    super(message);
  }

  public TokenizerException(String message, Throwable cause) {
    super(message, cause);
  }
}
