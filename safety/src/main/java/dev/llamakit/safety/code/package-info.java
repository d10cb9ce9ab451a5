/**
 * A CodeShield-like insecure-code detector (the regex layer): rules as data, one resource file per language
 * ({@code code/rules/{c,cpp,java,javascript,python,php,rust,csharp}.json}: id, CWE, description, severity, regex),
 * language from the code fence tag or heuristics ({@code code/languages.json}); error severity blocks, warnings
 * warn. Unlike CodeShield, a scanner failure is an ERROR result (blocks), never "secure".
 *
 * <pre>{@code
 * InsecureCodeDetector.ScanResult r = InsecureCodeDetector.standard().scanText("```c\nstrcpy(a, b);\n```");
 * r.treatment();   // BLOCK (c-strcpy, CWE-120, error)
 * }</pre>
 */
package dev.llamakit.safety.code;
