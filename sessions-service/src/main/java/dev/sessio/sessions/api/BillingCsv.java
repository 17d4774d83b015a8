package dev.sessio.sessions.api;

import dev.sessio.sessions.domain.MentorBilling;

import java.time.ZoneId;

/** The billing statement as CSV (RFC 4180, comma-separated, amounts in euros with a dot). */
final class BillingCsv {

    private BillingCsv() {
    }

    static String write(MentorBilling.Statement statement, ZoneId zone) {
        StringBuilder csv = new StringBuilder(
                "sessionId,mentorId,studentId,kind,startsAt,plannedMinutes,videoMinutes,status,exception,rule,percent,billable,amount,currency\r\n");
        for (MentorBilling.Line line : statement.lines()) {
            csv.append(line.sessionId()).append(',')
                    .append(field(line.mentorId())).append(',')
                    .append(field(line.studentId())).append(',')
                    .append(line.kind()).append(',')
                    .append(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Periods.shown(line.startsAt(), zone))).append(',')
                    .append(line.plannedMinutes()).append(',')
                    .append(line.videoMinutes() == null ? "" : line.videoMinutes()).append(',')
                    .append(line.status()).append(',')
                    .append(line.exception()).append(',')
                    .append(line.rule()).append(',')
                    .append(line.percent()).append(',')
                    .append(line.billable()).append(',')
                    .append(euros(line.amount().amount())).append(',')
                    .append(line.amount().currency()).append("\r\n");
        }
        csv.append("TOTAL,,,,,,,,,,,").append(statement.billableSessions()).append(',')
                .append(euros(statement.total().amount())).append(',').append(statement.total().currency())
                .append("\r\n");
        return csv.toString();
    }

    private static String euros(long cents) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, Math.abs(cents % 100));
    }

    /** Quotes a value that holds a comma, a quote or a line break; neutralises spreadsheet formulas. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
