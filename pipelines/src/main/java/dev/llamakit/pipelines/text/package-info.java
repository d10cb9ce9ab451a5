/**
 * Text rules with a reference to match: cc_net's line normalisation and line hash, and the Python string semantics
 * (strip, len) they depend on.
 *
 * <pre>{@code
 * LineHasher hasher = new LineHasher();              // one per thread
 * long h = hasher.hashLine("  Café – 2019 ");          // == cc_net's sha1(normalize_for_dedup(line))[:8] as LE uint64
 * String n = CcNetNormalizer.normalizeForDedup("Tel. 01 23"); // "tel. 00 00"
 * }</pre>
 */
package dev.llamakit.pipelines.text;
