package dev.llamakit.eval.ifeval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyword arguments of one instruction as lm-eval passes them: the record's {@code kwargs} entry with every
 * false-y value (null, 0, "", empty list) dropped ({@code {k: v for k, v in kwargs.items() if v}}). Where lm-eval
 * would then draw a random value (an argument missing, or out of range), this refuses the record instead, naming the
 * instruction and the argument: a random draw would make the score irreproducible.
 */
public final class InstructionArgs {
  private final String id;
  private final Map<String, Object> values;

  /** The arguments of instruction {@code id} from its raw {@code kwargs} map. */
  public InstructionArgs(String id, Map<String, ?> raw) {
    this.id = id;
    Map<String, Object> kept = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      if (truthy(v)) {
        kept.put(k, v);
      }
    });
    this.values = kept;
  }

  private static boolean truthy(Object v) {
    return switch (v) {
      case null -> false;
      case Number n -> n.doubleValue() != 0;
      case String s -> !s.isEmpty();
      case Collection<?> c -> !c.isEmpty();
      case Map<?, ?> m -> !m.isEmpty();
      case Boolean b -> b;
      default -> true;
    };
  }

  /** The instruction id, e.g. {@code keywords:existence}. */
  public String id() {
    return id;
  }

  /** A required whole-number argument, at least {@code min}. */
  public int integer(String name, int min) {
    Object v = require(name);
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() > Integer.MAX_VALUE) {
      throw error(name, "must be a whole number, got " + v);
    }
    int n = ((Number) v).intValue();
    if (n < min) {
      throw error(name, "must be >= " + min + ", got " + n + " (lm-eval would draw a random value)");
    }
    return n;
  }

  /** A required string argument. */
  public String string(String name) {
    Object v = require(name);
    if (!(v instanceof String s)) {
      throw error(name, "must be a string, got " + v);
    }
    return s;
  }

  /** A required non-empty list of strings. */
  public List<String> strings(String name) {
    Object v = require(name);
    if (!(v instanceof List<?> l)) {
      throw error(name, "must be a list of strings, got " + v);
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof String s)) {
        throw error(name, "must be a list of strings, got an element " + o);
      }
      out.add(s);
    }
    return out;
  }

  /** A required relation: {@code "less than"} or {@code "at least"}. */
  public Relation relation(String name) {
    String s = string(name);
    Relation r = Relation.of(s);
    if (r == null) {
      throw error(name, "must be 'less than' or 'at least', got '" + s + "'");
    }
    return r;
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw error(name, "is missing, null or empty (lm-eval would draw a random value)");
    }
    return v;
  }

  /** An error naming the instruction and argument. */
  public IllegalArgumentException error(String name, String what) {
    return new IllegalArgumentException("instruction '" + id + "': argument '" + name + "' " + what);
  }
}
