package dev.llamakit.pipelines.latex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LaTeX files of one paper, flattened into one source: the main file is the one with {@code \documentclass}
 * (outside a comment; of several, {@code main.tex} or {@code ms.tex}, else the first by path), and its
 * {@code \input{f}}, {@code \input f} and {@code \include{f}} are replaced by the files they name ({@code f} or
 * {@code f.tex}, beside the main file or from the project's root), recursively up to {@code maxDepth} levels and
 * {@code maxChars} characters; an input inside a comment is not followed, one that is missing, too deep (a file
 * including itself) or over the size becomes nothing and is counted. Without any {@code \documentclass}, the files
 * are concatenated in path order, as RedPajama's cleaner concatenated every {@code .tex} file of a paper.
 *
 * <pre>{@code
 * LatexProject.Flat f = LatexProject.flatten(Map.of("main.tex", mainText, "sec/intro.tex", introText), 8, 50_000_000);
 * f.text(); f.main(); f.missing();
 * }</pre>
 */
public final class LatexProject {
  private static final Pattern DOCUMENTCLASS = Pattern.compile("(?m)^[^%\\n]*\\\\documentclass\\b");
  private static final Pattern INPUT = Pattern.compile("\\\\(input|include)\\s*(?:\\{\\s*([^}\\n]*?)\\s*}|\\s([^\\s{}\\\\%]+))");

  private LatexProject() {}

  /** The flattened source, its main file (null when concatenated), and how many inputs could not be followed. */
  public record Flat(String text, String main, int files, int missing) {}

  /** Flattens the paper whose {@code .tex} files (path relative to the paper's root → text) are given. */
  public static Flat flatten(Map<String, String> files, int maxDepth, long maxChars) {
    return flatten(files, null, maxDepth, maxChars);
  }

  /**
   * As {@link #flatten(Map, int, long)}, with the main file named ({@code mainFile}, a key of {@code files}) instead of
   * chosen by {@code \documentclass}: a paper found in a folder that may hold other papers' main files too.
   */
  public static Flat flatten(Map<String, String> files, String mainFile, int maxDepth, long maxChars) {
    TreeMap<String, String> sorted = new TreeMap<>(files);
    if (mainFile != null) {
      return inlineFrom(mainFile, sorted, maxDepth, maxChars);
    }
    List<String> mains = new ArrayList<>();
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (DOCUMENTCLASS.matcher(e.getValue()).find()) {
        mains.add(e.getKey());
      }
    }
    if (mains.isEmpty()) {
      StringBuilder all = new StringBuilder();
      for (String text : sorted.values()) {
        if (all.length() + text.length() > maxChars) {
          break;
        }
        all.append(all.isEmpty() ? "" : "\n").append(text);
      }
      return new Flat(all.toString(), null, sorted.size(), 0);
    }
    String main = mains.get(0);
    for (String m : mains) {
      String base = m.substring(m.lastIndexOf('/') + 1);
      if (base.equals("main.tex") || base.equals("ms.tex")) {
        main = m;
        break;
      }
    }
    return inlineFrom(main, sorted, maxDepth, maxChars);
  }

  /**
   * True when the main file {@code mainText} includes ({@code \input}/{@code \include}, not commented out) the file at
   * {@code relativePath} (relative to the main file's folder, {@code /}-separated, with its extension).
   */
  public static boolean includes(String mainText, String relativePath) {
    Matcher m = INPUT.matcher(mainText);
    while (m.find()) {
      int lineStart = mainText.lastIndexOf('\n', m.start()) + 1;
      if (LatexComments.commentStart(mainText, lineStart, m.start()) >= 0) {
        continue;
      }
      String t = m.group(2) != null ? m.group(2) : m.group(3);
      t = t.startsWith("./") ? t.substring(2) : t;
      if (t.equals(relativePath) || (t + ".tex").equals(relativePath)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code text} has a {@code \documentclass} outside a comment line: a paper's main file. */
  public static boolean isMain(String text) {
    return DOCUMENTCLASS.matcher(text).find();
  }

  private static Flat inlineFrom(String main, TreeMap<String, String> sorted, int maxDepth, long maxChars) {
    int slash = main.lastIndexOf('/');
    String dir = slash < 0 ? "" : main.substring(0, slash + 1);
    int[] missing = new int[1];
    StringBuilder out = new StringBuilder();
    inline(sorted.get(main), sorted, dir, 0, maxDepth, maxChars, out, missing);
    return new Flat(out.toString(), main, sorted.size(), missing[0]);
  }

  private static void inline(String text, Map<String, String> files, String dir, int depth, int maxDepth,
      long maxChars, StringBuilder out, int[] missing) {
    Matcher m = INPUT.matcher(text);
    int from = 0;
    while (m.find()) {
      int lineStart = text.lastIndexOf('\n', m.start()) + 1;
      if (LatexComments.commentStart(text, lineStart, m.start()) >= 0) {
        continue; // a commented-out \input
      }
      append(out, text, from, m.start(), maxChars);
      from = m.end();
      String target = m.group(2) != null ? m.group(2) : m.group(3);
      String found = resolve(files, dir, target);
      if (found == null || depth + 1 > maxDepth || out.length() >= maxChars) {
        missing[0]++;
        continue;
      }
      inline(files.get(found), files, dir, depth + 1, maxDepth, maxChars, out, missing);
    }
    append(out, text, from, text.length(), maxChars);
  }

  private static void append(StringBuilder out, String text, int from, int to, long maxChars) {
    long room = maxChars - out.length();
    if (room > 0) {
      out.append(text, from, (int) Math.min(to, from + room));
    }
  }

  private static String resolve(Map<String, String> files, String dir, String target) {
    String t = target.startsWith("./") ? target.substring(2) : target;
    for (String candidate : new String[] {dir + t, dir + t + ".tex", t, t + ".tex"}) {
      if (files.containsKey(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
