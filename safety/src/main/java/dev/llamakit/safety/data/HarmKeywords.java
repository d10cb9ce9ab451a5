package dev.llamakit.safety.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Ordered regex rules ({@code classifier/harm-keywords.json}) that give a category to harmful texts without one. */
public final class HarmKeywords {
  private record Rule(String category, Pattern regex) {}

  private final List<Rule> rules;
  private final String fallback;

  private HarmKeywords(List<Rule> rules, String fallback) {
    this.rules = rules;
    this.fallback = fallback;
  }

  /** The shipped rules. */
  public static HarmKeywords standard() {
    try (InputStream in = HarmKeywords.class.getResourceAsStream("/dev/llamakit/safety/classifier/harm-keywords.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Rule> rules = new ArrayList<>();
      for (JsonNode r : root.get("rules")) {
        rules.add(new Rule(r.get("category").asText(),
            Pattern.compile(r.get("regex").asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
      }
      return new HarmKeywords(rules, root.get("fallback").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classifier/harm-keywords.json", e);
    }
  }

  /** The category of the first matching rule, else the fallback. */
  public String categorize(String text) {
    for (Rule r : rules) if (r.regex().matcher(text).find()) return r.category();
    return fallback;
  }
}
