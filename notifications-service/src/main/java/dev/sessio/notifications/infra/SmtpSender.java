package dev.sessio.notifications.infra;

import dev.sessio.notifications.config.NotificationsConfig;
import dev.sessio.notifications.domain.Email;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/** Hands one email to the SMTP relay (Quarkus Mailer): HTML with a plain-text alternative, and the invite if any. */
@ApplicationScoped
public class SmtpSender {

    private final ReactiveMailer mailer;
    private final NotificationsConfig config;

    public SmtpSender(ReactiveMailer mailer, NotificationsConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    /**
     * Returns once the relay accepted the message; throws when it refused it or did not answer within
     * {@code notifications.sending.smtp-timeout} (a half-dead connection must not hold the worker forever).
     */
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
        mailer.send(mail).await().atMost(config.sending().smtpTimeout());
    }
}
