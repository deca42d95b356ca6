package io.github.eiaoutages.ops;

import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Operations beans the routes refer to by name. */
@Configuration(proxyBeanMethods = false)
class OpsConfig {

    /** onRedelivery of the EIA retry policy (routes/errors.camel.yaml). */
    @Bean("eiaRetryCounter")
    Processor eiaRetryCounter(PipelineMetrics metrics) {
        return metrics.retryCounter();
    }
}
