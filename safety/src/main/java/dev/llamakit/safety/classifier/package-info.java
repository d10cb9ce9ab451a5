/**
 * The embedded moderation classifier, the default shield: a quantized fastText model (3.6 MB, shipped as
 * {@code classifier/moderation.ftz}) trained on public data (Davidson, Stormfront, ToxiGen, AdvBench, GPTFuzz
 * questions, Do-Not-Answer, a profanity lexicon, benign benchmark text, FLORES-200 sentences in 66 languages and
 * generated benign and creative-writing requests), labels mapped onto Llama Guard 3 categories by
 * {@code classifier/label-map.json} plus the custom S15 Offensive Language.
 * {@link dev.llamakit.safety.classifier.ModerationTrainer} is the seeded recipe ({@code llamakit safety train}).
 *
 * <pre>{@code
 * ModerationClassifier c = ModerationClassifier.shipped();
 * ModerationClassifier.Scores s = c.score("Those people are vermin.");   // s.unsafe(), s.byCategory()
 * ShieldResult r = ModerationShield.standard().check(List.of(Message.user(text)));
 * }</pre>
 */
package dev.llamakit.safety.classifier;
