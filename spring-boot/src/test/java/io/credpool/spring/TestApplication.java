package io.credpool.spring;

import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The smallest application that uses the starter: auto-configuration and one transactional service. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApplication.Notes.class)
class TestApplication {

    /** Writes notes through JdbcTemplate inside transactions. */
    @Service
    static class Notes {

        private final JdbcTemplate jdbc;

        Notes(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        void addThenFail(String text) {
            jdbc.update("INSERT INTO notes(text) VALUES (?)", text);
            throw new IllegalStateException("roll back " + text);
        }

        @Transactional
        void add(String text) {
            jdbc.update("INSERT INTO notes(text) VALUES (?)", text);
        }

        List<String> all() {
            return jdbc.queryForList("SELECT text FROM notes ORDER BY id", String.class);
        }
    }
}
