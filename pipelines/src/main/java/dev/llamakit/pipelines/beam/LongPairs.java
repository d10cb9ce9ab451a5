package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.dedup.DuplicateLines;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/** A growable list of (hash, owner) pairs: the accumulator that becomes a {@link DuplicateLines} index. */
final class LongPairs {
  private long[] a = new long[16];
  private long[] b = new long[16];
  private int n;

  void add(long x, long y) {
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2);
      b = Arrays.copyOf(b, n * 2);
    }
    a[n] = x;
    b[n] = y;
    n++;
  }

  void addAll(LongPairs o) {
    for (int i = 0; i < o.n; i++) {
      add(o.a[i], o.b[i]);
    }
  }

  DuplicateLines toIndex() {
    return new DuplicateLines(Arrays.copyOf(a, n), Arrays.copyOf(b, n));
  }

  static final Coder<LongPairs> CODER = new AtomicCoder<>() {
    @Override
    public void encode(LongPairs p, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeInt(p.n);
      for (int i = 0; i < p.n; i++) {
        out.writeLong(p.a[i]);
        out.writeLong(p.b[i]);
      }
      out.flush();
    }

    @Override
    public LongPairs decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      LongPairs p = new LongPairs();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        p.add(in.readLong(), in.readLong());
      }
      return p;
    }
  };

  /** Coder of the finished index (through the same pair encoding). */
  static final Coder<DuplicateLines> INDEX_CODER = new AtomicCoder<>() {
    @Override
    public void encode(DuplicateLines d, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeInt(d.size());
      for (int i = 0; i < d.size(); i++) {
        out.writeLong(d.hashAt(i));
        out.writeLong(d.ownerAt(i));
      }
      out.flush();
    }

    @Override
    public DuplicateLines decode(InputStream is) throws IOException {
      return CODER.decode(is).toIndex();
    }
  };
}
