package io.filterplayground.engine.scenario.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The registry logins {@code docker login} saved: {@code auths.<host>.auth} (base64 of {@code
 * user:password}) in {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}, or in the
 * file {@code -Dfilterplayground.docker.config} names. Credential helpers are not asked.
 */
final class DockerLogins {
    private DockerLogins() {}

    static Path where() {
        String override = System.getProperty("filterplayground.docker.config");
        if (override != null) {
            return Path.of(override);
        }
        String dir = System.getenv("DOCKER_CONFIG");
        return dir != null
                ? Path.of(dir, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    /** The base64 {@code user:password} saved for {@code host}, or null. */
    static String basic(String host) {
        Path file = where();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode auths = new ObjectMapper().readTree(file.toFile()).path("auths");
            for (Map.Entry<String, JsonNode> e : auths.properties()) {
                // Keys are written as host, host:port or https://host/...
                String key = e.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
                if (key.equals(host) && e.getValue().hasNonNull("auth")) {
                    return e.getValue().get("auth").asText();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
