package dev.llamakit.safety.policy;

import java.util.Objects;

/**
 * One unsafe-content category: a stable {@code id} (survives renumbering, used as the classifier's label), the
 * {@code code} it carries in a taxonomy ({@code S1}, {@code O3}), the prompt name (without the final period), the
 * model-card name and the policy description.
 */
public record Category(String id, String code, String name, String cardName, String description) {
  public Category {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    if (cardName == null) cardName = name;
    if (description == null) description = "";
  }

  /** This category under another code. */
  public Category withCode(String newCode) { return new Category(id, newCode, name, cardName, description); }

  /** A placeholder for a code a model emitted that the taxonomy does not contain (kept, never dropped). */
  public static Category unknown(String code) {
    return new Category("unknown:" + code, code, "Unknown category " + code, null, "code not in the taxonomy");
  }

  /** True for placeholders made by {@link #unknown}. */
  public boolean isUnknown() { return id.startsWith("unknown:"); }
}
