/**
 * Embedded fastText models through JFastText: text normalization shared by training and inference
 * ({@link dev.llamakit.safety.fasttext.TextFeatures}), thread-safe loading ({@link dev.llamakit.safety.fasttext.FastTextModel},
 * one native instance per thread), deterministic hash splits and the single-threaded train + quantize run
 * (quantization runs in a child JVM because the native command exits its process).
 *
 * <pre>{@code
 * FastTextModel m = FastTextModel.fromResource(MyClass.class, "model.ftz");
 * Map<String, Double> p = m.probabilities(TextFeatures.normalize(text));
 * }</pre>
 */
package dev.llamakit.safety.fasttext;
