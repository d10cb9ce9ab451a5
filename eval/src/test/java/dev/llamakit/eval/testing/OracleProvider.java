package dev.llamakit.eval.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.ModelIdentity;
import dev.llamakit.eval.model.ModelProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link ModelProvider} (registered for tests through {@code META-INF/services}) whose "model file" is an
 * {@link OracleModel} answer key: {@code {"prefer": {question: choice}, "script": {question: [texts]}}}, file name
 * ending in {@code .oracle.json}.
 */
public final class OracleProvider implements ModelProvider {
  @Override
  public String id() {
    return "oracle-test";
  }

  @Override
  public boolean supports(Path modelFile) {
    return modelFile.getFileName().toString().endsWith(".oracle.json");
  }

  @Override
  public LanguageModel open(Path modelFile, Map<String, String> options) {
    JsonNode key;
    try {
      key = new ObjectMapper().readTree(modelFile.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OracleModel m = new OracleModel(modelFile.getFileName().toString(), ModelIdentity.ofFile(modelFile).fileHash());
    key.path("prefer").fields().forEachRemaining(e -> m.prefer(e.getKey(), e.getValue().asInt()));
    key.path("script").fields().forEachRemaining(e -> {
      List<String> texts = new ArrayList<>();
      e.getValue().forEach(t -> texts.add(t.asText()));
      m.script(e.getKey(), texts);
    });
    return m;
  }
}
