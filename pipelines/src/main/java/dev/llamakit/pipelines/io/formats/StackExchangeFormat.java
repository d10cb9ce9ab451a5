package dev.llamakit.pipelines.io.formats;

import dev.llamakit.pipelines.io.CorpusFormat;
import dev.llamakit.pipelines.io.CorpusReader;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.stackexchange.PostsReader;
import java.util.List;

/**
 * A StackExchange site dump's {@code Posts.xml} (plain or gzipped): one document per question with its answers,
 * best-scored first (see {@link PostsReader}). Thresholds are format options.
 */
public final class StackExchangeFormat implements CorpusFormat {
  /** Options, bound from the read step's {@code format_params}. */
  public static final class Params {
    /** The site's host name (for urls and the {@code site} signal); empty: the input file's folder name. */
    public String site = "";
    /** Questions scored below are dropped ({@code SE_QUESTION_SCORE_TOO_LOW}); null: no threshold. */
    public Integer minQuestionScore;
    /** Questions with fewer answers (after {@code min_answer_score}) are dropped ({@code SE_TOO_FEW_ANSWERS}). */
    public int minAnswers = 0;
    /** Answers scored below are left out ({@code SE_ANSWER_SCORE_TOO_LOW}); null: no threshold. */
    public Integer minAnswerScore;
  }

  private final PostsReader.Options options;

  public StackExchangeFormat(Params p) {
    if (p.minAnswers < 0) {
      throw new IllegalArgumentException("min_answers must be 0 or more, not " + p.minAnswers);
    }
    this.options = new PostsReader.Options(p.site, p.minQuestionScore, p.minAnswers, p.minAnswerScore);
  }

  @Override
  public List<String> suffixes() {
    return List.of("posts.xml");
  }

  @Override
  public CorpusReader reader(ReadOptions read) {
    return (raw, name, segment, fileIndex, sink) -> new PostsReader(options).read(raw, name, segment, fileIndex,
        read.onBadRecord(), sink);
  }
}
