package dev.llamakit.engine.chat;

/** llama.cpp's {@code trim}: strips the C-locale {@code isspace} characters (space, \t, \n, \v, \f, \r) at both ends. */
final class Trim {
  private Trim() {}

  static String trim(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isSpace(s.charAt(a))) {
      a++;
    }
    while (b > a && isSpace(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
