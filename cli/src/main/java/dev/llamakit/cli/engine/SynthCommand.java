package dev.llamakit.cli.engine;

import dev.llamakit.engine.synth.ModelShape;
import dev.llamakit.engine.synth.SyntheticModel;
import dev.llamakit.engine.synth.TypeMix;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit engine synth}: writes a random-weight model with a real model's shapes. */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = {"Write a random-weight Llama GGUF with the tensor shapes of a real model, for benchmarks.",
        "Shapes: stories15M, stories110M, tinyllama-1.1b, llama-3.2-1b. Types: F32, F16, Q8_0, Q4_0, Q4_K_M."})
public final class SynthCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--shape", required = true, paramLabel = "NAME", description = "Model shape.")
  String shape;

  @Option(names = "--type", required = true, paramLabel = "TYPE", description = "Weight type mix.")
  String type;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "The GGUF to write.")
  Path output;

  @Option(names = "--vocab", paramLabel = "FILE",
      description = "Copy the vocabulary (tokenizer.* keys) from this GGUF; default: a synthetic byte-level vocab.")
  Path vocab;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Override
  public Integer call() throws Exception {
    ModelShape s;
    TypeMix mix;
    try {
      s = ModelShape.named(shape);
      mix = TypeMix.parse(type);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    long t0 = System.nanoTime();
    int v = SyntheticModel.write(s, mix, vocab, seed, output);
    System.err.printf("wrote %s (%s, %s, vocab %d) in %.1f s%n", output, shape, mix, v, (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
