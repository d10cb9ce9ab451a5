package dev.llamakit.pipelines.stackexchange;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file of post texts: strings appended as length-prefixed UTF-8, read back by offset. Deleted on close.
 */
final class PostSpool implements Closeable {
  private final Path file;
  private final DataOutputStream out;
  private long written;
  private FileChannel reader;

  PostSpool() throws IOException {
    file = Files.createTempFile("llamakit-stackexchange-", ".spool");
    out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }

  /** Appends the strings of one post; returns the offset to read them back from. */
  long append(String... fields) throws IOException {
    long at = written;
    for (String f : fields) {
      byte[] b = f.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
      written += 4 + b.length;
    }
    return at;
  }

  /** Reads back {@code count} strings written at {@code offset}. */
  String[] read(long offset, int count) {
    try {
      if (reader == null) {
        out.flush();
        reader = FileChannel.open(file, StandardOpenOption.READ);
      }
      String[] fields = new String[count];
      long p = offset;
      ByteBuffer len = ByteBuffer.allocate(4);
      for (int i = 0; i < count; i++) {
        len.clear();
        readFully(len, p);
        int n = len.flip().getInt();
        ByteBuffer b = ByteBuffer.allocate(n);
        readFully(b, p + 4);
        fields[i] = new String(b.array(), StandardCharsets.UTF_8);
        p += 4 + n;
      }
      return fields;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool " + file, e);
    }
  }

  private void readFully(ByteBuffer b, long at) throws IOException {
    long p = at;
    while (b.hasRemaining()) {
      int n = reader.read(b, p);
      if (n < 0) {
        throw new IOException("the spool " + file + " ends early");
      }
      p += n;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
      if (reader != null) {
        reader.close();
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
