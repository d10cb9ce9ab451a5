package dev.llamakit.eval.ifeval.text;

/**
 * Whether Python's {@code json.loads} accepts a string: one JSON value between optional whitespace
 * ({@code ' \t\n\r'}), strings without raw control characters and with only JSON's escapes, numbers of JSON's
 * grammar with ASCII digits, and Python's extensions {@code NaN}, {@code Infinity}, {@code -Infinity}. Duplicate keys
 * and any nesting depth are accepted (Python raises {@code RecursionError}, not {@code ValueError}, past its recursion
 * limit; lm-eval would then crash, here the text counts as JSON).
 */
public final class PyJson {
  private final String s;
  private int i;

  private PyJson(String s) {
    this.s = s;
  }

  /** True when {@code json.loads(text)} returns without a {@code ValueError}. */
  public static boolean valid(String text) {
    PyJson p = new PyJson(text);
    try {
      p.ws();
      p.value();
      p.ws();
      return p.i == text.length();
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private void ws() {
    while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private IllegalStateException bad() {
    return new IllegalStateException("not JSON at " + i);
  }

  private void value() {
    if (i >= s.length()) {
      throw bad();
    }
    char c = s.charAt(i);
    switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      default -> {
        for (String w : new String[] {"null", "true", "false", "NaN", "Infinity", "-Infinity"}) {
          if (s.startsWith(w, i)) {
            i += w.length();
            return;
          }
        }
        number();
      }
    }
  }

  private void object() {
    members('}', () -> {
      if (i >= s.length() || s.charAt(i) != '"') {
        throw bad();
      }
      string();
      ws();
      expect(':');
      ws();
      value();
    });
  }

  private void array() {
    members(']', this::value);
  }

  /** The opening bracket at {@code i}, then {@code member}s separated by commas, then {@code close}; or empty. */
  private void members(char close, Runnable member) {
    i++;
    ws();
    if (i < s.length() && s.charAt(i) == close) {
      i++;
      return;
    }
    while (true) {
      ws();
      member.run();
      ws();
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
        continue;
      }
      expect(close);
      return;
    }
  }

  private void expect(char c) {
    if (i >= s.length() || s.charAt(i) != c) {
      throw bad();
    }
    i++;
  }

  private void string() {
    i++;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        throw bad();
      }
      if (c == '\\') {
        if (i >= s.length()) {
          throw bad();
        }
        char e = s.charAt(i++);
        if (e == 'u') {
          if (i + 4 > s.length()) {
            throw bad();
          }
          for (int k = 0; k < 4; k++) {
            if ("0123456789abcdefABCDEF".indexOf(s.charAt(i + k)) < 0) {
              throw bad();
            }
          }
          i += 4;
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw bad();
        }
      }
    }
    throw bad();
  }

  private void number() {
    int start = i;
    if (i < s.length() && s.charAt(i) == '-') {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '0') {
      i++;
    } else if (i < s.length() && s.charAt(i) >= '1' && s.charAt(i) <= '9') {
      digits();
    } else {
      i = start;
      throw bad();
    }
    int mark = i;
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      if (!digits()) {
        i = mark; // Python: "1." parses 1, then fails on the extra "."
        return;
      }
    }
    mark = i;
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      if (!digits()) {
        i = mark;
      }
    }
  }

  private boolean digits() {
    int b = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i > b;
  }
}
