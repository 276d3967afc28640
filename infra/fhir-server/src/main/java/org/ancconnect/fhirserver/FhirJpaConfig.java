package org.ancconnect.fhirserver;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The Spring side of the server: HAPI's R4 JPA configuration plus the beans HAPI leaves to the host
 * application (storage settings, entity manager factory, transaction manager). The {@link ServerOptions}
 * and the {@link DataSource} are registered by {@link FhirServer} before this is refreshed.
 */
@Configuration
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    // Batch2 runs $delete-expunge, reindex jobs and deferred terminology storage; its work notifications
    // travel over HAPI's in-memory broker (one JVM, no queue).
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class,
    // Worker pools for batch bundle entries and searches.
    ThreadPoolFactoryConfig.class
})
public class FhirJpaConfig {

    /**
     * Behaviour the suite relies on. Every choice here is one the services and their tests depend on, so
     * it is fixed in code rather than a flag.
     */
    @Bean
    public JpaStorageSettings storageSettings() {
        JpaStorageSettings s = new JpaStorageSettings();
        // A search must see the writes made just before it: sync-service reads back what it wrote, and tests
        // search right after a transaction. HAPI's default reuses results for a minute.
        s.setReuseCachedSearchResultsForMillis(null);
        // Tests reset the server between classes: conditional deletes + $expunge of deleted resources
        // (FhirServerReset.deleteAllData), or $expunge(expungeEverything=true).
        s.setExpungeEnabled(true);
        s.setDeleteExpungeEnabled(true);
        s.setAllowMultipleDelete(true);
        // The NEHR holds only local references; an absolute URL to elsewhere is a mapping bug to reject.
        s.setAllowExternalReferences(false);
        // sync-service may PUT resources with ids it derives; ANY (not just alphanumeric) as long as the
        // server's own ids are UUIDs, so the two can never collide.
        s.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ANY);
        s.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
        // A conditional PUT on a business identifier must not be able to move a resource out of its match URL.
        s.setPreventInvalidatingConditionalMatchCriteria(true);
        // ValueSet pre-expansion stores expansions through Hibernate Search, which is off (see
        // hibernateProperties); validation expands the IG's value sets in memory instead.
        s.setPreExpandValueSets(false);
        s.setEnableTaskPreExpandValueSets(false);
        // Page sizes bounded so a careless search cannot take the 1 GB heap.
        s.setFetchSizeDefaultMaximum(1000);
        return s;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        // One unpartitioned store: the NEHR has no tenants.
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        // No subscription channel types: the suite polls and pushes, it does not subscribe.
        return new SubscriptionSettings();
    }

    @Bean
    @Primary
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            DataSource dataSource,
            ServerOptions options) {
        LocalContainerEntityManagerFactoryBean emf =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        emf.setPersistenceUnitName("HAPI_PU");
        emf.setDataSource(dataSource);
        emf.setJpaProperties(hibernateProperties(options.database()));
        return emf;
    }

    static Properties hibernateProperties(ServerOptions.Database database) {
        Properties p = new Properties();
        p.put("hibernate.dialect", DatabaseSetup.dialectFor(database));
        // The schema belongs to HAPI's migrator (SchemaMigration); Hibernate neither creates nor checks it.
        p.put("hibernate.hbm2ddl.auto", "none");
        // No Lucene/Elasticsearch: searches run in SQL, which is all the NEHR's searches need.
        p.put("hibernate.search.enabled", "false");
        p.put("hibernate.format_sql", "false");
        p.put("hibernate.show_sql", "false");
        // Batched inserts: one transaction bundle writes dozens of index rows.
        p.put("hibernate.jdbc.batch_size", "20");
        p.put("hibernate.order_inserts", "true");
        p.put("hibernate.order_updates", "true");
        p.put("hibernate.cache.use_query_cache", "false");
        p.put("hibernate.cache.use_second_level_cache", "false");
        p.put("hibernate.cache.use_structured_entries", "false");
        p.put("hibernate.cache.use_minimal_puts", "false");
        return p;
    }

    @Bean
    @Primary
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
