package io.github.eiaoutages;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the pipeline: Camel routes from {@code routes/}, settings from {@code application.yaml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EiaOutagePipelineApplication {

    public static void main(String[] args) {
        SpringApplication.run(EiaOutagePipelineApplication.class, args);
    }
}
