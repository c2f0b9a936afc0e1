package io.threefactor.functions.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Coaches write descriptions as HTML; published documents carry only a safe subset:
 * jsoup's basic safelist (text formatting, lists, links with rel=nofollow) plus headings.
 * Scripts, styles, event handlers and javascript: URLs are removed.
 */
public final class RichTextSanitizer {

    private static final Safelist SAFELIST = Safelist.basic().addTags("h2", "h3", "h4");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    /** Sanitised HTML; null stays null. */
    public String html(String untrusted) {
        if (untrusted == null) {
            return null;
        }
        return Jsoup.clean(untrusted, "", SAFELIST, COMPACT).trim();
    }

    /** Plain text for titles and names: markup dropped, entities decoded, whitespace collapsed. */
    public String plain(String untrusted) {
        if (untrusted == null) {
            return null;
        }
        return Jsoup.parse(untrusted).text().trim();
    }
}
