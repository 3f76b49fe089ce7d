package org.shimwatch.web.advice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Advice text as stored, hostile or plain, and the exact HTML it becomes. */
class AdviceMarkdownTests {

  @Test
  void paragraphsEmphasisCodeAndListsBecomeTheirElements() {
    String text =
        "Install **UN02200** first, then *restart*.\n"
            + "Use `SO_REUSEADDR` with care.\n"
            + "\n"
            + "- set `SHIMWATCH_DISABLE=1`\n"
            + "- run again\n"
            + "  with a continued line\n"
            + "\n"
            + "1. one\n"
            + "2. two\n";
    assertThat(AdviceMarkdown.toHtml(text))
        .isEqualTo(
            "<p>Install <strong>UN02200</strong> first, then <em>restart</em>.\n"
                + "Use <code>SO_REUSEADDR</code> with care.</p>\n"
                + "<ul>\n<li>set <code>SHIMWATCH_DISABLE=1</code></li>\n"
                + "<li>run again\nwith a continued line</li>\n</ul>\n"
                + "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n");
  }

  @Test
  void aScriptTagIsText() {
    assertThat(AdviceMarkdown.toHtml("<script>alert('x')</script>"))
        .isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>\n");
  }

  @Test
  void rawHtmlOfAnyKindIsText() {
    assertThat(AdviceMarkdown.toHtml("<img src=x onerror=\"alert(1)\"> <b>bold</b>"))
        .isEqualTo(
            "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &lt;b&gt;bold&lt;/b&gt;</p>\n");
  }

  @Test
  void onlyHttpAndHttpsLinksBecomeLinks() {
    assertThat(AdviceMarkdown.toHtml("[the fix](https://example.org/fix?a=1&b=2)"))
        .isEqualTo(
            "<p><a href=\"https://example.org/fix?a=1&amp;b=2\" rel=\"nofollow noopener"
                + " noreferrer\">the fix</a></p>\n");
    assertThat(AdviceMarkdown.toHtml("[click](javascript:alert(1))"))
        .isEqualTo("<p>[click](javascript:alert(1))</p>\n");
    assertThat(AdviceMarkdown.toHtml("[click](JavaScript:alert(1)) [d](data:text/html,x)"))
        .isEqualTo("<p>[click](JavaScript:alert(1)) [d](data:text/html,x)</p>\n");
    assertThat(AdviceMarkdown.toHtml("[rel](/maintainer) [proto](//evil.example)"))
        .isEqualTo("<p>[rel](/maintainer) [proto](//evil.example)</p>\n");
  }

  @Test
  void aQuoteInALinkCannotLeaveTheAttribute() {
    assertThat(AdviceMarkdown.toHtml("[x](http://a.example/\"onmouseover=\"alert(1))"))
        .isEqualTo(
            "<p><a href=\"http://a.example/&quot;onmouseover=&quot;alert(1\" rel=\"nofollow"
                + " noopener noreferrer\">x</a>)</p>\n");
  }

  @Test
  void entitiesAreShownAsWrittenNotDecoded() {
    assertThat(AdviceMarkdown.toHtml("&lt;script&gt; &amp; &#60;b&#62; &quot;"))
        .isEqualTo("<p>&amp;lt;script&amp;gt; &amp;amp; &amp;#60;b&amp;#62; &amp;quot;</p>\n");
  }

  @Test
  void nestedMarkupNestsOnlyWhereTheSubsetAllows() {
    assertThat(AdviceMarkdown.toHtml("**bold *both* bold**"))
        .isEqualTo("<p><strong>bold <em>both</em> bold</strong></p>\n");
    assertThat(AdviceMarkdown.toHtml("`code **not bold** <i>`"))
        .isEqualTo("<p><code>code **not bold** &lt;i&gt;</code></p>\n");
    assertThat(AdviceMarkdown.toHtml("[**bold** `c`](http://x.example)"))
        .isEqualTo(
            "<p><a href=\"http://x.example\" rel=\"nofollow noopener noreferrer\"><strong>bold"
                + "</strong> <code>c</code></a></p>\n");
    assertThat(AdviceMarkdown.toHtml("[[x](http://a.example)](http://b.example)"))
        .isEqualTo(
            "<p>[<a href=\"http://a.example\" rel=\"nofollow noopener noreferrer\">x</a>]"
                + "(http://b.example)</p>\n");
    assertThat(AdviceMarkdown.toHtml("**unclosed *also")).isEqualTo("<p>**unclosed *also</p>\n");
  }

  @Test
  void codeBlocksKeepTheirTextEscapedAndAnUnclosedOneEndsWithTheText() {
    assertThat(AdviceMarkdown.toHtml("before\n```sh\nset X=<y> & **z**\n```\nafter"))
        .isEqualTo(
            "<p>before</p>\n<pre><code>set X=&lt;y&gt; &amp; **z**</code></pre>\n<p>after</p>\n");
    assertThat(AdviceMarkdown.toHtml("```\n</code></pre><script>x()</script>\n\n"))
        .isEqualTo(
            "<pre><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;</code></pre>\n");
  }

  @Test
  void backslashesWriteMarkersAsTheyAre() {
    assertThat(AdviceMarkdown.toHtml("\\*not em\\* and \\`tick\\`"))
        .isEqualTo("<p>*not em* and `tick`</p>\n");
  }

  @Test
  void underscoresInNamesStayAsTheyAre() {
    assertThat(AdviceMarkdown.toHtml("set SO_REUSEADDR and _this_"))
        .isEqualTo("<p>set SO_REUSEADDR and _this_</p>\n");
  }

  @Test
  void theFirstLineIsPlainWords() {
    assertThat(
            AdviceMarkdown.firstLine(
                "\n- Install **UN02200** from [IBM](https://example.org) and `reboot`\nmore", 200))
        .isEqualTo("Install UN02200 from IBM and reboot");
    assertThat(AdviceMarkdown.firstLine("```\ncode line\n```", 200)).isEqualTo("code line");
    assertThat(AdviceMarkdown.firstLine("a\u001b[31mred", 200)).isEqualTo("a [31mred");
    assertThat(AdviceMarkdown.firstLine("x".repeat(300), 10)).isEqualTo("xxxxxxxxx…");
  }
}
