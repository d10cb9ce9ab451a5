/**
 * The GitHub rules of LLaMA's data mix, as RedPajama-V1 rebuilt them ({@code rp_v1:data_prep/github}), one rule per
 * class: {@code github_license} (keep Apache/BSD/MIT), {@code github_license_header} (remove a licence header
 * comment), {@code github_extensions} (RPv1's 66-entry whitelist), {@code github_generated} (data, generated and
 * minified files), {@code github_quality} (RPv1's line-length, alphanumeric and letters-per-token limits). Tables are
 * resource files beside {@code dev.llamakit.pipelines.code}. The {@code github} preset chains them with
 * {@code dedup_exact}.
 *
 * <pre>{@code
 * FilterRegistry rules = FilterRegistry.standard();
 * DocumentFilter q = rules.create("github_quality", Map.of("max_line_length", 1000));
 * Verdict v = q.apply(doc);   // GITHUB_LONG_LINE, GITHUB_LOW_ALNUM, ... or keep
 * }</pre>
 */
package dev.llamakit.pipelines.filters.github;
