package dev.llamakit.pipelines.beam;

import java.io.Serializable;

/**
 * One input file of a run: its position in the sorted input list (documents' ordinals derive from it), its path (any
 * Beam file system), the {@code cc_segment} value to record, and its format's name (a key of
 * {@link dev.llamakit.pipelines.io.CorpusFormats}).
 */
public record InputFile(int index, String path, String segment, String format) implements Serializable {}
