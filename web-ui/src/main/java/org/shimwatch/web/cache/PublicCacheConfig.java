package org.shimwatch.web.cache;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps rendered public answers for the next visitor: see {@link RenderedAnswers}. */
@Configuration
class PublicCacheConfig {

  @Bean
  RenderedAnswerFilter renderedAnswerFilter(PublicCache cache) {
    return new RenderedAnswerFilter(cache);
  }
}
