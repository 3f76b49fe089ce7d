package org.shimwatch.server.dashboard;

/** The dashboard contract on the embedded H2 database. */
class H2DashboardIntegrationTests extends DashboardContract {}
