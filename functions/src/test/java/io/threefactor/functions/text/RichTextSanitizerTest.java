package io.threefactor.functions.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RichTextSanitizerTest {

    private final RichTextSanitizer sanitizer = new RichTextSanitizer();

    @Test
    void keepsFormattingAndDropsScriptsHandlersAndJavascriptUrls() {
        String html = "<p onclick=\"steal()\">Ten <strong>minutes</strong><script>alert(1)</script></p>"
                + "<img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">bad</a>"
                + "<a href=\"https://example.com/v\">video</a><ul><li>one</li></ul><h2>Week 1</h2>"
                + "<iframe src=\"https://evil\"></iframe><style>p{}</style>";
        assertEquals("<p>Ten <strong>minutes</strong></p><a rel=\"nofollow\">bad</a>"
                        + "<a href=\"https://example.com/v\" rel=\"nofollow\">video</a><ul><li>one</li></ul><h2>Week 1</h2>",
                sanitizer.html(html));
    }

    @Test
    void plainTextForTitles() {
        assertEquals("Strength & Co", sanitizer.plain("<b>Strength</b> &amp; Co<script>x</script>"));
        assertNull(sanitizer.plain(null));
        assertNull(sanitizer.html(null));
    }
}
