/**
 * Text rules shared by the corpus pipelines and the benchmarks: {@link dev.llamakit.engine.text.PunktSentences}
 * counts sentences as NLTK's punkt ({@code english.pickle}) splits them, with two bundled word lists
 * ({@code punkt-abbreviations.txt}, {@code punkt-common-words.txt}) in place of punkt's trained tables. tfds C4's
 * {@code clean_page} and lm-eval IFEval's {@code count_sentences} both use it.
 *
 * <pre>{@code
 * int n = PunktSentences.english().count("Mr. Smith went to Washington. He arrived at 5 p.m. today.");   // 2
 * }</pre>
 */
package dev.llamakit.engine.text;
