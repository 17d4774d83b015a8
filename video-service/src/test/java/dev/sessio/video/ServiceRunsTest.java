package dev.sessio.video;

import dev.sessio.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI, metrics and problem+json, checked the same way for every service. */
@QuarkusTest
class ServiceRunsTest extends ServiceContract {
}
