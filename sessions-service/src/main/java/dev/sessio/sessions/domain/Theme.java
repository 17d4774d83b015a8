package dev.sessio.sessions.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One entry of the managed list of catalogue themes (Charlemagne, EcoleDirecte, …). */
@Entity
@Table(name = "theme")
public class Theme extends PanacheEntityBase {

    @Id
    public String name;
    public boolean active;
    public Instant createdAt;

    public static Optional<Theme> byName(String name) {
        return find("lower(name) = lower(?1)", name.strip()).firstResultOptional();
    }

    public static List<Theme> activeOnes() {
        return list("active = true order by name");
    }
}
