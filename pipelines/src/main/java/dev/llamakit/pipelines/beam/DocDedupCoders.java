package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.docdedup.BookOverlap;
import dev.llamakit.pipelines.docdedup.Candidate;
import dev.llamakit.pipelines.docdedup.StartSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Coders of what document-level dedup ({@link DedupExact}, {@link DedupUrls}, {@link DedupBooks}) shuffles: small
 * records, varint-encoded, positions as deltas.
 */
final class DocDedupCoders {
  private DocDedupCoders() {}

  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();

  /** A {@link Candidate}: ordinal, priority, id. */
  static final class CandidateCoder extends AtomicCoder<Candidate> {
    private static final CandidateCoder INSTANCE = new CandidateCoder();

    static CandidateCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Candidate c, OutputStream os) throws IOException {
      LONG.encode(c.ordinal(), os);
      BigEndianLongCoder.of().encode(c.priority(), os);
      StringUtf8Coder.of().encode(c.id(), os);
    }

    @Override
    public Candidate decode(InputStream is) throws IOException {
      return new Candidate(LONG.decode(is), BigEndianLongCoder.of().decode(is), StringUtf8Coder.of().decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Ascending positions as a count and deltas. */
  static void encodePositions(int[] p, OutputStream os) throws IOException {
    INT.encode(p.length, os);
    int prev = 0;
    for (int x : p) {
      INT.encode(x - prev, os);
      prev = x;
    }
  }

  static int[] decodePositions(InputStream is) throws IOException {
    int n = INT.decode(is);
    int[] p = new int[n];
    int prev = 0;
    for (int i = 0; i < n; i++) {
      prev += INT.decode(is);
      p[i] = prev;
    }
    return p;
  }

  /** A {@link BookOverlap.Posting}: ordinal, words, positions. */
  static final class PostingCoder extends AtomicCoder<BookOverlap.Posting> {
    private static final PostingCoder INSTANCE = new PostingCoder();

    static PostingCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(BookOverlap.Posting p, OutputStream os) throws IOException {
      LONG.encode(p.ordinal(), os);
      INT.encode(p.words(), os);
      encodePositions(p.positions(), os);
    }

    @Override
    public BookOverlap.Posting decode(InputStream is) throws IOException {
      return new BookOverlap.Posting(LONG.decode(is), INT.decode(is), decodePositions(is));
    }
  }

  /** A pair's shared shingle starts in its first document, with that document's word count. */
  record PairStarts(int words, StartSet starts) {}

  static final class PairStartsCoder extends AtomicCoder<PairStarts> {
    private static final PairStartsCoder INSTANCE = new PairStartsCoder();

    static PairStartsCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(PairStarts p, OutputStream os) throws IOException {
      INT.encode(p.words(), os);
      encodePositions(p.starts().toArray(), os);
    }

    @Override
    public PairStarts decode(InputStream is) throws IOException {
      return new PairStarts(INT.decode(is), StartSet.of(decodePositions(is)));
    }
  }

  /** A {@link BookOverlap.Removal}: document, other, overlap. */
  static final class RemovalCoder extends AtomicCoder<BookOverlap.Removal> {
    private static final RemovalCoder INSTANCE = new RemovalCoder();

    static RemovalCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(BookOverlap.Removal r, OutputStream os) throws IOException {
      LONG.encode(r.document(), os);
      LONG.encode(r.other(), os);
      DoubleCoder.of().encode(r.overlap(), os);
    }

    @Override
    public BookOverlap.Removal decode(InputStream is) throws IOException {
      return new BookOverlap.Removal(LONG.decode(is), LONG.decode(is), DoubleCoder.of().decode(is));
    }
  }
}
