package dev.llamakit.eval.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One golden test per IFEval instruction id: crafted responses that lm-eval's {@code check_following} (commit
 * 4e7e0d47f, {@code lm_eval/tasks/ifeval/instructions.py}) passes and fails, each expectation worked out by hand from
 * that code (lm-eval cannot be installed offline here). The reason for each non-obvious case is in its comment. The
 * cases of the checks that need only Python's standard library are also run through CPython by
 * {@code eval/tools/check_ifeval_cases.py} (all agree).
 */
class IfEvalRulesTest {

  private static Instruction rule(String id, Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return Instructions.create(id, m);
  }

  @Test
  void everyRegistryIdHasARule() {
    Set<String> lmEval = new LinkedHashSet<>(Arrays.asList("keywords:existence", "keywords:frequency",
        "keywords:forbidden_words", "keywords:letter_frequency", "language:response_language",
        "length_constraints:number_sentences", "length_constraints:number_paragraphs",
        "length_constraints:number_words", "length_constraints:nth_paragraph_first_word",
        "detectable_content:number_placeholders", "detectable_content:postscript",
        "detectable_format:number_bullet_lists", "detectable_format:constrained_response",
        "detectable_format:number_highlighted_sections", "detectable_format:multiple_sections",
        "detectable_format:json_format", "detectable_format:title", "combination:two_responses",
        "combination:repeat_prompt", "startend:end_checker", "change_case:capital_word_frequency",
        "change_case:english_capital", "change_case:english_lowercase", "punctuation:no_comma",
        "startend:quotation"));
    assertEquals(lmEval, Instructions.ids());
  }

  @Test
  void keywordsExistence() {
    Instruction r = rule("keywords:existence", "keywords", List.of("river", "Stone"));
    assertTrue(r.follows("A RIVER ran past the stone wall."));     // case ignored
    assertTrue(r.follows("riverbank and milestones"));              // a substring search, not whole words
    assertFalse(r.follows("A river, no rock."));
  }

  @Test
  void keywordsFrequency() {
    Instruction atLeast = rule("keywords:frequency", "keyword", " cat ", "frequency", 3, "relation", "at least");
    assertTrue(atLeast.follows("Cat, cat and CAT."));
    assertTrue(atLeast.follows("concatenate the cats, cat"));       // substring matches count
    assertFalse(atLeast.follows("cat cat"));
    Instruction less = rule("keywords:frequency", "keyword", "aa", "frequency", 2, "relation", "less than");
    assertTrue(less.follows("aaa"));                                  // non-overlapping: one match
    assertFalse(less.follows("aaaa"));                                // two
  }

  @Test
  void forbiddenWords() {
    Instruction r = rule("keywords:forbidden_words", "forbidden_words", List.of("bad", "ugly"));
    assertTrue(r.follows("A badge and a badly drawn ugliness."));   // \b...\b: whole words only
    assertFalse(r.follows("That is BAD."));
    assertFalse(r.follows("ugly_duck? no: ugly-duck"));               // '_' is a word character, '-' is not
    assertTrue(rule("keywords:forbidden_words", "forbidden_words", List.of("bad")).follows("bad_idea"));
  }

  @Test
  void letterFrequency() {
    Instruction r = rule("keywords:letter_frequency", "letter", "Z", "let_frequency", 3, "let_relation", "at least");
    assertTrue(r.follows("Zebra zigzag"));                            // lower-cased first: z x3
    assertFalse(r.follows("Zebra puzle"));                            // z x2
    assertFalse(rule("keywords:letter_frequency", "letter", "z", "let_frequency", 2, "let_relation", "less than")
        .follows("Zz"));
  }

  @Test
  void responseLanguage() {
    Instruction fr = rule("language:response_language", "language", "fr");
    assertTrue(fr.follows("Bonjour à tous. Aujourd'hui nous allons parler de la cuisine française et de ses "
        + "traditions régionales, qui sont très anciennes."));
    assertFalse(fr.follows("Today we are going to talk about the history of the English language and its "
        + "many words borrowed from other languages."));
    assertTrue(fr.follows("12345 !!! ..."));                          // nothing to detect: lm-eval returns True
  }

  @Test
  void numberSentences() {
    Instruction r = rule("length_constraints:number_sentences", "num_sentences", 3, "relation", "less than");
    assertTrue(r.follows("Mr. Smith arrived. He sat down."));        // "Mr." is no end: 2 sentences
    assertFalse(r.follows("One. Two! Three?"));
    Instruction atLeast = rule("length_constraints:number_sentences", "num_sentences", 2, "relation", "at least");
    assertTrue(atLeast.follows("It rained.\nThen it stopped."));
    assertFalse(atLeast.follows("It rose 5. percent."));              // a number before the period, lower case after
  }

