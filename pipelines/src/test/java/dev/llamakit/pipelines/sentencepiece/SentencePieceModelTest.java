package dev.llamakit.pipelines.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The golden unigram model: pieces and ids of SentencePiece 0.1.97 for all 202 records, bit for bit. */
class SentencePieceModelTest {
  static SentencePieceModel sp;

  @BeforeAll
  static void load() throws Exception {
    sp = SentencePieceModel.load(KenlmGoldens.model());
  }

  @Test
  void readsTheModel() {
    assertEquals(7228, sp.size());
    assertEquals(ModelType.UNIGRAM, sp.modelType());
    assertEquals("nmt_nfkc", sp.normalizerName());
    assertEquals(0, sp.unkId());
    assertEquals(1, sp.bosId());
    assertEquals(2, sp.eosId());
    assertEquals(new Piece("<unk>", 0f, PieceType.UNKNOWN), sp.piece(0));
    assertEquals(PieceType.CONTROL, sp.piece(1).type());
    assertEquals("</s>", sp.piece(2).text());
    assertEquals(2, sp.pieceToId("</s>"));
    assertEquals(0, sp.pieceToId("no such piece"));
    assertEquals(sp.piece(100).text(), sp.piece(sp.pieceToId(sp.piece(100).text())).text());
  }

  @Test
  void piecesAndIdsMatchAllGoldens() {
    List<KenlmGoldens.Record> records = KenlmGoldens.records();
    List<String> wrong = new ArrayList<>();
    int pieces = 0;
    for (KenlmGoldens.Record r : records) {
      List<String> got = sp.encodeAsPieces(r.normalized());
      int[] ids = sp.encodeAsIds(r.normalized());
      if (!got.equals(r.pieces())) {
        wrong.add(r.id() + " pieces: expected " + r.pieces() + " got " + got);
      } else if (!Arrays.equals(ids, r.ids())) {
        wrong.add(r.id() + " ids: expected " + Arrays.toString(r.ids()) + " got " + Arrays.toString(ids));
      } else if (!String.join(" ", got).equals(r.tokenized())) {
        wrong.add(r.id() + " tokenized");
      }
      pieces += got.size();
    }
    assertEquals(202, records.size());
    assertEquals(List.of(), wrong);
    assertEquals(33_783, pieces); // README section 4
  }

  @Test
  void normalisesLikeNmtNfkc() {
    assertEquals("▁finance ▁°C ▁1⁄2", sp.normalize("ﬁnance  ℃ ½").replace("▁", " ▁").strip());
    assertEquals("▁z▁w▁sp", sp.normalize("  z w\u200bsp \u3000"));
    assertEquals("", sp.normalize(" \u3000 "));
    assertEquals("", sp.normalize(""));
    assertEquals(List.of("▁z", "w", "▁sp"), sp.encodeAsPieces("zw\u200bsp"));
  }

  @Test
  void mergesRunsOfUnknownCharacters() {
    List<String> pieces = sp.encodeAsPieces("<unk>");
    assertEquals(List.of("▁", "<", "unk", ">"), pieces);
    assertArrayEquals(new int[] {sp.pieceToId("▁"), 0, sp.pieceToId("unk"), 0}, sp.encodeAsIds("<unk>"));
    List<String> emoji = sp.encodeAsPieces("a \ud83d\ude00\ud83d\udc4d b");
    assertEquals("\ud83d\ude00\ud83d\udc4d", emoji.get(emoji.indexOf("▁") + 1));
  }

  @Test
  void isThreadSafe() throws Exception {
    List<KenlmGoldens.Record> records = KenlmGoldens.records();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (KenlmGoldens.Record r : records) {
            if (!sp.encodeAsPieces(r.normalized()).equals(r.pieces())) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Throughput on one core: the golden texts glued into documents of about 4 KB, timed in thread CPU time (the
   * machine may be shared). Prints the rate; asserts only a floor far below it (measured 2026-12: about 6,000 docs/s,
   * 10 M pieces/s for encodeAsPieces on a loaded 2-core machine).
   */
  @Test
  void encodesFast() {
    List<String> docs = new ArrayList<>();
    StringBuilder doc = new StringBuilder();
    for (KenlmGoldens.Record r : KenlmGoldens.records()) {
      doc.append(r.normalized()).append(' ');
      if (doc.length() >= 4096) {
        docs.add(doc.toString());
        doc.setLength(0);
      }
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double best = 0;
    double piecesPerSecond = 0;
    for (int round = 0; round < 30; round++) { // the first rounds warm the JIT up
      long start = cpu.getCurrentThreadCpuTime();
      long pieces = 0;
      for (String d : docs) {
        pieces += sp.encodeAsPieces(d).size();
      }
      double seconds = Math.max(1e-9, (cpu.getCurrentThreadCpuTime() - start) / 1e9);
      if (docs.size() / seconds > best) {
        best = docs.size() / seconds;
        piecesPerSecond = pieces / seconds;
      }
    }
    System.out.printf("SentencePiece encodeAsPieces: %.0f docs/s of ~4 KB, %.1f M pieces/s (%d docs, best of 30)%n",
        best, piecesPerSecond / 1e6, docs.size());
    assertTrue(best > 500, "docs/s " + best);
  }
}
