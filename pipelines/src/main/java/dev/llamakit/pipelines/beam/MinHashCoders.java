package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.minhash.ClusterSummary;
import dev.llamakit.pipelines.minhash.Decision;
import dev.llamakit.pipelines.minhash.Member;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Compact deterministic coders for what {@link MinHashDedup} shuffles besides documents and edges (public for the benchmark). */
public final class MinHashCoders {
  private static final StringUtf8Coder STR = StringUtf8Coder.of();
  private static final VarLongCoder VARLONG = VarLongCoder.of();

  private MinHashCoders() {}

  /** A shingle set: its length, then the values. */
  public static final class LongArrayCoder extends AtomicCoder<long[]> {
    public static final LongArrayCoder INSTANCE = new LongArrayCoder();

    @Override
    public void encode(long[] v, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeInt(v.length);
      for (long x : v) {
        out.writeLong(x);
      }
      out.flush();
    }

    @Override
    public long[] decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      long[] v = new long[in.readInt()];
      for (int i = 0; i < v.length; i++) {
        v[i] = in.readLong();
      }
      return v;
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** {@link Member}: ordinal, id, chars. */
  public static final class MemberCoder extends AtomicCoder<Member> {
    public static final MemberCoder INSTANCE = new MemberCoder();

    @Override
    public void encode(Member m, OutputStream os) throws IOException {
      VARLONG.encode(m.ordinal(), os);
      STR.encode(m.id(), os);
      VARLONG.encode(m.chars(), os);
    }

    @Override
    public Member decode(InputStream is) throws IOException {
      return new Member(VARLONG.decode(is), STR.decode(is), VARLONG.decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** {@link ClusterSummary}, or null (an empty accumulator): a presence byte, size, first, kept. */
  public static final class SummaryCoder extends AtomicCoder<ClusterSummary> {
    public static final SummaryCoder INSTANCE = new SummaryCoder();

    @Override
    public void encode(ClusterSummary s, OutputStream os) throws IOException {
      os.write(s == null ? 0 : 1);
      if (s != null) {
        VARLONG.encode(s.size(), os);
        MemberCoder.INSTANCE.encode(s.first(), os);
        MemberCoder.INSTANCE.encode(s.kept(), os);
      }
    }

    @Override
    public ClusterSummary decode(InputStream is) throws IOException {
      int present = is.read();
      if (present == 0) {
        return null;
      }
      return new ClusterSummary(VARLONG.decode(is), MemberCoder.INSTANCE.decode(is), MemberCoder.INSTANCE.decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** {@link Decision}: cluster id, size, keep, kept id. */
  public static final class DecisionCoder extends AtomicCoder<Decision> {
    public static final DecisionCoder INSTANCE = new DecisionCoder();

    @Override
    public void encode(Decision d, OutputStream os) throws IOException {
      STR.encode(d.clusterId(), os);
      VARLONG.encode(d.clusterSize(), os);
      os.write(d.keep() ? 1 : 0);
      STR.encode(d.keptId(), os);
    }

    @Override
    public Decision decode(InputStream is) throws IOException {
      return new Decision(STR.decode(is), VARLONG.decode(is), is.read() == 1, STR.decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
