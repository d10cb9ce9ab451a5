package dev.llamakit.pipelines.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenceTableTest {
  @TempDir Path tmp;

  private static String id(String text) {
    return LicenceTable.standard().detect(text);
  }

  @Test
  void wellKnownTextsByTheirPhrasesReWrappedOrCommented() {
    assertEquals("MIT", id("Permission is hereby granted, free of charge, to any person obtaining a copy\nof this "
        + "software ... The above copyright notice and this permission notice shall be included in all copies"));
    assertEquals("MIT", id(" * Permission is hereby granted, free of charge,\n * to any person obtaining a copy ...\n"
        + " * The above copyright notice and this\n * permission notice shall be included"), "as a comment block");
    assertEquals("Apache-2.0", id("                                 Apache License\n                           "
        + "Version 2.0, January 2004\n"));
    String bsd2 = "Redistribution and use in source and binary forms, with or without modification, are permitted "
        + "... Redistributions in binary form must reproduce the above copyright notice";
    assertEquals("BSD-2-Clause", id(bsd2));
    assertEquals("BSD-3-Clause", id(bsd2 + " ... Neither the name of the copyright holder nor the names"));
    assertEquals("GPL-3.0", id("GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007"));
    assertEquals("LGPL-2.1", id("GNU LESSER GENERAL PUBLIC LICENSE\n Version 2.1, February 1999"), "not GPL");
    assertEquals("ISC", id("Permission to use, copy, modify, and/or distribute this software for any purpose with "
        + "or without fee is hereby granted, provided that the above copyright notice and this permission notice "
        + "appear in all copies."));
    assertNull(id("All rights reserved. Ask us before you use this."));
    assertTrue(LicenceTable.standard().ids().contains("Unlicense"));
  }

  @Test
  void aCheckoutsLicenceFromItsRootFile() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(repo.resolve("COPYING.txt"), "GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n",
        StandardCharsets.UTF_8);
    Files.writeString(repo.resolve("README"), "Apache License Version 2.0", StandardCharsets.UTF_8);
    assertEquals("GPL-2.0", RepoLicences.of(repo), "README is not a licence file");
    assertNull(RepoLicences.of(Files.createDirectories(tmp.resolve("none"))));
    assertTrue(RepoLicences.isLicenceName("LICENSE.md"));
    assertTrue(RepoLicences.isLicenceName("licence"));
    assertFalse(RepoLicences.isLicenceName("license_check.py"));
  }

  @Test
  void binaryByNulOrNotUtf8() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 0};
    assertNull(SourceBytes.text(png, png.length));
    assertEquals("NUL byte at offset 4", SourceBytes.whyBinary(png, png.length));
    byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9};
    assertNull(SourceBytes.text(latin1, latin1.length));
    assertTrue(SourceBytes.whyBinary(latin1, latin1.length).startsWith("not UTF-8 at byte "));
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x'};
    assertEquals("x", SourceBytes.text(bom, bom.length), "a byte order mark is dropped");
  }
}
