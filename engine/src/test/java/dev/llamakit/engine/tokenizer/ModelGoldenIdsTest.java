package dev.llamakit.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The prompt ids of the model goldens (llama.cpp's tokenization of each prompt with the model's own vocabulary) and
 * the greedy text (the concatenated pieces of the greedy ids).
 */
class ModelGoldenIdsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void stories260kPromptIds() throws IOException {
    check(Tokenizer.fromGguf(SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf")),
        SharedFiles.require("golden/model_goldens/stories260K-f32.jsonl"));
  }

  @Test
  void llama2KtinyPromptIds() throws IOException {
    check(TestVocabs.spm(), SharedFiles.require("golden/model_goldens/llama2-ktiny-Q4_K_M.jsonl"));
  }

  @Test
  void llama3TinyPromptIds() throws IOException {
    check(TestVocabs.llama3(), SharedFiles.require("golden/model_goldens/llama3-tiny-Q4_0.jsonl"));
  }

  private static void check(Tokenizer tok, Path goldens) throws IOException {
    int n = 0;
    for (String line : Files.readAllLines(goldens, StandardCharsets.UTF_8)) {
      JsonNode r = JSON.readTree(line);
      String where = goldens.getFileName() + " " + r.get("prompt_id").asText();
      int[] ids = tok.encode(r.get("prompt_text").asText(), r.get("add_special").asBoolean(),
          r.get("parse_special").asBoolean());
      assertArrayEquals(TokenizerGoldenTest.ints(r.get("ids")), ids, where);
      JsonNode greedy = r.get("greedy");
      if (greedy.isTextual()) {
        greedy = JSON.readTree(greedy.asText());
      }
      if (greedy.has("text") && greedy.path("text_valid_utf8").asBoolean(true)) {
        StreamingDecoder d = new StreamingDecoder(tok, true);
        StringBuilder sb = new StringBuilder();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (JsonNode id : greedy.get("ids")) {
          sb.append(d.accept(id.asInt()));
          raw.writeBytes(tok.tokenBytes(id.asInt()));
        }
        sb.append(d.flush());
        assertEquals(greedy.get("text").asText(), raw.toString(StandardCharsets.UTF_8), where + " greedy text");
        assertEquals(raw.toString(StandardCharsets.UTF_8), sb.toString(), where + " streamed greedy text");
      }
      n++;
    }
    assertEquals(true, n > 0, "no records in " + goldens);
  }
}
