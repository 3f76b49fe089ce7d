package org.shimwatch.web.cache;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Keeps the body of a public answer a controller marked for keeping ({@link PublicCache.Check}
 * does, for an anonymous GET whose answer is not in {@link RenderedAnswers} yet), once the answer
 * is a complete 200. Only the public answers' paths are wrapped; everything else passes untouched.
 * Registered by {@link PublicCacheConfig}, so the controller slices of the pages' tests run without
 * it.
 */
class RenderedAnswerFilter extends OncePerRequestFilter {

  private final PublicCache cache;

  RenderedAnswerFilter(PublicCache cache) {
    this.cache = cache;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())) {
      return true;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/")
        || path.startsWith("/matrix/")
        || path.startsWith("/badge/")
        || path.startsWith("/api/v1/projects/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapper);
      Object etag = request.getAttribute(PublicCache.KEEP);
      if (etag instanceof String e
          && wrapper.getStatus() == 200
          && e.equals(wrapper.getHeader(HttpHeaders.ETAG))) {
        cache.keep(
            e,
            new RenderedAnswers.Answer(
                wrapper.getContentType(),
                wrapper.getHeader(HttpHeaders.CONTENT_DISPOSITION),
                wrapper.getContentAsByteArray()));
      }
    } finally {
      wrapper.copyBodyToResponse();
    }
  }
}
