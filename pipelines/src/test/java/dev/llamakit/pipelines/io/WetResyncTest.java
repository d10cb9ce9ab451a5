package dev.llamakit.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #17, WET: one damaged record of a real WET file costs that record only. The sample's record 20 is damaged in
 * each way the issue's fuzz run found (a header line, the type, the length, the {@code WARC/1.0} line, the bytes);
 * the reader must count it under its reason and give back every other record byte-identical to the intact file's,
 * with the same ids — in plain and in gzip-per-record files, in both framings where the framing reads the field.
 */
class WetResyncTest {
  private static final int DAMAGED = 20;
  private static final ReadOptions SKIP = ReadOptions.defaults();
  private static List<byte[]> records;
  private static List<Document> intact;
  private static List<Document> intactLines;

  @BeforeAll
  static void readIntact() throws IOException {
    records = WetSample.records(40);
    intact = WetSample.readNative(WetSample.plain(records), SKIP).docs;
    intactLines = WetSample.readLines(WetSample.plain(records), SKIP).docs;
    assertEquals(39, intact.size(), "40 records, the first a warcinfo");
    assertEquals(intact, intactLines, "both framings read the intact sample alike");
  }

  static List<Arguments> damages() {
    List<Arguments> a = new ArrayList<>();
    a.add(Arguments.of("header line without a colon", (UnaryOperator<byte[]>) r ->
        WetSample.replace(r, "Content-Type: ", "Content-Type "), DropReason.MALFORMED_RECORD, Lines.IGNORES));
    a.add(Arguments.of("no WARC-Type (a NoSuchElementException before)", (UnaryOperator<byte[]>) r ->
        WetSample.replace(r, "WARC-Type: conversion\r\n", ""), DropReason.MALFORMED_RECORD, Lines.SEES));
    a.add(Arguments.of("Content-Length not a number", (UnaryOperator<byte[]>) r ->
        WetSample.replace(r, "Content-Length: ", "Content-Length: x"), DropReason.MALFORMED_RECORD, Lines.IGNORES));
    a.add(Arguments.of("Content-Length too large", (UnaryOperator<byte[]>) r ->
        WetSample.withLength(r, n -> n + 9000), DropReason.MALFORMED_RECORD, Lines.IGNORES));
    a.add(Arguments.of("Content-Length too small", (UnaryOperator<byte[]>) r ->
        WetSample.withLength(r, n -> n - 10), DropReason.MALFORMED_RECORD, Lines.IGNORES));
    a.add(Arguments.of("Content-Length header gone", (UnaryOperator<byte[]>) r ->
        WetSample.replace(r, "Content-Length:", "Content-Lnegth:"), DropReason.MALFORMED_RECORD, Lines.IGNORES));
    a.add(Arguments.of("WARC/1.0 line damaged", (UnaryOperator<byte[]>) r ->
        WetSample.replace(r, "WARC/1.0", "WARC/\u00001.0"), DropReason.MALFORMED_RECORD, Lines.MERGES));
    a.add(Arguments.of("blank line after the headers gone", (UnaryOperator<byte[]>) r ->
        WetSample.replace(r, "\r\n\r\n", "\r\n"), DropReason.MALFORMED_RECORD, Lines.IGNORES));
    a.add(Arguments.of("invalid UTF-8 in the body", (UnaryOperator<byte[]>) r ->
        WetSample.replace(r, "Site ", "Sit\u00c3("), DropReason.INVALID_UTF8, Lines.SEES));
    a.add(Arguments.of("invalid UTF-8 in a header", (UnaryOperator<byte[]>) r ->
        WetSample.replace(r, "WARC-Date: 2", "WARC-Date: \u00ff"), DropReason.INVALID_UTF8, Lines.SEES));
    return a;
  }

  private static List<byte[]> damaged(UnaryOperator<byte[]> damage) {
    List<byte[]> d = new ArrayList<>(records);
    d.set(DAMAGED, damage.apply(records.get(DAMAGED).clone()));
    return d;
  }

