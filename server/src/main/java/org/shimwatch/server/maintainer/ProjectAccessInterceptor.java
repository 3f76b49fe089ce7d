package org.shimwatch.server.maintainer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The project check every maintainer page and admin API route passes before its controller runs: a
 * project named in the path ({@code {project}} or {@code {slug}}) or in the {@code project}
 * parameter must be one the signed-in account may see, else the answer is the same {@code 404} a
 * project that does not exist gets. A new route that names its project in one of these ways is
 * covered without doing anything; {@code AccessMatrixIntegrationTests} walks every route with each
 * role to keep it so.
 */
@Configuration
class ProjectAccessInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  /** Path variables and parameters that name a project. */
  static final String[] PROJECT_NAMES = {"project", "slug"};

  private final ProjectAccess access;

  ProjectAccessInterceptor(ProjectAccess access) {
    this.access = access;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(this)
        .addPathPatterns("/maintainer", "/maintainer/**", "/api/v1/admin/**");
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    @SuppressWarnings("unchecked")
    Map<String, String> vars =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    for (String name : PROJECT_NAMES) {
      if (vars != null && vars.get(name) != null) {
        access.check(vars.get(name));
      }
      String[] values = request.getParameterValues(name);
      if (values != null) {
        for (String v : values) {
          if (v != null && !v.isBlank()) {
            access.check(v.strip());
          }
        }
      }
    }
    return true;
  }
}
