/**
 * The {@code llamakit serve} command: loads the model (and a Llama Guard model), builds the moderation config from
 * the flags or a file, and runs the {@link dev.llamakit.serve.Server} until the process is stopped.
 *
 * <pre>{@code
 * llamakit serve -m model.gguf --port 8080 --shields embedded-moderation,prompt-attack --audit-log audit.jsonl
 * }</pre>
 */
package dev.llamakit.cli.serve;