  private static List<Document> intactExceptDamaged(List<Document> all) {
    return all.stream().filter(d -> !d.id().equals("s.warc.wet#" + DAMAGED)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void everyOtherRecordOfThePlainFileIsReadByteIdentical(String what, UnaryOperator<byte[]> damage,
      DropReason reason, Lines lines) throws IOException {
    CollectingSink s = WetSample.readNative(WetSample.plain(damaged(damage)), SKIP);
    assertEquals(List.of("s.warc.wet#" + DAMAGED + " " + reason), ids(s.drops), what + ": " + s.drops);
    assertEquals(intactExceptDamaged(intact), s.docs, what);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void everyOtherRecordOfTheGzipFileIsReadByteIdentical(String what, UnaryOperator<byte[]> damage,
      DropReason reason, Lines lines) throws IOException {
    CollectingSink s = WetSample.readNative(WetSample.gzipMembers(damaged(damage)), SKIP);
    assertEquals(List.of("s.warc.wet#" + DAMAGED + " " + reason), ids(s.drops), what + ": " + s.drops);
    assertEquals(intactExceptDamaged(intact), s.docs, what);
  }

  /** ccnet-lines framing ignores Content-Length; every damage it reads costs the record, never the file. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void ccNetLineFramingLosesOnlyTheDamagedRecord(String what, UnaryOperator<byte[]> damage, DropReason reason,
      Lines lines) throws IOException {
    CollectingSink s = WetSample.readLines(WetSample.gzipMembers(damaged(damage)), SKIP);
    if (lines == Lines.SEES) {
      assertEquals(List.of("s.warc.wet#" + DAMAGED + " " + reason), ids(s.drops), what + ": " + s.drops);
      assertEquals(intactExceptDamaged(intactLines), s.docs, what);
    } else if (lines == Lines.MERGES) {
      // cc_net's framing cannot see a record start without its WARC/1.0 line: the record joins the one before (as
      // in cc_net), and the records after it keep their text under ids one lower
      assertTrue(s.drops.isEmpty(), what + ": " + s.drops);
      assertEquals(intactLines.size() - 1, s.docs.size(), what);
      assertEquals(intactLines.subList(0, DAMAGED - 2), s.docs.subList(0, DAMAGED - 2), what);
      assertTrue(s.docs.get(DAMAGED - 2).rawContent().contains(intactLines.get(DAMAGED - 1).rawContent()), what);
      for (int i = DAMAGED; i < intactLines.size(); i++) {
        assertEquals(intactLines.get(i).url(), s.docs.get(i - 1).url(), what);
        assertEquals(intactLines.get(i).rawContent(), s.docs.get(i - 1).rawContent(), what);
      }
    } else {
      assertTrue(s.drops.isEmpty(), what + ": " + s.drops);
      assertEquals(intactLines.size(), s.docs.size(), what);
      List<Document> others = s.docs.stream().filter(d -> !d.id().equals("s.warc.wet#" + DAMAGED)).toList();
      assertEquals(intactExceptDamaged(intactLines), others, what);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void failPolicyNamesTheFileTheRecordAndTheReason(String what, UnaryOperator<byte[]> damage, DropReason reason,
      Lines lines) {
    ReadOptions fail = new ReadOptions(true, "text", "id", "url", BadRecordPolicy.FAIL);
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> WetSample.readNative(WetSample.gzipMembers(damaged(damage)), fail), what);
    assertTrue(e.getMessage().startsWith("s.warc.wet#" + DAMAGED + ": " + reason + ": "), e.getMessage());
    assertEquals(reason, e.reason());
  }

  /** A file cut inside a record: the records before it are read, the cut one is "truncated after record N". */
  @org.junit.jupiter.api.Test
  void aCutFileCountsTheCutRecord() throws IOException {
    List<byte[]> upTo = new ArrayList<>(records.subList(0, DAMAGED + 1));
    byte[] last = upTo.getLast();
    for (int cut : new int[] {last.length / 2, 120}) { // inside the body, inside the headers
      upTo.set(DAMAGED, Arrays.copyOf(last, cut));
      for (byte[] file : List.of(WetSample.plain(upTo), WetSample.gzipMembers(upTo))) {
        CollectingSink s = WetSample.readNative(file, SKIP);
        assertEquals(List.of("s.warc.wet#" + DAMAGED + " TRUNCATED_RECORD"), ids(s.drops), s.drops.toString());
        assertTrue(s.drops.getFirst().detail().contains("truncated after record " + (DAMAGED - 1)),
            s.drops.getFirst().detail());
        assertEquals(intact.subList(0, DAMAGED - 1), s.docs);
      }
    }
    byte[] gz = WetSample.gzipMembers(records.subList(0, DAMAGED + 1));
    CollectingSink s = WetSample.readNative(Arrays.copyOf(gz, gz.length - 100), SKIP);
    assertEquals(List.of("s.warc.wet#" + DAMAGED + " TRUNCATED_RECORD"), ids(s.drops), "gzip cut mid-member");
    assertEquals(intact.subList(0, DAMAGED - 1), s.docs);
    CollectingSink lines = WetSample.readLines(Arrays.copyOf(gz, gz.length - 100), SKIP);
    assertEquals(List.of("s.warc.wet#" + DAMAGED + " TRUNCATED_RECORD"), ids(lines.drops), "ccnet-lines, cut gzip");
    assertEquals(intactLines.subList(0, DAMAGED - 1), lines.docs);
  }

  /** The file holds no record at all: its bytes are one drop, not nothing. */
  @org.junit.jupiter.api.Test
  void bytesThatAreNoRecordAreCounted() throws IOException {
    byte[] junk = "this is not a WARC file\nat all\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of("s.warc.wet#0 MALFORMED_RECORD"), ids(WetSample.readNative(junk, SKIP).drops));
    assertEquals(List.of("s.warc.wet#0 MALFORMED_RECORD"), ids(WetSample.readLines(junk, SKIP).drops));
  }

  /** What cc_net's line framing makes of a damage: a drop, nothing (it does not read the field), a merged record. */
  enum Lines { SEES, IGNORES, MERGES }

  static List<String> ids(List<Drop> drops) {
    return drops.stream().map(d -> d.id() + " " + d.reason()).toList();
  }
}
