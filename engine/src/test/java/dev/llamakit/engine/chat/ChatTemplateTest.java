package dev.llamakit.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgufMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Detection by llama.cpp's substrings, names, errors and stop strings. */
class ChatTemplateTest {

  @Test
  void detectsLlama2VariantsBySubstring() {
    assertEquals("llama2", ChatTemplate.detect("{% for m in messages %}[INST] {{ m['content'] }}{% endfor %}").name());
    assertEquals("llama2-sys", ChatTemplate.detect("[INST] <<SYS>>\\n{{ system }}").name());
    assertEquals("llama2-sys-bos", ChatTemplate.detect("{{ bos_token + '[INST] ' }} <<SYS>>").name());
    assertEquals("llama2-sys-strip", ChatTemplate.detect("[INST] {{ content.strip() }} <<SYS>>").name());
    assertEquals("llama3", ChatTemplate.detect("{{ '<|start_header_id|>' + role + '<|end_header_id|>' }}").name());
    assertEquals("llama3", ChatTemplate.detect("llama3").name());
  }

  @Test
  void otherFamiliesAreNamedInTheError() {
    ChatTemplateException e = assertThrows(ChatTemplateException.class,
        () -> ChatTemplate.detect("{% for m in messages %}<|im_start|>{{ m.role }}{% endfor %}"));
    assertTrue(e.getMessage().contains("\"chatml\""), e.getMessage());
    e = assertThrows(ChatTemplateException.class, () -> ChatTemplate.detect("Hello {{ weird }} template"));
    assertTrue(e.getMessage().contains("unrecognised chat template starting \"Hello {{ weird }} template\""),
        e.getMessage());
    e = assertThrows(ChatTemplateException.class, () -> ChatTemplate.byName("gemma"));
    assertTrue(e.getMessage().contains("\"gemma\" is a llama.cpp template that is not implemented"), e.getMessage());
    e = assertThrows(ChatTemplateException.class,
        () -> ChatTemplate.fromGguf(new GgufMetadata(Path.of("x.gguf"), Map.of())));
    assertTrue(e.getMessage().contains("tokenizer.chat_template is missing"), e.getMessage());
  }

  @Test
  void llama3TrimsOnlyCLocaleSpaceAndStopsAtEndOfTurn() {
    ChatTemplate t = ChatTemplate.byName("llama3");
    assertEquals("<|start_header_id|>user<|end_header_id|>\n\n\u00a0hi<|eot_id|>",
        t.render(List.of(Message.user(" \t\u00a0hi\r\n\u000b")), false));
    assertEquals(List.of("<|eot_id|>", "<|end_of_text|>", "<|eom_id|>"), t.stopStrings());
    assertEquals(List.of("</s>"), ChatTemplate.byName("llama2").stopStrings());
  }

  @Test
  void fromGgufReadsTheChatTemplateKey() {
    GgufMetadata md = new GgufMetadata(Path.of("m.gguf"),
        Map.of("tokenizer.chat_template", "{% if true %}[INST] <<SYS>>{% endif %}"));
    assertEquals("llama2-sys", ChatTemplate.fromGguf(md).name());
  }
}
