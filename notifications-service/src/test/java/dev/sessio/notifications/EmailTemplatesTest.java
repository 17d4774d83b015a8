package dev.sessio.notifications;

import dev.sessio.notifications.domain.EmailKind;
import dev.sessio.notifications.infra.EmailTemplates;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every email renders in both languages (strict rendering: a missing value fails), with footer and no tracking. */
@QuarkusTest
class EmailTemplatesTest {

    @Inject
    EmailTemplates templates;

    @ParameterizedTest
    @EnumSource(EmailKind.class)
    void rendersInFrenchAndEnglishWithTheSupportFooterAndNoTracking(EmailKind kind) {
        var fr = templates.render(kind, false, sample());
        var en = templates.render(kind, true, sample());
        for (var mail : new EmailTemplates.Rendered[] {fr, en}) {
            assertThat(mail.subject()).isNotBlank().doesNotContain("\n", "{", "}");
            assertThat(mail.html()).startsWith("<!DOCTYPE html>").contains("+33 1 86 95 00 00", "Sessio")
                    .doesNotContainIgnoringCase("<img").doesNotContain("{#", "NOT_FOUND");
            assertThat(mail.text()).contains("+33 1 86 95 00 00").doesNotContain("<p", "{#", "NOT_FOUND");
        }
        assertThat(fr.html()).contains("lang=\"fr\"", "Besoin d'aide");
        assertThat(en.html()).contains("lang=\"en\"", "Need help?");
        if (kind != EmailKind.ORDER_TO_APPROVE) { // ops read French
            assertThat(en.subject()).isNotEqualTo(fr.subject());
        }
    }

    @ParameterizedTest
    @EnumSource(EmailKind.class)
    void escapesWhatPeopleTypedInTheHtmlButNotInTheText(EmailKind kind) {
        Map<String, Object> data = sample();
        data.put("organisation", "<script>alert(1)</script>");
        data.put("title", "<b>Charlemagne</b>");
        var mail = templates.render(kind, false, data);
        assertThat(mail.html()).doesNotContain("<script>", "<b>Charlemagne");
    }

    static Map<String, Object> sample() {
        Map<String, Object> data = new HashMap<>();
        data.put("firstName", "Claire");
        data.put("organisation", "Lycée Victor Hugo");
        data.put("resend", false);
        data.put("link", "https://app.sessio.dev/x?token=t");
        data.put("expiresAt", "jeudi 12 mars 2026 à 18h30");
        data.put("role", "membre");
        data.put("quantity", 10);
        data.put("reason", "PURCHASE");
        data.put("balance", 12);
        data.put("expiresOn", "31 août 2026");
        data.put("number", "F-2026-0001");
        data.put("creditNote", false);
        data.put("paid", true);
        data.put("total", "720,00 €");
        data.put("totalExcludingTax", "600,00 €");
        data.put("vat", "120,00 €");
        data.put("issuedOn", "12 mars 2026");
        data.put("dueOn", "");
        data.put("reference", "BC-42");
        data.put("title", "Charlemagne : les bases");
        data.put("when", "jeudi 12 mars 2026 à 10h00");
        data.put("previousWhen", "mercredi 11 mars 2026 à 10h00");
        data.put("duration", 90);
        data.put("joinLinkSoon", true);
        data.put("joinUrl", "https://video.sessio.dev/j/1");
        data.put("hasJoinUrl", true);
        data.put("refunded", true);
        data.put("sessionCancelled", false);
        data.put("mentor", true);
        data.put("defence", false);
        data.put("availableUntil", "12 avril 2026");
        return data;
    }
}
