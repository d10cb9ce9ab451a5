package dev.llamakit.pipelines.recipes;

/** A recipe that cannot run: the message names the recipe file (or preset), the step and the parameter. */
public final class RecipeException extends IllegalArgumentException {
  public RecipeException(String message) {
    super(message);
  }

  public RecipeException(String message, Throwable cause) {
    super(message, cause);
  }
}
