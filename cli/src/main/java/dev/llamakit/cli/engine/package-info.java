/**
 * The {@code llamakit engine} picocli commands: {@code generate}, {@code chat}, {@code score}, {@code logprobs},
 * {@code inspect}, {@code synth}, {@code quantize}, {@code bench}, {@code tokenize} and {@code models}, grouped under
 * {@link dev.llamakit.cli.engine.EngineCommand}. Commands that run a model share
 * {@link dev.llamakit.cli.engine.ModelMixin} ({@code -m/--model --threads --ctx --exact --mmap -ctk/--cache-type-k
 * -ctv/--cache-type-v --tokenizer}); generate and chat share {@link dev.llamakit.cli.engine.SamplingMixin} ({@code
 * -n/--max-tokens}, the sampling options, each validated naming it).
 *
 * <p>llama.cpp's short options work as there: {@code -m} model, {@code -n} tokens to generate, {@code -p} the text
 * (the prompt; score's context; chat's first message, its system message being {@code -sys} or {@code -sysf FILE})
 * or {@code -f FILE} the same text from a UTF-8 file ({@code -f
 * -} reads standard input; one final line break dropped; not both, see {@link dev.llamakit.cli.engine.PromptSource}).
 *
 * <pre>{@code
 * llamakit engine generate -m stories15M.gguf -p "Once upon a time" --greedy -n 64
 * llamakit engine generate -m model.gguf -f prompt.txt --cache-type-k f16 --cache-type-v f16
 * llamakit engine logprobs --model model.gguf --prompt "The quick brown fox" --top 20
 * llamakit engine bench -m tl-q4_0.gguf --threads 2
 * }</pre>
 */
package dev.llamakit.cli.engine;
