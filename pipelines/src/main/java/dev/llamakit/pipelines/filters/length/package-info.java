/**
 * cc_net's read-time length rule ({@code min_len}, 300 code points) and a maximum that protects workers.
 *
 * <pre>{@code
 * - length: {min_length: 300, max_length: 10000000}     # TOO_SHORT / TOO_LONG
 * }</pre>
 */
package dev.llamakit.pipelines.filters.length;
