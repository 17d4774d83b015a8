package dev.sessio.accounts.domain;

/** Checks of French identifiers, without any framework: UAI (school code), SIRET (Luhn), VAT numbers. */
public final class SchoolIdentifiers {

    /** The UAI key alphabet: 23 letters, without I, O and Q. */
    private static final String UAI_KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    /** La Poste's establishments do not follow Luhn: the sum of their digits is a multiple of 5. */
    private static final String LA_POSTE_SIREN = "356000000";

    private SchoolIdentifiers() {
    }

    /** 7 digits then a key letter: the letter is {@code UAI_KEYS[number mod 23]} (e.g. 0750655E). */
    public static boolean isValidUai(String uai) {
        if (uai == null || !uai.matches("[0-9]{7}[A-Za-z]")) {
            return false;
        }
        int number = Integer.parseInt(uai.substring(0, 7));
        return UAI_KEYS.charAt(number % 23) == Character.toUpperCase(uai.charAt(7));
    }

    /** 14 digits passing the Luhn check (SIREN + NIC), with La Poste's exception. */
    public static boolean isValidSiret(String siret) {
        if (siret == null || !siret.matches("[0-9]{14}")) {
            return false;
        }
        if (siret.startsWith(LA_POSTE_SIREN)) {
            return siret.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        return luhn(siret);
    }

    /** Two letters and 2 to 13 characters; French numbers (FR + key + SIREN) have their key checked. */
    public static boolean isValidVatNumber(String vat) {
        if (vat == null) {
            return false;
        }
        String v = vat.replace(" ", "").toUpperCase();
        if (!v.matches("[A-Z]{2}[0-9A-Z]{2,13}")) {
            return false;
        }
        if (v.startsWith("FR") && v.matches("FR[0-9]{11}")) {
            long siren = Long.parseLong(v.substring(4));
            int key = Integer.parseInt(v.substring(2, 4));
            return key == (12 + 3 * (siren % 97)) % 97;
        }
        return !v.startsWith("FR") || v.matches("FR[0-9A-Z]{2}[0-9]{9}");
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** Upper case, no spaces: how identifiers are stored and compared; blank is null. */
    public static String normalise(String identifier) {
        return identifier == null || identifier.isBlank() ? null : identifier.replace(" ", "").toUpperCase();
    }
}
