package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DocumentCoder;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.minhash.ClusterSummary;
import dev.llamakit.pipelines.minhash.Decision;
import dev.llamakit.pipelines.minhash.KeepRule;
import dev.llamakit.pipelines.minhash.Member;
import dev.llamakit.pipelines.minhash.MinUnionFind;
import dev.llamakit.pipelines.minhash.NearDedup;
import dev.llamakit.pipelines.minhash.StarContraction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The {@code minhash} step: MinHash-LSH near-duplicate removal with the connected components computed in Beam.
 *
 * <ol>
 *   <li><b>Fingerprint</b> each document ({@link NearDedup#fingerprint}): its {@code bands} LSH keys, and with
 *       {@code verify} its shingle set.
 *   <li><b>Buckets</b>: group ordinals by band key; each bucket of n ≥ 2 gives n − 1 candidate edges to its
 *       smallest ordinal; duplicates (the same pair from several bands) removed.
 *   <li><b>Verify</b> (optional): join each edge with both ends' shingle sets, keep it when the exact Jaccard
 *       reaches {@code threshold}.
 *   <li><b>Components</b>: {@code rounds} unrolled large-star/small-star rounds ({@link StarContraction}), each
 *       two group-by-node shuffles of the edge list; each node's label is then its smallest neighbour. What did not
 *       converge — candidate edges whose ends got different labels, labels that are not their own label — is the
 *       residual, counted as {@code minhash.residual_edges} and finished by a {@link MinUnionFind} on one worker
 *       (empty once converged). Every node ends with its component's smallest ordinal, whatever the runner, bundle
 *       order or parallelism.
 *   <li><b>Decide</b>: fold each component's members ({@link ClusterSummary}: size, first, the member the keep rule
 *       keeps), hand every member its {@link Decision}, and join the decisions to the documents by ordinal — the
 *       only shuffle of whole documents. Documents outside every edge are singletons.
 * </ol>
 *
 * <p>Memory per worker: one LSH bucket's ordinals (8 bytes a member), one node's neighbours, one cluster's members
 * while its decisions are handed out, and the residual's union-find; never the whole graph or index.
 */
public final class MinHashDedup extends PTransform<PCollection<Item>, PCollection<Item>> implements CorpusStep {
  /** The {@code minhash} step's parameters (defaults: FineWeb's). */
  public static final class Params implements Serializable {
    /** Words per shingle (FineWeb: 5). */
    public int ngram = 5;
    /** LSH bands (FineWeb: 14). */
    public int bands = 14;
    /** MinHash values per band (FineWeb: 8). */
    public int rows = 8;
    /** Seed of the hash functions. */
    public long seed = 1;
    /** Check each candidate edge's exact shingle Jaccard against {@code threshold}. */
    public boolean verify = false;
    /** The Jaccard a candidate edge needs when {@code verify} is on. */
    public double threshold = 0.8;
    /** first (lowest ordinal, the input order) or longest (most characters, then first). */
    public String keep = "first";
    /** Large-star/small-star rounds unrolled before the union-find fallback finishes what is left. */
    public int rounds = 8;
  }

  private static final Coder<KV<Long, Long>> EDGE = KvCoder.of(VarLongCoder.of(), VarLongCoder.of());
  private static final Coder<KV<Long, Member>> NODE_MEMBER = KvCoder.of(VarLongCoder.of(), MinHashCoders.MemberCoder.INSTANCE);
  private static final Coder<KV<Long, long[]>> NODE_SET = KvCoder.of(VarLongCoder.of(), MinHashCoders.LongArrayCoder.INSTANCE);

  private final NearDedup.Config config;

  /** The recipe step {@code minhash}. */
  public MinHashDedup(Params p) {
    this(new NearDedup.Config(p.ngram, p.bands, p.rows, p.seed, p.verify, p.threshold, KeepRule.parse(p.keep),
        p.rounds));
  }

  public MinHashDedup(NearDedup.Config config) {
    new NearDedup(config); // checks the parameters now, on the driver
    this.config = config;
  }

  @Override
  public PTransform<PCollection<Item>, PCollection<Item>> transform() {
    return this;
  }

  @Override
  public List<Item> inMemory(List<Document> documents) {
    List<Decision> decisions = new NearDedup(config).run(documents).decisions();
    List<Item> out = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      out.add(item(NearDedup.apply(documents.get(i), decisions.get(i))));
    }
    return out;
  }

  private static Item item(NearDedup.Outcome o) {
    return o.kept() != null ? Item.of(o.kept()) : Item.dropped(o.dropped());
  }

  // Outputs of the fingerprint step.
  private static final TupleTag<KV<Long, Document>> DOCS = new TupleTag<>() {};
  private static final TupleTag<Item> DROPS = new TupleTag<>() {};
  private static final TupleTag<KV<Long, Long>> BANDS = new TupleTag<>() {};
  private static final TupleTag<KV<Long, Member>> INFO = new TupleTag<>() {};
  private static final TupleTag<KV<Long, long[]>> SETS = new TupleTag<>() {};

  @Override
  public PCollection<Item> expand(PCollection<Item> items) {
    PCollectionTuple f = items.apply("Fingerprint", ParDo.of(new FingerprintFn(config))
        .withOutputTags(DOCS, TupleTagList.of(DROPS).and(BANDS).and(INFO).and(SETS)));
    PCollection<KV<Long, Document>> docs = f.get(DOCS).setCoder(KvCoder.of(VarLongCoder.of(), DocumentCoder.of()));
    f.get(DROPS).setCoder(Coders.ItemCoder.of());
    f.get(BANDS).setCoder(EDGE);
    PCollection<KV<Long, Member>> info = f.get(INFO).setCoder(NODE_MEMBER);
    f.get(SETS).setCoder(NODE_SET);

    PCollection<KV<Long, Decision>> decisions = decisions(config, f.get(BANDS), info,
        config.verify() ? f.get(SETS) : null);
    PCollection<Item> decided = join2(docs, decisions, "ApplyDecisions", new ApplyFn()).setCoder(Coders.ItemCoder.of());
    return PCollectionList.of(f.get(DROPS)).and(decided).apply("Merge", Flatten.pCollections())
        .setCoder(Coders.ItemCoder.of());
  }

  /**
   * Clustering on its own (steps 2–5 without the documents): LSH band keys {@code (key, ordinal)}, each
   * fingerprinted document's {@link Member} info, and with {@code verify} the shingle sets {@code (ordinal, set)} →
   * the decision of every document in a cluster of two or more (keyed by ordinal; the others are singletons).
   * {@code llamakit bench minhash} times it on generated band keys.
   */
  public static PCollection<KV<Long, Decision>> decisions(NearDedup.Config config, PCollection<KV<Long, Long>> bands,
      PCollection<KV<Long, Member>> info, PCollection<KV<Long, long[]>> sets) {
    PCollection<KV<Long, Long>> candidates = bands
        .apply("GroupBuckets", GroupByKey.create())
        .apply("BucketEdges", ParDo.of(new BucketEdgesFn())).setCoder(EDGE)
        .apply("DistinctEdges", Distinct.create())
        .apply("CountEdges", ParDo.of(new CountFn(MetricNames.MINHASH_CANDIDATE_EDGES))).setCoder(EDGE);
    PCollection<KV<Long, Long>> edges = config.verify() ? verify(config, candidates, sets) : candidates;

    PCollection<KV<Long, Long>> star = edges;
    for (int r = 1; r <= config.rounds(); r++) {
      star = star.apply("LargeStar" + r, new LargeStar()).apply("SmallStar" + r, new SmallStar());
    }
    PCollection<KV<Long, Long>> labels = star
        .apply("BothDirections", ParDo.of(new BothDirectionsFn())).setCoder(EDGE)
        .apply("GroupNeighbours", GroupByKey.create())
        .apply("Label", ParDo.of(new LabelFn())).setCoder(EDGE);
    PCollectionView<Map<Long, Long>> residualRoots = residual(edges, labels);
    PCollection<KV<Long, Long>> component = labels
        .apply("Finish", ParDo.of(new FinishFn(residualRoots)).withSideInputs(residualRoots)).setCoder(EDGE);

    PCollection<KV<Long, Member>> members = join2(component, info, "MembersByComponent", new MemberByRootFn())
        .setCoder(NODE_MEMBER);
    PCollection<KV<Long, ClusterSummary>> summaries = members
        .apply("SummarizeClusters", Combine.perKey(new SummaryFn(config.keep())))
        .setCoder(KvCoder.of(VarLongCoder.of(), MinHashCoders.SummaryCoder.INSTANCE));
    return join2(members, summaries, "Decide", new DecideFn())
        .setCoder(KvCoder.of(VarLongCoder.of(), MinHashCoders.DecisionCoder.INSTANCE));
  }

  /** Candidate edges whose ends' shingle sets are similar enough. */
  private static PCollection<KV<Long, Long>> verify(NearDedup.Config config, PCollection<KV<Long, Long>> candidates,
      PCollection<KV<Long, long[]>> sets) {
    PCollection<KV<Long, KV<Long, long[]>>> withMemberSet = join2(candidates, sets, "JoinMemberSets",
        new MemberSetFn()).setCoder(KvCoder.of(VarLongCoder.of(), NODE_SET));
    return join2(withMemberSet, sets, "CheckJaccard", new CheckJaccardFn(config)).setCoder(EDGE);
  }

  /** The union-find roots of what the rounds left unfinished, as a (small) side input. */
  private static PCollectionView<Map<Long, Long>> residual(PCollection<KV<Long, Long>> edges,
      PCollection<KV<Long, Long>> labels) {
    PCollection<KV<Long, Long>> labelOfA = join2(edges, labels, "LabelEdgeStarts", new LabelOfStartFn()).setCoder(EDGE);
    PCollection<KV<Long, Long>> split = join2(labelOfA, labels, "SplitEdges", new SplitEdgeFn()).setCoder(EDGE);
    PCollection<KV<Long, Long>> byLabel = labels.apply("InvertLabels", ParDo.of(new InvertFn())).setCoder(EDGE);
    PCollection<KV<Long, Long>> unfinishedLabels = join2(byLabel, labels, "UnfinishedLabels", new UnfinishedLabelFn())
        .setCoder(EDGE);
    return PCollectionList.of(split).and(unfinishedLabels).apply("Residual", Flatten.pCollections()).setCoder(EDGE)
        .apply("ResidualUnionFind", Combine.globally(new ResidualFn()).asSingletonView());
  }

  /** A CoGroupByKey of two keyed collections handed to {@code fn} (left tag {@link JoinFn#LEFT}, right {@link JoinFn#RIGHT}). */
  private static <K, A, B, O> PCollection<O> join2(PCollection<KV<K, A>> left, PCollection<KV<K, B>> right,
      String name, JoinFn<K, A, B, O> fn) {
    return KeyedPCollectionTuple.of(fn.left, left).and(fn.right, right)
        .apply(name + "Group", CoGroupByKey.create())
        .apply(name, ParDo.of(fn));
  }

  /** A DoFn over a two-way CoGroupByKey. */
  abstract static class JoinFn<K, A, B, O> extends DoFn<KV<K, CoGbkResult>, O> {
    final TupleTag<A> left = new TupleTag<>();
    final TupleTag<B> right = new TupleTag<>();

    @ProcessElement
    public void process(@Element KV<K, CoGbkResult> e, OutputReceiver<O> out) {
      join(e.getKey(), e.getValue().getAll(left), e.getValue().getAll(right), out);
    }

    abstract void join(K key, Iterable<A> left, Iterable<B> right, OutputReceiver<O> out);

    static <T> T only(Iterable<T> it) {
      Iterator<T> i = it.iterator();
      return i.hasNext() ? i.next() : null;
    }
  }

  /** Documents to (ordinal, document); their band keys, member info and (with verify) shingle sets. */
  static final class FingerprintFn extends DoFn<Item, KV<Long, Document>> {
    private final NearDedup.Config config;
    private final Counter documents = Metrics.counter(MetricNames.NAMESPACE, MetricNames.MINHASH_DOCUMENTS);
    private final Counter noShingles = Metrics.counter(MetricNames.NAMESPACE, MetricNames.MINHASH_NO_SHINGLES);
    private transient NearDedup dedup;

    FingerprintFn(NearDedup.Config config) {
      this.config = config;
    }

    @Setup
    public void setup() {
      dedup = new NearDedup(config);
    }

    @ProcessElement
    public void process(@Element Item item, MultiOutputReceiver out) {
      if (item.isDrop()) {
        out.get(DROPS).output(item);
        return;
      }
      Document d = item.document();
      out.get(DOCS).output(KV.of(d.ordinal(), d));
      documents.inc();
      NearDedup.Fingerprint fp = dedup.fingerprint(d.rawContent());
      if (!fp.hasShingles()) {
        noShingles.inc();
        return;
      }
      for (long k : fp.bandKeys()) {
        out.get(BANDS).output(KV.of(k, d.ordinal()));
      }
      out.get(INFO).output(KV.of(d.ordinal(), NearDedup.member(d)));
      if (config.verify()) {
        out.get(SETS).output(KV.of(d.ordinal(), fp.shingleSet()));
      }
    }
  }

  /** One LSH bucket's star of candidate edges. */
  static final class BucketEdgesFn extends DoFn<KV<Long, Iterable<Long>>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Iterable<Long>> bucket, OutputReceiver<KV<Long, Long>> out) {
      long[] ordinals = toArray(bucket.getValue());
      NearDedup.bucketEdges(ordinals, (a, b) -> out.output(KV.of(a, b)));
    }
  }

  /** Counts what passes. */
  static final class CountFn extends DoFn<KV<Long, Long>, KV<Long, Long>> {
    private final Counter counter;

    CountFn(String name) {
      counter = Metrics.counter(MetricNames.NAMESPACE, name);
    }

    @ProcessElement
    public void process(@Element KV<Long, Long> e, OutputReceiver<KV<Long, Long>> out) {
      counter.inc();
      out.output(e);
    }
  }

  /** (member, anchor) with member's set → keyed by anchor. */
  static final class MemberSetFn extends JoinFn<Long, Long, long[], KV<Long, KV<Long, long[]>>> {
    @Override
    void join(Long member, Iterable<Long> anchors, Iterable<long[]> sets, OutputReceiver<KV<Long, KV<Long, long[]>>> out) {
      long[] set = only(sets);
      for (long anchor : anchors) {
        out.output(KV.of(anchor, KV.of(member, set)));
      }
    }
  }

  /** Keeps an edge whose ends' Jaccard reaches the threshold. */
  static final class CheckJaccardFn extends JoinFn<Long, KV<Long, long[]>, long[], KV<Long, Long>> {
    private final NearDedup.Config config;
    private final Counter rejected = Metrics.counter(MetricNames.NAMESPACE, MetricNames.MINHASH_REJECTED_EDGES);
    private transient NearDedup dedup;

    CheckJaccardFn(NearDedup.Config config) {
      this.config = config;
    }

    @Setup
    public void setup() {
      dedup = new NearDedup(config);
    }

    @Override
    void join(Long anchor, Iterable<KV<Long, long[]>> members, Iterable<long[]> sets, OutputReceiver<KV<Long, Long>> out) {
      long[] anchorSet = only(sets);
      for (KV<Long, long[]> m : members) {
        if (dedup.confirms(m.getValue(), anchorSet)) {
          out.output(KV.of(m.getKey(), anchor));
        } else {
          rejected.inc();
        }
      }
    }
  }

  /** Large-star: both directions, group by node, {@link StarContraction#largeStar}. */
  static final class LargeStar extends PTransform<PCollection<KV<Long, Long>>, PCollection<KV<Long, Long>>> {
    @Override
    public PCollection<KV<Long, Long>> expand(PCollection<KV<Long, Long>> edges) {
      return edges.apply("BothDirections", ParDo.of(new BothDirectionsFn())).setCoder(EDGE)
          .apply("GroupByNode", GroupByKey.create())
          .apply("Star", ParDo.of(new DoFn<KV<Long, Iterable<Long>>, KV<Long, Long>>() {
            @ProcessElement
            public void process(@Element KV<Long, Iterable<Long>> n, OutputReceiver<KV<Long, Long>> out) {
              StarContraction.largeStar(n.getKey(), toArray(n.getValue()), (a, b) -> out.output(KV.of(a, b)));
            }
          })).setCoder(EDGE);
    }
  }

  /** Small-star: each edge keyed by its larger end, group, {@link StarContraction#smallStar}. */
  static final class SmallStar extends PTransform<PCollection<KV<Long, Long>>, PCollection<KV<Long, Long>>> {
    @Override
    public PCollection<KV<Long, Long>> expand(PCollection<KV<Long, Long>> edges) {
      return edges.apply("ByLargerEnd", ParDo.of(new DoFn<KV<Long, Long>, KV<Long, Long>>() {
            @ProcessElement
            public void process(@Element KV<Long, Long> e, OutputReceiver<KV<Long, Long>> out) {
              long a = e.getKey();
              long b = e.getValue();
              if (a != b) {
                out.output(KV.of(Math.max(a, b), Math.min(a, b)));
              }
            }
          })).setCoder(EDGE)
          .apply("GroupByNode", GroupByKey.create())
          .apply("Star", ParDo.of(new DoFn<KV<Long, Iterable<Long>>, KV<Long, Long>>() {
            @ProcessElement
            public void process(@Element KV<Long, Iterable<Long>> n, OutputReceiver<KV<Long, Long>> out) {
              StarContraction.smallStar(n.getKey(), toArray(n.getValue()), (a, b) -> out.output(KV.of(a, b)));
            }
          })).setCoder(EDGE);
    }
  }

  /** (a, b) and (b, a). */
  static final class BothDirectionsFn extends DoFn<KV<Long, Long>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Long> e, OutputReceiver<KV<Long, Long>> out) {
      out.output(e);
      out.output(KV.of(e.getValue(), e.getKey()));
    }
  }

  /** A node's label: the smallest of itself and its neighbours. */
  static final class LabelFn extends DoFn<KV<Long, Iterable<Long>>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Iterable<Long>> n, OutputReceiver<KV<Long, Long>> out) {
      out.output(KV.of(n.getKey(), StarContraction.label(n.getKey(), toArray(n.getValue()))));
    }
  }

  /** Candidate edge (a, b) with L(a) → (b, L(a)). */
  static final class LabelOfStartFn extends JoinFn<Long, Long, Long, KV<Long, Long>> {
    @Override
    void join(Long a, Iterable<Long> ends, Iterable<Long> label, OutputReceiver<KV<Long, Long>> out) {
      long la = only(label);
      for (long b : ends) {
        out.output(KV.of(b, la));
      }
    }
  }

  /** (b, L(a)) with L(b): the pair (L(a), L(b)) when they differ. */
  static final class SplitEdgeFn extends JoinFn<Long, Long, Long, KV<Long, Long>> {
    private final Counter residual = Metrics.counter(MetricNames.NAMESPACE, MetricNames.MINHASH_RESIDUAL_EDGES);

    @Override
    void join(Long b, Iterable<Long> startLabels, Iterable<Long> label, OutputReceiver<KV<Long, Long>> out) {
      long lb = only(label);
      for (long la : startLabels) {
        if (la != lb) {
          residual.inc();
          out.output(KV.of(la, lb));
        }
      }
    }
  }

  /** (node, label) → (label, node). */
  static final class InvertFn extends DoFn<KV<Long, Long>, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element KV<Long, Long> e, OutputReceiver<KV<Long, Long>> out) {
      out.output(KV.of(e.getValue(), e.getKey()));
    }
  }

  /** A label ℓ whose own label is not ℓ: the pair (ℓ, L(ℓ)). */
  static final class UnfinishedLabelFn extends JoinFn<Long, Long, Long, KV<Long, Long>> {
    private final Counter residual = Metrics.counter(MetricNames.NAMESPACE, MetricNames.MINHASH_RESIDUAL_EDGES);

    @Override
    void join(Long node, Iterable<Long> labelled, Iterable<Long> label, OutputReceiver<KV<Long, Long>> out) {
      Long own = only(label);
      if (labelled.iterator().hasNext() && own != null && own.longValue() != node) {
        residual.inc();
        out.output(KV.of(node, own));
      }
    }
  }

  /** The residual's union-find: label → component minimum, for the labels it touches. */
  static final class ResidualFn extends Combine.CombineFn<KV<Long, Long>, List<KV<Long, Long>>, Map<Long, Long>> {
    @Override
    public List<KV<Long, Long>> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<KV<Long, Long>> addInput(List<KV<Long, Long>> acc, KV<Long, Long> e) {
      acc.add(e);
      return acc;
    }

    @Override
    public List<KV<Long, Long>> mergeAccumulators(Iterable<List<KV<Long, Long>>> accs) {
      List<KV<Long, Long>> m = new ArrayList<>();
      accs.forEach(m::addAll);
      return m;
    }

    @Override
    public Map<Long, Long> extractOutput(List<KV<Long, Long>> acc) {
      MinUnionFind uf = new MinUnionFind();
      for (KV<Long, Long> e : acc) {
        uf.union(e.getKey(), e.getValue());
      }
      return new HashMap<>(uf.roots());
    }

    @Override
    public Map<Long, Long> defaultValue() {
      return new HashMap<>();
    }

    @Override
    public Coder<List<KV<Long, Long>>> getAccumulatorCoder(CoderRegistry r, Coder<KV<Long, Long>> in) {
      return ListCoder.of(EDGE);
    }

    @Override
    public Coder<Map<Long, Long>> getDefaultOutputCoder(CoderRegistry r, Coder<KV<Long, Long>> in) {
      return MapCoder.of(VarLongCoder.of(), VarLongCoder.of());
    }
  }

  /** (node, label) → (node, component minimum). */
  static final class FinishFn extends DoFn<KV<Long, Long>, KV<Long, Long>> {
    private final PCollectionView<Map<Long, Long>> roots;

    FinishFn(PCollectionView<Map<Long, Long>> roots) {
      this.roots = roots;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      KV<Long, Long> e = c.element();
      c.output(KV.of(e.getKey(), StarContraction.finish(e.getValue(), c.sideInput(roots))));
    }
  }

  /** (node, root) with the node's member info → (root, member). */
  static final class MemberByRootFn extends JoinFn<Long, Long, Member, KV<Long, Member>> {
    @Override
    void join(Long node, Iterable<Long> roots, Iterable<Member> info, OutputReceiver<KV<Long, Member>> out) {
      Long root = only(roots);
      if (root != null) {
        out.output(KV.of(root, only(info)));
      }
    }
  }

  /** Folds a cluster's members. */
  static final class SummaryFn extends Combine.CombineFn<Member, ClusterSummary, ClusterSummary> {
    private final KeepRule keep;

    SummaryFn(KeepRule keep) {
      this.keep = keep;
    }

    @Override
    public ClusterSummary createAccumulator() {
      return null;
    }

    @Override
    public ClusterSummary addInput(ClusterSummary acc, Member m) {
      return merge(acc, ClusterSummary.of(m));
    }

    @Override
    public ClusterSummary mergeAccumulators(Iterable<ClusterSummary> accs) {
      ClusterSummary s = null;
      for (ClusterSummary a : accs) {
        s = merge(s, a);
      }
      return s;
    }

    private ClusterSummary merge(ClusterSummary a, ClusterSummary b) {
      return a == null ? b : b == null ? a : a.merge(b, keep);
    }

    @Override
    public ClusterSummary extractOutput(ClusterSummary acc) {
      return acc;
    }

    @Override
    public Coder<ClusterSummary> getAccumulatorCoder(CoderRegistry r, Coder<Member> in) {
      return MinHashCoders.SummaryCoder.INSTANCE;
    }

    @Override
    public Coder<ClusterSummary> getDefaultOutputCoder(CoderRegistry r, Coder<Member> in) {
      return MinHashCoders.SummaryCoder.INSTANCE;
    }
  }

  /** A cluster's summary handed to each member: (ordinal, decision). */
  static final class DecideFn extends JoinFn<Long, Member, ClusterSummary, KV<Long, Decision>> {
    private final Counter clusters = Metrics.counter(MetricNames.NAMESPACE, MetricNames.MINHASH_CLUSTERS);
    private final Counter clustered = Metrics.counter(MetricNames.NAMESPACE, MetricNames.MINHASH_CLUSTERED_DOCUMENTS);

    @Override
    void join(Long root, Iterable<Member> members, Iterable<ClusterSummary> summary, OutputReceiver<KV<Long, Decision>> out) {
      ClusterSummary s = only(summary);
      clusters.inc();
      clustered.inc(s.size());
      for (Member m : members) {
        out.output(KV.of(m.ordinal(), s.decide(m)));
      }
    }
  }

  /** A document with its decision (a singleton's when it has none). */
  static final class ApplyFn extends JoinFn<Long, Document, Decision, Item> {
    @Override
    void join(Long ordinal, Iterable<Document> docs, Iterable<Decision> decision, OutputReceiver<Item> out) {
      Decision dec = only(decision);
      for (Document d : docs) {
        out.output(Routes.counted(item(NearDedup.apply(d, dec != null ? dec : Decision.singleton(d.id())))));
      }
    }
  }

  static long[] toArray(Iterable<Long> values) {
    long[] a = new long[16];
    int n = 0;
    for (long v : values) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }
    return java.util.Arrays.copyOf(a, n);
  }
}
