package dev.sessio.video.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the client's pre-call network test measured; kept for bug reports, never blocks joining. */
@Entity
@Table(name = "connection_test_result")
public class ConnectionTestResult extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "session_id")
    public UUID sessionId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> result;
    public String browser;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<ConnectionTestResult> latestOf(String userId) {
        return find("userId = ?1 order by createdAt desc", userId).firstResultOptional();
    }
}