  @Test
  void numberParagraphs() {
    Instruction r = rule("length_constraints:number_paragraphs", "num_paragraphs", 3);
    assertTrue(r.follows("One\n***\nTwo\n***\nThree"));
    assertTrue(r.follows("***\nOne\n***\nTwo\n***\nThree\n***"));   // blank first and last parts do not count
    assertFalse(r.follows("One\n***\n\n***\nTwo\n***\nThree"));     // a blank part in between fails
    assertFalse(r.follows("One\n***\nTwo"));
  }

  @Test
  void numberWords() {
    Instruction lt = rule("length_constraints:number_words", "num_words", 5, "relation", "less than");
    assertTrue(lt.follows("it's o'clock"));                          // it, s, o, clock: 4 < 5
    assertEquals(5, dev.llamakit.eval.ifeval.text.PyText.countWords("it's 3 o'clock"));
    assertFalse(lt.follows("it's 3 o'clock"));                        // 5 is not < 5
    Instruction atLeast = rule("length_constraints:number_words", "num_words", 3, "relation", "at least");
    assertTrue(atLeast.follows("naïve café—déjà"));                   // Unicode letters are word characters
    assertFalse(atLeast.follows("snake_case_word x"));                // '_' joins: 2 words
  }

  @Test
  void nthParagraphFirstWord() {
    Instruction r = rule("length_constraints:nth_paragraph_first_word", "num_paragraphs", 3, "nth_paragraph", 2,
        "first_word", "Because");
    assertTrue(r.follows("Intro.\n\n\"Because, of course.\"\n\nEnd."));   // quote stripped, stops at ','
    assertFalse(r.follows("Intro.\n\nSince then.\n\nEnd."));
    assertFalse(r.follows("Intro.\n\nBecause.\n\nEnd.\n\nMore."));       // 4 paragraphs
    // lm-eval indexes the parts with blank ones included: here part 2 is blank, so it fails
    assertFalse(r.follows("Intro.\n\n\n\nBecause x.\n\nEnd."));       // 3 paragraphs, but part 2 is ""
  }

  @Test
  void numberPlaceholders() {
    Instruction r = rule("detectable_content:number_placeholders", "num_placeholders", 2);
    assertTrue(r.follows("Dear [name], at [address]."));
    assertFalse(r.follows("Dear [name\n], at [address]."));          // a placeholder does not cross a line
    assertTrue(r.follows("[][x]"));                                    // empty brackets count
  }

  @Test
  void postscript() {
    Instruction ps = rule("detectable_content:postscript", "postscript_marker", "P.S.");
    assertTrue(ps.follows("Body.\n\np.s. see you"));
    assertTrue(ps.follows("Body. P. S. later"));                       // a space after 'p.' is allowed
    assertFalse(ps.follows("Body.\nPS: later"));
    Instruction pps = rule("detectable_content:postscript", "postscript_marker", "P.P.S");
    assertTrue(pps.follows("Body\nP.P.S more"));
    assertFalse(pps.follows("Body\nP.S. more"));
    Instruction note = rule("detectable_content:postscript", "postscript_marker", " Note: ");
    assertTrue(note.follows("Body\nNOTE: x"));                         // other markers: stripped, lower-cased
  }

  @Test
  void numberBulletLists() {
    Instruction r = rule("detectable_format:number_bullet_lists", "num_bullets", 3);
    assertTrue(r.follows("Intro\n* one\n* two\n- three"));
    assertFalse(r.follows("Intro\n* one\n** bold\n- three"));         // '**' is no bullet
    assertFalse(r.follows("* one\n* two\n* three\n* four"));
    assertTrue(r.follows("-a\n -b\n\t-c"));
  }

  @Test
  void constrainedResponse() {
    Instruction r = rule("detectable_format:constrained_response");
    assertTrue(r.follows("  Well... My answer is maybe.  "));
    assertFalse(r.follows("My answer is yes"));                        // the period is part of the option
  }

  @Test
  void numberHighlightedSections() {
    Instruction r = rule("detectable_format:number_highlighted_sections", "num_highlights", 2);
    assertTrue(r.follows("*one* and *two*"));
    // "**bold**": the single pattern finds "**" twice (blank, not counted); the double one finds it: 1 in all
    assertFalse(r.follows("**bold** text"));
    assertTrue(r.follows("**bold** and *it*"));
    assertFalse(r.follows("* * and *\nx*"));                           // blank, and one crossing a line
  }

  @Test
  void multipleSections() {
    Instruction r = rule("detectable_format:multiple_sections", "section_spliter", " Section ", "num_sections", 2);
    assertTrue(r.follows("Section 1\nabc\nSection 2\ndef"));
    assertFalse(r.follows("SECTION 1\nabc\nSECTION 2\ndef"));          // case kept
    assertFalse(r.follows("Section 1\nabc\nSection two\ndef"));
  }

