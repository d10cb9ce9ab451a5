package dev.llamakit.safety.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.safety.fasttext.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benign sources added for the moderation recipe: FLORES-200 grouping and the creative request templates. */
class BenignSourcesTest {
  @Test
  void floresTranslationsShareOneSplitGroup() throws Exception {
    Path data = SharedFiles.require("data/langid/flores200-dev").getParent().getParent();
    List<Example> flores = BenignText.flores(data);
    assertEquals(66 * 997, flores.size());
    assertTrue(flores.stream().allMatch(e -> e.label().equals("safe") && e.source().equals("benign:flores200")));
    // Line 0 in every language is one group, so all its translations land on the same side of the split.
    Map<String, List<Example>> byGroup = flores.stream().collect(Collectors.groupingBy(Example::group));
    assertEquals(997, byGroup.size());
    assertEquals(66, byGroup.get("flores200:0").size());
    Set<Boolean> sides = byGroup.get("flores200:0").stream()
        .map(e -> Split.isValidation(e.group(), 10)).collect(Collectors.toSet());
    assertEquals(1, sides.size());
  }

  @Test
  void creativeRequestsCoverStoriesAndExplanationsGroupedByTopic() {
    List<Example> ex = BenignRequests.creative("safe", List.of("sea otters"));
    assertTrue(ex.stream().anyMatch(e -> e.text().equals("Tell me a story about sea otters.")));
    assertTrue(ex.stream().anyMatch(e -> e.text().equals("Write a fairy tale about sea otters.")));
    assertTrue(ex.stream().anyMatch(e -> e.text().equals("sea otters")));
    assertTrue(ex.stream().filter(e -> e.text().contains("sea otters"))
        .allMatch(e -> e.group().equals("benign-request:sea otters") && e.source().equals("benign:creative-requests")));
  }
}
