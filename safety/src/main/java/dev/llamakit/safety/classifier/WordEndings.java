package dev.llamakit.safety.classifier;

/**
 * The moderation classifier's last feature step (issue 14): folds English inflections so that one content word has
 * one feature ("hack", "hacking", "hacked", "hackers" -> "hack"; "kill", "killing", "killed" -> "kil"). The
 * classifier has no character n-grams, so without this a harmful request phrased with "stealing" was not recognised
 * by what the model learned from "steal". Crude on purpose (no dictionary): strip one of -ings -ing -ers -er -ed
 * -ly -es -s, then a final -e, then undouble a final double letter; tokens of three letters or fewer and tokens that
 * are not all ASCII letters are kept. A fold only has to be the same at training and at scoring (it is): collisions
 * such as "border" / "bord" are harmless. Applied after {@link RequestWording}.
 *
 * <pre>{@code
 * WordEndings.fold("stealing credit cards")   // "steal credit card"
 * }</pre>
 */
public final class WordEndings {
  private static final String[] SUFFIXES = {"ings", "ing", "ers", "er", "ed", "ly", "es", "s"};

  private WordEndings() {}

  /** {@code text} (space-separated normalized tokens) with every token folded. */
  public static String fold(String text) {
    if (text.isEmpty()) return text;
    StringBuilder b = new StringBuilder(text.length());
    for (String t : text.split(" ")) {
      if (t.isEmpty()) continue;
      if (!b.isEmpty()) b.append(' ');
      b.append(foldToken(t));
    }
    return b.toString();
  }

  /** One token folded. */
  public static String foldToken(String t) {
    if (t.length() <= 3) return t;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < 'a' || c > 'z') return t;
    }
    String s = t;
    for (String suf : SUFFIXES) {
      if (s.endsWith(suf) && s.length() - suf.length() >= 3 && !(suf.equals("s") && s.endsWith("ss"))) {
        s = s.substring(0, s.length() - suf.length());
        break;
      }
    }
    if (s.endsWith("e") && s.length() > 3) s = s.substring(0, s.length() - 1);
    int n = s.length();
    if (n > 3 && s.charAt(n - 1) == s.charAt(n - 2)) s = s.substring(0, n - 1);
    return s;
  }
}
