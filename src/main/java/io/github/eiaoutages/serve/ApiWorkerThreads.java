package io.github.eiaoutages.serve;

import io.github.eiaoutages.config.InvalidConfigurationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads that answer API requests. platform-http hands every request to Spring's application task executor,
 * whose default of 8 threads made 32 clients on a 2-core machine share the CPU eight ways: each answer waited
 * for seven half-done others, and the load benchmark's /data p99 was twice what it is with one thread per core,
 * where requests are answered in the order they came. Never fewer than two: a {@code POST /refresh?wait=true}
 * holds its thread for the whole run, and the API must keep answering meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class ApiWorkerThreads {

    static final String KEY = "pipeline.api.worker-threads";

    @Bean
    ThreadPoolTaskExecutorCustomizer apiWorkerThreadCount(@Value("${" + KEY + ":0}") int configured) {
        int threads = threads(configured, Runtime.getRuntime().availableProcessors());
        return executor -> {
            executor.setCorePoolSize(threads);
            executor.setMaxPoolSize(threads);
        };
    }

    static int threads(int configured, int cores) {
        if (configured < 0) {
            throw new InvalidConfigurationException(
                    KEY,
                    "is " + configured + "; use 0 for one thread per CPU core, or a number of threads of 2 or more");
        }
        if (configured == 1) {
            throw new InvalidConfigurationException(
                    KEY,
                    "is 1; use 2 or more, so that a POST /refresh?wait=true"
                            + " waiting for its run does not stop the API");
        }
        return configured == 0 ? Math.max(2, cores) : configured;
    }
}
