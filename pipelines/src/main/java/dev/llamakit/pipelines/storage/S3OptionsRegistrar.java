package dev.llamakit.pipelines.storage;

import java.util.List;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Makes Beam's {@link S3Options} known to its argument parser (Beam registers only {@code AwsOptions}), so
 * {@code --s3ClientFactoryClass} and the other S3 options are accepted on the command line and travel to workers.
 */
public final class S3OptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(S3Options.class);
  }
}
