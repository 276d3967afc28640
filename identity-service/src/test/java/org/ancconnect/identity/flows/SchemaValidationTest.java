package org.ancconnect.identity.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The pods do not validate the schema at start (application.properties: their schema is the one the Flyway init-task
 * Job just migrated); the tests do, so every build checks the entities against the migrations. Every test of this
 * module runs in an application that validated the schema when it started; this keeps it that way.
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
class SchemaValidationTest {

    @Test
    void theTestApplicationValidatedTheSchemaAtStart() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.hibernate-orm.schema-management.strategy", String.class))
                .isEqualTo("validate");
    }
}
