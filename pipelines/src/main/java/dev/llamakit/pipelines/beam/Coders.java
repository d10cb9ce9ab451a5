package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.DocumentCoder;
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
import org.apache.beam.sdk.util.VarInt;

/** Compact coders for the small values the pipeline shuffles (no Java serialization on the hot path). */
public final class Coders {
  private Coders() {}

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
      return new Drop(STR.decode(is), STR.decode(is), DropReason.of(STR.decode(is)), STR.decode(is));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** {@link Item}: a tag byte, then the document or the drop. */
  public static final class ItemCoder extends AtomicCoder<Item> {
    private static final ItemCoder INSTANCE = new ItemCoder();

    public static ItemCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Item item, OutputStream os) throws IOException {
      if (item.isDrop()) {
        os.write(1);
        DropCoder.of().encode(item.drop(), os);
      } else {
        os.write(0);
        DocumentCoder.of().encode(item.document(), os);
      }
    }

    @Override
    public Item decode(InputStream is) throws IOException {
      int tag = is.read();
      return switch (tag) {
        case 0 -> Item.of(DocumentCoder.of().decode(is));
        case 1 -> Item.dropped(DropCoder.of().decode(is));
        default -> throw new IOException("corrupt item stream: tag " + tag);
      };
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** {@code long[]}: a var-int length, then the values as fixed 8-byte big-endian longs. */
  public static final class LongArrayCoder extends AtomicCoder<long[]> {
    private static final LongArrayCoder INSTANCE = new LongArrayCoder();

    public static LongArrayCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(long[] values, OutputStream os) throws IOException {
      VarInt.encode(values.length, os);
      DataOutputStream out = new DataOutputStream(os);
      for (long v : values) {
        out.writeLong(v);
      }
      out.flush();
    }

    @Override
    public long[] decode(InputStream is) throws IOException {
      int n = VarInt.decodeInt(is);
      if (n < 0) {
        throw new IOException("corrupt long[] stream: length " + n);
      }
      long[] values = new long[n];
      DataInputStream in = new DataInputStream(is);
      for (int i = 0; i < n; i++) {
        values[i] = in.readLong();
      }
      return values;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
