package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.io.WetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small WET corpus whose dedup outcome is known line by line (see {@link CcNetPipelineTest}). */
final class TestCorpus {
  static final String A1 = "The river flows slowly through the old town, past the market and the stone bridge built centuries ago.";
  static final String A2 = "Every morning the bakers open their doors early, and the smell of fresh bread fills the narrow streets.";
  static final String A3 = "Visitors often stop at the small museum, which keeps a collection of maps drawn by local sailors.";
  static final String A4 = "In the evening families walk along the water and children feed the ducks that gather near the shore.";
  static final String A5 = "The town council meets once a month to discuss repairs to the roads and the future of the harbour.";
  static final String BOILER = "Home | About us | Contact | Privacy policy | Terms of use | Cookie settings";
  static final String B1 = "Our company builds reliable software for small businesses and has done so for more than twenty years.";
  static final String B2 = "We believe that good tools should be simple to learn, pleasant to use and honest about their limits.";
  static final String B3 = "Customers can reach our support team by telephone or email on every working day of the week.";
  static final String D1 = "The library has extended its opening hours so that students can prepare for their final examinations.";
  static final String D2 = "A new reading room on the second floor offers quiet desks, good lamps and a view over the gardens.";
  static final String D3 = "Members may borrow up to ten books at a time and renew them online for another three weeks.";
  static final String F1 = "Le petit village se trouve au pied de la montagne, entouré de champs de blé et de forêts anciennes.";
  static final String F2 = "Chaque été, les habitants organisent une grande fête avec de la musique, des danses et un repas partagé.";
  static final String F3 = "Les enfants apprennent à nager dans le lac, sous le regard attentif des moniteurs et de leurs parents.";
  static final String F4 = "La boulangerie du coin vend le meilleur pain de la région, et il faut arriver tôt pour en avoir encore.";

  private TestCorpus() {}

  /** Writes the corpus as one gzipped WET file and returns its path. */
  static Path write(Path dir) throws IOException {
    Path f = dir.resolve("corpus.warc.wet.gz");
    try (WetWriter w = new WetWriter(Files.newOutputStream(f), true)) {
      w.conversion("http://a.example/page", "2019-03-18T00:00:00Z", lines("Title A", A1, A2, BOILER, A3, A4, A5));
      w.conversion("https://b.example:8080/x?y=1", "2019-03-18T00:00:01Z", lines("Title B", BOILER, B1, B2, B3, B1));
      w.conversion("http://c.example/short", "2019-03-18T00:00:02Z", lines("Title C", "Too short to keep."));
      w.conversion("http://d.example/", "2019-03-18T00:00:03Z", lines("Title D", BOILER, A2, D1, D2, D3));
      w.conversion("http://e.example/", "2019-03-18T00:00:04Z", lines("Title E", BOILER, A1, "   ", A1, BOILER));
      w.conversion("http://f.example/fr", "2019-03-18T00:00:05Z", lines("Titre F", F1, F2, "", F3, F4, BOILER));
    }
    return f;
  }

  /** Body text the way WET bodies look: CRLF line ends, some surrounding spaces that cc_net strips. */
  static String lines(String... ls) {
    StringBuilder sb = new StringBuilder();
    for (String l : ls) {
      sb.append("  ").append(l).append(" \r\n");
    }
    return sb.toString();
  }

  static List<String> all() {
    return List.of(A1, A2, A3, A4, A5, BOILER, B1, B2, B3, D1, D2, D3, F1, F2, F3, F4);
  }
}
