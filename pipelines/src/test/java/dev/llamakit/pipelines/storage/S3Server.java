package dev.llamakit.pipelines.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server on the loopback interface: S3Proxy over a jclouds in-memory blob store, with AWS signature
 * checking on (the key pair below). Tests point llamakit at it with {@code --s3-endpoint} and the SDK's
 * {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "llamakit-test";
  public static final String SECRET_KEY = "llamakit-test-secret";
  private final S3Proxy proxy;
  private final BlobStoreContext context;

  private S3Server(List<String> buckets) throws Exception {
    context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(new Properties()).build(BlobStoreContext.class);
    for (String b : buckets) {
      context.getBlobStore().createContainerInLocation(null, b);
    }
    proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        // the AWS SDK sends x-amz-server-side-encryption-bucket-key-enabled on every upload; S3 and MinIO accept it,
        // S3Proxy refuses headers it does not implement unless told to ignore them
        .ignoreUnknownHeaders(true).build();
    proxy.start();
    for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
      Thread.sleep(10);
    }
  }

  public static S3Server start(String... buckets) throws Exception {
    return new S3Server(List.of(buckets));
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  public BlobStore blobs() {
    return context.getBlobStore();
  }

  /** Uploads a local file as {@code s3://bucket/key}. */
  public void put(String bucket, String key, Path file) {
    blobs().putBlob(bucket, blobs().blobBuilder(key).payload(file.toFile()).build());
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}
