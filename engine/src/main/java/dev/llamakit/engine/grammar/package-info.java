/**
 * JSON Schema to a byte-level grammar: {@link dev.llamakit.engine.grammar.JsonSchemaCompiler} turns the supported
 * subset of a schema (objects with properties, required and additionalProperties; arrays with items, minItems and
 * maxItems; enum, const, strings with a length bound, number, integer, boolean, null, anyOf) into
 * {@link dev.llamakit.engine.grammar.SchemaNode}s, and {@link dev.llamakit.engine.grammar.JsonMatcher} reads a JSON
 * text byte by byte with a pushdown stack of frames (one per nesting level: object, array, string, number, literal),
 * saying at every byte whether a valid text can still follow and whether the text so far is complete. An
 * unsupported keyword is a {@link dev.llamakit.engine.grammar.JsonSchemaException} naming it and its place.
 *
 * <p>This is the role llama.cpp gives GBNF grammars (its {@code json-schema-to-grammar} compiles a schema into GBNF
 * rules and its grammar sampler keeps a set of rule stacks per character); here the schema compiles straight into
 * matcher nodes, with no grammar text in between. Generated text: properties in declaration order, optional ones
 * possibly skipped; at most one space or newline between tokens; numbers with at most 15 integer and 15 fraction
 * digits.
 *
 * <pre>{@code
 * SchemaNode root = JsonSchemaCompiler.compile(new ObjectMapper().readTree(schemaText));
 * JsonMatcher m = JsonMatcher.start(root).advance("{\"name\": \"A".getBytes(UTF_8));   // null = no valid text
 * boolean complete = m != null && m.accepting();
 * }</pre>
 */
package dev.llamakit.engine.grammar;
