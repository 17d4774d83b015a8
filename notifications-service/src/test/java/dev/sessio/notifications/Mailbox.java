package dev.sessio.notifications;

import dev.sessio.testing.SmtpResource;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What GreenMail received, per recipient, with the parts tests look at. */
public final class Mailbox {

    private Mailbox() {
    }

    public static List<Received> to(String address) {
        List<Received> mails = new ArrayList<>();
        for (MimeMessage message : SmtpResource.received()) {
            try {
                if (message.getRecipients(Message.RecipientType.TO) != null
                        && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().contains(address))) {
                    mails.add(Received.of(message));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    /** Those whose subject starts with {@code prefix}. */
    public static List<Received> to(String address, String prefix) {
        return to(address).stream().filter(m -> m.subject() != null && m.subject().startsWith(prefix)).toList();
    }

    public record Received(MimeMessage message, String subject, String html, String text, String calendar,
                           String calendarContentType) {

        static Received of(MimeMessage message) throws Exception {
            Parts parts = new Parts();
            parts.walk(message);
            return new Received(message, message.getSubject(), parts.html, parts.text, parts.calendar,
                    parts.calendarType);
        }

        public String header(String name) {
            try {
                String[] values = message.getHeader(name);
                return values == null ? null : values[0];
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class Parts {
        String html;
        String text;
        String calendar;
        String calendarType;

        void walk(Part part) throws Exception {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child);
                }
            } else if (part.isMimeType("text/calendar")) {
                calendar = read(part);
                calendarType = part.getContentType();
            } else if (part.isMimeType("text/html") && html == null) {
                html = read(part);
            } else if (part.isMimeType("text/plain") && text == null) {
                text = read(part);
            }
        }

        private static String read(Part part) throws IOException, jakarta.mail.MessagingException {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
