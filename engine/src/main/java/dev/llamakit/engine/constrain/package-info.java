/**
 * Constrained decoding: a {@link dev.llamakit.engine.sampling.TokenConstraint} that masks, before every pick, the
 * tokens whose bytes cannot continue a valid text. {@link dev.llamakit.engine.constrain.JsonConstraint} does it for
 * JSON Schema with the {@link dev.llamakit.engine.grammar.JsonMatcher}: the vocabulary's token bytes sit in a
 * {@link dev.llamakit.engine.constrain.TokenTrie} (built once per tokenizer), one mask is one walk of the trie with
 * the matcher state (a branch dies at its first rejected byte, shared prefixes are read once), and masks are cached
 * by state. End-of-generation tokens are allowed only when the value is complete.
 *
 * <pre>{@code
 * JsonConstraint c = JsonConstraint.of(JsonSchemaCompiler.compile(schema), text.tokenizer());
 * TextGeneration g = text.generate(prompt, SamplingParams.sampled(42, 256).withConstraint(c), TextListener.none());
 * new ObjectMapper().readTree(g.text());   // parses, and validates against the schema (if it ended: STOP_TOKEN)
 * System.err.printf("mask: %.1f us per token%n", c.maskNanos() / 1e3 / c.steps());
 * }</pre>
 */
package dev.llamakit.engine.constrain;
