package io.github.eiaoutages.raw;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Objects the records route refers to by name that must not be Spring beans. */
@Configuration(proxyBeanMethods = false)
class RawPartsConfig {

    /**
     * The aggregator completes parts on {@code synchronousExecutor}. By default it uses a thread of its own, and
     * a run could then commit before its last part is written; the caller's thread makes the flush synchronous.
     * Bound in Camel's registry only: as a Spring bean this Executor would displace Spring Boot's task executor,
     * which platform-http serves requests on.
     */
    @Bean
    CamelContextConfiguration synchronousExecutorBinding() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelContext.getRegistry().bind("synchronousExecutor", new SynchronousExecutorService());
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
