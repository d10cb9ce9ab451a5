package dev.llamakit.eval.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.io.JsonText;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import dev.llamakit.eval.extract.PyStrings;
import dev.llamakit.eval.task.Doc;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TriviaQA's reading-comprehension release ({@code triviaqa-rc/qa/}), read as the HF {@code trivia_qa} script builds
 * its {@code rc.nocontext} config: split {@code SPLIT} is {@code web-SPLIT.json} then {@code wikipedia-SPLIT.json}
 * (the HF validation split holds their 9,951 + 7,993 = 17,944 questions, train 76,496 + 61,888; the
 * {@code verified-*} files are not part of it), each a JSON object whose {@code Data} array holds {@code {Question,
 * QuestionId, Answer: {Aliases, ...}}}. Fields: {@code question} (stripped, as the HF script strips it),
 * {@code question_id}, {@code answer} (the stripped {@code Aliases}, lm-eval's {@code answer.aliases}). The files are
 * streamed through {@link TextLines} (strict UTF-8, gzip when named {@code .gz}), so the large train files need no
 * more memory than their records.
 */
public final class TriviaQaLoader implements DatasetLoader {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public List<Doc> load(Path base, String split) {
    List<Doc> docs = new ArrayList<>();
    for (String source : List.of("web", "wikipedia")) {
      read(base.resolve(source + "-" + split + ".json"), split, docs);
    }
    return docs;
  }

  /** Appends the questions of one qa file to {@code docs}. */
  static void read(Path file, String split, List<Doc> docs) {
    try (TextLines lines = TextLines.open(file);
        JsonParser p = new JsonFactory(JSON).createParser(new LinesReader(lines))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DataFormatException(file + ": expected a JSON object with a 'Data' array");
      }
      boolean found = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (!"Data".equals(name)) {
          p.skipChildren();
          continue;
        }
        if (t != JsonToken.START_ARRAY) {
          throw new DataFormatException(file + ": 'Data' is not an array");
        }
        found = true;
        int record = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          long line = p.currentLocation().getLineNr();
          JsonNode n = JSON.readTree(p);
          docs.add(doc(file, line, record++, n, split, docs.size()));
        }
      }
      if (!found) {
        throw new DataFormatException(file + ": no 'Data' array");
      }
    } catch (TextFormatException e) {
      throw new DataFormatException(e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new DataFormatException(file, Math.max(line, 0), "not valid JSON: " + e.getOriginalMessage().lines()
          .findFirst().orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The lines of a {@link TextLines} (strict UTF-8, gzip) as characters, each line ended by {@code \n}. */
  private static final class LinesReader extends Reader {
    private final TextLines lines;
    private String current = "";
    private int at;

    LinesReader(TextLines lines) {
      this.lines = lines;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      while (at >= current.length()) {
        String l = lines.next();
        if (l == null) {
          return -1;
        }
        current = l + "\n";
        at = 0;
      }
      int n = Math.min(len, current.length() - at);
      current.getChars(at, at + n, buf, off);
      at += n;
      return n;
    }

    @Override
    public void close() {}
  }

  private static Doc doc(Path file, long line, int record, JsonNode n, String split, int index) {
    String where = "Data[" + record + "]";
    if (n == null || !n.isObject()) {
      throw new DataFormatException(file, line, where + ": expected a JSON object");
    }
    if (JsonText.firstNonText(n) != null) {
      throw new DataFormatException(file, line, where + ": a string holds an unpaired surrogate escape: not text");
    }
    JsonNode q = n.get("Question");
    JsonNode id = n.get("QuestionId");
    JsonNode aliases = n.path("Answer").get("Aliases");
    if (q == null || !q.isTextual()) {
      throw new DataFormatException(file, line, where + ": field 'Question' is missing or not a string");
    }
    if (id == null || !id.isTextual()) {
      throw new DataFormatException(file, line, where + ": field 'QuestionId' is missing or not a string");
    }
    if (aliases == null || !aliases.isArray() || aliases.isEmpty()) {
      throw new DataFormatException(file, line, where + ": field 'Answer.Aliases' is missing or not a non-empty list "
          + "(the test-without-answers files cannot be scored)");
    }
    List<String> a = new ArrayList<>();
    for (JsonNode x : aliases) {
      if (!x.isTextual()) {
        throw new DataFormatException(file, line, where + ": field 'Answer.Aliases' holds a non-string");
      }
      a.add(PyStrings.strip(x.asText()));
    }
    return new Doc("triviaqa/" + split + "/" + index, index,
        Map.of("question", PyStrings.strip(q.asText()), "question_id", id.asText(), "answer", List.copyOf(a)));
  }
}
