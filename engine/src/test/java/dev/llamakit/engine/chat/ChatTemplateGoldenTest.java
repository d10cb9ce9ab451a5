package dev.llamakit.engine.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.tokenizer.TestVocabs;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every record of {@code golden/chat/chat_templates.jsonl}: rendered text equal to llama.cpp's
 * {@code llama_chat_apply_template}, and the three recorded id lists equal; every record of
 * {@code golden/chat/llama_guard.jsonl}: its rendered prompt tokenizes to the recorded ids in each mode.
 */
class ChatTemplateGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void chatTemplateGoldens() throws IOException {
    Path file = SharedFiles.require("golden/chat/chat_templates.jsonl");
    int n = 0;
    for (JsonNode r : records(file)) {
      String name = r.get("template").asText();
      ChatTemplate t = r.has("template_string")
          ? ChatTemplate.detect(r.get("template_string").asText())
          : ChatTemplate.byName(name);
      List<Message> messages = new ArrayList<>();
      r.get("messages").forEach(m -> messages.add(new Message(m.get("role").asText(), m.get("content").asText())));
      String where = r.get("conversation_id").asText() + " " + name + " add_ass=" + r.get("add_assistant_prompt");
      String rendered = t.render(messages, r.get("add_assistant_prompt").asBoolean());
      assertEquals(r.get("rendered").asText(), rendered, where);
      Tokenizer tok = vocab(r.get("vocab").asText());
      checkIds(tok, rendered, r, where);
      assertArrayEquals(ints(r.get("ids_add_special_parse_special")),
          t.encode(tok, messages, r.get("add_assistant_prompt").asBoolean()), where + " ChatTemplate.encode");
      n++;
    }
    assertEquals(72, n);
  }

  @Test
  void llamaGuardPromptIds() throws IOException {
    Path file = SharedFiles.require("golden/chat/llama_guard.jsonl");
    int n = 0;
    for (JsonNode r : records(file)) {
      String where = r.get("variant").asText() + " " + r.get("conversation_id").asText() + " "
          + r.get("classification").asText();
      checkIds(vocab(r.get("vocab").asText()), r.get("rendered").asText(), r, where);
      n++;
    }
    assertEquals(28, n);
  }

  @Test
  void embeddedLlama3JinjaIsDetectedAsLlama3() throws IOException {
    for (JsonNode r : records(SharedFiles.require("golden/chat/chat_templates.jsonl"))) {
      if (r.has("template_string")) {
        assertEquals("llama3", ChatTemplate.detect(r.get("template_string").asText()).name());
        assertTrue(r.get("equals_builtin_llama3").asBoolean());
      }
    }
  }

  private static void checkIds(Tokenizer tok, String text, JsonNode r, String where) {
    assertArrayEquals(ints(r.get("ids_add_special_parse_special")), tok.encode(text, true, true), where + " add+parse");
    assertArrayEquals(ints(r.get("ids_no_add_special_parse_special")), tok.encode(text, false, true),
        where + " parse only");
    assertArrayEquals(ints(r.get("ids_add_special_no_parse_special")), tok.encode(text, true, false),
        where + " add only");
  }

  private static Tokenizer vocab(String name) throws IOException {
    return switch (name) {
      case "llama2-spm" -> TestVocabs.spm();
      case "llama3-bpe" -> TestVocabs.llama3();
      default -> throw new IllegalArgumentException("unknown vocab " + name);
    };
  }

  private static List<JsonNode> records(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  private static int[] ints(JsonNode arr) {
    int[] a = new int[arr.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = arr.get(i).asInt();
    }
    return a;
  }
}
