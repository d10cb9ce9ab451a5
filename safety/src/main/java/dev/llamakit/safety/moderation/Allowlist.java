package dev.llamakit.safety.moderation;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phrases the deployer trusts (config field {@code allowlist}: regular expressions, case-insensitive): every match is
 * blanked out of the judged (last) message before the inner shield sees it, so "kill (a|the) process" lets "How do I
 * kill the process on port 8080?" through while the rest of the message is still judged — an allowlisted phrase
 * cannot carry a harmful request past the shield. A message that is nothing but allowlisted phrases is ALLOWed with a
 * detail naming the allowlist. ERROR stays ERROR (fail closed).
 *
 * <pre>{@code
 * Shield s = new Allowlist(ModerationShield.standard(), List.of("kill (a|the) (python )?process"));
 * }</pre>
 */
public final class Allowlist implements Shield {
  private final Shield inner;
  private final List<Pattern> patterns;

  /** {@code inner} behind these patterns; a pattern that does not compile is an error naming it. */
  public Allowlist(Shield inner, List<String> patterns) {
    this.inner = inner;
    List<Pattern> ps = new ArrayList<>();
    for (String p : patterns) {
      try {
        ps.add(Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("allowlist pattern '" + p + "' is not a valid regular expression: "
            + e.getDescription());
      }
    }
    this.patterns = List.copyOf(ps);
  }

  @Override
  public String id() { return inner.id(); }

  /** The text with every allowlisted match replaced by a space. */
  public String mask(String text) {
    String t = text;
    for (Pattern p : patterns) {
      Matcher m = p.matcher(t);
      t = m.replaceAll(" ");
    }
    return t;
  }

  @Override
  public ShieldResult evaluate(List<Message> messages) {
    Message last = messages.getLast();
    String masked = mask(last.content());
    if (masked.equals(last.content())) return inner.check(messages);
    if (masked.isBlank()) {
      return new ShieldResult(inner.id(), Decision.ALLOW, 0.0, List.of(), Map.of(), null, "allowlisted");
    }
    List<Message> judged = new ArrayList<>(messages.subList(0, messages.size() - 1));
    judged.add(new Message(last.role(), masked));
    ShieldResult r = inner.check(judged);
    String detail = r.detail().isEmpty() ? "allowlisted phrases masked" : r.detail() + "; allowlisted phrases masked";
    return new ShieldResult(r.shieldId(), r.decision(), r.score(), r.categories(), r.categoryScores(), r.latency(), detail);
  }
}
