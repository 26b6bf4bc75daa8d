package com.modelsteward.modelcard;

import static com.modelsteward.modelcard.ModelCardText.delta;
import static com.modelsteward.modelcard.ModelCardText.number;
import static com.modelsteward.modelcard.ModelCardText.or;

import com.modelsteward.lineage.RequestEvidence;
import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.scorecards.ScorecardComparison;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The model card as PDF, laid out with Apache PDFBox: A4, wrapped text and simple tables that break across pages.
 * The standard PDF fonts cover Latin-1 only, so symbols the HTML card uses (✓, Δ, →) are spelled out here.
 */
public final class ModelCardPdf {

    private static final float MARGIN = 42;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final Color OK = new Color(0x1f, 0x8a, 0x4c);
    private static final Color BAD = new Color(0xc0, 0x39, 0x2b);
    private static final Color MUTED = new Color(0x5b, 0x66, 0x75);
    private static final Color INK = new Color(0x1d, 0x27, 0x33);
    private static final Color RULE = new Color(0xd5, 0xda, 0xe1);
    private static final Map<String, String> SPELLED = Map.ofEntries(
            Map.entry("✓", "OK"), Map.entry("✗", "X"), Map.entry("Δ", "delta"), Map.entry("→", "->"), Map.entry("≥", ">="),
            Map.entry("≤", "<="), Map.entry("↑", "^"), Map.entry("↓", "v"), Map.entry("↔", "<>"), Map.entry("⚠", "!"),
            Map.entry("—", "-"), Map.entry("−", "-"), Map.entry("…", "..."));

    private final PDDocument document;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private final Map<Character, Boolean> encodable = new HashMap<>();
    private PDPageContentStream content;
    private float y;
    private int pages;

    private ModelCardPdf(PDDocument document) {
        this.document = document;
    }

