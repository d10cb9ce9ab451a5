package dev.llamakit.engine.cli;

import dev.llamakit.engine.convert.GgufQuantizer;
import dev.llamakit.engine.gguf.GgmlType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit engine quantize}: F32/F16/BF16 weights to Q8_0 or Q4_0. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
    description = "Quantize a GGUF's 2-D float weights to Q8_0 or Q4_0 (other tensors are copied).")
public final class QuantizeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Input GGUF.")
  Path model;

  @Option(names = "--type", required = true, paramLabel = "TYPE", description = "Q8_0 or Q4_0.")
  String type;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Output GGUF.")
  Path output;

  @Override
  public Integer call() throws Exception {
    GgmlType t;
    try {
      t = GgmlType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--type " + type + ": expected Q8_0 or Q4_0");
    }
    if (t != GgmlType.Q8_0 && t != GgmlType.Q4_0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--type " + type + ": expected Q8_0 or Q4_0");
    }
    GgufQuantizer.Summary s = GgufQuantizer.quantize(model, output, t);
    System.err.printf("%s: %d tensors quantized to %s, %d kept; %d -> %d tensor bytes%n", output, s.quantized(), t,
        s.kept(), s.bytesIn(), s.bytesOut());
    return 0;
  }
}
