package dev.llamakit.engine.grammar;

import java.util.List;

/**
 * One compiled value of a JSON schema: what {@link JsonMatcher} lets through at a value position. Built by
 * {@link JsonSchemaCompiler}; immutable, compared by identity.
 */
public final class SchemaNode {
  /** What a value of this node may be. */
  public enum Kind { OBJECT, ARRAY, STRING, NUMBER, INTEGER, BOOLEAN, NULL, LITERALS, ANY_OF, ANY }

  /** Nesting depth below which a schema-less value ({@link Kind#ANY}) may still open objects and arrays. */
  public static final int MAX_FREE_DEPTH = 8;
  /** Whitespace characters (space or newline) allowed between two tokens of the JSON text. */
  public static final int MAX_WHITESPACE = 1;
  /** Digits of an integer part and of a fraction; digits of an exponent (llama.cpp's JSON grammar bounds them). */
  public static final int MAX_DIGITS = 15;
  public static final int MAX_EXPONENT_DIGITS = 3;

  private static final SchemaNode[] FREE = new SchemaNode[MAX_FREE_DEPTH + 2];

  final Kind kind;
  // OBJECT: properties in declaration order; keys as JSON string literals (quotes included). free = any keys.
  final byte[][] keys;
  final String[] names;
  final SchemaNode[] values;
  final boolean[] required;
  final int[] firstRequiredFrom;
  final boolean free;
  // ARRAY
  final SchemaNode items;
  final int minItems;
  final int maxItems;
  // STRING
  final int minLength;
  final int maxLength;
  // LITERALS: each allowed value as compact JSON text
  final byte[][] literals;
  // ANY_OF
  final List<SchemaNode> alternatives;
  // ANY / free objects and arrays: nesting depth
  final int depth;

  private SchemaNode(Kind kind, byte[][] keys, String[] names, SchemaNode[] values, boolean[] required, boolean free,
      SchemaNode items, int minItems, int maxItems, int minLength, int maxLength, byte[][] literals,
      List<SchemaNode> alternatives, int depth) {
    this.kind = kind;
    this.keys = keys;
    this.names = names;
    this.values = values;
    this.required = required;
    this.free = free;
    this.items = items;
    this.minItems = minItems;
    this.maxItems = maxItems;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.literals = literals;
    this.alternatives = alternatives;
    this.depth = depth;
    if (required != null) {
      firstRequiredFrom = new int[required.length + 1];
      firstRequiredFrom[required.length] = required.length;
      for (int i = required.length - 1; i >= 0; i--) {
        firstRequiredFrom[i] = required[i] ? i : firstRequiredFrom[i + 1];
      }
    } else {
      firstRequiredFrom = null;
    }
  }

  static SchemaNode object(String[] names, byte[][] keys, SchemaNode[] values, boolean[] required) {
    if (names.length > 64) {
      throw new IllegalArgumentException("at most 64 properties per object, got " + names.length);
    }
    return new SchemaNode(Kind.OBJECT, keys, names, values, required, false, null, 0, 0, 0, 0, null, null, 0);
  }

  /** An object with any keys and schema-less values one level deeper. */
  static SchemaNode freeObject(int depth) {
    return new SchemaNode(Kind.OBJECT, null, null, null, new boolean[0], true, null, 0, 0, 0, 0, null, null, depth);
  }

  static SchemaNode array(SchemaNode items, int min, int max) {
    return new SchemaNode(Kind.ARRAY, null, null, null, null, false, items, min, max, 0, 0, null, null, 0);
  }

  static SchemaNode string(int min, int max) {
    return new SchemaNode(Kind.STRING, null, null, null, null, false, null, 0, 0, min, max, null, null, 0);
  }

  static SchemaNode scalar(Kind k) {
    return new SchemaNode(k, null, null, null, null, false, null, 0, 0, 0, 0, null, null, 0);
  }

  static SchemaNode literals(byte[][] values) {
    return new SchemaNode(Kind.LITERALS, null, null, null, null, false, null, 0, 0, 0, 0, values, null, 0);
  }

  static SchemaNode anyOf(List<SchemaNode> alternatives) {
    return new SchemaNode(Kind.ANY_OF, null, null, null, null, false, null, 0, 0, 0, 0, null,
        List.copyOf(alternatives), 0);
  }

  /** Any JSON value at nesting {@code depth} (objects and arrays only below {@link #MAX_FREE_DEPTH}). */
  static synchronized SchemaNode any(int depth) {
    int d = Math.min(depth, MAX_FREE_DEPTH + 1);
    if (FREE[d] == null) {
      FREE[d] = new SchemaNode(Kind.ANY, null, null, null, null, false, null, 0, Integer.MAX_VALUE, 0,
          Integer.MAX_VALUE, null, null, d);
    }
    return FREE[d];
  }

  /** The root of {@code response_format: {"type": "json_object"}}: an object with any keys and values. */
  public static SchemaNode anyObject() {
    return freeObject(0);
  }

  public Kind kind() {
    return kind;
  }
}
