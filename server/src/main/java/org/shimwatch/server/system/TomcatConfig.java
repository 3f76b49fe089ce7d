package org.shimwatch.server.system;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat settings no property reaches: answer {@code Expect: 100-continue} only when the body is
 * read (so a too-large report gets 413 before it is sent), and answer requests Tomcat refuses on
 * its own (headers too large, malformed request lines) with a problem document, not an HTML page.
 */
@Configuration
class TomcatConfig {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatRefusals() {
    return factory -> {
      factory.addConnectorCustomizers(c -> c.setProperty("continueResponseTiming", "onRead"));
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
              host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
          });
    };
  }

  /** Tomcat's error report, as {@code application/problem+json} without server details. */
  public static class ProblemReportValve extends ErrorReportValve {

    public ProblemReportValve() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable t) {
      int status = response.getStatus();
      if (status < 400 || response.isCommitted() || response.getContentWritten() > 0) {
        return;
      }
      try {
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        byte[] body = ProblemWriter.body(status, "http-" + status, "the request was refused");
        // A fixed length, not chunks: Tomcat closes these connections right after.
        response.setContentLength(body.length);
        OutputStream out = response.getOutputStream();
        out.write(body);
        out.flush();
      } catch (IOException | IllegalStateException e) {
        // The client is gone or the response cannot take a body; nothing more to say.
      }
    }
  }
}
