package org.shimwatch.web.collect;

import java.util.List;

/** Every field of the report contract with its consent level; the server reads the contract. */
public interface CollectedFieldsQuery {

  /** The contract's schema version. */
  int schemaVersion();

  /** Every field, in the contract's order. */
  List<CollectedField> fields();
}
