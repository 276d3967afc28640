package org.ancconnect.sync.detection;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The per-program watermark: DHIS2 updatedAt up to which every change has been published and confirmed. */
@ApplicationScoped
public class WatermarkRepository {

    private final AgroalDataSource ds;

    public WatermarkRepository(AgroalDataSource ds) {
        this.ds = ds;
    }

    public Optional<Instant> get(String program) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT updated_at FROM watermark WHERE program = ?")) {
            ps.setString(1, program);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    /**
     * When a detection run of the program last completed (every completed run touches the row, with or
     * without changes): every DHIS2 change up to then is published and confirmed.
     */
    public Optional<Instant> lastCompletedRun(String program) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT changed_at FROM watermark WHERE program = ?")) {
            ps.setString(1, program);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    /**
     * Moves the watermark forward only (a slow replica's older run never moves it back) and stamps the run as completed;
     * answers that stamp (the database's clock, the one {@link #lastCompletedRun} reads back).
     */
    public Instant advance(String program, Instant to) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO watermark (program,"
                + " updated_at, changed_at) VALUES (?,?,now()) ON CONFLICT (program) DO UPDATE SET"
                + " updated_at = greatest(watermark.updated_at, excluded.updated_at), changed_at = now() RETURNING changed_at")) {
            ps.setString(1, program);
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }
}
