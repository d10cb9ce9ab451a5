package dev.llamakit.pipelines.sentencepiece;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 202 records of {@code ../shared/golden/kenlm/goldens.jsonl} (made with SentencePiece 0.1.97 and cc_net's
 * normaliser; see that folder's README) and its {@code sp.model}. Skips the calling test when ../shared is absent.
 */
public final class KenlmGoldens {
  /** One record: the fields this component must reproduce exactly. */
  public record Record(String id, String raw, String normalized, List<String> pieces, int[] ids, String tokenized) {}

  private static List<Record> records;

  private KenlmGoldens() {}

  /** The SentencePiece model the goldens were made with. */
  public static Path model() {
    return SharedFiles.require("golden/kenlm/sp.model");
  }

  /** All records, in file order (read once). */
  public static synchronized List<Record> records() {
    if (records == null) {
      Path file = SharedFiles.require("golden/kenlm/goldens.jsonl");
      ObjectMapper om = new ObjectMapper();
      List<Record> list = new ArrayList<>();
      try {
        for (String line : Files.readAllLines(file)) {
          JsonNode n = om.readTree(line);
          List<String> pieces = new ArrayList<>();
          n.get("pieces").forEach(p -> pieces.add(p.asText()));
          int[] ids = new int[n.get("ids").size()];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = n.get("ids").get(i).asInt();
          }
          list.add(new Record(n.get("id").asText(), n.get("raw").asText(), n.get("normalized").asText(), pieces, ids,
              n.get("tokenized").asText()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      records = List.copyOf(list);
    }
    return records;
  }
}
