package dev.llamakit.cli.engine;

import dev.llamakit.engine.convert.GgufQuantizer;
import dev.llamakit.engine.convert.QuantMix;
import dev.llamakit.engine.gguf.GgmlType;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llamakit engine quantize}: a GGUF's F32/F16/BF16 weights to Q8_0 or Q4_0 throughout, or to llama.cpp's
 * Q4_K_M, Q5_K_M or Q6_K mix with its per-tensor types.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
    description = {"Quantize a GGUF's float weights (other tensors are copied).",
        "Q8_0 and Q4_0 put every weight with rows of a multiple of 32 in that type; Q4_K_M, Q5_K_M and Q6_K choose each"
            + " tensor's type as llama-quantize does (Q6_K output and, in the _M mixes, Q6_K attn_v/ffn_down on"
            + " llama.cpp's use_more_bits layers; Q5_0/Q5_1/Q8_0/F16 for rows that are not a multiple of 256)."})
public final class QuantizeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "Input GGUF.")
  Path model;

  @Option(names = "--type", required = true, paramLabel = "TYPE",
      description = "Q8_0, Q4_0, Q4_K_M, Q5_K_M or Q6_K (any case).")
  String type;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Output GGUF.")
  Path output;

  @Override
  public Integer call() throws Exception {
    QuantMix mix;
    try {
      mix = QuantMix.parse(type);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--type " + type + ": expected one of " + QuantMix.names());
    }
    if (!Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString());
    }
    GgufQuantizer.Summary s = GgufQuantizer.quantize(model, output, mix);
    StringJoiner types = new StringJoiner(", ");
    for (Map.Entry<GgmlType, Integer> e : s.types().entrySet()) {
      types.add(e.getKey() + " x" + e.getValue());
    }
    System.err.printf("%s: %s (%s), %d tensors quantized, %d kept (%s); %d -> %d tensor bytes%n", output, mix,
        mix.fileType().label(), s.quantized(), s.kept(), types, s.bytesIn(), s.bytesOut());
    return 0;
  }
}
