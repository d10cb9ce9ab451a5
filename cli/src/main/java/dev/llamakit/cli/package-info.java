/**
 * The {@code llamakit} command: the one place picocli is used. {@link dev.llamakit.cli.Main} runs the tree
 * {@link dev.llamakit.cli.LlamakitCommand} builds; {@link dev.llamakit.cli.CommandGroups} mounts one group per module,
 * whose commands live in a package per module — {@code cli.engine} ({@code engine …}, {@code models …}),
 * {@code cli.pipelines} ({@code pipeline …}), {@code cli.safety}, {@code cli.eval}, {@code cli.serve} — and call that
 * module's public API; {@code bench} gathers every module's benchmark. The library modules do not depend on picocli
 * ({@code LibrariesWithoutPicocliTest} keeps it so).
 *
 * <p>One error convention for the whole tree ({@link dev.llamakit.cli.ErrorHandler}, checked by
 * {@code ErrorConventionTest}): exit 0 on success; exit 2 on a usage error with the error and
 * {@code Try 'llamakit <command> --help' for more information.}; exit 1 on a failure with one line
 * {@code llamakit <command>: error: <what>}. A group's command extends the one
 * {@link dev.llamakit.cli.CommandGroup}: run bare, it is a usage error listing its subcommands.
 *
 * <pre>{@code
 * int code = Main.run("pipeline", "recipes");      // in-process, as the tests run it
 * CommandLine tree = LlamakitCommand.commandLine(); // the whole tree with the error convention
 * }</pre>
 */
package dev.llamakit.cli;
