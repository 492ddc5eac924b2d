package dev.brindle.agent;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * {@code --log-format}: {@code text} keeps logback.xml's pattern (one line per event); {@code json} swaps the stderr
 * appender's encoder for logback's own {@link JsonEncoder}, one JSON object per line: {@code timestamp} (epoch ms),
 * {@code level}, {@code threadName}, {@code loggerName}, {@code formattedMessage}, {@code kvpList} (the event's key
 * fields such as {@code node} or {@code peer}), {@code mdc}, {@code throwable}.
 */
public enum LogFormat {
    TEXT,
    JSON;

    /** The appender logback.xml sends everything to. */
    static final String APPENDER = "STDERR";

    /** Applies this format to the process's logback configuration; false when the stderr appender is not there. */
    public boolean apply() {
        if (this == TEXT) {
            return true;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(APPENDER) instanceof OutputStreamAppender<ILoggingEvent> appender)) {
            return false;
        }
        appender.stop();
        appender.setEncoder(jsonEncoder(context));
        appender.start();
        return true;
    }

    /** Parses {@code text} or {@code json}, in any case. */
    public static LogFormat parse(String value) {
        for (LogFormat f : values()) {
            if (f.name().equalsIgnoreCase(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--log-format must be text or json, got '" + value + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** logback's JSON encoder without the per-line context, sequence number, raw template and argument array. */
    static Encoder<ILoggingEvent> jsonEncoder(Context context) {
        JsonEncoder e = new JsonEncoder();
        e.setContext(context);
        e.setWithContext(false);
        e.setWithSequenceNumber(false);
        e.setWithNanoseconds(false);
        e.setWithMessage(false);
        e.setWithArguments(false);
        e.setWithFormattedMessage(true);
        e.start();
        return e;
    }
}
