package io.github.eiaoutages.ops;

import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Puts {@code run_id} and {@code dataset} into the logging MDC for the lines a run logs (text logs ignore them,
 * LOG_FORMAT=json writes them on every line). The routes call it as a run and each dataset begin and end.
 */
@Component("runLog")
public class RunLogContext {

    static final String RUN_ID = "run_id";
    static final String DATASET = "dataset";

    public void enter(String runId) {
        MDC.put(RUN_ID, runId);
    }

    public void dataset(String dataset) {
        MDC.put(DATASET, dataset);
    }

    /** The run's thread goes back to other work (a Quartz or HTTP thread): nothing may stay in its MDC. */
    public void leave() {
        MDC.remove(RUN_ID);
        MDC.remove(DATASET);
    }

    /** An executor whose tasks log with the MDC of the thread that submitted them (the parallel EIA fetches). */
    public static ExecutorService propagating(ExecutorService delegate) {
        return new AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                Map<String, String> context = MDC.getCopyOfContextMap();
                delegate.execute(() -> {
                    Map<String, String> previous = MDC.getCopyOfContextMap();
                    if (context == null) {
                        MDC.clear();
                    } else {
                        MDC.setContextMap(context);
                    }
                    try {
                        task.run();
                    } finally {
                        if (previous == null) {
                            MDC.clear();
                        } else {
                            MDC.setContextMap(previous);
                        }
                    }
                });
            }

            @Override
            public void shutdown() {
                delegate.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return delegate.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return delegate.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return delegate.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return delegate.awaitTermination(timeout, unit);
            }
        };
    }
}
