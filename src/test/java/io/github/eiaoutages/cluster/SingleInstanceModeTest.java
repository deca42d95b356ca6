package io.github.eiaoutages.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.SampleAppTest;
import io.github.eiaoutages.model.SnapshotPointer;
import io.github.eiaoutages.raw.CommitFence;
import io.github.eiaoutages.run.FileRunStore;
import io.github.eiaoutages.run.RunLease;
import io.github.eiaoutages.run.RunStore;
import io.github.eiaoutages.run.ScheduleFires;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The default stays as it was (issue 16, item 1): without {@code pipeline.cluster.enabled} there is no database, no
 * lease, run records on disk, Quartz in memory, and the data folder's own lock.
 */
class SingleInstanceModeTest extends SampleAppTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    CamelContext camel;

    @Test
    void without_cluster_settings_nothing_needs_or_touches_a_database() throws Exception {
        assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
        assertThat(context.getBeansOfType(RunLease.class)).isEmpty();
        assertThat(context.getBeansOfType(CommitFence.class)).isEmpty();
        assertThat(context.getBeansOfType(SnapshotPointer.class)).isEmpty();
        assertThat(context.getBeansOfType(ScheduleFires.class)).isEmpty();
        assertThat(context.getBean(RunStore.class)).isInstanceOf(FileRunStore.class);
        assertThat(WORK.resolve("data/.lock")).exists();
        QuartzComponent quartz = camel.getComponent("quartz", QuartzComponent.class);
        assertThat(quartz.getProperties()).doesNotContainKey("org.quartz.jobStore.isClustered");
    }
}
