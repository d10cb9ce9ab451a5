package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.docdedup.Candidate;
import dev.llamakit.pipelines.docdedup.KeepOne;
import dev.llamakit.pipelines.docdedup.KeepRule;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * One document per key, the others dropped: the shared shape of exact-content and URL dedup. Each document's key
 * ({@link DocumentKey}; none: the document passes untouched) and its small {@link Candidate} go to the key's owner
 * (GroupByKey on the key, never a broadcast); the owner picks the winner by the {@link KeepRule} in one pass over the
 * group ({@link KeepOne}: 8 bytes a member) and emits a decision for every other member, keyed by its ordinal;
 * {@link ApplyDecisions} joins them back to the documents. Per worker: its share of the keys' candidates, one group
 * at a time, and the documents of its ordinal partition.
 */
final class KeepOnePerKey extends PTransform<PCollection<Item>, PCollection<Item>> {
  /** A document's dedup key, or null when it has none. One instance per thread (it may keep state). */
  interface DocumentKey extends Serializable {
    String of(Document d);
  }

  /** The drop detail of a document removed in favour of {@code winner} under {@code key}. */
  interface Detail extends Serializable {
    String of(String key, Candidate winner);
  }

  private final DocumentKey key;
  private final KeepRule rule;
  private final DropReason reason;
  private final Detail detail;
  private final String noKeyMetric;
  private final String groupsMetric;

  KeepOnePerKey(DocumentKey key, KeepRule rule, DropReason reason, Detail detail, String noKeyMetric,
      String groupsMetric) {
    this.key = key;
    this.rule = rule;
    this.reason = reason;
    this.detail = detail;
    this.noKeyMetric = noKeyMetric;
    this.groupsMetric = groupsMetric;
  }

  @Override
  public PCollection<Item> expand(PCollection<Item> items) {
    PCollection<KV<Long, KV<String, String>>> decisions = items
        .apply("KeyDocuments", ParDo.of(new KeyFn(key, rule, noKeyMetric)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DocDedupCoders.CandidateCoder.of()))
        .apply("GroupByKey", GroupByKey.create())
        .apply("KeepOne", ParDo.of(new KeepOneFn(reason, detail, groupsMetric)))
        .setCoder(ApplyDecisions.KEYED_DECISION);
    return ApplyDecisions.apply(items, decisions);
  }

  /** The same decisions in one process, documents in input order. */
  List<Item> inMemory(List<Document> documents) {
    Map<String, KeepOne> groups = new LinkedHashMap<>();
    for (Document d : documents) {
      String k = key.of(d);
      if (k == null) {
        continue;
      }
      groups.computeIfAbsent(k, x -> new KeepOne()).add(rule.candidate(d));
    }
    Map<Long, KV<String, String>> decisions = new HashMap<>();
    groups.forEach((k, g) -> {
      for (long loser : g.losers()) {
        decisions.put(loser, KV.of(reason.name(), detail.of(k, g.winner())));
      }
    });
    return ApplyDecisions.inMemory(documents, decisions);
  }

  static final class KeyFn extends DoFn<Item, KV<String, Candidate>> {
    private final DocumentKey key;
    private final KeepRule rule;
    private final Counter noKey;

    KeyFn(DocumentKey key, KeepRule rule, String noKeyMetric) {
      this.key = key;
      this.rule = rule;
      this.noKey = Metrics.counter(MetricNames.NAMESPACE, noKeyMetric);
    }

    @ProcessElement
    public void process(@Element Item item, OutputReceiver<KV<String, Candidate>> out) {
      if (item.isDrop()) {
        return;
      }
      Document d = item.document();
      String k = key.of(d);
      if (k == null) {
        noKey.inc();
      } else {
        out.output(KV.of(k, rule.candidate(d)));
      }
    }
  }

  static final class KeepOneFn extends DoFn<KV<String, Iterable<Candidate>>, KV<Long, KV<String, String>>> {
    private final DropReason reason;
    private final Detail detail;
    private final Counter groups;

    KeepOneFn(DropReason reason, Detail detail, String groupsMetric) {
      this.reason = reason;
      this.detail = detail;
      this.groups = Metrics.counter(MetricNames.NAMESPACE, groupsMetric);
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Candidate>> group,
        OutputReceiver<KV<Long, KV<String, String>>> out) {
      KeepOne g = new KeepOne();
      for (Candidate c : group.getValue()) {
        g.add(c);
      }
      if (g.size() < 2) {
        return;
      }
      groups.inc();
      KV<String, String> decision = KV.of(reason.name(), detail.of(group.getKey(), g.winner()));
      for (long loser : g.losers()) {
        out.output(KV.of(loser, decision));
      }
    }
  }
}
