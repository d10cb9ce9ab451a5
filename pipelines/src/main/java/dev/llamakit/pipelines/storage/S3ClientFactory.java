package dev.llamakit.pipelines.storage;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Beam's S3 client, plus what an S3-compatible server needs: with an endpoint override, path-style requests
 * ({@code http://host:port/bucket/key}; virtual-host style would ask for {@code bucket.host}, which a server on an
 * address or {@code localhost} does not answer). Against AWS itself, cross-region access, so a bucket outside the
 * configured region is still found. Named by {@link S3Settings#beamArgs()} as {@code --s3ClientFactoryClass}.
 */
public final class S3ClientFactory implements S3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    S3ClientBuilder b = new DefaultS3ClientBuilderFactory().createBuilder(options);
    if (options.getEndpoint() != null) {
      b.forcePathStyle(true);
    } else {
      b.crossRegionAccessEnabled(true);
    }
    return b;
  }
}
