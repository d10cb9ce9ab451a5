package dev.llamakit.eval.data;

/** {@link GpqaLoader} shuffling with {@code random.Random(42)}, as lm-eval's {@code gpqa/n_shot/utils.py}. */
public final class GpqaSeed42Loader extends GpqaLoader {
  @Override
  protected long seed() {
    return 42;
  }
}
