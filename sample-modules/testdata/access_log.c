/*
 * access_log.c (test module, ABI 0.2.1): an access logger. Envoy calls the plugin's root context
 * with proxy_on_log(root_context_id) once per finished request or connection; the logged stream's
 * request and response headers and its properties are readable during that call. It logs one line
 * (INFO) per call:
 *
 *   HTTP: "access: <method> <path> <status> <response.code_details>"
 *   TCP:  "access: tcp connection <connection.id> upstream <upstream.address>"
 *
 * and counts calls in the shared data key "access_log_count" (CAS, as filters on several workers
 * would). A plugin configuration of "trap" makes proxy_on_log trap, to show that a failing logger
 * changes no response.
 *
 * Build: sample-modules/build.sh c
 */
#include <stdio.h>
#include <string.h>

#include "../sdk/c/proxy_wasm.h"

PROXY_IMPORT("proxy_get_property")
proxy_status_t proxy_get_property(const char *path, size_t path_size, char **value, size_t *size);

PROXY_IMPORT("proxy_get_shared_data")
proxy_status_t proxy_get_shared_data(const char *key, size_t key_size, char **value,
                                     size_t *value_size, uint32_t *cas);

PROXY_IMPORT("proxy_set_shared_data")
proxy_status_t proxy_set_shared_data(const char *key, size_t key_size, const char *value,
                                     size_t value_size, uint32_t cas);

PROXY_WASM_DEFINE_ALLOCATOR

static int trap;

PROXY_EXPORT("proxy_on_configure")
uint32_t proxy_on_configure(uint32_t root_id, size_t size) {
  char *data = NULL;
  size_t got = 0;
  if (size > 0 &&
      proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, size, &data, &got) == PROXY_OK) {
    trap = got == 4 && memcmp(data, "trap", 4) == 0;
    free(data);
  }
  return 1;
}

PROXY_EXPORT("proxy_on_context_create")
void proxy_on_context_create(uint32_t id, uint32_t parent) {}

/* A header's value, or "-" (copied into out, NUL-terminated). */
static void header(uint32_t map, const char *key, char *out, size_t out_size) {
  char *value = NULL;
  size_t size = 0;
  if (proxy_get_header_map_value(map, key, strlen(key), &value, &size) == PROXY_OK && value) {
    snprintf(out, out_size, "%.*s", (int)size, value);
  } else {
    snprintf(out, out_size, "-");
  }
  free(value);
}

/* A property read as text (strings) or as a little-endian integer (8 bytes). */
static void property(const char *path, size_t path_size, int integer, char *out, size_t n) {
  char *value = NULL;
  size_t size = 0;
  if (proxy_get_property(path, path_size, &value, &size) != PROXY_OK || !value) {
    snprintf(out, n, "-");
  } else if (integer && size == 8) {
    unsigned long long v;
    memcpy(&v, value, 8);
    snprintf(out, n, "%llu", v);
  } else {
    snprintf(out, n, "%.*s", (int)size, value);
  }
  free(value);
}

static void count(void) {
  for (int attempt = 0; attempt < 16; attempt++) {
    char *value = NULL;
    size_t size = 0;
    uint32_t cas = 0;
    unsigned long long n = 0;
    if (proxy_get_shared_data("access_log_count", 16, &value, &size, &cas) == PROXY_OK &&
        size == 8) {
      memcpy(&n, value, 8);
    }
    free(value);
    n++;
    if (proxy_set_shared_data("access_log_count", 16, (const char *)&n, 8, cas) == PROXY_OK) {
      return;
    }
  }
}

PROXY_EXPORT("proxy_on_log")
void proxy_on_log(uint32_t id) {
  if (trap) {
    __builtin_trap();
  }
  char line[384], method[32], path[128], status[16], details[64];
  header(MAP_HTTP_REQUEST_HEADERS, ":method", method, sizeof method);
  int n;
  if (strcmp(method, "-") != 0) {
    header(MAP_HTTP_REQUEST_HEADERS, ":path", path, sizeof path);
    header(MAP_HTTP_RESPONSE_HEADERS, ":status", status, sizeof status);
    property("response\0code_details", 21, 0, details, sizeof details);
    n = snprintf(line, sizeof line, "access: %s %s %s %s", method, path, status, details);
  } else {
    char connection[32], upstream[64];
    property("connection\0id", 13, 1, connection, sizeof connection);
    property("upstream\0address", 16, 0, upstream, sizeof upstream);
    n = snprintf(line, sizeof line, "access: tcp connection %s upstream %s", connection, upstream);
  }
  proxy_log(LOG_INFO, line, (size_t)n);
  count();
}
