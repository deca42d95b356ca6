package io.github.eiaoutages.run;

import io.github.eiaoutages.config.PipelineMode;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.model.ModelBuild;
import io.github.eiaoutages.model.OutageModelBuilder;
import io.github.eiaoutages.model.QualityCheck;
import java.io.PrintStream;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code --pipeline.mode=ingest-once|model-once}: one run, then exit - 0 when it published (a degraded model
 * included, with a warning on stderr), 1 with the reason on stderr when it failed - so cron, Kubernetes CronJobs
 * and CI can act on the exit code. The run is recorded like any other.
 */
@Component
public class OneShotRunner implements ApplicationRunner {

    private final PipelineMode mode;
    private final RunRegistry runs;
    private final OutageModelBuilder model;
    private final ProducerTemplate camel;
    private final ConfigurableApplicationContext context;

    public OneShotRunner(
            PipelineProperties properties,
            RunRegistry runs,
            OutageModelBuilder model,
            ProducerTemplate camel,
            ConfigurableApplicationContext context) {
        this.mode = properties.mode();
        this.runs = runs;
        this.model = model;
        this.camel = camel;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!mode.oneShot()) {
            return;
        }
        RunRecord run;
        try {
            run = mode == PipelineMode.INGEST_ONCE ? ingestOnce() : modelOnce();
        } catch (RuntimeException e) {
            if (runs.isStopping()) {
                // SIGTERM: GracefulStop recorded the run and said so on stderr; the JVM exits with the signal's status.
                return;
            }
            throw e;
        }
        if (runs.isStopping()) {
            // Exiting from here would wait for the shutdown under way (System.exit blocks during shutdown hooks);
            // the JVM exits with the signal's status. A run that ended before the signal still says how.
            if (run.status() != RunStatus.INTERRUPTED) {
                report(run, System.out, System.err);
            }
            return;
        }
        int code = report(run, System.out, System.err);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    private RunRecord ingestOnce() {
        String runId = runs.open("ingest-once");
        // The same route a scheduled run takes; it records success or failure on the run itself.
        camel.sendBodyAndProperty("direct:pipeline-run", null, "runId", runId);
        return runs.get(runId);
    }

    private RunRecord modelOnce() {
        String runId = runs.open("model-once");
        try {
            ModelBuild build = model.build();
            runs.recordModel(runId, build);
            return runs.succeed(runId);
        } catch (RuntimeException e) {
            return runs.fail(runId, e);
        }
    }

    /** One summary line on stdout; failures and failed checks on stderr. Returns the exit code. */
    static int report(RunRecord run, PrintStream out, PrintStream err) {
        if (run.status() == RunStatus.FAILED) {
            err.println("Run " + run.getRunId() + " (" + run.getTrigger() + ") failed: " + run.getError());
            return 1;
        }
        out.println("Run " + run.getRunId() + " (" + run.getTrigger() + ") " + run.getStatus() + " in "
                + run.getDurationMs() + " ms: " + run.getRowsAccepted() + " rows stored"
                + (run.getSnapshot() == null ? ", model unchanged" : ", model snapshot " + run.getSnapshot()));
        if (run.getWarnings() != null) {
            run.getWarnings().forEach(warning -> err.println("WARNING: " + warning));
        }
        if (run.getQualityChecks() != null) {
            for (QualityCheck check : run.getQualityChecks()) {
                if (check.failed()) {
                    err.println("WARNING: quality check " + check.name() + " failed for " + check.failures()
                            + " item(s), e.g. " + check.examples().get(0));
                }
            }
        }
        return 0;
    }
}
