package dev.llamakit.pipelines.storage;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;

/**
 * Where S3 is and which region to sign for, found the usual AWS way, as the Beam arguments that configure Beam's S3
 * file system ({@code --endpoint}, {@code --awsRegion}, {@code --s3ClientFactoryClass}). Credentials are not here:
 * the AWS SDK's default chain finds them ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, the
 * {@code aws.accessKeyId} system properties, {@code ~/.aws/credentials} with {@code AWS_PROFILE}, container and
 * instance roles).
 *
 * <p>Endpoint: the explicit option, else {@code AWS_ENDPOINT_URL_S3}, else {@code AWS_ENDPOINT_URL}, else AWS itself.
 * With an endpoint (an S3-compatible server) requests use path-style addressing. Region: the explicit option, else
 * {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the {@code aws.region} system property, the profile's region, else
 * {@code us-east-1} with cross-region access (so a bucket elsewhere still works). The region is always given to Beam,
 * because Beam's own default asks the EC2 instance metadata service, which costs seconds on every run off EC2.
 */
public record S3Settings(URI endpoint, String region) {
  /** The region used when nothing names one. */
  public static final String FALLBACK_REGION = "us-east-1";

  public S3Settings {
    if (endpoint != null) {
      String s = endpoint.getScheme();
      if (s == null || !(s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https")) || endpoint.getHost() == null) {
        throw new IllegalArgumentException("S3 endpoint " + endpoint + ": not an http:// or https:// URL with a host");
      }
    }
  }

  /**
   * @param endpoint the explicit endpoint ({@code --s3-endpoint}) or null
   * @param region the explicit region ({@code --s3-region}) or null
   * @param env the environment ({@code System.getenv()})
   */
  public static S3Settings resolve(String endpoint, String region, Map<String, String> env) {
    String e = firstSet(endpoint, env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"));
    URI uri;
    try {
      uri = e == null ? null : URI.create(e);
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException("S3 endpoint " + e + ": not an http:// or https:// URL with a host", bad);
    }
    String r = firstSet(region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), System.getProperty("aws.region"));
    if (r == null) {
      r = profileRegion();
    }
    return new S3Settings(uri, r == null ? FALLBACK_REGION : r);
  }

  /** From the environment alone. */
  public static S3Settings fromEnvironment() {
    return resolve(null, null, System.getenv());
  }

  /** The Beam pipeline arguments that configure its S3 file system this way. */
  public List<String> beamArgs() {
    List<String> args = new ArrayList<>();
    args.add("--awsRegion=" + region);
    args.add("--s3ClientFactoryClass=" + S3ClientFactory.class.getName());
    if (endpoint != null) {
      args.add("--endpoint=" + endpoint);
    }
    return args;
  }

  /**
   * {@code args} with these settings added where the caller did not set them itself (an explicit
   * {@code --awsRegion=...} or {@code --endpoint=...} among {@code args} wins).
   */
  public List<String> completing(List<String> args) {
    List<String> out = new ArrayList<>(args);
    for (String a : beamArgs()) {
      String key = a.substring(0, a.indexOf('=') + 1);
      if (args.stream().noneMatch(x -> x.startsWith(key))) {
        out.add(a);
      }
    }
    return out;
  }

  private static String profileRegion() {
    try {
      Region r = new AwsProfileRegionProvider().getRegion();
      return r == null ? null : r.id();
    } catch (RuntimeException none) {
      return null; // no profile file, or no region in it
    }
  }

  private static String firstSet(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
