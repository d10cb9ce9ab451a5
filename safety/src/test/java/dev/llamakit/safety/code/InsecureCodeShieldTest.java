package dev.llamakit.safety.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.ShieldResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Language detection (fence tags, heuristics) and the shield's decisions on assistant messages. */
class InsecureCodeShieldTest {
  private final InsecureCodeShield shield = InsecureCodeShield.standard();

  @Test
  void fenceTagDecidesTheLanguage() {
    assertEquals("python", CodeBlocks.find("Here:\n```py\nprint(1)\n```\n").getFirst().language());
    assertEquals("cpp", CodeBlocks.find("```c++\nint x;\n```").getFirst().language());
    assertEquals("csharp", CodeBlocks.find("```C#\nvar x = 1;\n```").getFirst().language());
    assertEquals("java", CodeBlocks.find("```\npublic class A { }\n```").getFirst().language(), "untagged: heuristics");
    assertEquals("php", CodeBlocks.detect("<?php echo 1;").orElseThrow());
    assertEquals("rust", CodeBlocks.detect("fn main() { let mut x = 1; }").orElseThrow());
    assertTrue(CodeBlocks.find("The weather is nice today.").isEmpty());
  }

  @Test
  void blocksErrorsWarnsWarningsAllowsCleanCode() {
    ShieldResult block = shield.check(List.of(Message.user("copy a string"),
        Message.assistant("Use this:\n```c\nstrcpy(buf, input);\n```\nDone.")));
    assertEquals(Decision.BLOCK, block.decision());
    assertEquals("CWE-120", block.categories().getFirst().code());
    assertTrue(block.detail().contains("c-strcpy"));
    ShieldResult warn = shield.check(List.of(Message.assistant("```python\nimport hashlib\nh = hashlib.md5(b'x')\n```")));
    assertEquals(Decision.WARN, warn.decision());
    ShieldResult ok = shield.check(List.of(Message.assistant("```python\nprint(sum([1, 2, 3]))\n```")));
    assertEquals(Decision.ALLOW, ok.decision());
    assertEquals(Decision.ALLOW, shield.check(List.of(Message.assistant("Paris is the capital of France."))).decision());
  }

  @Test
  void unknownLanguageScansWithEveryRuleSet() {
    InsecureCodeDetector.ScanResult r = InsecureCodeDetector.standard().scan("x = eval(input)", null);
    assertTrue(r.issues().stream().anyMatch(i -> i.rule().id().equals("py-eval-exec")));
    assertEquals(List.of("any"), r.languages());
  }
}
