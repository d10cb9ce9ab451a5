package dev.llamakit.pipelines.doc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * A compact, deterministic Beam coder for {@link Document}: length-prefixed strings (no 64 KB limit; ASCII as bytes,
 * other text as UTF-16 code units), a presence byte for optional parts, varint-free fixed widths for speed.
 */
public final class DocumentCoder extends AtomicCoder<Document> {
  private static final DocumentCoder INSTANCE = new DocumentCoder();

  public static DocumentCoder of() {
    return INSTANCE;
  }

  private DocumentCoder() {}

  @Override
  public void encode(Document d, OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(os);
    str(out, d.id());
    out.writeLong(d.ordinal());
    str(out, d.url());
    str(out, d.dateDownload());
    str(out, d.digest());
    out.writeLong(d.length());
    out.writeInt(d.nlines());
    str(out, d.sourceDomain());
    str(out, d.title());
    str(out, d.rawContent());
    str(out, d.ccSegment());
    long[] h = d.lineHashes();
    out.writeInt(h == null ? -1 : h.length);
    if (h != null) {
      for (long x : h) {
        out.writeLong(x);
      }
    }
    Document.Dedup dd = d.dedup();
    out.writeBoolean(dd != null);
    if (dd != null) {
      out.writeInt(dd.originalNlines());
      out.writeLong(dd.originalLength());
      out.writeInt(dd.lineIds().length);
      for (int id : dd.lineIds()) {
        out.writeInt(id);
      }
    }
    Document.Language l = d.language();
    out.writeBoolean(l != null);
    if (l != null) {
      str(out, l.label());
      out.writeDouble(l.score());
    }
    Document.Safety sf = d.safety();
    out.writeBoolean(sf != null);
    if (sf != null) {
      out.writeDouble(sf.score());
      str(out, sf.category());
    }
    Map<String, Object> sig = d.signals().asMap();
    out.writeInt(sig.size());
    for (Map.Entry<String, Object> e : sig.entrySet()) {
      str(out, e.getKey());
      value(out, e.getValue());
    }
    out.flush();
  }

  @Override
  public Document decode(InputStream is) throws IOException {
    DataInputStream in = new DataInputStream(is);
    String id = str(in);
    long ordinal = in.readLong();
    String url = str(in);
    String date = str(in);
    String digest = str(in);
    long length = in.readLong();
    int nlines = in.readInt();
    String domain = str(in);
    String title = str(in);
    String content = str(in);
    String segment = str(in);
    int nh = in.readInt();
    long[] hashes = null;
    if (nh >= 0) {
      hashes = new long[nh];
      for (int i = 0; i < nh; i++) {
        hashes[i] = in.readLong();
      }
    }
    Document.Dedup dedup = null;
    if (in.readBoolean()) {
      int on = in.readInt();
      long ol = in.readLong();
      int[] ids = new int[in.readInt()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = in.readInt();
      }
      dedup = new Document.Dedup(on, ol, ids);
    }
    Document.Language lang = in.readBoolean() ? new Document.Language(str(in), in.readDouble()) : null;
    Document.Safety safety = in.readBoolean() ? new Document.Safety(in.readDouble(), str(in)) : null;
    Signals signals = Signals.EMPTY;
    for (int i = 0, n = in.readInt(); i < n; i++) {
      signals = signals.with(str(in), value(in));
    }
    if (content == null || id == null) {
      throw new CoderException("corrupt Document encoding: missing id or raw_content");
    }
    return new Document(id, ordinal, url, date, digest, length, nlines, domain, title, content, segment, hashes, dedup, lang, safety,
        signals);
  }

  @Override
  public void verifyDeterministic() {}

  private static void value(DataOutputStream out, Object v) throws IOException {
    switch (v) {
      case Long l -> {
        out.writeByte('L');
        out.writeLong(l);
      }
      case Double x -> {
        out.writeByte('D');
        out.writeDouble(x);
      }
      case String t -> {
        out.writeByte('S');
        str(out, t);
      }
      case Boolean b -> {
        out.writeByte('B');
        out.writeBoolean(b);
      }
      case List<?> list -> {
        out.writeByte('A');
        out.writeInt(list.size());
        for (Object o : list) {
          str(out, (String) o);
        }
      }
      case RawJson j -> {
        out.writeByte('J');
        str(out, j.json());
      }
      default -> throw new CoderException("signal of unsupported type " + v.getClass());
    }
  }

  private static Object value(DataInputStream in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case 'L' -> in.readLong();
      case 'D' -> in.readDouble();
      case 'S' -> str(in);
      case 'B' -> in.readBoolean();
      case 'A' -> {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(str(in));
        }
        yield list;
      }
      case 'J' -> new RawJson(str(in));
      default -> throw new CoderException("corrupt Document encoding: signal tag " + tag);
    };
  }

  /**
   * A string: {@code -1} for null; ASCII as one byte a character after their count; any other text as its UTF-16
   * code units after {@code -2 - length}. Both are memory copies each way, where UTF-8 on non-ASCII text had cost a
   * tenth of the runner's time on multilingual corpora (every document crosses the dedup shuffle).
   */
  private static void str(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    char[] chars = s.toCharArray();
    int any = 0;
    for (char c : chars) {
      any |= c;
    }
    if (any < 0x80) {
      out.writeInt(chars.length);
      out.write(s.getBytes(StandardCharsets.ISO_8859_1));
      return;
    }
    byte[] units = new byte[2 * chars.length];
    ByteBuffer.wrap(units).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().put(chars);
    out.writeInt(-2 - chars.length);
    out.write(units);
  }

  private static String str(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n >= 0) {
      byte[] b = new byte[n];
      in.readFully(b);
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    int chars = -2 - n;
    if (chars < 0) {
      throw new CoderException("corrupt Document encoding: string length " + n);
    }
    byte[] units = new byte[2 * chars];
    in.readFully(units);
    char[] c = new char[chars];
    ByteBuffer.wrap(units).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().get(c);
    return new String(c);
  }
}
