package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.docdedup.KeepRule;
import dev.llamakit.pipelines.docdedup.TrackingParams;
import dev.llamakit.pipelines.docdedup.UrlNormalizer;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * The recipe step {@code dedup_urls}: one document per normalised URL ({@link UrlNormalizer}: scheme and host case,
 * default ports, fragment, trailing slashes, tracking parameters from a table), kept by the {@link KeepRule} —
 * {@code first} (lowest ordinal; datatrove's URL dedup without a priority function), {@code longest} (the longest
 * {@code raw_content}, as datatrove's URL-dedup example configures it) or {@code newest} ({@code date_download}, as
 * tfds C4 does); ties go to the first. The others are dropped as {@code DUPLICATE_URL} with detail
 * {@code same URL as <kept id> (<normalised URL>)}. A document without a URL (none, or blank) passes untouched and is
 * counted ({@code dedup_urls.no_url}).
 *
 * <p>Distributed as {@link KeepOnePerKey}. Metrics: {@code dedup_urls.no_url}, {@code dedup_urls.groups}.
 */
public final class DedupUrls extends OnePerKeyStep {
  /** The {@code dedup_urls} step's parameters. */
  public static final class Params implements Serializable {
    /** Which document of a URL is kept: first (lowest ordinal), longest (raw content) or newest (date_download). */
    public String keep = "first";
    /** Remove tracking query parameters (utm_*, fbclid, ...) before comparing. */
    public boolean stripTrackingParams = true;
    /** A file of tracking parameter names (one a line, * for a prefix); empty: the bundled table. */
    public String trackingParams = "";
    /** Compare http and https URLs as one (tfds C4 strips the scheme). */
    public boolean ignoreScheme = false;
    /** Compare www.host and host as one (tfds C4 strips www.). */
    public boolean stripWww = false;
  }

  /** The recipe step {@code dedup_urls}. */
  public DedupUrls(Params p) {
    super(step(p), "KeepOnePerUrl");
  }

  private static KeepOnePerKey step(Params p) {
    TrackingParams table = p.trackingParams == null || p.trackingParams.isBlank() ? TrackingParams.standard()
        : TrackingParams.load(Path.of(p.trackingParams));
    UrlNormalizer normalizer = new UrlNormalizer(table, p.stripTrackingParams, p.ignoreScheme, p.stripWww);
    return new KeepOnePerKey(d -> normalizer.key(d.url()), KeepRule.parse(p.keep), DropReason.DUPLICATE_URL,
        (key, winner) -> "same URL as " + winner.id() + " (" + key + ")", MetricNames.DEDUP_URLS_NO_URL,
        MetricNames.DEDUP_URLS_GROUPS);
  }
}
