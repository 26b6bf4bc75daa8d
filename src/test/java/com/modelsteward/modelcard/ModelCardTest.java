package com.modelsteward.modelcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.lineage.LineageFixtures;
import com.modelsteward.lineage.LineageService;
import com.modelsteward.lineage.RequestEvidence;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.scorecards.PolicyMetricRules;
import com.modelsteward.testsupport.TestRegistries;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ModelCardTest {

    private static final String ACTIVE = "momentum_xgb-3.1.0";

    @TempDir
    Path dir;

    private ModelCard card(Registry registry, String modelId) {
        LineageService service = new LineageService(registry, Map.of());
        return ModelCard.gather(service, modelId, new PolicyMetricRules(PolicyLoader.builtIn(Map.of())), LineageFixtures.CLOCK, "auditor", (d, t) -> { }, () -> false);
    }

    private static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The card's drift is its version's latest run per feature: neither an older run nor another version's rows. */
    @Test
    void theCardShowsItsVersionsLatestDriftOnly() throws Exception {
        try (Registry registry = TestRegistries.demo(dir)) {
            for (String row : List.of("'" + ACTIVE + "', 'vol_20d', 0.9, 'SEVERE'", "'" + ACTIVE + "', 'spread_bps', 0.3, 'MODERATE'",
                    "'momentum_xgb-3.2.0', 'vol_20d', 0.95, 'SEVERE'", "'" + ACTIVE + "', 'vol_20d', 0.01, 'NORMAL'")) {
                registry.writeHandle(h -> h.createUpdate("INSERT INTO model_drift (model_id, feature, psi, severity) VALUES (" + row + ")")
                        .execute());
            }
            List<String> drift = card(registry, ACTIVE).drift().stream()
                    .map(r -> r.modelId() + " " + r.feature() + " " + r.psi() + " " + r.severity()).toList();
            assertEquals(List.of(ACTIVE + " spread_bps 0.3 MODERATE", ACTIVE + " vol_20d 0.01 NORMAL"), drift);
        }
    }

    @Test
    void theHtmlCardOfADemoActiveVersionIsWellFormedAndMatchesTheRegistry() throws Exception {
        try (Registry registry = TestRegistries.demo(dir)) {
            ModelCard card = card(registry, ACTIVE);
            Path file = dir.resolve("card.html");
            ModelCardWriter.write(card, file);
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.copy(file, Path.of("target", "screenshots", "model-card.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Document html = parseXml(file);
            var xpath = XPathFactory.newInstance().newXPath();
            assertEquals("Model card — momentum_xgb 3.1.0", xpath.evaluate("/html/head/title", html));
            ModelVersion version = registry.readHandle(h -> h.createQuery("SELECT * FROM model_registry WHERE model_id = :id").bind("id", ACTIVE)
                    .mapTo(ModelVersion.class).one());
            String text = html.getDocumentElement().getTextContent();
            assertTrue(text.contains(version.trainingConfigHash()));
            assertTrue(text.contains(version.dataSnapshotHash()));
            assertTrue(text.contains(version.codeCommit()));
            assertTrue(text.contains("Produced 2026-11-01T12:00:00.000Z by auditor"));
            // The chain reaches the root 1.0.0, every link's config hash re-verified.
            NodeList chainRows = (NodeList) xpath.evaluate("//h2[@id='chain']/following-sibling::table[1]/tr[td]", html, XPathConstants.NODESET);
            assertEquals(card.chain().size(), chainRows.getLength());
            assertEquals("momentum_xgb-1.0.0", card.chain().getLast().version().modelId());
            assertTrue(card.chain().stream().allMatch(ModelCard.ChainLink::configHashVerified));
            // Every stored scorecard of the version appears with its value; the baseline is its parent.
            assertEquals(version.parentId(), card.baselineId().orElseThrow());
            NodeList scoreRows = (NodeList) xpath.evaluate("//h2[@id='scorecards']/following-sibling::table[1]/tr[td]", html, XPathConstants.NODESET);
            List<Scorecard> stored = card.evidence().scorecards();
            assertEquals(stored.size(), scoreRows.getLength());
            Scorecard sharpe = stored.stream().filter(s -> s.packId().equals("bench_core_v1") && s.metric().equals("sharpe")).findFirst().orElseThrow();
            String sharpeRow = (String) xpath.evaluate("//h2[@id='scorecards']/following-sibling::table[1]/tr[td[1]='bench_core_v1' and td[2]='sharpe']",
                    html, XPathConstants.STRING);
            assertTrue(sharpeRow.contains(ModelCardText.number(sharpe.value())), sharpeRow);
            assertTrue(card.check().complete(), "promoted through the engine: " + card.check().missing());
            assertTrue(text.contains("✓ Auditable lineage complete"));
            RequestEvidence promotion = card.evidence().requests().stream().filter(RequestEvidence::executedAndApproved).findFirst().orElseThrow();
            String approver = promotion.approvals().getFirst().approver();
            String approvals = (String) xpath.evaluate("//h2[@id='approvals']/following-sibling::table[1]", html, XPathConstants.STRING);
            assertTrue(approvals.contains(approver) && approvals.contains(promotion.approvals().getFirst().comment()), approvals);
            assertTrue(text.contains("Gate report of the governance engine"), "the engine's gate report is shown");
        }
    }

    @Test
    void thePdfCardHasPagesAndTheSameFacts() throws Exception {
        try (Registry registry = TestRegistries.demo(dir)) {
            ModelCard card = card(registry, ACTIVE);
            Path file = dir.resolve("card.pdf");
            ModelCardWriter.write(card, file);
            try (PDDocument pdf = Loader.loadPDF(new File(file.toString()))) {
                assertTrue(pdf.getNumberOfPages() >= 2, "pages: " + pdf.getNumberOfPages());
                String text = new PDFTextStripper().getText(pdf).replace("\r", "").replace("\n", " ");
                assertTrue(text.contains("Model card - momentum_xgb 3.1.0"));
                assertTrue(text.contains("momentum_xgb-1.0.0"), "the chain reaches the root");
                assertTrue(text.contains("Audit chain verifies"));
                assertTrue(text.contains("delta >="), "Δ is spelled out for the standard fonts");
                assertEquals("Model Steward", pdf.getDocumentInformation().getCreator());
                // A picture of the first page, so a reviewer sees the layout without opening the PDF.
                Files.createDirectories(Path.of("target", "screenshots"));
                javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(0, 90),
                        "png", Path.of("target", "screenshots", "model-card-pdf.png").toFile());
            }
            assertEquals(List.of("card.pdf", "demo.db"), Files.list(dir).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("demo.db-")).sorted().toList(), "no temporary file is left behind");
        }
    }

    @Test
    void markupInRegistryDataIsEscapedAndACandidateIsIncomplete() throws Exception {
        try (Registry registry = TestRegistries.empty(dir)) {
            LineageFixtures.insertCandidate(registry, "alpha-1", "<script>alert(1)</script> & co");
            ModelCard card = card(registry, "alpha-1");
            assertFalse(card.check().complete());
            String html = ModelCardHtml.render(card);
            assertFalse(html.contains("<script>"));
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
            assertTrue(html.contains("✗ Auditable lineage incomplete"));
            Path file = Files.writeString(dir.resolve("c.html"), html);
            assertEquals("html", parseXml(file).getDocumentElement().getNodeName());
            assertTrue(html.contains(CanonicalJson.hashOfJson(LineageFixtures.CONFIG)));
        }
    }
}
