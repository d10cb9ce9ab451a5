package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.io.CorpusFormats;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import dev.llamakit.pipelines.report.Progress;
import dev.llamakit.pipelines.storage.Locations;
import dev.llamakit.pipelines.storage.StorageErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Step 1 of the CCNet recipe: reads every input file (WET, gzipped member by member or plain; JSONL, optionally
 * gzipped) into documents and counted drops: a damaged record, a damaged gzip member or a cut file is a named drop
 * (see {@link dev.llamakit.pipelines.io.WetReader}), never an unread rest of the file. Files are spread over workers; one file is read by one
 * worker, so parallelism comes from having many input files (a single {@code .gz} is not splittable).
 *
 * <p>Metrics: {@code read} (documents and bad records), {@code files}, {@code records.warcinfo}, {@code bytes.read}.
 */
public final class ReadCorpus extends PTransform<PBegin, PCollection<Item>> {
  private final List<InputFile> files;
  private final ReadOptions options;

  private ReadCorpus(List<InputFile> files, ReadOptions options) {
    this.files = List.copyOf(files);
    this.options = options;
  }

  public static ReadCorpus from(List<InputFile> files, ReadOptions options) {
    return new ReadCorpus(files, options);
  }

  @Override
  public PCollection<Item> expand(PBegin begin) {
    return begin
        .apply("ListFiles", Create.of(files).withCoder(SerializableCoder.of(InputFile.class)))
        .apply("SpreadFiles", Reshuffle.viaRandomKey())
        .apply("ParseFiles", ParDo.of(new ReadFileFn(options)))
        .setCoder(Coders.ItemCoder.of());
  }

  /** Reads one file; every document and every bad record increments {@code read}. */
  static final class ReadFileFn extends DoFn<InputFile, Item> {
    private final ReadOptions options;
    private final Counter read = Metrics.counter(MetricNames.NAMESPACE, MetricNames.READ);
    private final Counter filesRead = Metrics.counter(MetricNames.NAMESPACE, MetricNames.FILES);
    private final Counter warcinfo = Metrics.counter(MetricNames.NAMESPACE, MetricNames.WARCINFO);
    private final Counter bytes = Metrics.counter(MetricNames.NAMESPACE, MetricNames.BYTES_READ);

    ReadFileFn(ReadOptions options) {
      this.options = options;
    }

    @ProcessElement
    public void process(@Element InputFile file, OutputReceiver<Item> out) {
      RecordSink sink = new RecordSink() {
        @Override
        public void document(Document d) {
          read.inc();
          Progress.documentRead();
          out.output(Item.of(d));
        }

        @Override
        public void drop(Drop d) {
          read.inc();
          Progress.documentRead();
          out.output(Routes.drop(d));
        }
      };
      FileStats s = readFile(file, options, sink);
      warcinfo.inc(s.warcinfo());
      filesRead.inc();
      bytes.inc(s.bytes());
    }
  }

  /** What reading one file saw besides its records: warcinfo records and compressed bytes. */
  public record FileStats(long warcinfo, long bytes) {}

  /**
   * Reads one input file into {@code sink} with the reader its format calls for: the one reading rule of the
   * Beam step and of the benchmark's plain loop.
   */
  public static FileStats readFile(InputFile file, ReadOptions options, RecordSink sink) {
    String name = file.path().substring(file.path().lastIndexOf('/') + 1);
    // opened without a look-up first: the inputs were looked up before the run (one request less per remote file)
    try (InputStream raw = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(file.path(), false)))) {
      CountingStream counted = new CountingStream(raw);
      long metadata = CorpusFormats.standard().create(file.format(), options.formatParams())
          .reader(options, file.path()).read(counted, name, file.segment(), file.index(), sink);
      return new FileStats(metadata, counted.count);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + (Locations.isRemote("input", file.path())
          ? StorageErrors.describe(file.path(), e) : file.path() + ": " + e.getMessage()), e);
    }
  }

  /** Counts the compressed bytes read from a file, for the throughput figures. */
  private static final class CountingStream extends java.io.FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
        Progress.bytesRead(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        Progress.bytesRead(n);
      }
      return n;
    }
  }
}
