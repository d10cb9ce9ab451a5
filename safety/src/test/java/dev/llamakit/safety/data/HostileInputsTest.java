package dev.llamakit.safety.data;

import static dev.llamakit.engine.testing.HostileBytes.withBytes;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.safety.classifier.ModerationDataset;
import dev.llamakit.safety.injection.InjectionDataset;
import dev.llamakit.safety.testing.SafetyTrainFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests of issue 17's safety classes, each with its minimal reproducer. The rule throughout: an input
 * that cannot be decoded is an error naming {@code file:line}, or (in the batch classifier) a per-record error that
 * is flagged, never a record that passes as safe. The reproducers that run {@code safety classify} and {@code safety
 * eval} are the command tests' ({@code cli/}: {@code HostileInputsCommandTest}).
 */
class HostileInputsTest {
  @Test
  void dataFilesNameFileAndLineForEveryShape(@TempDir Path dir) throws IOException {
    Path csv = Files.write(dir.resolve("a.csv"), withBytes("text,label\nok,0\n\"bad @\",1\n", "@", (byte) 0xFF));
    var t = assertThrows(TextFormatException.class, () -> DataFiles.csv(csv));
    assertTrue(t.getMessage().startsWith(csv + ":3: invalid UTF-8"), t.getMessage());
    Path open = Files.writeString(dir.resolve("b.csv"), "text,label\nok,0\n\"never closed,1\n");
    var d = assertThrows(DataFileException.class, () -> DataFiles.csv(open));
    assertTrue(d.getMessage().startsWith(open + ":"), d.getMessage());
    Path jsonl = Files.writeString(dir.resolve("c.jsonl"), "{\"a\": 1}\n\n{\"a\": 2}{\"a\": 3}\n");
    d = assertThrows(DataFileException.class, () -> DataFiles.jsonl(jsonl));
    assertTrue(d.getMessage().startsWith(jsonl + ":3: not JSON"), "two glued records are not one: " + d.getMessage());
    Path json = Files.writeString(dir.resolve("d.json"), "{\"not\": \"an array\"}");
    d = assertThrows(DataFileException.class, () -> DataFiles.jsonStrings(json));
    assertTrue(d.getMessage().startsWith(json + ": expected a JSON array of strings"), d.getMessage());
    Path half = Files.writeString(dir.resolve("f.json"), "[\"ok\", \"\\udfff\"]");
    d = assertThrows(DataFileException.class, () -> DataFiles.jsonStrings(half));
    assertTrue(d.getMessage().startsWith(half + ": a string holds an unpaired surrogate (\\udfff)"), d.getMessage());
    Path lines = Files.write(dir.resolve("e.txt"), withBytes("one\ntwo@\n", "@", (byte) 0xE2, (byte) 0x82));
    t = assertThrows(TextFormatException.class, () -> DataFiles.lines(lines));
    assertTrue(t.getMessage().startsWith(lines + ":2: invalid UTF-8"), t.getMessage());
  }

  @Test
  void datasetLoadersNameTheFileOfABadLabelOrByte(@TempDir Path dir) throws IOException {
    Path train = SafetyTrainFixture.build(dir);
    assertFalse(new ModerationDataset().load(train, null).isEmpty());
    assertFalse(InjectionDataset.load(train, null, 7).isEmpty());
    Path dav = train.resolve("davidson-hate-offensive/labeled_data.csv");
    Files.writeString(dav, ",count,hate_speech,offensive_language,neither,class,tweet\n0,3,0,0,3,9,\"hello\"\n");
    var d = assertThrows(DataFileException.class, () -> new ModerationDataset().load(train, null));
    assertTrue(d.getMessage().startsWith(dav + ":2: label '9'"), d.getMessage());
    Path wild = train.resolve("jailbreak-inthewild/inthewild_jailbreak_llms.json");
    Files.write(wild, withBytes("[\"a\",\n \"b@\"]\n", "@", (byte) 0x80));
    var t = assertThrows(TextFormatException.class, () -> InjectionDataset.load(train, null, 7));
    assertTrue(t.getMessage().startsWith(wild + ":2: invalid UTF-8"), t.getMessage());
  }
}
