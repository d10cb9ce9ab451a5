package dev.llamakit.pipelines.minhash;

import java.io.Serializable;

/**
 * What clustering needs to know of a document: its position in the input (the node id of the candidate graph),
 * its id ({@code file#record}, named in drops and cluster ids) and its length (for {@link KeepRule#LONGEST}).
 */
public record Member(long ordinal, String id, long chars) implements Serializable {}
