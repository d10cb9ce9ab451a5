/**
 * Plain-Java batch API for the pipelines module: {@link dev.llamakit.safety.batch.SafetyTagger} scores documents
 * (sentence by sentence for long texts) with the embedded models, thread-safe, loaded once per JVM.
 *
 * <pre>{@code
 * SafetyTagger.Tags t = SafetyTagger.shared().tag(doc);   // t.maxUnsafe(), t.categories(), t.promptAttack()
 * }</pre>
 */
package dev.llamakit.safety.batch;
