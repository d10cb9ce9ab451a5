package dev.llamakit.pipelines.storage;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Why a remote location could not be used, in a few words for a one-line error ({@code <url>: connection refused},
 * {@code <url>: access denied (HTTP 403, InvalidAccessKeyId) — check the AWS credentials}): the root cause of
 * whatever the AWS SDK, the HTTP client or Beam threw, without their stack of wrappers.
 */
public final class StorageErrors {
  private StorageErrors() {}

  /** {@code location: why}. */
  public static String describe(String location, Throwable t) {
    return location + ": " + why(t);
  }

  /** The reason alone. */
  public static String why(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || has(c, "connection refused")) {
        return "connection refused";
      }
      if (c instanceof UnknownHostException) {
        return "unknown host " + c.getMessage();
      }
      if (c instanceof HttpConnectTimeoutException || has(c, "connect timed out")) {
        return "no answer (connect timed out)";
      }
      if (c instanceof FileNotFoundException || c instanceof NoSuchFileException) {
        return "not found";
      }
      if (c instanceof AwsServiceException s) {
        String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
        int status = s.statusCode();
        if (status == 404 || "NoSuchKey".equals(code) || "NoSuchBucket".equals(code)) {
          return "NoSuchBucket".equals(code) ? "no such bucket" : "not found";
        }
        String detail = "HTTP " + status + (code == null ? "" : ", " + code);
        if (status == 403 || status == 401) {
          return "access denied (" + detail + ") — check the AWS credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE, ...)";
        }
        return detail + (s.awsErrorDetails() == null ? "" : ": " + s.awsErrorDetails().errorMessage());
      }
      if (c instanceof SdkClientException && has(c, "unable to load credentials")) {
        return "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)";
      }
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  private static boolean has(Throwable t, String text) {
    return t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(text);
  }
}
