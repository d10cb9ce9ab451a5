/**
 * The values that flow through the corpus pipelines: {@link dev.llamakit.pipelines.doc.Document} (cc_net's document
 * fields), {@link dev.llamakit.pipelines.doc.Drop} and its {@link dev.llamakit.pipelines.doc.DropReason}, and the
 * compact Beam coder for documents.
 *
 * <p>Accounting rule: every document read ends as exactly one written document or one {@code Drop}.
 *
 * <pre>{@code
 * Document d = ...;                                   // from a reader
 * Document tagged = d.withLanguage(new Document.Language("en", 0.93));
 * Drop drop = new Drop(d.id(), d.url(), DropReason.TOO_SHORT, "212 < 300 characters");
 * }</pre>
 */
package dev.llamakit.pipelines.doc;
