package org.ancconnect.fhirserver;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema to HAPI 8.8.0's with HAPI's own migrator, as its CLI's
 * {@code migrate-database} does for production servers. Hibernate's {@code hbm2ddl=update} would not
 * create the indexes and constraints the migrations add, nor record a schema version an upgrade of HAPI
 * could start from. Already-applied steps are skipped, so a restart costs one query on the migration table.
 */
final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {
    }

    static void migrate(DataSource dataSource, ServerOptions.Database database) {
        DriverTypeEnum driver = switch (database) {
            case POSTGRES -> DriverTypeEnum.POSTGRES_9_4;
            case H2 -> DriverTypeEnum.H2_EMBEDDED;
        };
        long started = System.nanoTime();
        HapiMigrator migrator = new HapiMigrator(SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, dataSource, driver);
        migrator.createMigrationTableIfRequired();
        migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
        MigrationResult result = migrator.migrate();
        if (!result.failedTasks.isEmpty()) {
            throw new IllegalStateException("HAPI schema migration failed: " + result.summary());
        }
        LOG.info("Schema up to date ({} migration steps applied) in {} ms",
                result.succeededTasks.size(), (System.nanoTime() - started) / 1_000_000);
    }
}
