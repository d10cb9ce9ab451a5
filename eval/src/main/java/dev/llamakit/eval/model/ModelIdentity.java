package dev.llamakit.eval.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who produced a result: a display name and the SHA-256 of the model file (or any stable content hash).
 *
 * @param name display name, e.g. the file name
 * @param fileHash lowercase hex SHA-256 of the model file; keys resumable results
 */
public record ModelIdentity(String name, String fileHash) {
  public ModelIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fileHash, "fileHash");
  }

  /** The identity of a model file: its file name and the SHA-256 of its bytes. */
  public static ModelIdentity ofFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 20];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return new ModelIdentity(file.getFileName().toString(), HexFormat.of().formatHex(md.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash model file " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
