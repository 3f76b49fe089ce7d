package org.shimwatch.web.cache;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Validators and caching rules of the public answers: the matrix pages, a cell's drill-down,
 * badges, the matrix as JSON and CSV. A controller asks first, before reading anything else: when
 * the visitor's {@code If-None-Match} names the current ETag it answers {@code 304} without reading
 * the matrix or rendering, which costs one indexed read of the project's version.
 *
 * <p>The ETag is the project's public version (see {@link PublicVersionQuery}) with a digest of
 * everything else the answer depends on: which answer it is and its representation (page, JSON,
 * CSV), the path and query string, this server's address as the request names it (a page writes it
 * into the badge's Markdown), the build and settings ({@link PublicVersionQuery#release()}), and
 * the day (UTC), as the monthly chart's window moves with the calendar. The pages have no locale
 * and set no cookie, so nothing else varies.
 *
 * <p>The body of a 200 is kept by its ETag ({@link RenderedAnswers}), so the next visitor without a
 * copy gets the same bytes without anything being read or rendered either.
 *
 * <p>A version is read before the data it labels: an answer rendered from newer data than its
 * version only ever gets an older ETag, which costs one extra rendering later, never a stale 304. A
 * signed-in maintainer's answers carry no ETag and {@code private, no-store}.
 */
@Component
public class PublicCache {

  /** Pages and data: anyone may keep them, and asks again each time (a 304 is cheap). */
  static final CacheControl PUBLIC = CacheControl.noCache().cachePublic();

  /** Badges sit in other sites' READMEs: five minutes of caching spare the server. */
  static final CacheControl BADGE = CacheControl.maxAge(Duration.ofSeconds(300)).cachePublic();

  /** What only one signed-in person may see. */
  static final CacheControl PRIVATE = CacheControl.noStore().cachePrivate();

  /** The request attribute that asks {@link RenderedAnswerFilter} to keep the answer's body. */
  static final String KEEP = PublicCache.class.getName() + ".keep";

  private final PublicVersionQuery versions;
  private final Clock clock;
  private final RenderedAnswers rendered = new RenderedAnswers();

  @org.springframework.beans.factory.annotation.Autowired
  public PublicCache(PublicVersionQuery versions) {
    this(versions, Clock.systemUTC());
  }

  PublicCache(PublicVersionQuery versions, Clock clock) {
    this.versions = versions;
    this.clock = clock;
  }

  /** How long an answer may be kept without asking again. */
  public enum Kind {
    /** A page, JSON or CSV: kept, but revalidated every time. */
    PAGE,
    /** A badge: kept for five minutes. */
    BADGE
  }

  /**
   * The check of one public answer of a project.
   *
   * @param representation what the answer is, e.g. {@code matrix-page} or {@code matrix-csv}
   * @param signedIn whether a maintainer asks: then nothing is shared or validated
   */
  public Check project(
      ServletWebRequest request,
      String project,
      Kind kind,
      String representation,
      boolean signedIn) {
    if (signedIn) {
      return Check.privately(request);
    }
    OptionalLong version = versions.version(project);
    if (version.isEmpty()) {
      // No such project: the controller answers 404, which nobody should keep.
      return Check.none(request);
    }
    return Check.of(
        request, kind, etag(request, version.getAsLong(), representation, ""), rendered);
  }

  /** The check of the home page, which shows every project (one project: its matrix). */
  public Check home(ServletWebRequest request, Principal principal) {
    if (principal != null) {
      return Check.privately(request);
    }
    Map<String, Long> all = versions.versions();
    long sum = 0;
    StringBuilder each = new StringBuilder();
    for (Map.Entry<String, Long> e : all.entrySet()) {
      sum += e.getValue();
      each.append(e.getKey()).append('=').append(e.getValue()).append(';');
    }
    return Check.of(request, Kind.PAGE, etag(request, sum, "home", each.toString()), rendered);
  }

  /** Keeps an answer's body under its ETag, for the next visitor who asks for it. */
  void keep(String etag, RenderedAnswers.Answer answer) {
    rendered.put(etag, answer);
  }

