package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.dedup.LineOccurrences;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Compact coders for the small values the pipeline shuffles (no Java serialization on the hot path). */
public final class Coders {
  private Coders() {}

  /** {@link LineOccurrences}: a byte and a long. */
  public static final class LineOccurrencesCoder extends AtomicCoder<LineOccurrences> {
    private static final LineOccurrencesCoder INSTANCE = new LineOccurrencesCoder();

    public static LineOccurrencesCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(LineOccurrences v, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeByte(v.documents());
      out.writeLong(v.firstOrdinal());
      out.flush();
    }

    @Override
    public LineOccurrences decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      return new LineOccurrences(in.readByte(), in.readLong());
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** {@link Drop}: id, url, reason, detail. */
  public static final class DropCoder extends AtomicCoder<Drop> {
    private static final DropCoder INSTANCE = new DropCoder();
    private static final NullableCoder<String> STR = NullableCoder.of(StringUtf8Coder.of());

    public static DropCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Drop d, OutputStream os) throws IOException {
      STR.encode(d.id(), os);
      STR.encode(d.url(), os);
      STR.encode(d.reason().name(), os);
      STR.encode(d.detail(), os);
    }

    @Override
    public Drop decode(InputStream is) throws IOException {
      return new Drop(STR.decode(is), STR.decode(is), DropReason.valueOf(STR.decode(is)), STR.decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
