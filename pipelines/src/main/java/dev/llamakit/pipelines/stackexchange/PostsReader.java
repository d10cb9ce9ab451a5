package dev.llamakit.pipelines.stackexchange;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.html.HtmlText;
import dev.llamakit.pipelines.io.BadRecordException;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.RecordSink;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import dev.llamakit.pipelines.io.DumpXml;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one {@code Posts.xml} (plain or gzipped) into one document per question: {@code "Q: "} title, the question's
 * text, then {@code "A: "} and each answer's text, best-scored answer first. See the package doc for memory.
 *
 * <p>Fields: {@code title} the question's title, {@code url} {@code https://<site>/questions/<id>} (empty without a
 * site), {@code date_download} the question's CreationDate, {@code source_domain} the site. Signals: {@code site},
 * {@code question_id}, {@code score}, {@code answer_count} (answers in the text), {@code tags} (a list).
 *
 * <p>Accounting, per {@code <row>}: a question is a document or a drop ({@link #QUESTION_SCORE_TOO_LOW},
 * {@link #TOO_FEW_ANSWERS}); an answer is joined into its question's document (returned as a count of records that
 * are neither documents nor drops) or dropped ({@link #ANSWER_SCORE_TOO_LOW}, {@link #ORPHAN_ANSWER} when its
 * question is absent, {@link #QUESTION_DROPPED} when its question was dropped); other post types (tag wikis,
 * moderator nominations, ...) are {@link #NOT_QA}; a row without a numeric Id or PostTypeId is {@link #BAD_ROW}.
 * Malformed XML ends the file: under {@code fail} an error naming the file and line, under {@code skip} one
 * {@link #MALFORMED_XML} drop for the rest of the file (questions read before it are still written).
 */
public final class PostsReader {
  public static final DropReason QUESTION_SCORE_TOO_LOW = DropReason.of("SE_QUESTION_SCORE_TOO_LOW");
  public static final DropReason TOO_FEW_ANSWERS = DropReason.of("SE_TOO_FEW_ANSWERS");
  public static final DropReason ANSWER_SCORE_TOO_LOW = DropReason.of("SE_ANSWER_SCORE_TOO_LOW");
  public static final DropReason ORPHAN_ANSWER = DropReason.of("SE_ORPHAN_ANSWER");
  public static final DropReason QUESTION_DROPPED = DropReason.of("SE_QUESTION_DROPPED");
  public static final DropReason NOT_QA = DropReason.of("SE_NOT_QA");
  public static final DropReason BAD_ROW = DropReason.of("SE_BAD_ROW");
  public static final DropReason MALFORMED_XML = DropReason.of("SE_MALFORMED_XML");

  /**
   * @param site the site's host name ({@code coffee.stackexchange.com}); null or empty: the input's folder name
   * @param minQuestionScore questions scored below are dropped; null: no threshold
   * @param minAnswers questions with fewer answers (after the answer threshold) are dropped
   * @param minAnswerScore answers scored below are left out; null: no threshold
   */
  public record Options(String site, Integer minQuestionScore, int minAnswers, Integer minAnswerScore) {}

  private final Options options;

  public PostsReader(Options options) {
    this.options = options;
  }

  /**
   * Reads every row; returns how many answers were joined into documents.
   *
   * @param name the file name, in ids ({@code name#row}) and errors
   * @param segment the {@code cc_segment}; its folder names the site when the options give none
   */
  public long read(InputStream raw, String name, String segment, long fileIndex, BadRecordPolicy policy,
      RecordSink sink) throws IOException {
    String site = options.site() != null && !options.site().isBlank() ? options.site() : folder(segment);
    Pass pass = new Pass(name, segment, site, fileIndex, policy, sink);
    try (PostSpool spool = new PostSpool()) {
      pass.scan(open(raw), spool);
      return pass.assemble(spool);
    }
  }

  private static String folder(String segment) {
    int slash = segment.lastIndexOf('/');
    if (slash <= 0) {
      return "";
    }
    String dir = segment.substring(0, slash);
    return dir.substring(dir.lastIndexOf('/') + 1);
  }

  private static InputStream open(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1F && b1 == 0x8B ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
  }

  /** One file: the indexes built while scanning, then the documents. */
  private final class Pass {
    private final String name;
    private final String segment;
    private final String site;
    private final long fileIndex;
    private final BadRecordPolicy policy;
    private final RecordSink sink;
    private final PostIndex questions = new PostIndex();
    private final PostIndex answers = new PostIndex();
    private long rows;

    Pass(String name, String segment, String site, long fileIndex, BadRecordPolicy policy, RecordSink sink) {
      this.name = name;
      this.segment = segment;
      this.site = site;
      this.fileIndex = fileIndex;
      this.policy = policy;
      this.sink = sink;
    }

    void scan(InputStream in, PostSpool spool) throws IOException {
      XMLInputFactory f = DumpXml.factory(true);
      XMLStreamReader x = null;
      try {
        x = f.createXMLStreamReader(in);
        while (x.hasNext()) {
          if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("row")) {
            row(x, spool);
          }
        }
      } catch (XMLStreamException e) {
        int line = e.getLocation() != null ? e.getLocation().getLineNumber() : -1;
        String detail = "malformed XML at line " + line + " (the rest of the file is not read): "
            + firstLine(e.getMessage());
        drop(name + "#" + rows++, null, MALFORMED_XML, detail);
      } finally {
        if (x != null) {
          try {
            x.close();
          } catch (XMLStreamException ignored) {
            // closing a reader that already failed
          }
        }
      }
    }

    private void row(XMLStreamReader x, PostSpool spool) throws IOException {
      long row = rows++;
      String id = x.getAttributeValue(null, "Id");
      String type = x.getAttributeValue(null, "PostTypeId");
      long postId = number(id);
      long postType = number(type);
      if (postId == Long.MIN_VALUE || postType == Long.MIN_VALUE) {
        drop(name + "#" + row, null, BAD_ROW, "line " + x.getLocation().getLineNumber() + ": row without a numeric "
            + (postId == Long.MIN_VALUE ? "Id" : "PostTypeId"));
        return;
      }
      int score = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, numberOr(x, "Score", 0)));
      String body = HtmlText.all(orEmpty(x.getAttributeValue(null, "Body")));
      if (postType == 1) {
        long at = spool.append(orEmpty(x.getAttributeValue(null, "Title")).strip(), body,
            orEmpty(x.getAttributeValue(null, "Tags")), orEmpty(x.getAttributeValue(null, "CreationDate")));
        questions.add(postId, 0, score, row, at);
      } else if (postType == 2) {
        long parent = numberOr(x, "ParentId", Long.MIN_VALUE);
        if (parent == Long.MIN_VALUE) {
          drop(name + "#" + row, null, BAD_ROW, "line " + x.getLocation().getLineNumber()
              + ": answer without a numeric ParentId");
          return;
        }
        answers.add(postId, parent, score, row, spool.append(body));
      } else {
        drop(name + "#" + row, null, NOT_QA, "PostTypeId " + postType + " (post " + postId + ") is not a question "
            + "or an answer");
      }
    }

    /** Emits the documents in question order; returns the answers joined into them. */
    long assemble(PostSpool spool) {
      int[] sorted = answers.byParentThenScore();
      boolean[] used = new boolean[answers.size];
      long joined = 0;
      for (int q = 0; q < questions.size; q++) {
        long qid = questions.id[q];
        long row = questions.row[q];
        String[] f = spool.read(questions.offset[q], 4);
        String url = site.isEmpty() ? "" : "https://" + site + "/questions/" + qid;
        List<Integer> kept = new ArrayList<>();
        List<Integer> low = new ArrayList<>();
        int first = answers.firstWithParent(sorted, qid);
        for (int k = first; k >= 0 && k < sorted.length && answers.parent[sorted[k]] == qid; k++) {
          int a = sorted[k];
          used[a] = true;
          (options.minAnswerScore() != null && answers.score[a] < options.minAnswerScore() ? low : kept).add(a);
        }
        String qidText = name + "#" + row;
        DropReason dropped = null;
        String detail = null;
        if (options.minQuestionScore() != null && questions.score[q] < options.minQuestionScore()) {
          dropped = QUESTION_SCORE_TOO_LOW;
          detail = "question " + qid + " has score " + questions.score[q] + ", below " + options.minQuestionScore();
        } else if (kept.size() < options.minAnswers()) {
          dropped = TOO_FEW_ANSWERS;
          detail = "question " + qid + " has " + kept.size() + " answer(s), fewer than " + options.minAnswers();
        }
        for (int a : low) {
          drop(name + "#" + answers.row[a], url, ANSWER_SCORE_TOO_LOW, "answer " + answers.id[a] + " has score "
              + answers.score[a] + ", below " + options.minAnswerScore());
        }
        if (dropped != null) {
          drop(qidText, url, dropped, detail);
          for (int a : kept) {
            drop(name + "#" + answers.row[a], url, QUESTION_DROPPED, "answer " + answers.id[a] + " of question "
                + qid + " (" + dropped + ")");
          }
          continue;
        }
        StringBuilder text = new StringBuilder("Q: ").append(f[0]);
        if (!f[1].isEmpty()) {
          text.append('\n').append(f[1]);
        }
        for (int a : kept) {
          text.append("\nA: ").append(spool.read(answers.offset[a], 1)[0]);
        }
        joined += kept.size();
        String t = text.toString();
        int lines = 1;
        for (int i = 0; i < t.length(); i++) {
          if (t.charAt(i) == '\n') {
            lines++;
          }
        }
        Document d = Document.read(qidText, (fileIndex << 40) | row, url, f[3], null,
            t.getBytes(StandardCharsets.UTF_8).length, lines, site, f[0], t, segment)
            .withSignal("site", site).withSignal("question_id", qid).withSignal("score", (long) questions.score[q])
            .withSignal("answer_count", (long) kept.size()).withSignal("tags", tags(f[2]));
        sink.document(d);
      }
      for (int a = 0; a < answers.size; a++) {
        if (!used[a]) {
          drop(name + "#" + answers.row[a], null, ORPHAN_ANSWER, "answer " + answers.id[a] + ": question "
              + answers.parent[a] + " is not in the file");
        }
      }
      return joined;
    }

    private void drop(String id, String url, DropReason reason, String detail) {
      if (policy == BadRecordPolicy.FAIL && (reason == MALFORMED_XML || reason == BAD_ROW)) {
        throw new BadRecordException(id, reason, detail);
      }
      sink.drop(new Drop(id, url, reason, detail));
    }
  }

  /** {@code "<a><b-c>"} as [a, b-c]. */
  static List<String> tags(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while ((i = s.indexOf('<', i)) >= 0) {
      int e = s.indexOf('>', i);
      if (e < 0) {
        break;
      }
      if (e > i + 1) {
        out.add(s.substring(i + 1, e));
      }
      i = e + 1;
    }
    if (out.isEmpty() && !s.isBlank()) {
      for (String t : s.split("\\|")) { // newer dumps: |a|b|
        if (!t.isBlank()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static long numberOr(XMLStreamReader x, String attr, long fallback) {
    long v = number(x.getAttributeValue(null, attr));
    return v == Long.MIN_VALUE ? fallback : v;
  }

  private static long number(String s) {
    if (s == null || s.isEmpty() || s.length() > 18) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl >= 0 ? t.substring(0, nl).strip() : t;
  }
}
