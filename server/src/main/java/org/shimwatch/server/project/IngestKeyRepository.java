package org.shimwatch.server.project;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface IngestKeyRepository extends JpaRepository<IngestKey, Long> {

  Optional<IngestKey> findByKeyHash(String keyHash);

  List<IngestKey> findByProjectIdOrderByCreatedAtAsc(Long projectId);
}
