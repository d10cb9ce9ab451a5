package dev.llamakit.safety.code;

import java.util.regex.Pattern;

/** One insecure-code rule read from {@code code/rules/<language>.json}: id, CWE, description, severity, regex. */
public record Rule(String id, String cwe, String description, Severity severity, Pattern pattern) {}
