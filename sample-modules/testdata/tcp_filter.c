/*
 * tcp_filter.c (test module, ABI 0.2.1): a network (TCP) filter that logs every network callback
 * and does one of a few things its plugin configuration names, so engine tests can watch Envoy's
 * network filter rules with a real module:
 *
 *   ""             pass everything through
 *   "lines"        hold downstream bytes until they end with '\n' (Pause), then continue
 *   "deny:WORD"    close the connection (proxy_close_stream(Downstream)) when the downstream
 *                  bytes start with WORD
 *   "upper"        rewrite upstream bytes to upper case (proxy_set_buffer_bytes(UpstreamData, 0,
 *                  len, ...): the whole buffer replaced)
 *   "tag"          prepend "> " to downstream bytes (proxy_set_buffer_bytes(DownstreamData, 0, 0))
 *
 * Log lines (INFO): "tcp: new connection", "tcp: downstream N eos=E <bytes>",
 * "tcp: upstream N eos=E <bytes>", "tcp: downstream close peer=P", "tcp: upstream close peer=P",
 * "tcp: done", "tcp: log connection.id=ID", "tcp: delete".
 *
 * Build: sample-modules/build.sh c
 */
#include <stdio.h>
#include <string.h>

#include "../sdk/c/proxy_wasm.h"

PROXY_IMPORT("proxy_close_stream")
proxy_status_t proxy_close_stream(uint32_t stream_type);

PROXY_IMPORT("proxy_get_property")
proxy_status_t proxy_get_property(const char *path, size_t path_size, char **return_value,
                                  size_t *return_value_size);

enum { STREAM_DOWNSTREAM = 2 };

PROXY_WASM_DEFINE_ALLOCATOR

static char config[256];
static size_t config_size;

static void say(const char *text, size_t size) { proxy_log(LOG_INFO, text, size); }

static void sayf(const char *prefix, const char *data, size_t size, int eos) {
  char line[512];
  int n = snprintf(line, sizeof line, "%s %zu eos=%d %.*s", prefix, size, eos,
                   (int)(size > 200 ? 200 : size), data ? data : "");
  say(line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
}

static int configured(const char *what) {
  size_t n = strlen(what);
  return config_size >= n && memcmp(config, what, n) == 0;
}

PROXY_EXPORT("proxy_on_configure")
uint32_t proxy_on_configure(uint32_t root_id, size_t size) {
  char *data = NULL;
  size_t got = 0;
  config_size = 0;
  if (size > 0 &&
      proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, size, &data, &got) == PROXY_OK) {
    config_size = got < sizeof config ? got : sizeof config - 1;
    memcpy(config, data, config_size);
    free(data);
  }
  return 1;
}

PROXY_EXPORT("proxy_on_context_create")
void proxy_on_context_create(uint32_t id, uint32_t parent) {}

PROXY_EXPORT("proxy_on_new_connection")
uint32_t proxy_on_new_connection(uint32_t id) {
  say("tcp: new connection", 19);
  return ACTION_CONTINUE;
}

PROXY_EXPORT("proxy_on_downstream_data")
uint32_t proxy_on_downstream_data(uint32_t id, size_t size, uint32_t eos) {
  char *data = NULL;
  size_t got = 0;
  proxy_get_buffer_bytes(BUFFER_DOWNSTREAM_DATA, 0, size, &data, &got);
  sayf("tcp: downstream", data, got, eos);
  uint32_t action = ACTION_CONTINUE;
  if (configured("lines") && (got == 0 || data[got - 1] != '\n') && !eos) {
    action = ACTION_PAUSE;
  } else if (configured("deny:")) {
    size_t word = config_size - 5;
    if (got >= word && memcmp(data, config + 5, word) == 0) {
      say("tcp: denied, closing", 20);
      proxy_close_stream(STREAM_DOWNSTREAM);
    }
  } else if (configured("tag") && got > 0) {
    proxy_set_buffer_bytes(BUFFER_DOWNSTREAM_DATA, 0, 0, "> ", 2);
  }
  free(data);
  return action;
}

PROXY_EXPORT("proxy_on_upstream_data")
uint32_t proxy_on_upstream_data(uint32_t id, size_t size, uint32_t eos) {
  char *data = NULL;
  size_t got = 0;
  proxy_get_buffer_bytes(BUFFER_UPSTREAM_DATA, 0, size, &data, &got);
  sayf("tcp: upstream", data, got, eos);
  if (configured("upper") && got > 0) {
    for (size_t i = 0; i < got; i++) {
      if (data[i] >= 'a' && data[i] <= 'z') {
        data[i] = (char)(data[i] - 'a' + 'A');
      }
    }
    proxy_set_buffer_bytes(BUFFER_UPSTREAM_DATA, 0, got, data, got);
  }
  free(data);
  return ACTION_CONTINUE;
}

PROXY_EXPORT("proxy_on_downstream_connection_close")
void proxy_on_downstream_connection_close(uint32_t id, uint32_t peer) {
  char line[64];
  int n = snprintf(line, sizeof line, "tcp: downstream close peer=%u", peer);
  say(line, (size_t)n);
}

PROXY_EXPORT("proxy_on_upstream_connection_close")
void proxy_on_upstream_connection_close(uint32_t id, uint32_t peer) {
  char line[64];
  int n = snprintf(line, sizeof line, "tcp: upstream close peer=%u", peer);
  say(line, (size_t)n);
}

PROXY_EXPORT("proxy_on_done")
uint32_t proxy_on_done(uint32_t id) {
  say("tcp: done", 9);
  return 1;
}

PROXY_EXPORT("proxy_on_log")
void proxy_on_log(uint32_t id) {
  char *value = NULL;
  size_t size = 0;
  char line[96];
  /* Property paths are NUL-separated segments. */
  if (proxy_get_property("connection\0id", 13, &value, &size) == PROXY_OK && size == 8) {
    unsigned long long connection_id;
    memcpy(&connection_id, value, 8);
    int n = snprintf(line, sizeof line, "tcp: log connection.id=%llu", connection_id);
    say(line, (size_t)n);
  } else {
    say("tcp: log", 8);
  }
  free(value);
}

PROXY_EXPORT("proxy_on_delete")
void proxy_on_delete(uint32_t id) { say("tcp: delete", 11); }
