/**
 * The embedded moderation classifier, the default shield: a quantized fastText model (3.6 MB, shipped as
 * {@code classifier/moderation.ftz}) trained on public data (Davidson, Stormfront, ToxiGen, AdvBench, GPTFuzz
 * questions, Do-Not-Answer, a profanity lexicon, benign benchmark text, FLORES-200 sentences in 66 languages and
 * generated benign and creative-writing requests, and the requests of {@code classifier/generated-requests.json}:
 * trigger words in safe senses and written harmful intents per category), labels mapped onto Llama Guard 3 categories
 * by {@code classifier/label-map.json} plus the custom S15 Offensive Language. Every window is scored on
 * {@link dev.llamakit.safety.classifier.ModerationClassifier#features}: request wording dropped
 * ({@link dev.llamakit.safety.classifier.RequestWording}), word endings folded
 * ({@link dev.llamakit.safety.classifier.WordEndings}), a prior token in front.
 * {@link dev.llamakit.safety.classifier.ModerationTrainer} is the seeded recipe ({@code llamakit safety train}).
 *
 * <pre>{@code
 * ModerationClassifier c = ModerationClassifier.shipped();
 * ModerationClassifier.Scores s = c.score("Those people are vermin.");   // s.unsafe(), s.byCategory()
 * String f = ModerationClassifier.features("how do i kill a hung process ?");   // "lk_prior kil hung proces"
 * ShieldResult r = ModerationShield.standard().check(List.of(Message.user(text)));
 * }</pre>
 */
package dev.llamakit.safety.classifier;
