package io.tocsin.app.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Adjusts the Logback setup of {@code logback.xml} once the command is known: JSON lines for log
 * shippers ({@code logging.format: json}), and {@code logback-local.xml}'s quieter loggers for the
 * known-harmless warnings of {@code tocsin local}'s in-process broker and emulators.
 */
public final class LogSetup {

  /** The loggers {@code tocsin local} quiets, applied over the production configuration. */
  static final String LOCAL_CONFIG = "/logback-local.xml";

  private LogSetup() {}

  /** The process's Logback context. */
  public static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  /** Switches every stream appender of the root logger to {@link JsonLogEncoder}. */
  public static void useJson(LoggerContext context) {
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
        JsonLogEncoder encoder = new JsonLogEncoder();
        encoder.setContext(context);
        encoder.start();
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
      }
    }
  }

  /** Applies {@code logback-local.xml} over the current configuration. */
  public static void useLocalMode(LoggerContext context) {
    URL local = LogSetup.class.getResource(LOCAL_CONFIG);
    if (local == null) {
      throw new IllegalStateException(LOCAL_CONFIG + " is missing from this artifact");
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(local);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot apply " + LOCAL_CONFIG, e);
    }
  }
}
