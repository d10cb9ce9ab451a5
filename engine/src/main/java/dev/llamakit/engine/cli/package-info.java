/**
 * The {@code llamakit engine} picocli commands: {@code generate}, {@code chat}, {@code score}, {@code logprobs},
 * {@code inspect}, {@code synth}, {@code quantize}, {@code bench}, {@code tokenize} and {@code models}, grouped under
 * {@link dev.llamakit.engine.cli.EngineCommand}. Commands that run a model share
 * {@link dev.llamakit.engine.cli.ModelMixin} ({@code --model --threads --ctx --exact --tokenizer}).
 *
 * <pre>{@code
 * llamakit engine generate --model stories15M.gguf --prompt "Once upon a time" --greedy --max-tokens 64
 * llamakit engine logprobs --model model.gguf --prompt "The quick brown fox" --top 20
 * llamakit engine bench --model tl-q4_0.gguf --threads 2
 * }</pre>
 */
package dev.llamakit.engine.cli;
