package dev.llamakit.pipelines.storage.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.beam.InputFile;
import dev.llamakit.pipelines.io.InputResolver;
import dev.llamakit.pipelines.storage.FileServer;
import dev.llamakit.pipelines.storage.RemoteFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.beam.sdk.io.FileSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https://} inputs against a real HTTPS server on loopback with a certificate made by {@code keytool} for the
 * test: a second JVM that trusts it the ordinary way ({@code javax.net.ssl.trustStore}) resolves a paths list with an
 * {@code https://} base and reads every file byte for byte; this JVM, which does not trust it, fails in one line
 * naming the URL.
 */
class HttpsInputTest {
  private static final Path SAMPLES = Path.of("..", "samples", "ccnet");
  private static final String PASSWORD = "changeit";
  @TempDir Path tmp;

  /** The child: args = base URL, paths file, local folder holding the same files. */
  public static void main(String[] args) throws Exception {
    RemoteFiles.register(List.of());
    List<InputFile> files = new InputResolver(null).resolve(List.of(), Path.of(args[1]), args[0]);
    for (InputFile f : files) {
      byte[] got;
      try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(f.path(), false)))) {
        got = in.readAllBytes();
      }
      if (!Arrays.equals(got, Files.readAllBytes(Path.of(args[2]).resolve(f.segment())))) {
        System.out.println(f.path() + ": bytes differ");
        System.exit(3);
      }
      System.out.println("read " + f.path() + " " + got.length);
    }
  }

  @Test
  void httpsInputsAreReadWithTheJvmsTrustStore() throws Exception {
    Path keys = tmp.resolve("loopback.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "loopback", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
    String made = new String(keytool.getInputStream().readAllBytes());
    assertEquals(0, keytool.waitFor(), made);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keys)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    Path paths = Files.writeString(tmp.resolve("wet.paths"), "whirlwind.warc.wet.gz\nmultilingual-00000.warc.wet.gz\n");
    try (FileServer server = FileServer.servingTls(SAMPLES, tls)) {
      assertTrue(server.url().startsWith("https://127.0.0.1:"));
      List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
          "-Djavax.net.ssl.trustStore=" + keys, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
          "-Djavax.net.ssl.trustStoreType=PKCS12", "-cp", System.getProperty("java.class.path"),
          HttpsInputTest.class.getName(), server.url() + "/", paths.toString(), SAMPLES.toString()));
      Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String log = new String(child.getInputStream().readAllBytes());
      assertTrue(child.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, child.exitValue(), log);
      assertTrue(log.contains("read " + server.url() + "/whirlwind.warc.wet.gz "
          + Files.size(SAMPLES.resolve("whirlwind.warc.wet.gz"))), log);
      assertTrue(log.contains("read " + server.url() + "/multilingual-00000.warc.wet.gz "), log);

      String url = server.url() + "/whirlwind.warc.wet.gz";
      RemoteFiles.register(List.of());
      IOException untrusted = assertThrows(IOException.class, () -> RemoteFiles.require(List.of(url), null));
      assertTrue(untrusted.getMessage().startsWith(url + ": "), untrusted.getMessage());
      assertEquals(1, untrusted.getMessage().lines().count(), untrusted.getMessage());
    }
  }
}
