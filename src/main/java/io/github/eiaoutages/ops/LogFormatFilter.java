package io.github.eiaoutages.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender of logback-spring.xml write only when its format (text or json) is the one LOG_FORMAT chose:
 * both appenders stay configured, so logback needs no conditional configuration (and no Janino) to switch.
 */
public class LogFormatFilter extends Filter<ILoggingEvent> {

    private String format;
    private String selected;
    private boolean active;

    public void setFormat(String format) {
        this.format = format;
    }

    public void setSelected(String selected) {
        this.selected = selected;
    }

    @Override
    public void start() {
        active = format != null
                && format.equalsIgnoreCase(selected == null || selected.isBlank() ? "text" : selected.trim());
        super.start();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return active ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
