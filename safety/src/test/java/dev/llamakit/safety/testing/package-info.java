/** Test fixtures of the safety module: a minimal hand-written {@code safety-train} folder. */
package dev.llamakit.safety.testing;
