/**
 * Language identification with fastText's lid.176 model, prepared and rounded exactly as cc_net does.
 *
 * <pre>{@code
 * try (LanguageIdentifier lid = new LanguageIdentifier(ModelStore.standard().ensure("lid176", System.err))) {
 *   Document.Language l = lid.identify(doc.rawContent());   // e.g. ("fr", 0.97)
 * }
 * }</pre>
 */
package dev.llamakit.pipelines.langid;
