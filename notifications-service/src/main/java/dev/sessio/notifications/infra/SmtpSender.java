package dev.sessio.notifications.infra;

import dev.sessio.notifications.config.NotificationsConfig;
import dev.sessio.notifications.domain.Email;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/** Hands one email to the SMTP relay (Quarkus Mailer): HTML with a plain-text alternative, and the invite if any. */
@ApplicationScoped
public class SmtpSender {

    private final Mailer mailer;
    private final NotificationsConfig config;

    public SmtpSender(Mailer mailer, NotificationsConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    /** Returns once the relay accepted the message; throws when it did not. */
    public void send(Email email) {
        Mail mail = Mail.withHtml(email.recipient, email.subject, email.html)
                .setText(email.text)
                .setFrom(config.from())
                .addHeader("Message-ID", email.messageId())
                .addHeader("Content-Language", email.locale);
        if (email.calendar != null) {
            String method = email.calendarMethod == null ? "REQUEST" : email.calendarMethod;
            mail.addAttachment(method.equals("CANCEL") ? "cancel.ics" : "invite.ics",
                    email.calendar.getBytes(StandardCharsets.UTF_8),
                    "text/calendar; charset=UTF-8; method=" + method);
        }
        mailer.send(mail);
    }
}
