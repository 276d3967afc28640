package org.ancconnect.fhirserver;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@code GET /health}: 200 when the database answers, 503 otherwise. Registered only after the JPA
 * context and the IG are up, so a 200 also means "ready"; the body is tiny for probes and scripts.
 */
final class HealthServlet extends HttpServlet {

    /** Probe budget: a database that takes longer than this to validate a connection is not healthy. */
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final transient DataSource dataSource;

    HealthServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean up;
        String detail;
        try (Connection c = dataSource.getConnection()) {
            up = c.isValid(VALIDATION_TIMEOUT_SECONDS);
            detail = up ? "database reachable" : "database connection invalid";
        } catch (SQLException e) {
            up = false;
            detail = "database unreachable";
        }
        resp.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write("{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"detail\":\"" + detail + "\"}");
    }
}
