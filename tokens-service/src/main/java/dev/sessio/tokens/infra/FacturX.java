package dev.sessio.tokens.infra;

import dev.sessio.tokens.api.InvoiceView;
import dev.sessio.tokens.config.TokensConfig;
import dev.sessio.tokens.domain.Invoice;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.mustangproject.BankDetails;
import org.mustangproject.Item;
import org.mustangproject.LegalOrganisation;
import org.mustangproject.Product;
import org.mustangproject.SchemedID;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.PDFAConformanceLevel;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Renders an invoice as Factur-X: a PDF/A-3 page with the legal mentions (drawn with PDFBox, fonts and colour
 * profile embedded) carrying the EN 16931 CII XML made by the Mustang library, which Chorus Pro accepts.
 * Rendered on demand from the stored invoice, so the same invoice always gives the same content.
 */
@ApplicationScoped
public class FacturX {

    private final TokensConfig config;

    public FacturX(TokensConfig config) {
        this.config = config;
    }

    public byte[] render(Invoice invoice) {
        try {
            byte[] visual = visual(invoice);
            try (ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3()) {
                exporter.setProducer("Sessio tokens-service").setCreator(config.seller().name())
                        .setProfile(Profiles.getByName("EN16931"))
                        .setZUGFeRDVersion(2)
                        .setConformanceLevel(PDFAConformanceLevel.BASIC)
                        .load(visual);
                exporter.setTransaction(transaction(invoice));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                exporter.export(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render invoice " + invoice.number, e);
        }
    }

    org.mustangproject.Invoice transaction(Invoice i) {
        TokensConfig.Seller s = config.seller();
        TradeParty seller = new TradeParty(s.name(), String.join(", ", s.addressLines()), s.postcode(), s.city(),
                s.country())
                .addVATID(s.vatNumber())
                .setEmail(s.email())
                .setLegalOrganisation(new LegalOrganisation(new SchemedID("0002", s.siren()), s.name()))
                .addBankDetails(new BankDetails(s.iban()));
        TradeParty buyer = new TradeParty(i.buyerName, nonNull(i.buyerAddress), nonNull(i.buyerPostcode),
                nonNull(i.buyerCity), i.buyerCountry == null ? "FR" : i.buyerCountry);
        if (i.buyerVatNumber != null) {
            buyer.addVATID(i.buyerVatNumber);
        }
        if (i.buyerSiret != null) {
            buyer.setLegalOrganisation(new LegalOrganisation(new SchemedID("0009", i.buyerSiret), i.buyerName));
        }
        if (i.buyerEmail != null) {
            buyer.setEmail(i.buyerEmail);
        }
        org.mustangproject.Invoice cii = new org.mustangproject.Invoice()
                .setNumber(i.number)
                .setIssueDate(date(i.issuedOn))
                .setDeliveryDate(date(i.issuedOn))
                .setCurrency(i.currency)
                .setSender(seller)
                .setRecipient(buyer)
                .setPaymentTermDescription(i.paymentTerms)
                .addLegalNote(InvoiceView.LATE_PAYMENT_PENALTIES)
                .addItem(new Item(new Product(i.lineDescription, "", "C62",
                        BigDecimal.valueOf(i.vatRateBasisPoints, 2)), BigDecimal.valueOf(i.unitExcludingTax, 2),
                        BigDecimal.valueOf(i.quantity)));
        if (i.dueOn != null) {
            cii.setDueDate(date(i.dueOn));
        }
        if (i.kind == Invoice.Kind.INVOICE && "CARD".equals(i.paymentMethod)) {
            // Paid by card before it was issued: BT-113 = the total, so BT-115 (amount due) is 0.
            cii.setTotalPrepaidAmount(BigDecimal.valueOf(i.totalIncludingTax, 2));
        }
        if (i.purchaseOrderReference != null) {
            cii.setBuyerOrderReferencedDocumentID(i.purchaseOrderReference);
        }
        if (i.chorusServiceCode != null) {
            cii.setReferenceNumber(i.chorusServiceCode);   // BT-10, the Chorus Pro service code
        }
        if (i.chorusEngagementNumber != null) {
            cii.setContractReferencedDocument(i.chorusEngagementNumber);
        }
        if (i.kind == Invoice.Kind.CREDIT_NOTE) {
            cii.setCreditNote();
            if (i.note != null) {
                cii.addGeneralNote(i.note);
            }
        }
        return cii;
    }

    private byte[] visual(Invoice i) throws IOException {
        InvoiceView view = InvoiceView.of(i, config.seller());
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType0Font regular;
            try (InputStream font = resource("/FreeSans.ttf")) {
                regular = PDType0Font.load(doc, font);
            }
            try (InputStream icc = resource("/sRGB.icc")) {
                PDOutputIntent intent = new PDOutputIntent(doc, icc);
                intent.setInfo("sRGB IEC61966-2.1");
                intent.setOutputCondition("sRGB IEC61966-2.1");
                intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
                intent.setRegistryName("http://www.color.org");
                doc.getDocumentCatalog().addOutputIntent(intent);
            }
            doc.getDocumentInformation().setTitle((i.kind == Invoice.Kind.CREDIT_NOTE ? "Avoir " : "Facture ") + i.number);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                Writer w = new Writer(text, regular, 50, 790);
                w.line(16, (i.kind == Invoice.Kind.CREDIT_NOTE ? "AVOIR N° " : "FACTURE N° ") + i.number);
                w.line(10, "Date : " + fr(i.issuedOn) + (i.dueOn == null ? "" : "    Échéance : " + fr(i.dueOn)));
                w.gap();
                w.line(11, "Vendeur");
                party(w, view.seller());
                w.line(9, view.seller().legalForm());
                w.gap();
                w.line(11, "Client");
                party(w, view.buyer());
                if (i.purchaseOrderReference != null) {
                    w.line(9, "Bon de commande : " + i.purchaseOrderReference);
                }
                if (i.chorusServiceCode != null || i.chorusEngagementNumber != null) {
                    w.line(9, "Chorus Pro – code service : " + nonNull(i.chorusServiceCode)
                            + "    n° d'engagement : " + nonNull(i.chorusEngagementNumber));
                }
                w.gap();
                InvoiceView.Line line = view.lines().getFirst();
                w.line(10, "Désignation : " + line.description());
                w.line(10, "Quantité : " + line.quantity() + "    Prix unitaire HT : " + euros(i.unitExcludingTax)
                        + "    TVA : " + line.vatRate());
                w.gap();
                w.line(11, "Total HT : " + euros(i.totalExcludingTax));
                w.line(11, "TVA " + line.vatRate() + " : " + euros(i.vat));
                w.line(12, "Total TTC : " + euros(i.totalIncludingTax));
                w.gap();
                for (String part : wrap(i.paymentTerms, 95)) {
                    w.line(9, part);
                }
                if (i.note != null) {
                    for (String part : wrap(i.note, 95)) {
                        w.line(9, part);
                    }
                }
                for (String part : wrap(InvoiceView.LATE_PAYMENT_PENALTIES, 95)) {
                    w.line(8, part);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void party(Writer w, InvoiceView.Party p) throws IOException {
        w.line(10, p.name());
        for (String address : p.address()) {
            w.line(10, address);
        }
        w.line(10, nonNull(p.postcode()) + " " + nonNull(p.city()) + " " + nonNull(p.country()));
        if (p.siret() != null) {
            w.line(9, "SIREN " + nonNull(p.siren()) + " – SIRET " + p.siret());
        }
        if (p.vatNumber() != null) {
            w.line(9, "N° TVA intracommunautaire : " + p.vatNumber());
        }
    }

    /** Writes lines top-down. */
    private static final class Writer {
        private final PDPageContentStream out;
        private final PDType0Font font;
        private final float x;
        private float y;

        Writer(PDPageContentStream out, PDType0Font font, float x, float y) {
            this.out = out;
            this.font = font;
            this.x = x;
            this.y = y;
        }

        void line(float size, String text) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, y);
            out.showText(text == null ? "" : text);
            out.endText();
            y -= size + 5;
        }

        void gap() {
            y -= 10;
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            if (current.length() + word.length() + 1 > width && !current.isEmpty()) {
                lines.add(current.toString());
                current.setLength(0);
            }
            if (!current.isEmpty()) {
                current.append(' ');
            }
            current.append(word);
        }
        if (!current.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }

    private static String euros(long cents) {
        return NumberFormat.getCurrencyInstance(Locale.FRANCE).format(BigDecimal.valueOf(cents, 2))
                .replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    private static String fr(LocalDate date) {
        return date.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    /** Mustang writes a java.util.Date as yyyyMMdd in the JVM's zone: noon there keeps the calendar day. */
    private static Date date(LocalDate date) {
        return Date.from(date.atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = FacturX.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}
