/**
 * The code sandbox of HumanEval: each program in its own python3 process inside fresh network, mount and pid
 * namespaces, chrooted into a private tmpfs, as an unprivileged uid per worker, with rlimits and a wall-clock timeout.
 *
 * <pre>{@code
 * try (Sandbox box = new Sandbox(SandboxConfig.defaults())) {
 *   ExecutionResult r = box.run(prompt + completion + "\n" + test + "\ncheck(" + entryPoint + ")");
 *   r.status();   // PASSED, FAILED, TIMED_OUT or CRASHED
 *   r.result();   // "passed", "failed: AssertionError: ", "timed out", ...
 * }
 * }</pre>
 * {@link dev.llamakit.eval.sandbox.Sandbox} documents exactly what is and is not defended.
 */
package dev.llamakit.eval.sandbox;
