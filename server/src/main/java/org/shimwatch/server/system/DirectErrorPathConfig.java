package org.shimwatch.server.system;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The error page is for errors the server forwards there; asked for directly it has no error to
 * show and would answer 500. A visitor who types the address gets "no page here" instead.
 */
@Configuration
class DirectErrorPathConfig {

  @Bean
  FilterRegistrationBean<jakarta.servlet.Filter> directErrorPath() {
    FilterRegistrationBean<jakarta.servlet.Filter> bean =
        new FilterRegistrationBean<>(
            (request, response, chain) ->
                ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND));
    bean.addUrlPatterns("/error");
    bean.setDispatcherTypes(DispatcherType.REQUEST);
    bean.setName("directErrorPath");
    return bean;
  }
}
