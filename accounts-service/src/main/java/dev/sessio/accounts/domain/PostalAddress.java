package dev.sessio.accounts.domain;

public record PostalAddress(String street, String postalCode, String city, String country) {
}
