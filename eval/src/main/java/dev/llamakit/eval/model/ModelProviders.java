package dev.llamakit.eval.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link ModelProvider} for a model file among those on the class path. */
public final class ModelProviders {
  private ModelProviders() {}

  /** Every registered provider, in class-path order. */
  public static List<ModelProvider> all() {
    List<ModelProvider> out = new ArrayList<>();
    ServiceLoader.load(ModelProvider.class).forEach(out::add);
    return out;
  }

  /**
   * The provider named {@code id} (when not null) or the first that supports {@code modelFile}.
   *
   * @throws IllegalStateException naming what is missing when no provider fits
   */
  public static ModelProvider find(List<ModelProvider> providers, String id, Path modelFile) {
    if (providers.isEmpty()) {
      throw new IllegalStateException("no language-model provider is registered: the eval harness needs an engine "
          + "adapter (an implementation of " + ModelProvider.class.getName() + " listed in META-INF/services); "
          + "none is on the class path in this build, so no benchmark can be run");
    }
    for (ModelProvider p : providers) {
      if (id != null ? p.id().equals(id) : p.supports(modelFile)) {
        return p;
      }
    }
    List<String> ids = providers.stream().map(ModelProvider::id).toList();
    throw new IllegalStateException(id != null
        ? "no model provider named '" + id + "'; registered: " + ids
        : "no registered model provider " + ids + " can open " + modelFile);
  }
}
