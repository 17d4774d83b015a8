package dev.sessio.systemtests.journeys;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads an invoice PDF as a Factur-X reader would: a PDF/A-3 whose XMP declares Factur-X, with an embedded
 * {@code factur-x.xml} (relationship Data/Alternative) that is a UN/CEFACT Cross Industry Invoice.
 */
final class FacturX {

    record Invoice(String xmpMetadata, String afRelationship, String xml, Document document) {

        /** The text of the first element matching a local-name path, e.g. {@code ExchangedDocument/ID}. */
        String value(String localNamePath) {
            StringBuilder xpath = new StringBuilder();
            for (String step : localNamePath.split("/")) {
                xpath.append("//*[local-name()='").append(step).append("']");
            }
            try {
                return XPathFactory.newInstance().newXPath().evaluate(xpath.toString(), document).strip();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private FacturX() {
    }

    static Invoice read(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDMetadata metadata = document.getDocumentCatalog().getMetadata();
            String xmp = metadata == null ? "" : new String(metadata.toByteArray(), StandardCharsets.UTF_8);
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            if (names == null || names.getEmbeddedFiles() == null) {
                throw new AssertionError("the PDF embeds no file");
            }
            Map<String, PDComplexFileSpecification> files = names.getEmbeddedFiles().getNames();
            PDComplexFileSpecification spec = files == null ? null : files.get("factur-x.xml");
            if (spec == null) {
                throw new AssertionError("no factur-x.xml embedded, only " + (files == null ? "none" : files.keySet()));
            }
            PDEmbeddedFile embedded = spec.getEmbeddedFile();
            String xml = new String(embedded.toByteArray(), StandardCharsets.UTF_8);
            String relationship = spec.getCOSObject().getNameAsString("AFRelationship");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document parsed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return new Invoice(xmp, relationship, xml, parsed);
        }
    }
}
