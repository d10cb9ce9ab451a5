/**
 * The filter layer: every document-level rule of every recipe, one rule per class, each a pure function of a
 * document with no Beam types — in the spirit of Lucene's one-filter-per-class chains and datatrove's
 * {@code filter(doc)} blocks.
 *
 * <ul>
 *   <li>{@link dev.llamakit.pipelines.filters.DocumentFilter}: a rule; returns a
 *       {@link dev.llamakit.pipelines.filters.Verdict} — keep (maybe a changed copy) or drop under a named
 *       {@link dev.llamakit.pipelines.doc.DropReason} — plus the values it measured (signals).</li>
 *   <li>{@link dev.llamakit.pipelines.filters.FilterChain}: the rules of a recipe in order; the Beam step
 *       {@code ApplyFilters} and the benchmark's plain loop both run it, so they cannot disagree.</li>
 *   <li>{@link dev.llamakit.pipelines.filters.FilterRegistry}: the step names a recipe can use (resource table
 *       {@code rules.properties}), parameters bound from the recipe onto each rule's {@code Params} defaults;
 *       unknown names are errors with near names suggested.</li>
 * </ul>
 *
 * <p>Sub-packages hold the rules by origin: {@code length}, {@code language} (cc_net's fastText LID),
 * {@code perplexity} (cc_net's SentencePiece + KenLM score and buckets), {@code c4}, {@code gopher},
 * {@code fineweb}, {@code quality} (the LLaMA reference-page classifier), {@code lmppl} (perplexity under any Llama
 * GGUF on the bundled engine), {@code safety} (the embedded moderation classifier), {@code github} (LLaMA's GitHub
 * rules as RPv1 rebuilt them).
 *
 * <p>Adding a rule: write the class (a {@code Params} class with public defaulted fields, a constructor taking it,
 * {@code apply}), a test on crafted documents, and one line in {@code rules.properties}; name it in a recipe.
 *
 * <pre>{@code
 * FilterRegistry rules = FilterRegistry.standard();
 * FilterChain chain = new FilterChain(List.of(
 *     FilterStep.of("length", rules.create("length", Map.of("min_length", 300))),
 *     new FilterStep("gopher_quality", rules.create("gopher_quality", Map.of()), true, true)));  // signals only
 * chain.open();
 * FilterChain.Outcome o = chain.apply(document);
 * }</pre>
 */
package dev.llamakit.pipelines.filters;
