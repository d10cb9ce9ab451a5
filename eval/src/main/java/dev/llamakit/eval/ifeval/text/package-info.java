/**
 * Python behaviour the IFEval checkers depend on, restated in Java: {@link dev.llamakit.eval.ifeval.text.PyText}
 * ({@code str.strip/split/isupper/islower/lower}, the {@code \w+} word count), {@link
 * dev.llamakit.eval.ifeval.text.TreebankWords} (NLTK's {@code word_tokenize}), {@link
 * dev.llamakit.eval.ifeval.text.PyJson} (what {@code json.loads} accepts) and {@link
 * dev.llamakit.eval.ifeval.text.LanguageDetection} ({@code langdetect.detect}). Sentence counting (NLTK punkt) is
 * {@link dev.llamakit.engine.text.PunktSentences}, shared with the C4 pipeline.
 *
 * <pre>{@code
 * PyText.countWords("it's 3 o'clock");            // 5: it, s, 3, o, clock
 * TreebankWords.capitalWords("I DON'T KNOW.");   // 4: I, DO, N'T, KNOW
 * PyJson.valid("{\"a\": NaN}");                   // true, as Python's json.loads
 * LanguageDetection.get().detect("Bonjour tout le monde, comment allez-vous ?");   // Optional[fr]
 * }</pre>
 */
package dev.llamakit.eval.ifeval.text;