    public static void write(ModelCard card, OutputStream out) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle(ModelCardText.title(card).replace("—", "-"));
            document.getDocumentInformation().setAuthor(card.producedBy());
            document.getDocumentInformation().setSubject("Model card and audit dossier for " + card.version().modelId());
            document.getDocumentInformation().setCreator("Model Steward");
            new ModelCardPdf(document).render(card);
            document.save(out);
        }
    }

    private void render(ModelCard card) throws IOException {
        newPage();
        ModelVersion v = card.version();
        paragraph(ModelCardText.title(card), bold, 18, INK);
        paragraph("Produced " + card.producedAt() + " by " + card.producedBy() + " from " + card.registryFile(), regular, 9, MUTED);
        y -= 4;
        paragraph(ModelCardText.checkSummary(card.check()), bold, 11, card.check().complete() ? OK : BAD);
        paragraph(ModelCardText.auditSummary(card), bold, 11, card.auditChain().ok() ? OK : BAD);
        paragraph(ModelCardText.artifactSummary(card.artifact()), bold, 11, card.artifact().ok() ? OK : BAD);

        heading("Identity");
        table(new float[] {0.25f, 0.75f}, List.of("Field", "Value"), List.of(
                List.of("Model id", v.modelId()), List.of("Name", v.modelName()), List.of("Type", v.modelType()),
                List.of("Version", v.version()), List.of("State", v.state() + " since " + or(v.stateChangedAt())),
                List.of("Retrained from", or(v.parentId())), List.of("Created", v.createdAt() + " by " + v.createdBy()),
                List.of("Artifact", or(v.pathRef()))));

        heading("Auditable lineage check");
        table(new float[] {0.34f, 0.12f, 0.54f}, List.of("Requirement", "Result", "Detail"), card.check().items().stream()
                .map(i -> List.of(i.requirement(), i.ok() ? "present" : "MISSING", i.detail())).toList());

        heading("Lineage chain (this version first, back to its root)");
        List<List<String>> chain = new ArrayList<>();
        for (ModelCard.ChainLink link : card.chain()) {
            ModelVersion c = link.version();
            chain.add(List.of(c.modelId() + "\n" + c.state() + "\n" + c.createdAt(),
                    or(c.trainingConfigHash()) + "\n" + (link.configHashVerified() ? "OK " : "X ") + link.configHashNote(),
                    or(c.dataSnapshotRef()) + "\n" + or(c.dataSnapshotHash()),
                    "commit " + or(c.codeCommit()) + "\nfeatures " + or(c.featureGraphHash())));
        }
        table(new float[] {0.2f, 0.27f, 0.27f, 0.26f}, List.of("Version", "Training config hash", "Data snapshot", "Code / feature graph"), chain);
        for (String problem : card.lineageProblems()) {
            paragraph("! " + problem, regular, 9, BAD);
        }

        heading("Artifact verification");
        paragraph(ModelCardText.artifactSummary(card.artifact()), regular, 9, card.artifact().ok() ? OK : BAD);

        heading(ModelCardText.comparisonHeading(card));
        ScorecardComparison comparison = card.comparison();
        int candidate = comparison.versions().size() - 1;
        int baseline = comparison.baselineIndex();
        table(new float[] {0.16f, 0.17f, 0.14f, 0.11f, 0.11f, 0.1f, 0.11f, 0.1f},
                List.of("Pack", "Metric", "Direction", "Baseline", "Version", "Delta", "Threshold", "Gate"),
                comparison.rows().stream().map(row -> List.of(row.packId(), row.metric(), row.direction().words(),
                        baseline >= 0 ? number(row.cells().get(baseline).value()) : "-", number(row.cells().get(candidate).value()),
                        delta(row.cells().get(candidate).delta()), row.threshold(), row.cells().get(candidate).verdict().outcome().label())).toList());

        heading("Transition requests and approvals");
        if (card.evidence().requests().isEmpty()) {
            paragraph("No transition request was ever made for this version.", regular, 9, MUTED);
        }
        for (RequestEvidence r : card.evidence().requests()) {
            paragraph(r.requestId() + "  " + r.fromState() + " -> " + r.toState() + ", requested " + r.requestedAt() + " by " + r.requestedBy()
                    + ", status " + r.status() + (r.executedAt() == null ? "" : ", executed " + r.executedAt()), bold, 9, INK);
            paragraph("Justification: " + r.justification(), regular, 9, INK);
            if (r.gateReportJson() != null && !r.gateReportJson().isBlank()) {
                paragraph("Gate report of the governance engine:", regular, 9, INK);
                for (String line : ModelCardHtml.prettyConfig(r.gateReportJson()).split("\n")) {
                    paragraph(line, mono, 7, INK);
                }
            }
            if (!r.approvals().isEmpty()) {
                table(new float[] {0.2f, 0.12f, 0.23f, 0.45f}, List.of("Approver", "Decision", "Decided", "Comment"),
                        r.approvals().stream().map(a -> List.of(a.approver(), a.decision(), a.decidedAt(), a.comment())).toList());
            }
        }

        heading("State history");
        table(new float[] {0.26f, 0.18f, 0.56f}, List.of("When", "Who", "What"),
                card.evidence().history().stream().map(e -> List.of(or(e.at()), or(e.actor()), e.what())).toList());

        heading("Current drift status");
        paragraph(ModelCardText.driftSummary(card.drift()), regular, 9, INK);
        if (!card.drift().isEmpty()) {
            table(new float[] {0.22f, 0.14f, 0.12f, 0.12f, 0.14f, 0.26f}, List.of("Feature", "Kind", "PSI", "KS", "Severity", "Computed"),
                    card.drift().stream().map((DriftResultRow d) -> List.of(d.feature(), d.driftKind(), number(d.psi()), number(d.ksStatistic()),
                            d.severity(), or(d.computedAt()))).toList());
        }

        heading("Audit trail");
        paragraph(ModelCardText.auditSummary(card), bold, 9, card.auditChain().ok() ? OK : BAD);
        if (!card.evidence().auditEntries().isEmpty()) {
            table(new float[] {0.07f, 0.22f, 0.14f, 0.17f, 0.4f}, List.of("Seq", "Time", "Actor", "Action", "Hash"),
                    card.evidence().auditEntries().stream().map(e -> List.of(Long.toString(e.seq()), e.ts(), e.actor(), e.action(), e.hash())).toList());
        }

        heading("Training config");
        for (String line : ModelCardHtml.prettyConfig(v.trainingConfigJson()).split("\n")) {
            paragraph(line, mono, 8, INK);
        }
        content.close();
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        pages++;
        content = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
        text("Page " + pages, regular, 8, MUTED, MARGIN + WIDTH - 40, 24);
    }

    private void ensure(float height) throws IOException {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    private void heading(String title) throws IOException {
        ensure(40);
        y -= 12;
        paragraph(title, bold, 12, INK);
        content.setStrokingColor(RULE);
        content.moveTo(MARGIN, y - 4);
        content.lineTo(MARGIN + WIDTH, y - 4);
        content.stroke();
        y -= 8;
    }

    private void paragraph(String text, PDType1Font font, float size, Color color) throws IOException {
        for (String line : wrap(text, font, size, WIDTH)) {
            ensure(size + 3);
            y -= size + 3;
            text(line, font, size, color, MARGIN, y);
        }
    }

    private void table(float[] fractions, List<String> header, List<List<String>> rows) throws IOException {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (int r = 0; r < all.size(); r++) {
            boolean isHeader = r == 0;
            PDType1Font font = isHeader ? bold : regular;
            float size = 8;
            List<List<String>> cells = new ArrayList<>();
            int lines = 1;
            for (int c = 0; c < fractions.length; c++) {
                String cell = c < all.get(r).size() ? or(all.get(r).get(c)) : "";
                List<String> wrapped = new ArrayList<>();
                for (String part : cell.split("\n")) {
                    wrapped.addAll(wrap(part, font, size, fractions[c] * WIDTH - 6));
                }
                cells.add(wrapped);
                lines = Math.max(lines, wrapped.size());
            }
            float height = lines * (size + 2) + 4;
            if (y - height < MARGIN) {
                newPage();
            }
            if (isHeader) {
                content.setNonStrokingColor(new Color(0xee, 0xf1, 0xf5));
                content.addRect(MARGIN, y - height, WIDTH, height);
                content.fill();
            }
            float x = MARGIN;
            for (int c = 0; c < fractions.length; c++) {
                float lineY = y - size - 1;
                for (String line : cells.get(c)) {
                    text(line, font, size, colorOf(line), x + 3, lineY);
                    lineY -= size + 2;
                }
                x += fractions[c] * WIDTH;
            }
            y -= height;
            content.setStrokingColor(RULE);
            content.moveTo(MARGIN, y);
            content.lineTo(MARGIN + WIDTH, y);
            content.stroke();
        }
        y -= 4;
    }

    private static Color colorOf(String cell) {
        if (cell.startsWith("✗") || cell.equals("MISSING") || cell.equals("SEVERE") || cell.startsWith("X ")) {
            return BAD;
        }
        if (cell.startsWith("✓") || cell.equals("present") || cell.startsWith("OK ")) {
            return OK;
        }
        return INK;
    }

    private void text(String text, PDType1Font font, float size, Color color, float x, float atY) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(color);
        content.newLineAtOffset(x, atY);
        content.showText(printable(text, font));
        content.endText();
    }

    private List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        String printable = printable(text, font);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, font, size) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // A hash or path longer than the column is broken between characters.
            for (char c : word.toCharArray()) {
                if (width(line.toString() + c, font, size) > width && !line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(c);
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static float width(String text, PDType1Font font, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Spells out symbols the standard fonts lack and replaces any other unencodable character with '?'. */
    private String printable(String text, PDType1Font font) {
        String spelled = text;
        for (Map.Entry<String, String> entry : SPELLED.entrySet()) {
            spelled = spelled.replace(entry.getKey(), entry.getValue());
        }
        StringBuilder out = new StringBuilder(spelled.length());
        for (char c : spelled.toCharArray()) {
            char shown = c == '\t' ? ' ' : c;
            boolean ok = encodable.computeIfAbsent(shown, ch -> canEncode(font, ch));
            out.append(ok ? shown : '?');
        }
        return out.toString();
    }

    private static boolean canEncode(PDType1Font font, char c) {
        try {
            font.encode(String.valueOf(c));
            return c >= 0x20;
        } catch (IOException | IllegalArgumentException notInFont) {
            return false;
        }
    }
}
