/**
 * The fuzzing harness every module's parser tests share (engine's test-jar): {@link
 * dev.llamakit.engine.testing.fuzz.Mutator} makes seeded mutants of valid files, {@link
 * dev.llamakit.engine.testing.fuzz.FuzzRun} feeds them to a parser and checks the contract — accepted, or rejected
 * with the module's own exception naming the file; never another throwable, never a hang.
 *
 * <p>Suite mode runs each parser for a few seconds; the long local mode runs a fixed number of inputs:
 * {@code ./build test -Dtest='*FuzzTest' -Dllamakit.fuzz.inputs=10000 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package dev.llamakit.engine.testing.fuzz;
