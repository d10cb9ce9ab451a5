package dev.llamakit.pipelines.doc;

import java.io.Serializable;

/**
 * A record that left the pipeline: which one ({@code id} = file#record, and its URL when known), why, and a detail
 * for the exclusion file.
 */
public record Drop(String id, String url, DropReason reason, String detail) implements Serializable {}
