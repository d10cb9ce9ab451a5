/**
 * The browser side of {@code llamakit serve}: {@link dev.llamakit.serve.web.ChatPage} serves a chat page at
 * {@code /} — one resource file of plain HTML and JS, no build step — that streams
 * {@code /v1/chat/completions} (server-sent events read with {@code fetch}), keeps the conversation, and shows a
 * moderation verdict when a shield blocks a turn ({@code finish_reason: "content_filter"}).
 *
 * <pre>{@code
 * router.addOpen("GET", ChatPage.PATH, new ChatPage());   // then open http://127.0.0.1:8080/ in a browser
 * }</pre>
 */
package dev.llamakit.serve.web;
