package dev.llamakit.engine.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a built-in template from a name or a Jinja {@code chat_template}, following llama.cpp's
 * {@code llm_chat_detect_template}: an exact llama.cpp template name wins; otherwise substrings of the Jinja text are
 * tested in llama.cpp's order. Only the Llama 2 variants and Llama 3 are rendered here; a template llama.cpp would
 * take for another family is reported by that family's llama.cpp name.
 */
final class TemplateDetector {
  private static final JsonNode NAMES = TemplateFragments.load("detection.json");
  private static final List<String> IMPLEMENTED = strings("implemented");
  private static final List<String> KNOWN = strings("llama_cpp_names");

  private TemplateDetector() {}

  static ChatTemplate byName(String name) {
    return switch (name) {
      case "llama2" -> new Llama2Template(Llama2Template.Variant.LLAMA2);
      case "llama2-sys" -> new Llama2Template(Llama2Template.Variant.LLAMA2_SYS);
      case "llama2-sys-bos" -> new Llama2Template(Llama2Template.Variant.LLAMA2_SYS_BOS);
      case "llama2-sys-strip" -> new Llama2Template(Llama2Template.Variant.LLAMA2_SYS_STRIP);
      case "llama3" -> new Llama3Template();
      default -> throw new ChatTemplateException(KNOWN.contains(name)
          ? "chat template \"" + name + "\" is a llama.cpp template that is not implemented here (implemented: "
              + String.join(", ", IMPLEMENTED) + ")"
          : "unknown chat template name \"" + name + "\" (implemented: " + String.join(", ", IMPLEMENTED) + ")");
    };
  }

  static ChatTemplate detect(String template) {
    if (template == null || template.isEmpty()) {
      throw new ChatTemplateException("the chat template is empty");
    }
    if (KNOWN.contains(template)) {
      return byName(template);
    }
    String name = llamaCppName(template);
    if (name == null) {
      throw new ChatTemplateException("unrecognised chat template starting " + start(template)
          + " (implemented: " + String.join(", ", IMPLEMENTED) + ")");
    }
    if (!IMPLEMENTED.contains(name)) {
      throw new ChatTemplateException("chat template starting " + start(template) + " looks like llama.cpp's \""
          + name + "\", which is not implemented here (implemented: " + String.join(", ", IMPLEMENTED) + ")");
    }
    return byName(name);
  }

  /** The llama.cpp name {@code llm_chat_detect_template} gives a Jinja template, or null. */
  static String llamaCppName(String t) {
    if (t.contains("<|im_start|>")) {
      return t.contains("<|im_sep|>") ? "phi4" : "chatml";
    } else if (t.startsWith("mistral") || t.contains("[INST]")) {
      if (t.contains("[SYSTEM_PROMPT]")) {
        return "mistral-v7";
      } else if (t.contains("' [INST] ' + system_message") || t.contains("[AVAILABLE_TOOLS]")) {
        if (t.contains(" [INST]")) {
          return "mistral-v1";
        } else if (t.contains("\"[INST]\"")) {
          return "mistral-v3-tekken";
        }
        return "mistral-v3";
      } else if (t.contains("content.strip()")) {
        return "llama2-sys-strip";
      } else if (t.contains("bos_token + '[INST]")) {
        return "llama2-sys-bos";
      } else if (t.contains("<<SYS>>")) {
        return "llama2-sys";
      }
      return "llama2";
    } else if (t.contains("<|assistant|>") && t.contains("<|end|>")) {
      return "phi3";
    } else if (t.contains("<|assistant|>") && t.contains("<|user|>")) {
      return t.contains("</s>") ? "falcon3" : "glmedge";
    } else if (t.contains("<|user|>") && t.contains("<|endoftext|>")) {
      return "zephyr";
    } else if (t.contains("bos_token + message['role']")) {
      return "monarch";
    } else if (t.contains("<start_of_turn>")) {
      return "gemma";
    } else if (t.contains("'\\n\\nAssistant: ' + eos_token")) {
      return "orion";
    } else if (t.contains("GPT4 Correct ")) {
      return "openchat";
    } else if (t.contains("USER: ") && t.contains("ASSISTANT: ")) {
      return t.contains("SYSTEM: ") ? "vicuna-orca" : "vicuna";
    } else if (t.contains("### Instruction:") && t.contains("<|EOT|>")) {
      return "deepseek";
    } else if (t.contains("<|START_OF_TURN_TOKEN|>") && t.contains("<|USER_TOKEN|>")) {
      return "command-r";
    } else if (t.contains("<|start_header_id|>") && t.contains("<|end_header_id|>")) {
      return "llama3";
    } else if (t.contains("[gMASK]sop")) {
      return "chatglm3";
    } else if (t.contains("[gMASK]<sop>")) {
      return "chatglm4";
    } else if (t.contains("<用户>")) {
      return "minicpm";
    } else if (t.contains("'Assistant: ' + message['content'] + eos_token")) {
      return "deepseek2";
    } else if (t.contains("<｜Assistant｜>") && t.contains("<｜User｜>") && t.contains("<｜end▁of▁sentence｜>")) {
      return "deepseek3";
    } else if (t.contains("[|system|]") && t.contains("[|assistant|]") && t.contains("[|endofturn|]")) {
      return "exaone3";
    } else if (t.contains("rwkv-world")) {
      return "rwkv-world";
    } else if (t.contains("<|start_of_role|>")) {
      return "granite";
    } else if (t.contains("message['role'] + additional_special_tokens[0] + message['content'] + "
        + "additional_special_tokens[1]")) {
      return "gigachat";
    } else if (t.contains("<|role_start|>")) {
      return "megrez";
    }
    return null;
  }

  private static String start(String t) {
    String s = t.length() > 60 ? t.substring(0, 60) + "…" : t;
    return "\"" + s.replace("\n", "\\n") + "\"";
  }

  private static List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    NAMES.get(field).forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }
}