  private String etag(ServletWebRequest web, long version, String representation, String extra) {
    HttpServletRequest r = web.getRequest();
    String base = ServletUriComponentsBuilder.fromContextPath(r).build().toUriString();
    LocalDate day = LocalDate.now(clock);
    String query = r.getQueryString();
    String all =
        String.join(
            "\n",
            representation,
            r.getRequestURI(),
            query == null ? "" : query,
            base,
            versions.release(),
            day.toString(),
            extra);
    return "W/\"" + version + "-" + digest(all) + "\"";
  }

  private static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * One answer's caching: whether it is not modified, and the headers it carries once the
   * controller has what it shows.
   */
  public static final class Check {

    private final ServletWebRequest request;
    private final String etag;
    private final CacheControl cacheControl;
    private final boolean notModified;

    private Check(
        ServletWebRequest request, String etag, CacheControl cacheControl, boolean notModified) {
      this.request = request;
      this.etag = etag;
      this.cacheControl = cacheControl;
      this.notModified = notModified;
    }

    static Check of(ServletWebRequest request, Kind kind, String etag, RenderedAnswers rendered) {
      CacheControl cc = kind == Kind.BADGE ? BADGE : PUBLIC;
      HttpServletResponse response = request.getResponse();
      if (response == null) {
        return new Check(request, etag, cc, false);
      }
      if (matches(request.getRequest(), etag)) {
        // The same validators and rules as the full answer, and no body.
        response.setHeader(HttpHeaders.CACHE_CONTROL, cc.getHeaderValue());
        boolean done = request.checkNotModified(etag);
        if (done) {
          return new Check(request, etag, cc, true);
        }
      }
      RenderedAnswers.Answer kept = rendered.get(etag);
      if (kept != null && "GET".equals(request.getRequest().getMethod())) {
        // Sent as it was rendered for the last visitor with this ETag: nothing read or rendered.
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.CACHE_CONTROL, cc.getHeaderValue());
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setContentType(kept.contentType());
        if (kept.contentDisposition() != null) {
          response.setHeader(HttpHeaders.CONTENT_DISPOSITION, kept.contentDisposition());
        }
        response.setContentLength(kept.body().length);
        try {
          response.getOutputStream().write(kept.body());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return new Check(request, etag, cc, true);
      }
      request.getRequest().setAttribute(KEEP, etag);
      return new Check(request, etag, cc, false);
    }

    static Check privately(ServletWebRequest request) {
      return new Check(request, null, PRIVATE, false);
    }

    static Check none(ServletWebRequest request) {
      return new Check(request, null, null, false);
    }

    /**
     * Whether the answer is given already: a {@code 304} for a visitor whose copy is current, or
     * the answer as it was rendered for an earlier visitor with the same ETag. The controller then
     * returns {@code null} at once (a method returning a view name also takes the {@code
     * HttpServletResponse}, so Spring knows the answer is complete).
     */
    public boolean answered() {
      return notModified;
    }

    /** The ETag of this answer, {@code null} when it has none. */
    public String etag() {
      return etag;
    }

    /**
     * Puts the ETag and the caching rule on the answer; a controller calls it once it has what the
     * answer shows, so an error answer never carries them.
     */
    public void apply() {
      HttpServletResponse response = request.getResponse();
      if (response == null || cacheControl == null) {
        return;
      }
      response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl.getHeaderValue());
      if (etag != null) {
        response.setHeader(HttpHeaders.ETAG, etag);
      }
    }

    /**
     * The same on an answer built as a {@code ResponseEntity} (whose headers would otherwise be
     * added to the ones {@link #apply()} sets).
     */
    public <B extends org.springframework.http.ResponseEntity.HeadersBuilder<B>> B on(B builder) {
      if (cacheControl != null) {
        builder.cacheControl(cacheControl);
      }
      if (etag != null) {
        builder.eTag(etag);
      }
      return builder;
    }

    /** Whether If-None-Match names this ETag (weak comparison) or is {@code *}. */
    private static boolean matches(HttpServletRequest request, String etag) {
      java.util.Enumeration<String> values = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
      if (values == null) {
        return false;
      }
      String opaque = etag.substring(2);
      while (values.hasMoreElements()) {
        for (String v : values.nextElement().split(",")) {
          String t = v.strip();
          if (t.equals("*") || t.equals(etag) || t.equals(opaque) || t.equals("W/" + opaque)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
