package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eiaoutages.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class ApiWorkerThreadsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PropertyPlaceholderAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
            .withUserConfiguration(ApiWorkerThreads.class);

    @Test
    void defaultIsOneThreadPerCoreButNeverFewerThanTwo() {
        assertThat(ApiWorkerThreads.threads(0, 1)).isEqualTo(2);
        assertThat(ApiWorkerThreads.threads(0, 2)).isEqualTo(2);
        assertThat(ApiWorkerThreads.threads(0, 16)).isEqualTo(16);
        assertThat(ApiWorkerThreads.threads(5, 2)).isEqualTo(5);
    }

    @Test
    void sizesTheExecutorThatPlatformHttpAnswersOn() {
        context.withPropertyValues("pipeline.api.worker-threads=3").run(app -> {
            ThreadPoolTaskExecutor executor = app.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
            assertThat(executor.getCorePoolSize()).isEqualTo(3);
            assertThat(executor.getMaxPoolSize()).isEqualTo(3);
        });
        context.run(app -> assertThat(app.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class)
                        .getCorePoolSize())
                .isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    @Test
    void refusesCountsThatWouldStallOrMakeNoSense() {
        assertThatThrownBy(() -> ApiWorkerThreads.threads(-1, 2))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("pipeline.api.worker-threads")
                .hasMessageContaining("0 for one thread per CPU core");
        assertThatThrownBy(() -> ApiWorkerThreads.threads(1, 2))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("2 or more");
    }
}
