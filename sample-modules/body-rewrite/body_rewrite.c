/*
 * body-rewrite: replaces text in request and/or response bodies (C, clang-14, wasm32-wasi).
 *
 * Plugin configuration (JSON, every field optional):
 *
 *   {"from": "hello", "to": "howdy", "request": false, "response": true}
 *
 * For each rewritten direction:
 * - on headers, remove `content-length` (the body length is about to change);
 * - on each body chunk return PAUSE (1) until end_of_stream. For a body, PAUSE means "stop and
 *   buffer": the host keeps the bytes and calls again with the whole body so far;
 * - at end_of_stream read the whole buffer with proxy_get_buffer_bytes(type, 0, size), replace
 *   every `from` with `to`, write it back with proxy_set_buffer_bytes(type, 0, size, new) (the
 *   "replace-all" shape, one of the three Envoy accepts), log "body-rewrite: N replacements" and
 *   return CONTINUE, which releases the rewritten body.
 *
 * One configuration per VM is kept (the Rust samples show configuration per root context).
 */
#include <stdbool.h>
#include <string.h>

#include "../sdk/c/proxy_wasm.h"

PROXY_WASM_DEFINE_ALLOCATOR

static struct {
  char *from;
  char *to;
  bool request;
  bool response;
} config;

/* ---- small helpers -------------------------------------------------------------------------- */

static void log_str(uint32_t level, const char *message) {
  proxy_log(level, message, strlen(message));
}

/* Writes the decimal digits of n at out and returns the end (no NUL). */
static char *put_u32(char *out, uint32_t n) {
  char digits[10];
  int count = 0;
  do {
    digits[count++] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  while (count) *out++ = digits[--count];
  return out;
}

static char *copy_string(const char *s, size_t n) {
  char *copy = malloc(n + 1);
  memcpy(copy, s, n);
  copy[n] = 0;
  return copy;
}

/* ---- a tiny JSON reader for one flat object of strings and booleans ------------------------ */

static const char *skip_ws(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
  return p;
}

/* Reads a JSON string at p (which points at '"') into a new NUL-terminated buffer. */
static const char *read_string(const char *p, const char *end, char **out) {
  char *buffer = malloc((size_t)(end - p) + 1), *w = buffer;
  for (p++; p < end && *p != '"'; p++) {
    if (*p == '\\' && p + 1 < end) {
      p++;
      *w++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == 'r' ? '\r' : *p; /* \" \\ \/ */
    } else {
      *w++ = *p;
    }
  }
  *w = 0;
  *out = buffer;
  return p < end ? p + 1 : NULL; /* NULL: unterminated */
}

/* Fills `config` from {"key": value, ...}; returns false on malformed input. */
static bool parse_config(const char *p, const char *end) {
  p = skip_ws(p, end);
  if (p == end) return true; /* empty configuration: defaults */
  if (*p++ != '{') return false;
  for (;;) {
    p = skip_ws(p, end);
    if (p < end && *p == '}') return true;
    char *key = NULL;
    if (p == end || *p != '"' || !(p = read_string(p, end, &key))) return false;
    p = skip_ws(p, end);
    if (p == end || *p++ != ':') return false;
    p = skip_ws(p, end);
    if (p < end && *p == '"') {
      char *value = NULL;
      if (!(p = read_string(p, end, &value))) return false;
      if (strcmp(key, "from") == 0) free(config.from), config.from = value;
      else if (strcmp(key, "to") == 0) free(config.to), config.to = value;
      else free(value);
    } else if (end - p >= 4 && memcmp(p, "true", 4) == 0) {
      p += 4;
      if (strcmp(key, "request") == 0) config.request = true;
      if (strcmp(key, "response") == 0) config.response = true;
    } else if (end - p >= 5 && memcmp(p, "false", 5) == 0) {
      p += 5;
      if (strcmp(key, "request") == 0) config.request = false;
      if (strcmp(key, "response") == 0) config.response = false;
    } else {
      free(key);
      return false; /* numbers, objects, arrays: not part of this format */
    }
    free(key);
    p = skip_ws(p, end);
    if (p < end && *p == ',') p++;
  }
}

/* ---- callbacks ----------------------------------------------------------------------------- */

static void set_defaults(void) {
  free(config.from), config.from = copy_string("hello", 5);
  free(config.to), config.to = copy_string("howdy", 5);
  config.request = false;
  config.response = true;
}

/* A C constructor: the host's call to the reactor export `_initialize` (wasi-libc's
 * crt1-reactor) runs it once, before any proxy_on_* callback. */
__attribute__((constructor)) static void init(void) { set_defaults(); }

PROXY_EXPORT("proxy_on_configure")
uint32_t proxy_on_configure(uint32_t root_context_id, size_t configuration_size) {
  set_defaults(); /* a new configuration starts from the defaults */
  char *text = NULL;
  size_t size = 0;
  if (configuration_size > 0) {
    /* Pointer-to-pointer output: the host calls proxy_on_memory_allocate(size), copies the
     * configuration there and stores the address in `text` and the length in `size`. */
    proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, configuration_size, &text, &size);
  }
  bool ok = parse_config(text ? text : "", text ? text + size : "");
  free(text);
  if (!ok) log_str(LOG_ERROR, "body-rewrite: bad configuration");
  return ok; /* 0 rejects the configuration */
}

