package dev.llamakit.pipelines.io;

import javax.xml.stream.XMLInputFactory;

/**
 * The one way the pipelines' readers open XML dumps (Wikipedia's {@code pages-articles.xml}, StackExchange's
 * {@code Posts.xml}): the JDK's own StAX implementation whatever else is on the class path, no DTDs and no external
 * entities (so no entity bombs and no network), and the JDK's entity caps lifted. Those caps count the text of the
 * predefined entities ({@code &lt; &amp; &quot;} ...) per document — 100,000 characters since JDK 24 — and a dump holds
 * millions: with DTDs off no other entity can exist, so the caps guard nothing and would stop a real dump after a few
 * megabytes with a parse error.
 */
public final class DumpXml {
  private DumpXml() {}

  /** A factory for one dump; {@code coalescing} joins a text node's pieces into one event. */
  public static XMLInputFactory factory(boolean coalescing) {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, coalescing);
    for (String cap : new String[] {"maxGeneralEntitySizeLimit", "totalEntitySizeLimit", "entityExpansionLimit"}) {
      f.setProperty("jdk.xml." + cap, "0");
    }
    return f;
  }
}
