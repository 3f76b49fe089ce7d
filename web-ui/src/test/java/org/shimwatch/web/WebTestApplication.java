package org.shimwatch.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The configuration {@code @WebMvcTest} slices in this module start from: the pages' controllers
 * with their query interfaces replaced by test doubles.
 */
@SpringBootApplication
public class WebTestApplication {}