static uint32_t on_headers(uint32_t map, bool rewrite) {
  if (rewrite) proxy_remove_header_map_value(map, "content-length", 14);
  return ACTION_CONTINUE;
}

PROXY_EXPORT("proxy_on_request_headers")
uint32_t proxy_on_request_headers(uint32_t context_id, size_t headers, uint32_t end_of_stream) {
  return on_headers(MAP_HTTP_REQUEST_HEADERS, config.request);
}

PROXY_EXPORT("proxy_on_response_headers")
uint32_t proxy_on_response_headers(uint32_t context_id, size_t headers, uint32_t end_of_stream) {
  return on_headers(MAP_HTTP_RESPONSE_HEADERS, config.response);
}

static uint32_t on_body(uint32_t buffer, bool rewrite, size_t body_size, uint32_t end_of_stream) {
  if (!rewrite) return ACTION_CONTINUE;
  if (!end_of_stream) return ACTION_PAUSE; /* keep buffering until the last chunk */

  char *body = NULL;
  size_t size = 0;
  if (body_size == 0 ||
      proxy_get_buffer_bytes(buffer, 0, body_size, &body, &size) != PROXY_OK || size == 0) {
    free(body);
    return ACTION_CONTINUE;
  }

  /* Count matches, then build the new body in one allocation. */
  size_t from_len = strlen(config.from), to_len = strlen(config.to);
  uint32_t count = 0;
  for (size_t i = 0; from_len && i + from_len <= size;) {
    if (memcmp(body + i, config.from, from_len) == 0) count++, i += from_len;
    else i++;
  }
  if (count > 0) {
    size_t new_size = size - count * from_len + count * to_len;
    char *out = malloc(new_size ? new_size : 1), *w = out;
    for (size_t i = 0; i < size;) {
      if (i + from_len <= size && memcmp(body + i, config.from, from_len) == 0) {
        memcpy(w, config.to, to_len), w += to_len, i += from_len;
      } else {
        *w++ = body[i++];
      }
    }
    /* Replace-all: start 0, size = current length. */
    if (proxy_set_buffer_bytes(buffer, 0, size, out, new_size) != PROXY_OK)
      log_str(LOG_ERROR, "body-rewrite: proxy_set_buffer_bytes failed");
    free(out);
  }
  free(body);

  char message[64] = "body-rewrite: ";
  char *w = put_u32(message + strlen(message), count);
  const char *suffix = buffer == BUFFER_HTTP_REQUEST_BODY ? " replacements (request body)"
                                                          : " replacements (response body)";
  memcpy(w, suffix, strlen(suffix) + 1);
  log_str(LOG_INFO, message);
  return ACTION_CONTINUE;
}

PROXY_EXPORT("proxy_on_request_body")
uint32_t proxy_on_request_body(uint32_t context_id, size_t body_size, uint32_t end_of_stream) {
  return on_body(BUFFER_HTTP_REQUEST_BODY, config.request, body_size, end_of_stream);
}

PROXY_EXPORT("proxy_on_response_body")
uint32_t proxy_on_response_body(uint32_t context_id, size_t body_size, uint32_t end_of_stream) {
  return on_body(BUFFER_HTTP_RESPONSE_BODY, config.response, body_size, end_of_stream);
}
