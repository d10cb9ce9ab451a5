package dev.llamakit.pipelines.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Locations stay strings: https://host keeps both slashes, and a base joins an entry with exactly one. */
class LocationsTest {
  @Test
  void schemesAndJoins() {
    assertTrue(Locations.isRemote("input", "s3://bucket/a.wet.gz"));
    assertTrue(Locations.isRemote("input", "HTTPS://data.example/x"));
    assertFalse(Locations.isRemote("input", "data/x.wet.gz"));
    assertFalse(Locations.isRemote("input", "file:///data/x.wet.gz"));
    assertEquals(Path.of("/data/x.wet.gz"), Locations.localPath("file:///data/x.wet.gz"));
    assertEquals("https://data.example/crawl-data/x.warc.wet.gz",
        Locations.join("https://data.example/", "/crawl-data/x.warc.wet.gz"));
    assertEquals("s3://b/p/x", Locations.join("s3://b/p", "x"));
    assertEquals("out", Locations.fileName("s3://b/a/out/"));
    assertEquals("s3://b/a", Locations.parent("s3://b/a/out"));
    assertTrue(Locations.isGlob("s3://b/in/*.wet.gz"));
    assertFalse(Locations.isGlob("https://h/x.wet.gz?sig=1"), "a query is not a glob over http");
  }

  @Test
  void anUnknownSchemeIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Locations.isRemote("--base", "gs://bucket/crawl"));
    assertEquals("--base gs://bucket/crawl: unsupported scheme gs:// (local paths, s3://, http:// and https:// are "
        + "supported)", e.getMessage());
  }
}
