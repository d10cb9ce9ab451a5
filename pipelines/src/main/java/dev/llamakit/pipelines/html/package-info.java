/**
 * HTML to text: {@link dev.llamakit.pipelines.html.HtmlCharset} finds a payload's charset as browsers do (BOM, HTTP
 * header, meta tag, then UTF-8 or windows-1252) and decodes it strictly; {@link dev.llamakit.pipelines.html.HtmlText}
 * parses once with jsoup and either keeps a page's main content (blocks cut by {@code HtmlBlocks}, boilerplate names
 * from {@code boilerplate-names.txt} skipped, blocks judged by {@code BlockClassifier}, a jusText-style classifier on
 * length, link density and context) or every block of a fragment (StackExchange bodies: code blocks as text, links as
 * their text).
 *
 * <pre>{@code
 * HtmlCharset.Decoded d = HtmlCharset.decode(payload, "utf-8");   // Undecodable: unknown charset or bad bytes
 * HtmlText.Page page = HtmlText.main(d.text());                  // page.title(), page.text(): one block a line
 * String body = HtmlText.all("<p>Use <code>ls</code></p>");       // "Use ls"
 * }</pre>
 */
package dev.llamakit.pipelines.html;
