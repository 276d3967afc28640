package org.ancconnect.portal.card;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The printable health card: ID-1 size (85.6 × 54 mm, the size of a national ID card, so it fits a wallet), the
 * title, her name, the PHN large, the birth date and the PHN's QR code. Text is drawn run by run, each run in the font
 * of its script, shaped by OpenPDF's layout processor.
 */
@ApplicationScoped
public class CardPdf {

    /** ID-1 (ISO/IEC 7810) in points: 85.6 mm × 54 mm at 72 pt per 25.4 mm. */
    private static final Rectangle ID1 = new Rectangle(242.6f, 153.1f);

    /** Card texts in the user's language. */
    public record Labels(String title, String phn, String birthDate, String nameMissingFont) {
    }

    private final CardFonts fonts;

    public CardPdf(CardFonts fonts) {
        this.fonts = fonts;
    }

    public byte[] render(String phn, String name, String birthDate, Labels labels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(ID1, 0, 0, 0, 0);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            document.addTitle(labels.title() + " " + phn);
            document.open();
            PdfContentByte cb = writer.getDirectContent();
            cb.setLineWidth(1.2f);
            cb.roundRectangle(4, 4, ID1.getWidth() - 8, ID1.getHeight() - 8, 8);
            cb.stroke();
            Image qr = Image.getInstance(QrCodes.png(phn));
            qr.scaleAbsolute(78, 78);
            qr.setAbsolutePosition(ID1.getWidth() - 88, 34);
            document.add(qr);
            text(cb, labels.title(), 14, 132, 11);
            boolean nameDrawn = name != null && drawable(name) && block(cb, name, 11);
            if (!nameDrawn) {
                block(cb, labels.nameMissingFont(), 7);
            }
            text(cb, labels.phn(), 14, 82, 7);
            text(cb, phn, 14, 64, 15);
            if (birthDate != null) {
                text(cb, labels.birthDate() + ": " + birthDate, 14, 40, 8);
            }
            document.close();
            return out.toByteArray();
        } catch (DocumentException | IOException e) {
            throw new UncheckedIOException(new IOException("Health card PDF failed", e));
        }
    }

    /** Every script of {@code text} has an installed font. */
    boolean drawable(String text) {
        return runs(text).stream().allMatch(r -> fonts.font(r.script()).isPresent() || r.script() == CardFonts.Script.LATIN);
    }

    private record Run(CardFonts.Script script, String text) {
    }

    /**
     * The name, wrapped into at most two lines left of the QR code (a long name is cut there; the web card shows it
     * whole).
     */
    private boolean block(PdfContentByte cb, String text, float size) throws DocumentException {
        if (!drawable(text)) {
            return false;
        }
        ColumnText column = new ColumnText(cb);
        column.setSimpleColumn(phrase(text, size), 14, 90, ID1.getWidth() - 96, 124, size * 1.25f, Element.ALIGN_LEFT);
        column.go();
        return true;
    }

    private Phrase phrase(String text, float size) {
        Phrase phrase = new Phrase();
        for (Run run : runs(text)) {
            BaseFont font = fonts.font(run.script()).orElseGet(fonts::latinFallback);
            phrase.add(new Chunk(run.text(), new Font(font, size)));
        }
        return phrase;
    }

    /** Draws {@code text} at (x, y), each script run in its own font; false (nothing drawn) when a script has no font. */
    private boolean text(PdfContentByte cb, String text, float x, float y, float size) {
        if (!drawable(text)) {
            return false;
        }
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, phrase(text, size), x, y, 0);
        return true;
    }

    /** Splits text into runs of one script; spaces and punctuation join the run before them. */
    private static List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        CardFonts.Script script = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            CardFonts.Script s = Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK || cp == 0x200D || cp == 0x200C
                    ? CardFonts.scriptOf(cp) : script;
            if (script != null && s != null && s != script) {
                runs.add(new Run(script, current.toString()));
                current.setLength(0);
            }
            script = s == null ? script : s;
            current.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        if (!current.isEmpty()) {
            runs.add(new Run(script == null ? CardFonts.Script.LATIN : script, current.toString()));
        }
        return runs;
    }
}
