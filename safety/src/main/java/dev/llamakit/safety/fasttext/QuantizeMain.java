package dev.llamakit.safety.fasttext;

import com.github.jfasttext.JFastText;

/**
 * Child-process entry point for fastText's {@code quantize} command, which ends with the native {@code exit(0)}
 * and so cannot run inside the calling JVM. {@link FastTextTrainer} launches it with the caller's class path.
 */
public final class QuantizeMain {
  private QuantizeMain() {}

  /** Runs {@code quantize} with the given fastText arguments (the first must be "quantize"). */
  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("quantize")) {
      System.err.println("usage: QuantizeMain quantize -input FILE -output PREFIX [options]");
      System.exit(2);
    }
    new JFastText().runCmd(args);
  }
}
