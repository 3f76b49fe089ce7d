package org.shimwatch.server.alerts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert settings ({@code shimwatch.alerts.*}). The SMTP server for e-mail alerts is Spring's {@code
 * spring.mail.*} (host, port, username, password, {@code spring.mail.properties.mail.smtp.*}).
 *
 * @param publicUrl the address people reach this server at, e.g. {@code
 *     https://shimwatch.example.org}: alerts link to pages under it; when empty, {@code
 *     http://localhost:<server.port>}
 * @param dedupWindow at most one alert per subject (a trap group, a regression flag, a project's
 *     refused reports) in this long; kept in the database, so a restart does not send again
 * @param allowPrivateTargets allow webhook URLs whose host is or resolves to a loopback, private or
 *     link-local address; off, so that a maintainer cannot make the server post into the network it
 *     runs in (the tests turn it on for their receivers on 127.0.0.1)
 * @param mailFrom the From address of alert e-mails
 * @param senders alerts sent at once (the sender pool's threads); sending never runs on a request
 *     or ingest thread
 * @param maxAttempts tries of one delivery before it is marked failed
 * @param firstRetry the wait before the second try; it doubles with each further try
 * @param maxRetry the longest wait between tries
 * @param connectTimeout how long to wait for a webhook or SMTP connection
 * @param sendTimeout how long to wait for a webhook's answer or an SMTP exchange
 * @param pollInterval how often the outbox is read for alerts to send
 * @param spikeWindow refused reports are counted per project over this long
 * @param spikeThreshold refused reports in one window that may make a spike
 * @param spikeFactor ... and only when this many times the usual count per window
 * @param regressionCheck how often the regression flags are compared with those already told
 */
@ConfigurationProperties("shimwatch.alerts")
public record AlertProperties(
    @DefaultValue("") String publicUrl,
    @DefaultValue("1h") Duration dedupWindow,
    @DefaultValue("false") boolean allowPrivateTargets,
    @DefaultValue("shimwatch@localhost") String mailFrom,
    @DefaultValue("2") int senders,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("1s") Duration firstRetry,
    @DefaultValue("5m") Duration maxRetry,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration sendTimeout,
    @DefaultValue("500ms") Duration pollInterval,
    @DefaultValue("1m") Duration spikeWindow,
    @DefaultValue("50") int spikeThreshold,
    @DefaultValue("5") double spikeFactor,
    @DefaultValue("5m") Duration regressionCheck) {}
