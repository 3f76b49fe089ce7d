package org.shimwatch.server.maintainer;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MaintainerRepository extends JpaRepository<Maintainer, Long> {

  Optional<Maintainer> findByUsername(String username);
}
