package io.github.eiaoutages;

import java.nio.file.Path;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with an EIA key, reading from a WireMock EIA ({@link EiaStub}): one of the suite's two Spring test
 * configurations (the other is {@link SampleAppTest}). Every subclass shares one running application, started once
 * with its own temporary folders and no schedule; before each test method its stores are emptied
 * ({@link EmptyStore}), so incremental state never leaks between tests, without the cost of a restart. A subclass
 * adds no settings of its own (that would start another application): a test about a setting that must differ
 * starts its own application once per class ({@link TestApps}).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:live-app.properties")
public abstract class LiveAppTest extends LiveApp {

    /** One folder for the one application of this configuration; emptied before each test. */
    private static final Path WORK = TestFolders.create("eia-live-app-");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("pipeline.eia.base-url", EIA::baseUrl);
        registry.add("pipeline.storage.data-dir", () -> WORK.resolve("data").toString());
        registry.add(
                "pipeline.storage.modeled-dir", () -> WORK.resolve("modeled").toString());
    }

    @Autowired
    private ApplicationContext app;

    @Autowired
    void client(TestRestTemplate client) {
        http = client;
    }

    @BeforeEach
    void freshStoresAndStub() {
        use(WORK);
        EmptyStore.empty(app, dataDir(), modeledDir());
        EIA.reset();
        EIA.delay(0);
    }

    @AfterAll
    static void keepStubForNextClass() {
        EIA.reset();
    }
}