  @Test
  void jsonFormat() {
    Instruction r = rule("detectable_format:json_format");
    assertTrue(r.follows("```json\n{\"a\": [1, 2.5e3, null, true]}\n```"));
    assertTrue(r.follows("  {\"x\": NaN, \"y\": -Infinity}  "));       // Python's json.loads extensions
    assertTrue(r.follows("\"just a string\""));
    assertFalse(r.follows("{'a': 1}"));
    assertFalse(r.follows("{\"a\": 1,}"));
    assertFalse(r.follows("{\"a\": 01}"));
    assertFalse(r.follows("Here it is: {\"a\": 1}"));
    assertFalse(r.follows("```JSON\n{\"a\": \"tab\there\"}\n```"));    // a raw control character in a string
  }

  @Test
  void title() {
    Instruction r = rule("detectable_format:title");
    assertTrue(r.follows("<<A Poem of Joy>>\nlines"));
    assertFalse(r.follows("<<  >> and <<\n>>"));
    assertTrue(r.follows("<<<>>> x <<y>>"));                            // greedy: one match "<<<>>> x <<y>>"
  }

  @Test
  void twoResponses() {
    Instruction r = rule("combination:two_responses");
    assertTrue(r.follows("First answer.\n******\nSecond answer."));
    assertTrue(r.follows("******\nFirst\n******\nSecond\n******"));
    assertFalse(r.follows("Same\n******\n Same "));                    // equal once stripped
    assertFalse(r.follows("A\n******\n\n******\nB"));                  // a blank response in between
  }

  @Test
  void repeatPrompt() {
    Instruction r = rule("combination:repeat_prompt", "prompt_to_repeat", "Write a haiku about rain.");
    assertTrue(r.follows("  WRITE A HAIKU ABOUT RAIN. Drops fall..."));
    assertFalse(r.follows("Sure! Write a haiku about rain."));
  }

  @Test
  void endChecker() {
    Instruction r = rule("startend:end_checker", "end_phrase", "Any other questions? ");
    assertTrue(r.follows("Done. any other questions?\"  \n"));         // quotes stripped after whitespace
    assertFalse(r.follows("Any other questions? Thanks."));
  }

  @Test
  void capitalWordFrequency() {
    Instruction r = rule("change_case:capital_word_frequency", "capital_frequency", 4, "capital_relation",
        "at least");
    assertTrue(r.follows("I DON'T KNOW."));                            // I, DO, N'T, KNOW
    assertFalse(r.follows("I DONT KNOW."));                            // 3
    Instruction lt = rule("change_case:capital_word_frequency", "capital_frequency", 2, "capital_relation",
        "less than");
    assertTrue(lt.follows("NASA, (ok) 42 A1b"));                       // NASA only; A1b has a lower-case letter
    assertFalse(lt.follows("USA-UK CANNOT"));                           // USA-UK, CAN, NOT
  }

  @Test
  void englishCapital() {
    Instruction r = rule("change_case:english_capital");
    assertTrue(r.follows("THIS IS A SHORT STORY ABOUT A DOG WHO LOVED TO RUN IN THE PARK EVERY MORNING."));
    assertFalse(r.follows("THIS IS a story about a dog."));
    assertFalse(r.follows("123 !!"));                                  // no cased letter: isupper() is False
  }

  @Test
  void englishLowercase() {
    Instruction r = rule("change_case:english_lowercase");
    assertTrue(r.follows("this is a short story about a dog who loved to run in the park every morning."));
    assertFalse(r.follows("This is a story about a dog."));
    assertFalse(r.follows("c'est une histoire très simple sur un chien qui aimait courir dans le parc chaque "
        + "matin avec son maître."));
  }

  @Test
  void noComma() {
    Instruction r = rule("punctuation:no_comma");
    assertTrue(r.follows("No commas here; none at all，fullwidth is not ASCII"));
    assertFalse(r.follows("One, two"));
  }

  @Test
  void quotation() {
    Instruction r = rule("startend:quotation");
    assertTrue(r.follows("  \"Wrapped.\"\n"));
    assertFalse(r.follows("\""));
    assertFalse(r.follows("“Curly”"));
  }

  @Test
  void falseyArgumentsAreDroppedAndARandomDrawIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rule("length_constraints:number_words", "num_words", 0, "relation", "at least"));
    assertTrue(e.getMessage().contains("'num_words'") && e.getMessage().contains("random"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> rule("keywords:frequency", "keyword", "x", "frequency", 2, "relation", "more than"));
    assertTrue(e.getMessage().contains("'relation'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rule("keywords:nonexistent"));
    assertTrue(e.getMessage().contains("unknown instruction id 'keywords:nonexistent'"), e.getMessage());
    // extra null arguments, as the HF layout has them, are ignored
    Map<String, Object> withNulls = new HashMap<>();
    withNulls.put("num_words", 2);
    withNulls.put("relation", "at least");
    withNulls.put("keywords", null);
    assertTrue(Instructions.create("length_constraints:number_words", withNulls).follows("two words"));
  }
}
