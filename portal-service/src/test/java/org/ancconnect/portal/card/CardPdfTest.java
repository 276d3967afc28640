package org.ancconnect.portal.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CardPdfTest {

    private static final CardPdf.Labels LABELS = new CardPdf.Labels("Health card", "PHN", "Date of birth", "Name: see the web card");

    @Test
    void sinhalaAndTamilNamesAreDrawnWithEmbeddedNotoFonts() {
        assumeTrue(Files.exists(Path.of("/usr/share/fonts/truetype/noto/NotoSansSinhala-Regular.ttf")),
                "Debian's fonts-noto-core is not installed");
        byte[] pdf = new CardPdf(new CardFonts()).render("CMBT-7K2D9X-4", "කුමාරි பெரேரா Perera", "12 Apr 1995", LABELS);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-").contains("NotoSansSinhala").contains("NotoSansTamil");
    }

    @Test
    void withoutFontsTheCardSaysWhereTheNameIsInsteadOfDrawingBoxes(@org.junit.jupiter.api.io.TempDir Path empty) {
        CardPdf pdf = new CardPdf(new CardFonts(empty));
        assertThat(pdf.drawable("කුමාරි")).isFalse();
        assertThat(pdf.drawable("Kumari Perera")).isTrue();
        byte[] bytes = pdf.render("CMBT-7K2D9X-4", "කුමාරි", null, LABELS);
        assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }
}
