/**
 * Recipes as data: a corpus recipe is a small YAML or JSON file naming its steps and their parameters; presets
 * ({@code ccnet}, {@code c4}, {@code gopher}, {@code fineweb}, {@code llama-cc}, ...) ship as resource files under
 * {@code presets/}.
 *
 * <ol>
 *   <li>{@link dev.llamakit.pipelines.recipes.Recipes} reads a recipe (file or preset) and applies
 *       {@code step.param=value} overrides;</li>
 *   <li>{@link dev.llamakit.pipelines.recipes.RecipeCompiler} checks it — read first, write last, every step and
 *       parameter known and well-typed (errors name the recipe, step and parameter, with near names) — builds the
 *       rules and fuses consecutive ones into one stage;</li>
 *   <li>{@link dev.llamakit.pipelines.recipes.RecipePipeline} is the Beam composite whose {@code expand()} reads
 *       like the recipe; {@link dev.llamakit.pipelines.recipes.RecipeJob} runs it on a {@link
 *       dev.llamakit.pipelines.recipes.Runner} into a staging folder and publishes it atomically with its report;
 *       an {@code s3://} output is staged beside itself and copied into place, report last
 *       ({@code RemoteOutput}).</li>
 * </ol>
 *
 * <pre>{@code
 * Recipe r = Recipes.override(Recipes.preset("ccnet"), "language.languages=[en]");
 * CompiledRecipe c = new RecipeCompiler().compile(r, RecipeCompiler.Inputs.of("crawl/"), 2);
 * RunReport report = new RecipeJob(c, Runner.FLINK, 2, null, List.of()).run(Path.of("out"), false, System.err);
 * new RecipeJob(c, Runner.FLINK, 2, null, List.of()).run("s3://bucket/out", false, System.err);   // see storage
 * }</pre>
 */
package dev.llamakit.pipelines.recipes;
