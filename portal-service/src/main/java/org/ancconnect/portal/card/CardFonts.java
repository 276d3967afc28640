package org.ancconnect.portal.card;

import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.LayoutProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Fonts embedded in the health card PDF, looked up once under {@code /usr/share/fonts} (Debian's fonts-noto-core has
 * Noto Sans Sinhala and Noto Sans Tamil). OpenPDF's layout processor shapes the text with the JDK's OpenType engine,
 * so Sinhala and Tamil vowel signs and conjuncts come out right. A script without a font is reported, never drawn as
 * empty boxes: the card then says the name is on the web card.
 */
@ApplicationScoped
public class CardFonts {

    private static final Logger LOG = Logger.getLogger(CardFonts.class);

    /** The scripts a name on the card may be written in. */
    public enum Script { LATIN, SINHALA, TAMIL }

    private static final Map<Script, String[]> FILES = Map.of(
            Script.LATIN, new String[] {"NotoSans-Regular.ttf", "DejaVuSans.ttf"},
            Script.SINHALA, new String[] {"NotoSansSinhala-Regular.ttf"},
            Script.TAMIL, new String[] {"NotoSansTamil-Regular.ttf"});

    /**
     * Built-in Helvetica for Latin text when no Latin font file is installed; created at class load, before the
     * layout processor is enabled, because once it is OpenPDF wants every font as a file.
     */
    private static final BaseFont HELVETICA = helvetica();

    private final Map<Script, BaseFont> fonts = new EnumMap<>(Script.class);

    public CardFonts() {
        this(Path.of("/usr/share/fonts"));
    }

    CardFonts(Path root) {
        enableLayout();
        for (Script script : Script.values()) {
            find(root, FILES.get(script)).ifPresentOrElse(file -> fonts.put(script, load(file)),
                    () -> LOG.warnf("No %s font under %s: health card PDFs cannot print names in that script", script, root));
        }
    }

    /** OpenPDF's layout processor is process-wide and refuses a second enable. */
    private static synchronized void enableLayout() {
        if (!LayoutProcessor.isEnabled()) {
            LayoutProcessor.enableKernLiga();
        }
    }

    /** The font of a script, when installed. */
    public Optional<BaseFont> font(Script script) {
        return Optional.ofNullable(fonts.get(script));
    }

    /** The font Latin text falls back to. */
    public BaseFont latinFallback() {
        return HELVETICA;
    }

    private static BaseFont helvetica() {
        try {
            return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script of a character run: Sinhala U+0D80–U+0DFF, Tamil U+0B80–U+0BFF, else Latin. */
    public static Script scriptOf(int codePoint) {
        if (codePoint >= 0x0D80 && codePoint <= 0x0DFF) {
            return Script.SINHALA;
        }
        return codePoint >= 0x0B80 && codePoint <= 0x0BFF ? Script.TAMIL : Script.LATIN;
    }

    private static BaseFont load(Path file) {
        try {
            BaseFont font = BaseFont.createFont(file.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            LayoutProcessor.loadFont(font, file.toString());
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable font " + file, e);
        }
    }

    private static Optional<Path> find(Path root, String[] names) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        for (String name : names) {
            try (Stream<Path> files = Files.walk(root, 4)) {
                Optional<Path> hit = files.filter(p -> p.getFileName().toString().equals(name)).findFirst();
                if (hit.isPresent()) {
                    return hit;
                }
            } catch (IOException e) {
                LOG.warnf("Cannot search fonts under %s: %s", root, e.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }
}
