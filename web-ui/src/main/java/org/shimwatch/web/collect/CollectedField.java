package org.shimwatch.web.collect;

/**
 * One field of the report, as the "what we collect" page lists it.
 *
 * @param level the lowest consent level that sends it (1 to 3); 0 for fields every report has
 * @param path where it sits in the report, as a JSON pointer with {@code []} for list items
 * @param type its JSON type
 * @param description what it is, from the contract
 */
public record CollectedField(int level, String path, String type, String description) {}
