package org.shimwatch.web.matrix;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.shimwatch.web.BadQueryException;

/**
 * The filters of a matrix page as the form sends them: blank means not set. The same names serve
 * the page, the JSON and CSV export and the badge, so a link can carry them over as they are.
 *
 * @param columns {@code client} or {@code shim}; blank for client versions
 * @param platform an OS family, name or name and version
 * @param stack a stack name, version or name and version
 * @param client a client name
 * @param clientVersion a client version (needs {@code client})
 * @param shim a shim version
 */
public record MatrixFilters(
    String columns,
    String platform,
    String stack,
    String client,
    String clientVersion,
    String shim) {

  public MatrixFilters {
    columns = blankToNull(columns);
    platform = blankToNull(platform);
    stack = blankToNull(stack);
    client = blankToNull(client);
    clientVersion = blankToNull(clientVersion);
    shim = blankToNull(shim);
  }

  /** No filter: the whole matrix with client versions as columns. */
  public static MatrixFilters none() {
    return new MatrixFilters(null, null, null, null, null, null);
  }

  /** What the columns are. */
  public MatrixColumns columnsBy() {
    if (columns == null) {
      return MatrixColumns.CLIENT;
    }
    return MatrixColumns.of(columns)
        .orElseThrow(
            () -> new BadQueryException("invalid-columns", "columns", "columns is client or shim"));
  }

  /** The matrix these filters ask for. */
  public MatrixRequest request(boolean maintainer) {
    return new MatrixRequest(columnsBy(), platform, stack, client, clientVersion, shim, maintainer);
  }

  /** Whether any filter or a column choice other than the default is set. */
  public boolean isEmpty() {
    return columns == null
        && platform == null
        && stack == null
        && client == null
        && clientVersion == null
        && shim == null;
  }

  /** The filters as query parameters, in form order, without the unset ones. */
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    put(p, "columns", columns);
    put(p, "platform", platform);
    put(p, "stack", stack);
    put(p, "client", client);
    put(p, "clientVersion", clientVersion);
    put(p, "shim", shim);
    return p;
  }

  /** {@code a=1&b=2} of the parameters, encoded; empty without filters. */
  public String query() {
    return query(parameters());
  }

  /** {@code a=1&b=2} of these parameters, each name and value encoded. */
  public static String query(Map<String, String> parameters) {
    StringJoiner j = new StringJoiner("&");
    parameters.forEach((k, v) -> j.add(encode(k) + "=" + encode(v)));
    return j.toString();
  }

  /** {@code path} with the query appended when there is one. */
  public static String withQuery(String path, Map<String, String> parameters) {
    String q = query(parameters);
    return q.isEmpty() ? path : path + "?" + q;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void put(Map<String, String> p, String name, String value) {
    if (value != null) {
      p.put(name, value);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
