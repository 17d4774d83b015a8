package dev.sessio.accounts.domain;

/** What a school gives to open its account (already validated for shape). */
public record SignUp(String name, String uai, String siret, PostalAddress address,
                     String email, String password, String firstName, String lastName, String phone,
                     String locale) {
}
