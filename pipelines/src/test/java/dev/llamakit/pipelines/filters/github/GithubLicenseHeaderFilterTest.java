package dev.llamakit.pipelines.filters.github;

import static dev.llamakit.pipelines.filters.github.Files.apply;
import static dev.llamakit.pipelines.filters.github.Files.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.filters.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubLicenseHeaderFilterTest {
  private static String clean(String path, String text) {
    Verdict v = apply("github_license_header", Map.of(), file(path, "MIT", text));
    assertTrue(v.kept());
    return v.changed() == null ? text : v.changed().rawContent();
  }

  @Test
  void aLeadingBlockCommentWithACopyrightGoes() {
    String c = "/*\n * Copyright (c) 2019 Example Corp.\n * Licensed under the MIT License.\n */\n\n"
        + "#include <stdio.h>\n\nint main(void) { return 0; }\n";
    String rest = "#include <stdio.h>\n\nint main(void) { return 0; }\n";
    assertEquals(rest, clean("main.c", c));
    Verdict v = apply("github_license_header", Map.of(), file("main.c", "MIT", c));
    assertEquals((long) (c.length() - rest.length()), v.signals().get("license_header_chars"));
    assertEquals(4, v.changed().nlines(), "cc_net's count: len(text.split(\"\\n\"))");
  }

  @Test
  void leadingLineCommentsGoOnlyWhenTheyAreALicence() {
    String py = "#!/usr/bin/env python3\n# Copyright 2020 The Authors.\n# SPDX-License-Identifier: Apache-2.0\n\n"
        + "import os\n";
    assertEquals("#!/usr/bin/env python3\nimport os\n", clean("tool.py", py), "the shebang stays");
    String doc = "# Parse the config file and return a dict.\nimport json\n";
    assertEquals(doc, clean("cfg.py", doc), "RPv1 would strip this ordinary comment");
    String sql = "-- Copyright 2021 Example\n-- All rights reserved.\nSELECT 1;\n";
    assertEquals("SELECT 1;\n", clean("q.sql", sql));
  }

  @Test
  void preprocessorLinesAndHeadingsAreNotComments() {
    String c = "#include <stdlib.h>\n#define N 10\n/* helper constants */\nint n = N;\n";
    assertEquals(c, clean("a.c", c), "RPv1 would strip #include and #define");
    String md = "# Project\n\nUsage notes.\n";
    assertEquals(md, clean("README.md", md), "RPv1 would strip the heading");
  }

  @Test
  void aLicenceBlockAfterCodeInTheHeadGoesAsRpv1Does() {
    String php = "<?php\n/**\n * This file is part of Foo. (c) 2015 Jane <j@example.org>\n */\n\nnamespace Foo;\n";
    assertEquals("<?php\nnamespace Foo;\n", clean("Foo.php", php));
    String deep = "int a;\n".repeat(100) + "/* Copyright 2000 */\n";
    assertEquals(deep, clean("deep.c", deep), "only the first 100 lines are searched");
    assertNull(apply("github_license_header", Map.of(), file("deep.c", "MIT", deep)).changed());
  }
}
