package dev.llamakit.pipelines.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SentencePieceModel#encode(byte[], int, SentencePieceModel.Encoding)} with one reused {@code Encoding}
 * (texts long and short, in random order) gives the pieces of {@link SentencePieceModel#encodeAsPieces} and the ids
 * of {@link SentencePieceModel#encodeAsIds}; nothing of an earlier text leaks into a later one.
 */
class EncodingReuseTest {
  @Test
  void reusedEncodingEqualsFreshEncoding() throws Exception {
    SentencePieceModel sp = SentencePieceModel.load(KenlmGoldens.model());
    List<String> raws = new ArrayList<>();
    KenlmGoldens.records().forEach(r -> raws.add(r.raw()));
    List<String> texts = new ArrayList<>(raws);
    texts.addAll(MixedText.documents(13, 800, 200, raws));
    texts.addAll(MixedText.documents(17, 10, 3000, raws));
    java.util.Collections.shuffle(texts, new java.util.Random(1));
    SentencePieceModel.Encoding e = sp.newEncoding();
    List<String> wrong = new ArrayList<>();
    for (String t : texts) {
      byte[] utf8 = t.getBytes(StandardCharsets.UTF_8);
      byte[] padded = Arrays.copyOf(utf8, utf8.length + 7); // only [0, length) counts
      sp.encode(padded, utf8.length, e);
      List<String> pieces = new ArrayList<>();
      int[] ids = new int[e.size()];
      for (int i = 0; i < e.size(); i++) {
        ids[i] = e.id(i);
        pieces.add(ids[i] == sp.unkId()
            ? new String(e.normalized(), e.start(i), e.end(i) - e.start(i), StandardCharsets.UTF_8)
            : sp.piece(ids[i]).text());
      }
      if (!pieces.equals(sp.encodeAsPieces(t)) || !Arrays.equals(ids, sp.encodeAsIds(t))) {
        wrong.add("<" + t + ">");
      }
    }
    assertEquals(List.of(), wrong);
  }
}
