package dev.llamakit.eval.ifeval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The instruction registry: id to checker class, read from the table {@code instructions.txt} beside this class
 * (lm-eval's {@code INSTRUCTION_DICT}); {@link #create} binds a record's arguments.
 */
public final class Instructions {
  private static final String TABLE = "instructions.txt";
  private static final String RULES = "dev.llamakit.eval.ifeval.rules.";
  private static final Map<String, Constructor<? extends Instruction>> BY_ID = load();

  private Instructions() {}

  /** Every instruction id, in table order. */
  public static Set<String> ids() {
    return Collections.unmodifiableSet(BY_ID.keySet());
  }

  /**
   * The checker of {@code id} with {@code kwargs} bound; an unknown id or a bad argument is an
   * {@link IllegalArgumentException} naming the instruction.
   */
  public static Instruction create(String id, Map<String, ?> kwargs) {
    Constructor<? extends Instruction> c = BY_ID.get(id);
    if (c == null) {
      throw new IllegalArgumentException("unknown instruction id '" + id + "'");
    }
    try {
      return c.newInstance(new InstructionArgs(id, kwargs));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        String m = iae.getMessage();
        throw new IllegalArgumentException(m.startsWith("instruction '") ? m : "instruction '" + id + "': " + m, iae);
      }
      throw new IllegalStateException("instruction " + id + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Constructor<? extends Instruction>> load() {
    Map<String, Constructor<? extends Instruction>> out = new LinkedHashMap<>();
    try (InputStream in = Instructions.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TABLE + " beside " + Instructions.class.getName());
      }
      int n = 0;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        n++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split("\\s+");
        if (f.length != 2) {
          throw new IllegalStateException(TABLE + ":" + n + ": expected 'id ClassName'");
        }
        Class<?> k = Class.forName(RULES + f[1]);
        out.put(f[0], k.asSubclass(Instruction.class).getConstructor(InstructionArgs.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(TABLE + ": " + e, e);
    }
    return out;
  }
}
