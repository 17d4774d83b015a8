package dev.sessio.tokens.domain;

/**
 * Who is invoiced: the school's legal name and address, SIRET and VAT number when it has them. Public schools
 * filing through Chorus Pro add their service code and engagement number ({@link Chorus}).
 */
public record BillingDetails(String name, String address, String postcode, String city, String country,
                             String siret, String vatNumber, String email) {

    public record Chorus(String serviceCode, String engagementNumber) {
    }
}
