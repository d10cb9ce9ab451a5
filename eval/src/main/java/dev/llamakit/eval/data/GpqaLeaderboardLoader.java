package dev.llamakit.eval.data;

/**
 * {@link GpqaLoader} as lm-eval's {@code leaderboard/gpqa} (Open LLM Leaderboard v2) preprocesses: the global
 * {@code random} (seed 0) shuffle, and every {@code [...]} removed from the answers after {@code " [title]"} becomes
 * {@code ". "}.
 */
public final class GpqaLeaderboardLoader extends GpqaLoader {
  @Override
  protected boolean removeBrackets() {
    return true;
  }
}
