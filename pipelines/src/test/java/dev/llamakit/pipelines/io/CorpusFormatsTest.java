package dev.llamakit.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorpusFormatsTest {
  private final CorpusFormats formats = CorpusFormats.standard();

  @Test
  void guessesByTheLongestEndingAfterCompression() {
    assertEquals("wet", formats.guess("CC-MAIN-2019-seg.warc.wet.gz"));
    assertEquals("wet", formats.guess("x.WET"));
    assertEquals("jsonl", formats.guess("part-0.jsonl.gz"));
    assertEquals("jsonl", formats.guess("shard.json"));
    assertNull(formats.guess("notes.pdf"));
  }

  @Test
  void unknownFormatAndOptionAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> formats.create("jsnl", Map.of()));
    assertTrue(e.getMessage().startsWith("unknown format 'jsnl' (did you mean 'jsonl'?)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> formats.create("wet", Map.of("min_score", 1)));
    assertTrue(e.getMessage().startsWith("format_params of format 'wet': unknown parameter 'min_score'"),
        e.getMessage());
  }

  @Test
  void aFormatsReaderReadsDocumentsAndDrops() throws Exception {
    byte[] in = "{\"text\":\"hello\",\"url\":\"http://a.example/\"}\nnot json\n".getBytes(StandardCharsets.UTF_8);
    CollectingSink sink = new CollectingSink();
    long metadata = formats.create("jsonl", Map.of()).reader(ReadOptions.defaults())
        .read(new ByteArrayInputStream(in), "part.jsonl", "seg", 3, sink);
    List<Document> docs = sink.docs;
    List<Drop> drops = sink.drops;
    assertEquals(0, metadata);
    assertEquals(1, docs.size());
    assertEquals("hello", docs.getFirst().rawContent());
    assertEquals((3L << 40) | 1, docs.getFirst().ordinal());
    assertEquals(1, drops.size());
    assertEquals("part.jsonl#2", drops.getFirst().id());
  }
}
