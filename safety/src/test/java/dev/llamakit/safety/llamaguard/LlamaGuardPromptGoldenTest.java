package dev.llamakit.safety.llamaguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every record of {@code golden/chat/llama_guard.jsonl}: our rendered prompt equals {@code rendered} byte for byte. */
class LlamaGuardPromptGoldenTest {
  @Test
  void everyGoldenRecordRendersExactly() throws Exception {
    Path golden = SharedFiles.require("golden/chat/llama_guard.jsonl");
    ObjectMapper json = new ObjectMapper();
    int n = 0;
    for (String line : Files.readAllLines(golden)) {
      if (line.isBlank()) continue;
      JsonNode r = json.readTree(line);
      List<Message> msgs = new ArrayList<>();
      for (JsonNode m : r.get("messages")) msgs.add(new Message(Role.parse(m.get("role").asText()), m.get("content").asText()));
      LlamaGuardPrompt p = new LlamaGuardPrompt(LlamaGuardVariant.named(r.get("variant").asText()));
      LlamaGuardPrompt.Classification c = r.get("classification").asText().startsWith("user")
          ? LlamaGuardPrompt.Classification.USER : LlamaGuardPrompt.Classification.AGENT;
      String where = r.get("variant").asText() + "/" + r.get("conversation_id").asText() + "/" + c;
      assertEquals(r.get("rendered").asText(), p.render(msgs, c), where);
      assertEquals(r.get("rendered").asText(), p.render(msgs), where + " (role from the last message)");
      n++;
    }
    assertEquals(28, n, "golden record count");
  }

  @Test
  void templateBlocksOfTheReferenceAreReproduced() throws Exception {
    // The documented blocks use placeholder messages; render them with those and compare.
    JsonNode blocks = new ObjectMapper().readTree(SharedFiles.require("golden/chat/llama_guard_template_blocks.json")
        .toFile()).get("blocks");
    Message u = Message.user("<USER_MESSAGE>");
    Message a = Message.assistant("<AGENT_MESSAGE>");
    assertEquals(blocks.get("lg1-hf").get("text").asText(), render("lg1-hf", List.of(u)));
    assertEquals(blocks.get("lg1-cookbook").get("text").asText(), render("lg1-cookbook", List.of(u, a)));
    assertEquals(blocks.get("lg2-hf").get("text").asText(), render("lg2-hf", List.of(u)));
    assertEquals(blocks.get("lg3-8b-hf").get("text").asText(), render("lg3-8b-hf", List.of(u, a)));
    assertTrue(blocks.get("lg3-1b-hf-notebook").get("text").asText().contains("categories. <|eot_id|>"));
  }

  private static String render(String variant, List<Message> m) {
    return new LlamaGuardPrompt(LlamaGuardVariant.named(variant)).render(m);
  }
}
