package org.ancconnect.phn.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ancconnect.phn.matching.MatchRecord;

/** Reads the FEBRL benchmark files from the shared data directory ({@code anc.shared.dir}). */
final class FebrlData {

    private FebrlData() {
    }

    /** Which FEBRL columns the matcher may use. */
    enum Fields {
        /** Every column. */
        ALL,
        /** Only what a midwife typically has: given name, surname, date of birth, postcode, suburb. */
        MIDWIFE
    }

    static Path dir() {
        return Path.of(System.getProperty("anc.shared.dir", "../../shared"), "datasets", "febrl");
    }

    static List<LabelledRecord> read(String file, Fields fields) {
        List<LabelledRecord> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(dir().resolve(file));
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",", -1);
                for (int i = 0; i < c.length; i++) {
                    c[i] = c[i].trim();
                }
                String id = c[0];
                String entity = id.substring(0, id.indexOf('-', 4));
                boolean all = fields == Fields.ALL;
                MatchRecord r = new MatchRecord(List.of(new MatchRecord.Name(c[1], c[2])), c[9], false, null, null,
                        all ? c[3] : null, all ? c[4] : null, all ? c[5] : null, c[6], all ? c[8] : null, c[7],
                        all ? c[10] : null);
                out.add(new LabelledRecord(id, entity, r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
