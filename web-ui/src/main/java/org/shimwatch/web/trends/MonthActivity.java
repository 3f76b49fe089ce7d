package org.shimwatch.web.trends;

import java.time.YearMonth;

/**
 * Reports and installations of one month (UTC).
 *
 * @param reports reports made that month
 * @param installations installations that reported that month
 * @param newInstallations installations whose first report was that month
 */
public record MonthActivity(
    YearMonth month, long reports, long installations, long newInstallations) {}
