package dev.sessio.notifications.infra;

import dev.sessio.notifications.config.NotificationsConfig;
import dev.sessio.notifications.domain.EmailKind;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * Renders an email from its Qute pair: {@code emails/<kind>.html} (escaped HTML) and {@code emails/<kind>.txt} (plain
 * text, whose {@code subject} fragment is the subject). Both languages live in the same file ({@code {#if en}}), so
 * a change of wording is reviewed side by side. Adds what every email shows: platform name and support footer.
 */
@ApplicationScoped
public class EmailTemplates {

    public record Rendered(String subject, String html, String text) {
    }

    private final Engine engine;
    private final NotificationsConfig config;

    public EmailTemplates(Engine engine, NotificationsConfig config) {
        this.engine = engine;
        this.config = config;
    }

    public Rendered render(EmailKind kind, boolean english, Map<String, Object> data) {
        Map<String, Object> all = withCommon(english, data);
        Template html = template(kind, ".html");
        Template text = template(kind, ".txt");
        String subject = text.getFragment("subject").data(all).render().strip();
        return new Rendered(subject, html.data(all).render(), text.data(all).render().strip() + "\n");
    }

    /** The subject alone: the title of the matching in-account notification. */
    public String subject(EmailKind kind, boolean english, Map<String, Object> data) {
        return template(kind, ".txt").getFragment("subject").data(withCommon(english, data)).render().strip();
    }

    private Map<String, Object> withCommon(boolean english, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.put("en", english);
        all.put("platform", config.platformName());
        all.put("supportHours", english ? config.support().hoursEn() : config.support().hoursFr());
        all.put("supportPhone", config.support().phone());
        all.put("supportEmail", config.support().email());
        return all;
    }

    private Template template(EmailKind kind, String suffix) {
        Template template = engine.getTemplate("emails/" + kind.template() + suffix);
        if (template == null) {
            throw new IllegalStateException("no template emails/" + kind.template() + suffix);
        }
        return template;
    }
}
