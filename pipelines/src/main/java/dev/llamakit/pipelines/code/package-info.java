/**
 * Source-code files as corpus records (the GitHub part of LLaMA's data mix): telling text from binary
 * ({@link dev.llamakit.pipelines.code.SourceBytes}, git's NUL test plus strict UTF-8), naming a licence text by its
 * SPDX id from a table of well-known phrases ({@link dev.llamakit.pipelines.code.LicenceTable},
 * {@code licences.tsv}), and a checkout's licence from its root LICENSE/COPYING file
 * ({@link dev.llamakit.pipelines.code.RepoLicences}). The readers are the {@code code} (a folder or git checkout)
 * and {@code github} (JSONL of files) formats in {@code io.formats}; the rules are in {@code filters.github}.
 *
 * <pre>{@code
 * String spdx = LicenceTable.standard().detect(Files.readString(Path.of("LICENSE")));   // "MIT", or null
 * String repo = RepoLicences.of(Path.of("checkouts/zlib"));                            // cached per root
 * String text = SourceBytes.text(bytes, bytes.length);                                 // null when binary
 * }</pre>
 */
package dev.llamakit.pipelines.code;
