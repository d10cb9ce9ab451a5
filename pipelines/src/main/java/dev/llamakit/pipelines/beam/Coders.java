package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.dedup.DuplicateLines;
import dev.llamakit.pipelines.dedup.OccurrenceTable;
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

  /** {@link OccurrenceTable}: a count and (hash, documents, owner) triples. */
  public static final class OccurrenceTableCoder extends AtomicCoder<OccurrenceTable> {
    private static final OccurrenceTableCoder INSTANCE = new OccurrenceTableCoder();

    public static OccurrenceTableCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(OccurrenceTable t, OutputStream os) throws IOException {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 17 * t.size());
      b.putInt(t.size());
      t.forEach((h, n, o) -> b.putLong(h).put((byte) n).putLong(o));
      os.write(b.array(), 0, b.position());
    }

    @Override
    public OccurrenceTable decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      int n = in.readInt();
      OccurrenceTable t = new OccurrenceTable(n);
      for (int i = 0; i < n; i++) {
        long h = in.readLong();
        int docs = in.readByte();
        long owner = in.readLong();
        t.add(h, owner);
        if (docs > 1) {
          t.add(h, owner); // restores the capped count of 2
        }
      }
      return t;
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** {@link DuplicateLines}: a count and sorted (hash, owner) pairs. */
  public static final class DuplicateLinesCoder extends AtomicCoder<DuplicateLines> {
    private static final DuplicateLinesCoder INSTANCE = new DuplicateLinesCoder();

    public static DuplicateLinesCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(DuplicateLines d, OutputStream os) throws IOException {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 16 * d.size());
      b.putInt(d.size());
      for (int i = 0; i < d.size(); i++) {
        b.putLong(d.hashAt(i)).putLong(d.ownerAt(i));
      }
      os.write(b.array(), 0, b.position());
    }

    @Override
    public DuplicateLines decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      int n = in.readInt();
      long[] h = new long[n];
      long[] o = new long[n];
      for (int i = 0; i < n; i++) {
        h[i] = in.readLong();
        o[i] = in.readLong();
      }
      return new DuplicateLines(h, o);
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
}
