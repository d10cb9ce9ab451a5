package dev.llamakit.pipelines.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Endpoint and region found the usual AWS way, explicit options first, and turned into Beam arguments. */
class S3SettingsTest {
  @Test
  void explicitOptionsWinOverTheEnvironment() {
    Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://env:9000", "AWS_REGION", "eu-west-1");
    S3Settings s = S3Settings.resolve("http://127.0.0.1:9000", "ap-south-1", env);
    assertEquals(List.of("--awsRegion=ap-south-1", "--s3ClientFactoryClass=" + S3ClientFactory.class.getName(),
        "--endpoint=http://127.0.0.1:9000"), s.beamArgs());
  }

  @Test
  void theServiceSpecificEndpointVariableComesFirst() {
    Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://all:1", "AWS_ENDPOINT_URL_S3", "http://s3:2",
        "AWS_DEFAULT_REGION", "eu-central-1");
    S3Settings s = S3Settings.resolve(null, null, env);
    assertEquals("http://s3:2", s.endpoint().toString());
    assertEquals("eu-central-1", s.region());
    assertEquals("http://all:1", S3Settings.resolve(null, null, Map.of("AWS_ENDPOINT_URL", "http://all:1"))
        .endpoint().toString());
  }

  @Test
  void withNothingSetItIsAwsInItsFallbackRegion() {
    assumeTrue(System.getProperty("aws.region") == null && System.getenv("AWS_CONFIG_FILE") == null
        && !Files.exists(Path.of(System.getProperty("user.home"), ".aws", "config")), "an AWS profile names a region");
    S3Settings s = S3Settings.resolve(null, null, Map.of());
    assertEquals(null, s.endpoint());
    assertEquals(S3Settings.FALLBACK_REGION, s.region());
    assertEquals(List.of("--awsRegion=us-east-1", "--s3ClientFactoryClass=" + S3ClientFactory.class.getName()),
        s.beamArgs());
  }

  @Test
  void argumentsTheCallerGaveAreKept() {
    S3Settings s = S3Settings.resolve("http://127.0.0.1:9000", "us-west-2", Map.of());
    assertEquals(List.of("--runner=DirectRunner", "--awsRegion=eu-north-1",
            "--s3ClientFactoryClass=" + S3ClientFactory.class.getName(), "--endpoint=http://127.0.0.1:9000"),
        s.completing(List.of("--runner=DirectRunner", "--awsRegion=eu-north-1")));
  }

  @Test
  void anEndpointMustBeAnHttpUrl() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> S3Settings.resolve("127.0.0.1:9000", null, Map.of()));
    assertTrue(e.getMessage().startsWith("S3 endpoint 127.0.0.1:9000: not an http:// or https:// URL"), e.getMessage());
  }
}
