/**
 * The off-distribution evaluation protocol of the embedded moderation classifier: leave-one-source-out trainings,
 * evaluation-only suites written for llamakit (hard negatives: dangerous words in safe senses, by domain; ordinary
 * requests; the issue-14 tour prompts), and FLORES-200 lines held out of training. README figures come from here,
 * not from a random split of the training sources.
 *
 * <pre>{@code
 * Map<String, Object> report = ModerationProtocol.run(ModerationClassifier.shipped(),
 *     new ModerationProtocol.Options(Path.of("../shared/data/safety-train"), Path.of("../shared/data"),
 *         true, true, List.of()), System.err);
 * List<Example> hard = EvalSuites.hardNegatives();   // never training data
 * }</pre>
 *
 * Command: {@code llamakit safety eval --protocol [--no-loso] [--recipe current|baseline] [--sources a,b] [--output F]}.
 */
package dev.llamakit.safety.protocol;
