package dev.sessio.accounts;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class OrganisationTest {

    @Test
    void anAdminChangesOrganisationAndBillingDataIncludingChorusPro() {
        Fixtures.School school = Fixtures.activeSchool();
        String siret = Fixtures.siret();
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("name", "Lycée Victor Hugo", "billing", Map.of(
                        "address", Map.of("street", "2 rue des Comptes", "postalCode", "69001", "city", "Lyon"),
                        "vatNumber", "FR40303265045",
                        "chorusPro", Map.of("siret", siret, "serviceCode", "SERV-01", "commitmentNumber", "EJ123"))))
                .patch("/api/accounts/organisation").then().statusCode(200)
                .body("name", equalTo("Lycée Victor Hugo"))
                .body("address.city", equalTo("Paris"))
                .body("billing.address.city", equalTo("Lyon"))
                .body("billing.address.country", equalTo("FR"))
                .body("billing.vatNumber", equalTo("FR40303265045"))
                .body("billing.chorusPro.siret", equalTo(siret))
                .body("billing.chorusPro.serviceCode", equalTo("SERV-01"))
                .body("billing.chorusPro.commitmentNumber", equalTo("EJ123"));

        given().header("Authorization", school.adminToken()).get("/api/accounts/organisation").then()
                .statusCode(200).body("billing.chorusPro.commitmentNumber", equalTo("EJ123"));

        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("billing", Map.of("vatNumber", "")))
                .patch("/api/accounts/organisation").then().statusCode(200)
                .body("billing.vatNumber", nullValue()).body("billing.chorusPro.serviceCode", equalTo("SERV-01"));
    }

    @Test
    void invalidBillingDataListsEveryField() {
        Fixtures.School school = Fixtures.activeSchool();
        given().header("Authorization", school.adminToken()).contentType("application/json")
                .body(Map.of("name", "", "billing", Map.of("vatNumber", "FR00303265045",
                        "address", Map.of("street", "x"),
                        "chorusPro", Map.of("siret", "12345678901234"))))
                .patch("/api/accounts/organisation").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("name", "billing.vatNumber", "billing.address.postalCode",
                        "billing.address.city", "billing.chorusPro.siret"));
    }

    @Test
    void staffMayReadButNotChangeTheOrganisation() {
        Fixtures.School school = Fixtures.activeSchool();
        String staff = school.tokenFor("staff-x", "school-staff");
        given().header("Authorization", staff).get("/api/accounts/organisation").then().statusCode(200)
                .body("id", equalTo(school.organisationId().toString()));
        given().header("Authorization", staff).contentType("application/json").body(Map.of("name", "Hacked"))
                .patch("/api/accounts/organisation").then().statusCode(403);
    }

    @Test
    void aTokenWithoutOrganisationOwnsNothing() {
        given().header("Authorization", dev.sessio.testing.TestTokens.user("lonely").roles("school-admin").bearer())
                .get("/api/accounts/organisation").then().statusCode(403);
    }
}
