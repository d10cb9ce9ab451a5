package dev.llamakit.safety.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds code in a message and its language: fenced blocks ({@code ```python ... ```}) with the language from the
 * fence tag ({@code code/languages.json}) or, untagged, from ordered heuristics; a message without fences is one
 * block whose language comes from the heuristics (none = not code).
 */
public final class CodeBlocks {
  /** A piece of code and its language ({@code null} = unknown: scan with every language). */
  public record Block(String code, String language) {}

  private static final Pattern FENCE = Pattern.compile("(?m)^[ \\t]*(```|~~~)[ \\t]*([\\w#+.-]*)[^\\n]*\\n(.*?)(?:^[ \\t]*\\1[ \\t]*$|\\z)", Pattern.DOTALL);
  private static final Map<String, String> TAGS = new LinkedHashMap<>();
  private static final List<Map.Entry<String, Pattern>> HEURISTICS = new ArrayList<>();

  static {
    try (InputStream in = CodeBlocks.class.getResourceAsStream("languages.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      root.get("fenceTags").fields().forEachRemaining(e -> TAGS.put(e.getKey(), e.getValue().asText()));
      for (JsonNode h : root.get("heuristics")) {
        HEURISTICS.add(Map.entry(h.get("language").asText(), Pattern.compile(h.get("regex").asText(), Pattern.MULTILINE)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read code/languages.json", e);
    }
  }

  private CodeBlocks() {}

  /** The code blocks of a message (possibly none). */
  public static List<Block> find(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = FENCE.matcher(text);
    while (m.find()) {
      String tag = m.group(2).toLowerCase(Locale.ROOT);
      String code = m.group(3);
      String lang = TAGS.get(tag);
      out.add(new Block(code, lang != null ? lang : detect(code).orElse(null)));
    }
    if (out.isEmpty()) detect(text).ifPresent(l -> out.add(new Block(text, l)));
    return out;
  }

  /** The language of a fence tag ({@code py}, {@code c++}, ...), if known. */
  public static Optional<String> fromTag(String tag) { return Optional.ofNullable(TAGS.get(tag.toLowerCase(Locale.ROOT))); }

  /** The first heuristic that matches, if any. */
  public static Optional<String> detect(String code) {
    for (var h : HEURISTICS) if (h.getValue().matcher(code).find()) return Optional.of(h.getKey());
    return Optional.empty();
  }
}
