/**
 * The benchmark harness on llamakit's engine: {@link dev.llamakit.eval.engine.EngineModelProvider} opens GGUF and
 * llama2.c models as lm-eval-style {@link dev.llamakit.eval.model.LanguageModel}s; registered through
 * {@code META-INF/services}, so {@code llamakit eval run --model FILE.gguf} finds it.
 *
 * <pre>{@code
 * LanguageModel lm = new EngineModelProvider().open(Path.of("model.gguf"), Map.of("ctx", "2048"));
 * List<List<Loglikelihood>> s = lm.loglikelihood(List.of(new LoglikelihoodRequest("Q: 2+2?\nA:", List.of(" 4", " 5"))));
 * }</pre>
 */
package dev.llamakit.eval.engine;
