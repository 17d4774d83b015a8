package dev.sessio.notifications.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** French unless the locale says English; dates and times as people in Europe/Paris read them. */
public final class Locales {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static final DateTimeFormatter FR_DATE_TIME =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);
    private static final DateTimeFormatter EN_DATE_TIME =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm '(Paris time)'", Locale.ENGLISH);
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private Locales() {
    }

    public static boolean english(String locale) {
        return locale != null && locale.toLowerCase(Locale.ROOT).startsWith("en");
    }

    /** The locale stored on the email row: {@code en} or {@code fr}. */
    public static String normalise(String locale) {
        return english(locale) ? "en" : "fr";
    }

    public static String dateTime(Instant at, String locale) {
        return at == null ? "" : (english(locale) ? EN_DATE_TIME : FR_DATE_TIME).format(at.atZone(PARIS));
    }

    public static String date(Instant at, String locale) {
        return at == null ? "" : date(at.atZone(PARIS).toLocalDate(), locale);
    }

    public static String date(LocalDate day, String locale) {
        return day == null ? "" : (english(locale) ? EN_DATE : FR_DATE).format(day);
    }

    /** Cents as people read them: {@code 1 440,00 €} (no-break spaces) or {@code €1,440.00}. */
    public static String money(long cents, String currency, String locale) {
        String amount = String.format(Locale.ROOT, "%,.2f", cents / 100.0);
        String symbol = "EUR".equals(currency) ? "€" : currency;
        if (english(locale)) {
            return symbol + amount;
        }
        return amount.replace(',', '\u00a0').replace('.', ',') + '\u00a0' + symbol;
    }
}
