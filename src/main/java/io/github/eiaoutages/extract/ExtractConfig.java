package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.ops.RunLogContext;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Thread pools the ingest routes refer to by name, owned (and shut down) by Camel. */
@Configuration(proxyBeanMethods = false)
class ExtractConfig {

    /**
     * {@code eiaFetchPool}: the threads that fetch date windows of a backfill at the same time, as many as
     * {@code pipeline.eia.max-concurrent-requests}. Bound in Camel's registry only: as a Spring bean an Executor
     * would displace Spring Boot's task executor, which platform-http serves requests on.
     */
    @Bean
    CamelContextConfiguration eiaFetchPoolBinding(PipelineProperties properties) {
        int threads = properties.eia().maxConcurrentRequests();
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                // Fetches log with the run_id and dataset of the run that started them.
                camel.getRegistry()
                        .bind(
                                "eiaFetchPool",
                                RunLogContext.propagating(camel.getExecutorServiceManager()
                                        .newFixedThreadPool(this, "eia-fetch", threads)));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }
}
