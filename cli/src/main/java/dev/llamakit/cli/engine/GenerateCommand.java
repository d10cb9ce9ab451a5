package dev.llamakit.cli.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.constrain.JsonConstraint;
import dev.llamakit.engine.grammar.JsonSchemaCompiler;
import dev.llamakit.engine.grammar.JsonSchemaException;
import dev.llamakit.engine.grammar.SchemaNode;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextGeneration;
import dev.llamakit.engine.sampling.SamplingParams;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llamakit engine generate}: continues a text prompt, streaming the output. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a continuation of a prompt, streamed to standard output; timings go to standard error.")
public final class GenerateCommand implements Callable<Integer> {
  @Mixin ModelMixin model;
  @Mixin SamplingMixin sampling;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "The prompt text (or -f).")
  String prompt;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Read the prompt from FILE (UTF-8; '-' = standard input) instead of -p.")
  Path file;

  @Option(names = "--no-bos", description = "Do not add BOS.")
  boolean noBos;

  @Option(names = "--parse-special", description = "Turn special-token text in the prompt into special tokens.")
  boolean parseSpecial;

  @Option(names = "--json-schema", paramLabel = "FILE", description = "Constrain the output to JSON that validates "
      + "against this JSON Schema (supported subset: see the engine README); prints the masking cost per token.")
  Path jsonSchema;

  @Option(names = "--json", description = "Constrain the output to one JSON object (any keys and values).")
  boolean json;

  PrintStream out = System.out;
  InputStream in = System.in;

  @Override
  public Integer call() throws Exception {
    sampling.check();
    String text = PromptSource.resolve(spec, "-p/--prompt", prompt, file, true, in);
    if (json && jsonSchema != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--json and --json-schema exclude each other");
    }
    SchemaNode schema = jsonSchema != null ? readSchema(jsonSchema) : json ? SchemaNode.anyObject() : null;
    try (TextEngine t = model.openText()) {
      int[] ids = t.encode(text, !noBos, parseSpecial);
      SamplingParams params = sampling.params(Set.of(), List.of(), t.contextLength());
      JsonConstraint constraint = schema == null ? null : JsonConstraint.of(schema, t.tokenizer());
      params = params.withConstraint(constraint);
      TextGeneration r = t.generate(ids, params, piece -> {
        out.print(piece);
        out.flush();
        return true;
      });
      out.println();
      System.err.printf("prompt %d tokens in %.1f ms (%.1f tok/s), generated %d tokens at %.1f tok/s, stop: %s%n",
          r.promptTokens(), r.prefillNanos() / 1e6, r.promptTokens() * 1e9 / Math.max(1, r.prefillNanos()),
          r.tokens().length, r.decodeTokensPerSecond(), r.stopReason());
      if (constraint != null) {
        System.err.printf("json-schema mask: %d tokens, %.1f us CPU per token (%d trie walks, the rest cached)%n",
            constraint.steps(), constraint.maskNanos() / 1e3 / Math.max(1, constraint.steps()), constraint.walks());
      }
      return 0;
    }
  }

  /** Reads and compiles a schema file; a bad file is one line naming it (and the keyword at fault). */
  static SchemaNode readSchema(Path f) throws java.io.IOException {
    if (!java.nio.file.Files.isRegularFile(f)) {
      throw new java.nio.file.NoSuchFileException(f.toString());
    }
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(f.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(f + ":" + e.getLocation().getLineNr() + ": not JSON: "
          + e.getOriginalMessage());
    }
    if (node == null) {
      throw new IllegalArgumentException(f + ": empty file, expected a JSON schema");
    }
    try {
      return JsonSchemaCompiler.compile(node);
    } catch (JsonSchemaException e) {
      throw new IllegalArgumentException(f + ": " + e.getMessage());
    }
  }
}
