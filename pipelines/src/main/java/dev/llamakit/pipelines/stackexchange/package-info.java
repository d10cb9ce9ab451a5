/**
 * StackExchange site dumps ({@code Posts.xml}) to documents: each question with its answers, answers sorted by score
 * (highest first, then by id), HTML bodies turned into text with {@link dev.llamakit.pipelines.html.HtmlText#all}
 * (paragraphs and list items as lines, code blocks kept as text, links as their text).
 *
 * <p>Memory: a dump is read once, with StAX, and answers may come before or after their question. Each post's text is
 * spooled to a temporary file as it is read; memory holds only a fixed-size index entry per post (ids, score, spool
 * offset: about 40 bytes, so some 2.4 GB for all 60 million posts of StackOverflow and 0.4 MB for a small site). After
 * the pass the answer index is sorted by (question, score descending, id) and each question's answers are read back
 * from the spool in that order. The spool is deleted when the file is done.
 *
 * <pre>{@code
 * PostsReader r = new PostsReader(new PostsReader.Options("coffee.stackexchange.com", null, 1, null));
 * long joined = r.read(in, "Posts.xml", "coffee.stackexchange.com/Posts.xml", 0, BadRecordPolicy.SKIP, sink);
 * }</pre>
 */
package dev.llamakit.pipelines.stackexchange;
